"""Mail servers that fail on purpose, for the tests of emails sent again later (hub.mail)."""

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend


class FlakyMailServer(EmailBackend):
    """Refuses the next `failures` sends (every send while `failures` is None), then delivers to
    `mail.outbox` like the locmem backend."""

    failures = 0
    refused = 0

    def send_messages(self, messages):
        cls = type(self)
        if cls.failures is None or cls.failures > 0:
            if cls.failures is not None:
                cls.failures -= 1
            cls.refused += 1
            raise ConnectionRefusedError("Serveur de courriel indisponible (test)")
        return super().send_messages(messages)


def flaky_mail_server(settings, failures):
    """Point Django at FlakyMailServer, refusing `failures` sends (None: all of them)."""
    settings.EMAIL_BACKEND = f"{__name__}.FlakyMailServer"
    FlakyMailServer.failures = failures
    FlakyMailServer.refused = 0
    mail.outbox = []
    return FlakyMailServer
