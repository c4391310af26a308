"""The idea board's cards (templates/includes/card.html): the home page's « Idées en vogue » through
hub.page_sections, and the ideas of an organisation's page (ideas/organisations.py)."""

from django.utils.translation import ngettext

from hub.organisations import card_organisation

from .models import Idea


def trending_section(home, request):
    """The home page's « Idées en vogue » section (registered in ideas/apps.py)."""
    return trending_cards(request)


def trending_cards(request=None, limit=3):
    """The open ideas with the best "hot" score."""
    ideas = (
        Idea.objects.visible()
        .exclude(status__in=Idea.CLOSED_STATUSES)
        .select_related("organisation")
        .order_by("-hot_score", "-pk")[:limit]
    )
    return idea_cards(ideas, request)


def idea_cards(ideas, request=None, name_organisation=True):
    """One card per idea; `name_organisation`: the proposing organisation, linked to its public page
    (left out where the page is that organisation's own). Select the organisation with the ideas."""
    return [
        {
            "title": idea.title,
            "url": idea.get_absolute_url(),
            "summary": idea.problem,
            "kind_label": idea.get_status_display(),
            **(card_organisation(idea.organisation, request) if name_organisation else {}),
            "meta": ngettext("%(count)d vote", "%(count)d votes", idea.vote_count) % {"count": idea.vote_count},
        }
        for idea in ideas
    ]
