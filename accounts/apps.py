from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Comptes et vie privée")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import signals  # noqa: F401
        from accounts.invitations import retry_due_invitations
        from accounts.roles import setup_roles
        from hub.bootstrap import register_setup_step
        from hub.mail import register_retry

        register_setup_step(self.label, setup_roles)
        register_retry(retry_due_invitations)
