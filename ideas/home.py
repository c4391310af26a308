"""The idea board's contribution to the home page, through hub.page_sections."""

from django.utils.translation import ngettext

from .models import Idea


def trending_section(home, request):
    """The home page's « Idées en vogue » section (registered in ideas/apps.py)."""
    return trending_cards()


def trending_cards(limit=3):
    """The open ideas with the best "hot" score, as cards for templates/includes/card.html."""
    ideas = (
        Idea.objects.visible()
        .exclude(status__in=Idea.CLOSED_STATUSES)
        .select_related("organisation")
        .order_by("-hot_score", "-pk")[:limit]
    )
    return [
        {
            "title": idea.title,
            "url": idea.get_absolute_url(),
            "summary": idea.problem,
            "kind_label": idea.get_status_display(),
            "meta": f"{idea.organisation.display_name} · "
            + ngettext("%(count)d vote", "%(count)d votes", idea.vote_count) % {"count": idea.vote_count},
        }
        for idea in ideas
    ]
