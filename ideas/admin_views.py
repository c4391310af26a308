"""Wagtail admin screens for moderators: the moderation queue (with undelivered emails) and the bulk status change."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import permissions, services
from .models import Comment, Idea, Notification, Report


def _require_moderator(request):
    if not permissions.can_moderate(request.user):
        raise PermissionDenied


@require_http_methods(["GET"])
def moderation_queue(request):
    """Hidden content and open reports, newest first; each row offers restore / keep hidden."""
    _require_moderator(request)
    open_reports = Q(reports__resolution="")
    ideas = (
        Idea.objects.filter(Q(is_hidden=True) | Q(reports__resolution="", reports__comment__isnull=True))
        .annotate(open_reports=Count("reports", filter=open_reports & Q(reports__comment__isnull=True)))
        .select_related("organisation")
        .distinct()
        .order_by("-updated_at")
    )
    comments = (
        Comment.objects.filter(Q(is_hidden=True) | Q(reports__resolution=""))
        .annotate(open_reports=Count("reports", filter=open_reports))
        .select_related("idea", "author")
        .distinct()
        .order_by("-created_at")
    )
    reports = Report.objects.filter(resolution="").select_related("reporter", "idea", "comment")[:200]
    # Emails given up after their retries (hub.mail): the moderator can tell the member another way.
    undelivered = (
        Notification.objects.filter(email_failed_at__isnull=False)
        .select_related("recipient", "idea")
        .order_by("-email_failed_at")[:50]
    )
    return TemplateResponse(
        request,
        "ideas/admin/moderation_queue.html",
        {
            "page_title": _("File de modération des idées"),
            "ideas": ideas,
            "comments": comments,
            "reports": reports,
            "undelivered": undelivered,
        },
    )


@require_POST
def moderation_decide(request, kind, pk):
    _require_moderator(request)
    decision = request.POST.get("decision")
    try:
        if kind == "comment":
            services.moderate(request.user, decision=decision, comment=get_object_or_404(Comment, pk=pk))
        else:
            services.moderate(request.user, decision=decision, idea=get_object_or_404(Idea, pk=pk))
    except services.IdeaActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Décision enregistrée."))
    return redirect("ideas_moderation_queue")


@require_http_methods(["GET", "POST"])
def bulk_status(request):
    """Move several ideas to one status at once; each change is logged and notified like a single one."""
    _require_moderator(request)
    statuses = [c for c in Idea.Status.choices if c[0] != Idea.Status.MERGED]
    if request.method == "POST":
        status = request.POST.get("status", "")
        ids = [i for i in request.POST.getlist("idea") if i.isdigit()]
        if status not in dict(statuses) or not ids:
            messages.error(request, _("Choisissez au moins une idée et un statut."))
            return redirect("ideas_bulk_status")
        changed, refused = 0, []
        for idea in Idea.objects.filter(pk__in=ids):
            try:
                services.set_status(request.user, idea, status, note=request.POST.get("note", ""))
                changed += 1
            except services.IdeaActionError as exc:
                refused.append(f"{idea.title} : {exc.message}")
        messages.success(request, _("%(count)d idée(s) mise(s) à jour.") % {"count": changed})
        for line in refused:
            messages.warning(request, line)
        return redirect("ideas_bulk_status")
    current = request.GET.get("statut", "")
    ideas = Idea.objects.select_related("organisation").exclude(status=Idea.Status.MERGED)
    if current in Idea.Status.values:
        ideas = ideas.filter(status=current)
    return TemplateResponse(
        request,
        "ideas/admin/bulk_status.html",
        {
            "page_title": _("Changement de statut groupé"),
            "ideas": ideas.order_by("-created_at")[:300],
            "statuses": statuses,
            "current": current,
            "all_statuses": Idea.Status.choices,
        },
    )
