"""`manage.py send_digests`: the daily digest of the idea board, sent now with its progress shown
(`--enqueue`: handed to the task worker instead)."""

from django.core.management.base import BaseCommand

from hub.progress import add_progress_argument, command_progress
from ideas.notifications import send_digests
from ideas.tasks import send_daily_digests


class Command(BaseCommand):
    help = "Envoie le résumé quotidien des notifications du tableau des idées (à lancer une fois par jour)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Confier l'envoi au service de tâches au lieu de l'attendre."
        )
        add_progress_argument(parser)

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = send_daily_digests.enqueue()
            self.stdout.write(f"Résumé quotidien : tâche {result.id} ({result.status}).")
            return
        sent = send_digests(progress=command_progress(self, options))
        if options["verbosity"]:
            self.stdout.write(f"Résumé quotidien : {sent} membre(s).")
