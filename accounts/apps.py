from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Comptes et vie privée")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import signals  # noqa: F401
        from accounts.roles import setup_roles
        from hub.bootstrap import register_setup_step

        register_setup_step(self.label, setup_roles)
