"""Finding ideas by their words: the board's `?q=` search and the merge picker, through `search/`.

The search package owns every query; this module only turns its answers (documents carrying the
idea's address) back into idea numbers, in the engine's order.
"""

from urllib.parse import urlparse

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation

from search import services as search_services
from search.queries import SearchParams

MAX_MATCHES = 200  # the board paginates the database rows of the engine's best matches


def _resolve(path):
    """Resolve an address in whichever language prefix it carries (/idees/…, /en/idees/…)."""
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            try:
                return resolve(path)
            except Resolver404:
                continue
    return None


def _idea_pk(url):
    match = _resolve(urlparse(url or "").path)
    if match is None or match.view_name not in ("ideas:detail", "ideas:detail_short"):
        return None
    return match.kwargs.get("pk")


def _pks(results):
    seen = []
    for result in results:
        pk = _idea_pk(result.url)
        if pk is not None and pk not in seen:
            seen.append(pk)
    return seen


def matching_ideas(q, language="fr", limit=MAX_MATCHES):
    """(idea numbers in relevance order, notice or None) for the words `q` (a `SearchAnswer` read back)."""
    params = SearchParams(q=q, filters={"kind": "idea"}, page=1, page_size=limit, language=language)
    answer = search_services.search(params)
    return _pks(answer.results), answer.notice


def similar_to_draft(title, locale="fr"):
    """What the propose form shows under the title, also on its preview step: {"ideas": [...],
    "answers": [...]} (likely duplicates; components and guides that may already answer the need)."""
    text = " ".join((title or "").split())
    if len(text) < 3:
        return {"ideas": [], "answers": []}
    return {
        "ideas": search_services.similar_ideas(text, locale),
        "answers": search_services.similar_answers(text, locale),
    }


def similar_ideas(idea, limit=6):
    """Numbers of the ideas most like this one (suggested duplicates for the merge picker)."""
    text = f"{idea.title} {idea.problem}"
    return [pk for pk in _pks(search_services.similar_ideas(text, idea.locale, limit + 1)) if pk != idea.pk][:limit]
