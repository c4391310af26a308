"""Turning a search answer into what the page shows: labelled facets with toggle links, pages."""

import math

from django.apps import apps
from django.utils.translation import gettext_lazy as _

KIND_LABELS = {"guide": _("Guide"), "component": _("Composante"), "idea": _("Idée"), "page": _("Page")}
FACET_LABELS = {
    "kind": _("Type de contenu"),
    "organisation": _("Organisation"),
    "tag": _("Thème ou technologie"),
    "status": _("Statut de l'idée"),
    "maturity": _("Maturité de la composante"),
    "locale": _("Langue"),
}
LOCALE_LABELS = {"fr": _("Français"), "en": _("Anglais")}


def _choices(label, attribute):
    try:
        model = apps.get_model(label)
    except LookupError:
        return {}
    field = model._meta.get_field(attribute)
    return dict(field.choices or [])


def value_labels(name, values):
    if name == "kind":
        return KIND_LABELS
    if name == "locale":
        return LOCALE_LABELS
    if name == "status":
        return _choices("ideas.Idea", "status")
    if name == "maturity":
        return _choices("hub.ComponentPage", "maturity")
    if name == "organisation":
        from hub.models import Organisation

        return {o.slug: o.display_name for o in Organisation.objects.filter(slug__in=values)}
    return {}


def _query_string(data, **changes):
    """A facet link: the same search narrowed or widened, marked `refine` (not counted again, see
    `search.insight`)."""
    query = data.copy()
    query.pop("page", None)
    query["refine"] = "1"
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode()


def facet_groups(answer, params, data):
    groups = []
    for name, buckets in answer.facets.items():
        if not buckets:
            continue
        labels = value_labels(name, [b.value for b in buckets])
        selected = params.filters.get(name)
        options = [
            {
                "value": b.value,
                "label": labels.get(b.value, b.value),
                "count": b.count,
                "selected": b.value == selected,
                "url": _query_string(data, **{name: None if b.value == selected else b.value}),
            }
            for b in buckets
        ]
        groups.append({"name": name, "label": FACET_LABELS[name], "options": options})
    return groups


def pagination(answer, data):
    pages = max(1, math.ceil(answer.total / answer.page_size))
    page = answer.page

    def url(number):
        query = data.copy()
        query["page"] = number
        query["refine"] = "1"  # the same search, already counted (`search.insight`)
        return "?" + query.urlencode()

    return {
        "current": page,
        "count": pages,
        "previous": url(page - 1) if page > 1 else None,
        "next": url(page + 1) if page < pages else None,
    }
