from django.core.management.base import BaseCommand

from ideas.tasks import send_daily_digests


class Command(BaseCommand):
    help = (
        "Met en file l'envoi du résumé quotidien des notifications du tableau des idées (à lancer une fois par jour)."
    )

    def handle(self, *args, **options):
        result = send_daily_digests.enqueue()
        self.stdout.write(f"Résumé quotidien : tâche {result.id} ({result.status}).")
