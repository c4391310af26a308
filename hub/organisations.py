"""Organisations as the public sees them: who takes part in the hub, and what each one brought.

An organisation has a public page once it has at least one live guide or component, one declared
adoption, or (through the registry below) one visible idea or endorsement. The editorial core knows
only its own pages; the idea board registers what it knows in its AppConfig.ready():

    register_participation("ideas", organisations_with_ideas)    # a queryset of organisation ids

Every place that names an organisation links its name to that page when it has one (`public_page_url`,
the template filter `organisation_link`); the set of organisations with a page is read once per request,
from a cache that what changes it forgets (`participating_ids`).

The page itself gathers the organisation's guides, components (owned and adopted) and the sections
other apps add through `hub.page_sections` (place "organisation"). `/bilan/` sums the same facts over
time, from figures each app registers with `register_figure`; neither page names a person.
"""

from collections import OrderedDict

from django.core.cache import cache
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from hub.models import ComponentPage, ComponentUsage, GuidePage, Organisation
from hub.page_sections import generation_key

_PARTICIPATION = OrderedDict()
_FIGURES = OrderedDict()

REPORT_CACHE_SECONDS = 15 * 60
PARTICIPATION_CACHE_SECONDS = 60
REPORT_MONTHS = 12


def register_participation(name, func):
    """`func()` returns organisation ids (a queryset of ids) that take part through an app's own data."""
    _PARTICIPATION[name] = func


def register_figure(name, func):
    """`func(months)` returns {"label", "total", "by_month": {"YYYY-MM": n}} for the hub's public report."""
    _FIGURES[name] = func


def _live_pages(model):
    return model.objects.live().public()


def participating_ids():
    """Ids of the organisations with something public in the hub.

    Every page that names an organisation asks: the answer is kept PARTICIPATION_CACHE_SECONDS in the
    cache, under the page sections' generation, which publishing, unpublishing or moving a page, an
    idea saved, an adoption or an endorsement declared or withdrawn make stale at once
    (`hub.page_sections.forget_cached_sections_once_committed`)."""
    key = generation_key("participating-organisations")
    ids = cache.get(key)
    if ids is None:
        ids = _participating_ids_now()
        cache.set(key, ids, PARTICIPATION_CACHE_SECONDS)
    return ids


def _participating_ids_now():
    ids = set(_live_pages(GuidePage).exclude(owner_organisation=None).values_list("owner_organisation", flat=True))
    ids |= set(_live_pages(ComponentPage).exclude(owner_organisation=None).values_list("owner_organisation", flat=True))
    live_components = _live_pages(ComponentPage).values("translation_key")
    ids |= set(
        ComponentUsage.objects.filter(component__translation_key__in=live_components)
        .values_list("organisation", flat=True)
        .order_by()
        .distinct()
    )
    for func in _PARTICIPATION.values():
        ids |= set(func())
    ids.discard(None)
    return ids


def _participating_ids_of(request):
    """`participating_ids()`, read once per request however many names a page links."""
    if request is None:
        return participating_ids()
    ids = getattr(request, "_hub_participating_organisations", None)
    if ids is None:
        ids = request._hub_participating_organisations = participating_ids()
    return ids


def has_public_page(organisation, request=None):
    return organisation is not None and organisation.pk in _participating_ids_of(request)


def public_page_url(organisation, request=None):
    """The organisation's public page in the active language (/en/... in English), or "" when it has none:
    every place that names an organisation links it with this (templates through `organisation_link`)."""
    return organisation.get_absolute_url() if has_public_page(organisation, request) else ""


def card_organisation(organisation, request=None):
    """The `organisation` and `organisation_url` of a card (templates/includes/card.html); empty for none."""
    if organisation is None:
        return {"organisation": "", "organisation_url": ""}
    return {"organisation": organisation.display_name, "organisation_url": public_page_url(organisation, request)}


def participating_organisations():
    return Organisation.objects.filter(pk__in=participating_ids()).order_by("name")


def _in_language(pages):
    """Pages in the visitor's language; a page not translated yet appears in French rather than not at all."""
    language = translation.get_language() or "fr"
    pages = list(pages.select_related("locale"))
    translated = {page.translation_key for page in pages if page.locale.language_code == language}
    return [
        page
        for page in pages
        if page.locale.language_code == language
        or (page.locale.language_code == "fr" and page.translation_key not in translated)
    ]


def profile(organisation, request):
    """What an organisation's public page shows, in a number of queries that does not grow with the items."""
    from hub.page_sections import sections

    guides = _in_language(
        _live_pages(GuidePage)
        .filter(owner_organisation=organisation)
        .order_by("title")
        .prefetch_related("tagged_themes__tag")
    )
    owned = _in_language(
        _live_pages(ComponentPage)
        .filter(owner_organisation=organisation)
        .select_related("referent__profile")
        .order_by("-adoption_count", "title")
    )
    adopted_keys = ComponentUsage.objects.filter(organisation=organisation).values("component__translation_key")
    adopted = _in_language(
        _live_pages(ComponentPage)
        .filter(translation_key__in=adopted_keys)
        .exclude(owner_organisation=organisation)
        .select_related("owner_organisation")
        .order_by("title")
    )
    return {
        "organisation": organisation,
        "referents": _referents(owned),
        "guides": guides,
        "owned_components": owned,
        "adopted_components": adopted,
        **sections("organisation", organisation, request),
    }


def _referents(components):
    """[(name, component)]: the named referent of each component offered (SILL's « référent »), whom
    visitors reach through the component page's relay form; a removed or inactive account is left out."""
    from accounts.profiles import public_name
    from hub.referents import referent_of

    found = []
    for component in components:
        referent = referent_of(component)
        if referent is not None:
            found.append((public_name(referent), component))
    return found


def months_back(count, now=None):
    """The last `count` months as "YYYY-MM", oldest first, in the hub's time zone (America/Toronto)."""
    now = timezone.localtime(now)
    year, month = now.year, now.month
    months = []
    for _step in range(count):
        months.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def count_by_month(datetimes, months):
    """{month: n} over `months` for a list of aware datetimes (local time); other months are ignored."""
    counts = dict.fromkeys(months, 0)
    for moment in datetimes:
        key = timezone.localtime(moment).strftime("%Y-%m")
        if key in counts:
            counts[key] += 1
    return counts


def _adoption_figure(months):
    reused = (
        ComponentUsage.objects.filter(
            component__translation_key__in=_live_pages(ComponentPage).values("translation_key")
        )
        .exclude(component__owner_organisation=None)
        .exclude(organisation=F("component__owner_organisation"))
    )
    return {
        "label": _("Adoptions de composantes par d'autres organisations"),
        "total": reused.count(),
        "by_month": count_by_month(reused.values_list("created_at", flat=True), months),
    }


def _participation_figure(months):
    return {"label": _("Organisations participantes"), "total": len(participating_ids()), "by_month": None}


def _guide_figure(months):
    guides = _live_pages(GuidePage).filter(locale=Locale.get_default())
    return {
        "label": _("Guides publiés"),
        "total": guides.count(),
        "by_month": count_by_month(
            guides.exclude(first_published_at=None).values_list("first_published_at", flat=True), months
        ),
    }


register_figure("organisations", _participation_figure)
register_figure("guides", _guide_figure)
register_figure("adoptions", _adoption_figure)


def public_report(now=None):
    """The « Bilan du hub » figures, cached per language; aggregates only, never a person."""
    language = translation.get_language() or "fr"
    key = f"hub:public-report:{language}"
    report = cache.get(key)
    if report is None:
        months = months_back(REPORT_MONTHS, now)
        report = {"months": months, "figures": [func(months) for func in _FIGURES.values()]}
        cache.set(key, report, REPORT_CACHE_SECONDS)
    return report
