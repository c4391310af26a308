"""The dashboard's place in the Wagtail admin: its URLs and its menu item (shown to the two roles only)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from dashboard import views
from dashboard.permissions import can_view_dashboard


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    return [
        path("tableau-de-bord/", views.dashboard, name="dashboard"),
        path("tableau-de-bord/<slug:slug>.csv", views.table_csv, name="dashboard_csv"),
        path("tableau-de-bord/<slug:slug>.svg", views.table_chart, name="dashboard_chart"),
    ]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_dashboard(request.user)


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(_("Tableau de bord du CQEN"), reverse("dashboard"), icon_name="table", order=150)
