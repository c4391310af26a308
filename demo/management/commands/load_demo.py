"""`manage.py load_demo`: the bootstrap, then the demo content on top. Idempotent.

Refused unless DEBUG is on (or `--force-demo`): the demo creates accounts with a public
password, never something a shared or public server should hold.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import accounts, catalogue, ideas, organisations, search
from hub.bootstrap import run_setup
from hub.progress import add_progress_argument, command_progress

# Each step adds one feature's demo content, in dependency order.
DEMO_STEPS = [organisations.load, accounts.load, catalogue.load, ideas.load, search.load]


class Command(BaseCommand):
    help = (
        "Met en place l'instance (comme setup_hub) puis charge le contenu de démonstration (idempotent). "
        "Refusé hors du mode DEBUG, sauf avec --force-demo."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force-demo",
            action="store_true",
            help="Charger la démonstration même sans DEBUG (serveur de test local seulement).",
        )
        add_progress_argument(parser)

    def handle(self, *args, force_demo=False, **options):
        if not settings.DEBUG and not force_demo:
            raise CommandError(
                "Refusé : la démonstration crée des comptes au mot de passe public. Elle ne se charge qu'en mode "
                "DEBUG (développement) ; pour un serveur de test local seulement, ajoutez --force-demo."
            )
        for line in run_setup().lines:
            self.stdout.write(f"  {line}")
        with command_progress(self, options)("Démonstration", len(DEMO_STEPS), unit="étape") as progress:
            for load in DEMO_STEPS:
                load(self.stdout)
                progress.advance()
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration prêt."))
