"""The idea board's part of an organisation's public page and of the hub's public report.

Registered in ideas/apps.py through `hub.organisations` and `hub.page_sections`: the editorial core
never imports the idea board.
"""

from django.utils.translation import gettext as _

from hub.organisations import count_by_month

from .home import idea_cards
from .models import Endorsement, Idea, StatusChange


def organisations_with_ideas():
    """Organisations that proposed a visible idea or endorse one."""
    proposing = Idea.objects.visible().values_list("organisation", flat=True).order_by().distinct()
    endorsing = Endorsement.objects.filter(idea__is_hidden=False).values_list("organisation", flat=True)
    endorsing = endorsing.order_by().distinct()
    return set(proposing) | set(endorsing)


def ideas_proposed(organisation, request):
    ideas = Idea.objects.visible().filter(organisation=organisation).order_by("-created_at")
    return idea_cards(ideas, request, name_organisation=False)


def ideas_endorsed(organisation, request):
    """The ideas it endorses, each naming the organisation that proposed it."""
    ideas = (
        Idea.objects.visible()
        .filter(endorsements__organisation=organisation)
        .select_related("organisation")
        .order_by("-created_at")
        .distinct()
    )
    return idea_cards(ideas, request)


def realised_figure(months):
    """Ideas that reached « Réalisée », by the month they did (first time only)."""
    realised = {}
    for idea_id, moment in (
        StatusChange.objects.filter(to_status=Idea.Status.DONE, idea__is_hidden=False)
        .order_by("created_at")
        .values_list("idea_id", "created_at")
    ):
        realised.setdefault(idea_id, moment)
    still_done = set(Idea.objects.visible().filter(status=Idea.Status.DONE).values_list("pk", flat=True))
    moments = [moment for idea_id, moment in realised.items() if idea_id in still_done]
    return {"label": _("Idées réalisées"), "total": len(still_done), "by_month": count_by_month(moments, months)}


def proposed_figure(months):
    ideas = Idea.objects.visible()
    return {
        "label": _("Idées proposées"),
        "total": ideas.count(),
        "by_month": count_by_month(ideas.values_list("created_at", flat=True), months),
    }
