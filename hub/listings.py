"""Filtering, sorting and pagination of the guide index and the component catalogue, declared per listing.

Each catalogue index (hub.models.catalogue.CatalogueIndexPage) names its `Listing`: the pages it
lists, its filters, its sorts and the words of its one shared template
(templates/hub/catalogue_index_page.html). Plain GET parameters, so every listing works without
JavaScript and its URL can be shared. "pertinence" only means something with a text filter `q`: a
title match ranks before a summary match. Without `q`, the catalogue's default order is the most
adopted first, then the most recent; obsolete components always come last in the default order.
The number of queries does not depend on the number of listed items.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from hub.licences import SPDX_LICENCES, licence_name
from hub.models import (
    Audience,
    ComponentPage,
    ComponentType,
    GuidePage,
    Maturity,
    Organisation,
    Technology,
    Theme,
)

PER_PAGE = 12
MAX_QUERY_LENGTH = 200

GUIDE_SORTS = [("pertinence", _("Pertinence")), ("recent", _("Plus récents")), ("nom", _("Nom"))]
COMPONENT_SORTS = GUIDE_SORTS + [("adoption", _("Plus adoptées"))]


@dataclass(frozen=True)
class Filter:
    """One <select> of a listing: its GET name, the field it filters on and where its options come from.

    `options(queryset)` gives [(value, label)] for the listed pages; `accepts` the values taken from
    the URL (by default, the options' values: anything else is ignored, never an error).
    """

    name: str
    label: str
    all_label: str
    lookup: str
    options: Callable
    accepts: frozenset | None = None


def _tags(tag_model, related):
    return lambda queryset: [
        (tag.slug, tag.name)
        for tag in tag_model.objects.filter(**{f"{related}__content_object__in": queryset}).distinct().order_by("name")
    ]


def _organisations(related):
    return lambda queryset: [
        (organisation.slug, organisation.display_name)
        for organisation in Organisation.objects.filter(**{f"{related}__in": queryset}).distinct().order_by("name")
    ]


def _fixed(choices):
    return lambda queryset: list(choices)


def _licences(queryset):
    used = set(queryset.values_list("licence", flat=True))
    return sorted(((spdx_id, licence_name(spdx_id)) for spdx_id in used), key=lambda pair: str(pair[1]).casefold())


def organisation_filter(related):
    return Filter(
        "organisation",
        _("Organisation"),
        _("Toutes les organisations"),
        "owner_organisation__slug",
        _organisations(related),
    )


def _clean(request, name, allowed=None):
    value = (request.GET.get(name) or "").strip()[:MAX_QUERY_LENGTH]
    if allowed is not None and value not in allowed:
        return ""
    return value


def _search(queryset, q):
    if not q:
        return queryset
    return queryset.filter(Q(title__icontains=q) | Q(summary__icontains=q)).annotate(
        title_match=Case(When(title__icontains=q, then=Value(0)), default=Value(1), output_field=IntegerField())
    )


def sort_by_date(queryset, sort, q):
    if sort == "nom":
        return queryset.order_by("title", "pk")
    if sort == "adoption":
        return queryset.order_by("-adoption_count", "title", "pk")
    if sort == "pertinence" and q:
        return queryset.order_by("title_match", "-first_published_at", "pk")
    return queryset.order_by("-first_published_at", "pk")


def sort_by_adoption(queryset, sort, q):
    """The catalogue's default order: obsolete last, then the best match, the most adopted, the most recent."""
    if sort != "pertinence":
        return sort_by_date(queryset, sort, q)
    obsolete_last = Case(When(maturity=Maturity.OBSOLETE, then=Value(1)), default=Value(0), output_field=IntegerField())
    queryset = queryset.annotate(obsolete_last=obsolete_last)
    relevance = ["title_match"] if q else []
    return queryset.order_by("obsolete_last", *relevance, "-adoption_count", "-first_published_at", "pk")


def _paginate(request, queryset):
    paginator = Paginator(queryset, PER_PAGE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def _query_string(filters):
    """The active filters, for pagination links (without `page`)."""
    return urlencode({key: value for key, value in filters.items() if value})


@dataclass(frozen=True)
class Listing:
    """What a catalogue index lists and how: declared once per index, rendered by one template."""

    do_not_call_in_templates = True  # templates read its texts; only the index page calls it

    model: type
    filters: tuple
    sorts: list
    sort: Callable
    prefetch: str
    card_template: str
    body_class: str
    filter_label: str
    empty_text: str
    follow_text: str
    rss_title: str
    atom_title: str
    count_text: str  # lazy plural with a "counter" key: count_text % {"counter": 3} -> "3 guides"
    actions_template: str = ""

    def __call__(self, index_page, request):
        queryset = self.model.objects.live().public().child_of(index_page)
        filters, fields = {"q": _clean(request, "q")}, []
        for item in self.filters:
            options = item.options(queryset)
            accepts = item.accepts if item.accepts is not None else {value for value, _label in options}
            filters[item.name] = _clean(request, item.name, accepts)
            fields.append({"name": item.name, "label": item.label, "all_label": item.all_label, "options": options})
        filters["sort"] = _clean(request, "sort", {key for key, _label in self.sorts}) or "pertinence"
        for item in self.filters:
            if filters[item.name]:
                queryset = queryset.filter(**{item.lookup: filters[item.name]})
        queryset = _search(queryset, filters["q"])
        queryset = self.sort(queryset, filters["sort"], filters["q"]).select_related("owner_organisation")
        page = _paginate(request, queryset.prefetch_related(self.prefetch))
        for field in fields:
            field["current"] = filters[field["name"]]
        return {
            "listing": self,
            "results": page,
            "result_count": page.paginator.count,
            "result_count_text": self.count_text % {"counter": page.paginator.count},
            "filters": filters,
            "filter_fields": fields,
            "query_string": _query_string(filters),
            "sort_options": self.sorts,
            "has_filters": any(value for key, value in filters.items() if key != "sort"),
        }


GUIDES = Listing(
    model=GuidePage,
    filters=(
        Filter("theme", _("Thème"), _("Tous les thèmes"), "tagged_themes__tag__slug", _tags(Theme, "tagged_guides")),
        Filter("audience", _("Public cible"), _("Tous les publics"), "audience", _fixed(Audience.choices)),
        organisation_filter("guides"),
    ),
    sorts=GUIDE_SORTS,
    sort=sort_by_date,
    prefetch="tagged_themes__tag",
    card_template="hub/includes/guide_card.html",
    body_class="guide-index",
    filter_label=_("Filtrer les guides"),
    empty_text=_("Aucun guide ne correspond à ces critères."),
    follow_text=_("Suivre les nouveaux guides :"),
    rss_title=_("Nouveaux guides (RSS)"),
    atom_title=_("Nouveaux guides (Atom)"),
    count_text=ngettext_lazy("%(counter)s guide", "%(counter)s guides", "counter"),
)

COMPONENTS = Listing(
    model=ComponentPage,
    filters=(
        Filter("type", _("Type"), _("Tous les types"), "component_type", _fixed(ComponentType.choices)),
        Filter("maturity", _("Maturité"), _("Toutes les maturités"), "maturity", _fixed(Maturity.choices)),
        Filter(
            "licence", _("Licence"), _("Toutes les licences"), "licence", _licences, accepts=frozenset(SPDX_LICENCES)
        ),
        Filter(
            "technology",
            _("Technologie"),
            _("Toutes les technologies"),
            "tagged_technologies__tag__slug",
            _tags(Technology, "tagged_components"),
        ),
        organisation_filter("components"),
    ),
    sorts=COMPONENT_SORTS,
    sort=sort_by_adoption,
    prefetch="tagged_technologies__tag",
    card_template="hub/includes/component_card.html",
    body_class="component-index",
    filter_label=_("Filtrer les composantes"),
    empty_text=_("Aucune composante ne correspond à ces critères."),
    follow_text=_("Suivre les nouvelles composantes :"),
    rss_title=_("Nouvelles composantes (RSS)"),
    atom_title=_("Nouvelles composantes (Atom)"),
    count_text=ngettext_lazy("%(counter)s composante", "%(counter)s composantes", "counter"),
    actions_template="hub/includes/component_index_actions.html",
)

LISTINGS = {"guides": GUIDES, "composantes": COMPONENTS}
