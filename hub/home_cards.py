"""Home page cards of the guides and components sections (see templates/includes/card.html), each naming
the organisation that offers it, linked to its public page."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hub.models import ComponentPage, GuidePage
from hub.organisations import card_organisation


def latest_guide_cards(home, request, limit=3):
    """The newest live guides in the home page's language."""
    guides = (
        GuidePage.objects.live()
        .public()
        .filter(locale_id=home.locale_id)
        .select_related("owner_organisation")
        .order_by("-first_published_at")[:limit]
    )
    return [
        {
            "title": guide.title,
            "url": guide.get_url(request),
            "summary": guide.summary,
            "kind_label": _("Guide"),
            **card_organisation(guide.owner_organisation, request),
        }
        for guide in guides
    ]


def most_adopted_component_cards(home, request, limit=3):
    """The live components used by the most organisations, in the home page's language."""
    components = (
        ComponentPage.objects.live()
        .public()
        .filter(locale_id=home.locale_id)
        .select_related("owner_organisation")
        .order_by("-adoption_count", "title")[:limit]
    )
    return [
        {
            "title": component.title,
            "url": component.get_url(request),
            "summary": component.summary,
            "kind_label": component.get_component_type_display(),
            **card_organisation(component.owner_organisation, request),
            "meta": ngettext(
                "%(count)s organisation utilisatrice", "%(count)s organisations utilisatrices", component.adoption_count
            )
            % {"count": component.adoption_count},
        }
        for component in components
    ]
