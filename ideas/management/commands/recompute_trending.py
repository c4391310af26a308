from django.core.management.base import BaseCommand

from ideas.tasks import recompute_trending_scores


class Command(BaseCommand):
    help = "Met en file le recalcul des scores de tendance du tableau des idées (à lancer toutes les heures)."

    def handle(self, *args, **options):
        result = recompute_trending_scores.enqueue()
        self.stdout.write(f"Scores de tendance : tâche {result.id} ({result.status}).")
