from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The « Tableau de bord du CQEN »: figures read from every app, shown in the Wagtail admin."""

    name = "dashboard"
    verbose_name = _("Tableau de bord du CQEN")
