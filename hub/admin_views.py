"""Editors' and administrators' admin screens: stale guides, satisfaction per page, publiccode.yml import,
membership requests."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from hub import membership
from hub.forms import PubliccodeUploadForm
from hub.models import ComponentIndexPage, ComponentPage, GuidePage, MembershipRequest, PageFeedback
from hub.models.guides import REVIEW_AFTER
from hub.publiccode import PubliccodeError, apply_publiccode, create_component_from_publiccode


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def stale_guides():
    """Live guides whose content was not reviewed in the last 12 months (or never), oldest first."""
    cutoff = timezone.localdate() - REVIEW_AFTER
    never_reviewed_old = Q(last_reviewed__isnull=True, first_published_at__date__lt=cutoff)
    return (
        GuidePage.objects.live()
        .filter(Q(last_reviewed__lt=cutoff) | never_reviewed_old)
        .select_related("owner_organisation", "locale")
        .order_by("last_reviewed", "first_published_at")
    )


class StaleGuidesReport(ReportView):
    """Guides to review: listed for editors, exportable to CSV/XLSX."""

    page_title = gettext_lazy("Guides à réviser")
    header_icon = "time"
    index_url_name = "hub_stale_guides"
    index_results_url_name = "hub_stale_guides_results"
    permission_policy = ModelPermissionPolicy(PageFeedback)
    permission_required = "view"
    model = GuidePage
    columns = [
        TitleColumn("title", label=gettext_lazy("Guide"), get_url=_edit_url),
        Column("locale", label=gettext_lazy("Langue"), accessor="locale.language_code"),
        Column("owner_organisation", label=gettext_lazy("Organisation responsable")),
        DateColumn("last_reviewed", label=gettext_lazy("Dernière révision")),
        DateColumn("last_published_at", label=gettext_lazy("Dernière publication")),
    ]
    list_export = ["title", "locale.language_code", "owner_organisation", "last_reviewed", "last_published_at"]
    export_headings = {
        "title": gettext_lazy("Guide"),
        "locale.language_code": gettext_lazy("Langue"),
        "owner_organisation": gettext_lazy("Organisation responsable"),
        "last_reviewed": gettext_lazy("Dernière révision"),
        "last_published_at": gettext_lazy("Dernière publication"),
    }

    def get_filename(self):
        return f"guides-a-reviser-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return stale_guides()


def satisfaction_by_page():
    """Pages with feedback, with their counts and satisfaction rate (useful / answers)."""
    pages = (
        Page.objects.annotate(
            useful=Count("feedback", filter=Q(feedback__kind=PageFeedback.Kind.USEFUL)),
            not_useful=Count("feedback", filter=Q(feedback__kind=PageFeedback.Kind.NOT_USEFUL)),
            problems=Count("feedback", filter=Q(feedback__kind=PageFeedback.Kind.PROBLEM)),
        )
        .filter(Q(useful__gt=0) | Q(not_useful__gt=0) | Q(problems__gt=0))
        .order_by("title")
    )
    for page in pages:
        answers = page.useful + page.not_useful
        page.satisfaction = f"{round(100 * page.useful / answers)} %" if answers else "—"
        yield page


class SatisfactionReport(ReportView):
    """ "Cette page vous a-t-elle été utile ?": per-page satisfaction rate, exportable to CSV."""

    page_title = gettext_lazy("Satisfaction par page")
    header_icon = "comment"
    index_url_name = "hub_satisfaction"
    index_results_url_name = "hub_satisfaction_results"
    permission_policy = ModelPermissionPolicy(PageFeedback)
    permission_required = "view"
    model = Page
    columns = [
        TitleColumn("title", label=gettext_lazy("Page"), get_url=_edit_url),
        Column("useful", label=gettext_lazy("Utile")),
        Column("not_useful", label=gettext_lazy("Pas utile")),
        Column("satisfaction", label=gettext_lazy("Taux de satisfaction")),
        Column("problems", label=gettext_lazy("Problèmes signalés")),
    ]
    list_export = ["title", "useful", "not_useful", "satisfaction", "problems"]
    export_headings = {
        "title": gettext_lazy("Page"),
        "useful": gettext_lazy("Utile"),
        "not_useful": gettext_lazy("Pas utile"),
        "satisfaction": gettext_lazy("Taux de satisfaction"),
        "problems": gettext_lazy("Problèmes signalés"),
    }

    def get_filename(self):
        return f"satisfaction-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return list(satisfaction_by_page())


def _publiccode_upload(request, page, write, success_message, **context):
    """The publiccode.yml upload form: `write(content)` returns the draft page, or raises PubliccodeError
    with one error per field (a 400 that keeps the form); on success, the editor lands on the draft."""
    form = PubliccodeUploadForm()
    errors, status = [], 200
    if request.method == "POST":
        form = PubliccodeUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                draft = write(form.cleaned_data["file"].read())
            except PubliccodeError as exc:
                errors, status = exc.errors, 400
            else:
                messages.success(request, success_message % {"title": draft.title})
                return redirect("wagtailadmin_pages:edit", draft.pk)
        else:
            status = 400
    return TemplateResponse(
        request,
        "hub/admin/publiccode_form.html",
        {"page": page, "form": form, "errors": errors, "header_icon": "upload", **context},
        status=status,
    )


def import_publiccode(request, page_id):
    """Upload a publiccode.yml: its metadata go into a new draft revision of the component."""
    component = get_object_or_404(ComponentPage, pk=page_id)
    if not component.permissions_for_user(request.user).can_edit():
        raise PermissionDenied

    def write(content):
        apply_publiccode(component, content, user=request.user)
        return component

    return _publiccode_upload(
        request,
        component,
        write,
        _("Métadonnées importées dans un brouillon de « %(title)s » : vérifiez-les puis soumettez."),
    )


def create_from_publiccode(request, index_id):
    """Upload a publiccode.yml under the catalogue: it creates a new draft component (never published)."""
    index = get_object_or_404(ComponentIndexPage, pk=index_id)
    if not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    return _publiccode_upload(
        request,
        index,
        lambda content: create_component_from_publiccode(index, content, user=request.user),
        _("Brouillon « %(title)s » créé à partir du fichier : vérifiez-le puis soumettez-le."),
        creating=True,
    )


@require_http_methods(["GET"])
def membership_requests(request):
    """The approval queue: members asking to act for an organisation outside their email's domain."""
    if not membership.can_decide_memberships(request.user):
        raise PermissionDenied
    pending = MembershipRequest.objects.filter(decision=MembershipRequest.Decision.PENDING).select_related(
        "user", "organisation"
    )
    decided = MembershipRequest.objects.exclude(decision=MembershipRequest.Decision.PENDING).select_related(
        "user", "organisation", "decided_by"
    )[:50]
    return TemplateResponse(
        request,
        "hub/admin/membership_requests.html",
        {"page_title": _("Demandes d'adhésion aux organisations"), "pending": pending, "decided": decided},
    )


@require_POST
def membership_decide(request, pk):
    if not membership.can_decide_memberships(request.user):
        raise PermissionDenied
    item = get_object_or_404(MembershipRequest, pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        membership.decide(request.user, item, approve=approve)
    except membership.MembershipError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Demande approuvée.") if approve else _("Demande refusée."))
    return redirect("hub_membership_requests")
