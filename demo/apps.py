from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo content on top of the bootstrap (`load_demo`). Installed in dev and tests, never in production."""

    name = "demo"
    verbose_name = _("Démonstration")
