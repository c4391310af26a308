"""Filtering, sorting and pagination of the guide index and the component catalogue.

Plain GET parameters, so every listing works without JavaScript and its URL can be shared.
"pertinence" only means something with a text filter `q`: a title match ranks before a summary
match. Without `q`, the catalogue's default order is the most adopted first, then the most recent;
obsolete components always come last in the default order. The number of queries does not depend
on the number of listed items.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

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


def _sort(queryset, sort, q):
    if sort == "nom":
        return queryset.order_by("title", "pk")
    if sort == "adoption":
        return queryset.order_by("-adoption_count", "title", "pk")
    if sort == "pertinence" and q:
        return queryset.order_by("title_match", "-first_published_at", "pk")
    return queryset.order_by("-first_published_at", "pk")


def _sort_components(queryset, sort, q):
    """The catalogue's default order: obsolete last, then the best match, the most adopted, the most recent."""
    if sort != "pertinence":
        return _sort(queryset, sort, q)
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


def guide_listing(index_page, request):
    queryset = GuidePage.objects.live().public().child_of(index_page)
    organisations = Organisation.objects.filter(guides__in=queryset).distinct().order_by("name")
    themes = Theme.objects.filter(tagged_guides__content_object__in=queryset).distinct().order_by("name")
    filters = {
        "q": _clean(request, "q"),
        "theme": _clean(request, "theme", {theme.slug for theme in themes}),
        "audience": _clean(request, "audience", set(Audience.values)),
        "organisation": _clean(request, "organisation", {org.slug for org in organisations}),
        "sort": _clean(request, "sort", {key for key, _label in GUIDE_SORTS}) or "pertinence",
    }
    if filters["theme"]:
        queryset = queryset.filter(tagged_themes__tag__slug=filters["theme"])
    if filters["audience"]:
        queryset = queryset.filter(audience=filters["audience"])
    if filters["organisation"]:
        queryset = queryset.filter(owner_organisation__slug=filters["organisation"])
    queryset = _search(queryset, filters["q"])
    queryset = _sort(queryset, filters["sort"], filters["q"]).select_related("owner_organisation")
    page = _paginate(request, queryset.prefetch_related("tagged_themes__tag"))
    return {
        "results": page,
        "result_count": page.paginator.count,
        "filters": filters,
        "query_string": _query_string(filters),
        "sort_options": GUIDE_SORTS,
        "theme_options": themes,
        "audience_options": Audience.choices,
        "organisation_options": organisations,
        "has_filters": any(filters[key] for key in ("q", "theme", "audience", "organisation")),
    }


def component_listing(index_page, request):
    queryset = ComponentPage.objects.live().public().child_of(index_page)
    organisations = Organisation.objects.filter(components__in=queryset).distinct().order_by("name")
    technologies = Technology.objects.filter(tagged_components__content_object__in=queryset).distinct().order_by("name")
    licences = sorted(set(queryset.values_list("licence", flat=True)))
    filters = {
        "q": _clean(request, "q"),
        "type": _clean(request, "type", set(ComponentType.values)),
        "maturity": _clean(request, "maturity", set(Maturity.values)),
        "licence": _clean(request, "licence", set(SPDX_LICENCES)),
        "technology": _clean(request, "technology", {tech.slug for tech in technologies}),
        "organisation": _clean(request, "organisation", {org.slug for org in organisations}),
        "sort": _clean(request, "sort", {key for key, _label in COMPONENT_SORTS}) or "pertinence",
    }
    if filters["type"]:
        queryset = queryset.filter(component_type=filters["type"])
    if filters["maturity"]:
        queryset = queryset.filter(maturity=filters["maturity"])
    if filters["licence"]:
        queryset = queryset.filter(licence=filters["licence"])
    if filters["technology"]:
        queryset = queryset.filter(tagged_technologies__tag__slug=filters["technology"])
    if filters["organisation"]:
        queryset = queryset.filter(owner_organisation__slug=filters["organisation"])
    queryset = _search(queryset, filters["q"])
    queryset = _sort_components(queryset, filters["sort"], filters["q"]).select_related("owner_organisation")
    page = _paginate(request, queryset.prefetch_related("tagged_technologies__tag"))
    return {
        "results": page,
        "result_count": page.paginator.count,
        "filters": filters,
        "query_string": _query_string(filters),
        "sort_options": COMPONENT_SORTS,
        "type_options": ComponentType.choices,
        "maturity_options": Maturity.choices,
        "licence_options": sorted(
            ((spdx_id, licence_name(spdx_id)) for spdx_id in licences), key=lambda pair: str(pair[1]).casefold()
        ),
        "technology_options": technologies,
        "organisation_options": organisations,
        "has_filters": any(filters[key] for key in ("q", "type", "maturity", "licence", "technology", "organisation")),
    }
