from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Tableau des idées")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers

        receivers.connect()
        try:
            from hub.importer import register_kind
        except ImportError:  # the importer is optional
            return
        from .importer import validate_idea, write_idea

        register_kind("idea", validate_idea, write_idea)
