from django.core.management.base import BaseCommand

from search.insight import RETENTION_MONTHS
from search.tasks import purge_search_insight


class Command(BaseCommand):
    help = (
        f"Met en file la suppression des comptes de recherches de plus de {RETENTION_MONTHS} mois "
        "(à lancer une fois par jour)."
    )

    def handle(self, *args, **options):
        result = purge_search_insight.enqueue()
        self.stdout.write(f"Comptes de recherches expirés : tâche {result.id} ({result.status}).")
