"""Send again the emails whose next try is due (hub.mail); for cron, or by hand after a mail server outage."""

from django.core.management.base import BaseCommand

from hub.mail import retry_emails


class Command(BaseCommand):
    help = "Renvoie les courriels (notifications, invitations) dont le nouvel essai est dû."

    def handle(self, *args, **options):
        result = retry_emails.call()
        self.stdout.write(f"Courriels renvoyés : {result['sent']} ; toujours en échec : {result['failed']}.")
