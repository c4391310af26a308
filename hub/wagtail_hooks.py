"""Admin for guides and components: feedback, reports, stale-guide panel, publiccode.yml import."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from hub import admin_views
from hub.models import ComponentIndexPage, ComponentPage, PageFeedback
from hub.page_creation import HubPageViewSet


class PageFeedbackViewSet(ModelViewSet):
    """Every answer and report, filterable, exportable to CSV/XLSX."""

    model = PageFeedback
    icon = "comment"
    menu_label = _("Rétroactions")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["page", "kind", "message", "language", "created_at"]
    list_filter = ["kind", "language"]
    list_export = ["page", "kind", "message", "language", "created_at"]
    export_filename = "retroactions"
    form_fields = ["kind", "message"]
    inspect_view_enabled = True
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return PageFeedbackViewSet("retroactions")


@hooks.register("register_admin_viewset")
def register_page_viewset():
    """Replaces Wagtail's default page viewset (registered with order -1): see hub.page_creation."""
    return HubPageViewSet()


@hooks.register("register_admin_urls")
def register_guides_admin_urls():
    return [
        path("guides-a-reviser/", admin_views.StaleGuidesReport.as_view(), name="hub_stale_guides"),
        path(
            "guides-a-reviser/resultats/",
            admin_views.StaleGuidesReport.as_view(results_only=True),
            name="hub_stale_guides_results",
        ),
        path("satisfaction/", admin_views.SatisfactionReport.as_view(), name="hub_satisfaction"),
        path(
            "satisfaction/resultats/",
            admin_views.SatisfactionReport.as_view(results_only=True),
            name="hub_satisfaction_results",
        ),
        path("demandes-adhesion/", admin_views.membership_requests, name="hub_membership_requests"),
        path("demandes-adhesion/<int:pk>/", admin_views.membership_decide, name="hub_membership_decide"),
        path(
            "composantes/<int:page_id>/publiccode/",
            admin_views.import_publiccode,
            name="hub_import_publiccode",
        ),
        path(
            "composantes/<int:index_id>/publiccode/nouvelle/",
            admin_views.create_from_publiccode,
            name="hub_create_from_publiccode",
        ),
    ]


class FeedbackPermissionMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("hub.view_pagefeedback")


@hooks.register("register_reports_menu_item")
def register_stale_guides_report():
    return FeedbackPermissionMenuItem(_("Guides à réviser"), reverse("hub_stale_guides"), icon_name="time", order=700)


@hooks.register("register_reports_menu_item")
def register_satisfaction_report():
    return FeedbackPermissionMenuItem(
        _("Satisfaction par page"), reverse("hub_satisfaction"), icon_name="comment", order=710
    )


class MembershipMenuItem(MenuItem):
    def is_shown(self, request):
        from hub.membership import can_decide_memberships

        return can_decide_memberships(request.user)


@hooks.register("register_admin_menu_item")
def register_membership_requests_menu_item():
    return MembershipMenuItem(
        _("Demandes d'adhésion"), reverse("hub_membership_requests"), icon_name="group", order=320
    )


class StaleGuidesPanel(Component):
    """Dashboard panel: the guides whose last review is more than 12 months old."""

    name = "hub_stale_guides"
    order = 150
    template_name = "hub/admin/stale_guides_panel.html"

    def get_context_data(self, parent_context=None):
        guides = admin_views.stale_guides()
        return {"guides": guides[:5], "count": guides.count()}


@hooks.register("construct_homepage_panels")
def add_stale_guides_panel(request, panels):
    if request.user.has_perm("hub.view_pagefeedback"):
        panels.append(StaleGuidesPanel())


@hooks.register("register_page_header_buttons")
def publiccode_button(page, user, view_name, next_url=None):
    if page.specific_class is ComponentPage and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Importer un publiccode.yml"),
            reverse("hub_import_publiccode", args=[page.pk]),
            icon_name="upload",
            priority=90,
        )
    if page.specific_class is ComponentIndexPage and page.permissions_for_user(user).can_add_subpage():
        yield Button(
            _("Nouvelle composante depuis un publiccode.yml"),
            reverse("hub_create_from_publiccode", args=[page.pk]),
            icon_name="upload",
            priority=90,
        )
