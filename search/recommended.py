"""Recommended results (« Résultats recommandés »): what editors pin for a query.

An editor pins a guide, a component or an idea for a query (`RecommendedResult`); the search page
and the API show it first, marked `recommended`, on either engine, and the engine leaves it out
of its own list (`SearchParams.pinned`) so that it never appears twice. The query is matched
folded and whole (« Signature Électronique » = « signature electronique »). What is shown is
read through the search kinds (`search.documents`), the same rule as indexing: an unpublished or
private page, a hidden idea is never shown, whatever an editor pinned.
"""

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext as _

from search.answers import Hit
from search.documents import kind_for_object, kind_named
from search.models import RecommendedResult
from search.queries import FACET_FIELDS
from search.text import fold_query

MAX_PER_QUERY = 5


def target(recommendation):
    """(search kind or None, object id) of what a recommendation points to."""
    if recommendation.page_id:
        return kind_for_object(recommendation.page), recommendation.page_id
    return kind_named("idea"), recommendation.idea_number


def validate(recommendation):
    """Raise ValidationError unless the recommendation points to exactly one searchable thing."""
    has_page, has_idea = recommendation.page_id is not None, recommendation.idea_number is not None
    if has_page == has_idea:
        message = _("Choisissez une page ou indiquez le numéro d'une idée : l'un des deux, pas les deux.")
        raise ValidationError({"page": message, "idea_number": message})
    if not fold_query(recommendation.query):
        raise ValidationError({"query": _("Indiquez la recherche pour laquelle ce résultat est recommandé.")})
    kind, object_id = target(recommendation)
    if has_page and (kind is None or kind.name not in ("guide", "component")):
        raise ValidationError({"page": _("Seuls un guide ou une composante peuvent être recommandés.")})
    if has_idea and (kind is None or not kind.model.objects.filter(pk=object_id).exists()):
        raise ValidationError({"idea_number": _("Aucune idée ne porte ce numéro.")})


def _matches_filters(document, filters):
    for name, value in filters.items():
        held = document.get(FACET_FIELDS[name])
        if (value not in held) if isinstance(held, list) else (held != value):
            return False
    return True


def _hit(document):
    return Hit(
        kind=document["kind"],
        title=document["title"],
        url=document["url"],
        slug=document["slug"],
        locale=document["locale"],
        summary=document["summary"],
        status=document["status"],
        maturity=document["maturity"],
        votes=document["votes"],
        adoptions=document["adoptions"],
        organisation=document["organisation"],
        recommended=True,
        title_html=escape(document["title"]),
    )


def recommended_for(params):
    """[(doc_id, Hit)]: the recommended results of `params.q` a reader may see, in the editors'
    order, within the search's filters."""
    q = fold_query(params.q)
    if not q:
        return []
    found = []
    for recommendation in RecommendedResult.objects.filter(query_folded=q).select_related("page")[:MAX_PER_QUERY]:
        kind, object_id = target(recommendation)
        obj = kind.get(object_id) if kind is not None else None  # live, public, not hidden
        if obj is None:
            continue
        document = kind.document(obj)
        if document["doc_id"] not in {doc_id for doc_id, _hit in found} and _matches_filters(document, params.filters):
            found.append((document["doc_id"], _hit(document)))
    return found
