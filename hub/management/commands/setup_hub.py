"""`manage.py setup_hub`: run the bootstrap of every app (as after `migrate`) and say what it created."""

from django.core.management.base import BaseCommand

from hub.bootstrap import ordered_steps, run_setup


class Command(BaseCommand):
    help = (
        "Met en place ce dont toute instance a besoin (pages d'accueil et légales, index des guides et "
        "catalogue des composantes, circuit de révision, rôles, synonymes) et affiche ce qui a été créé. "
        "Idempotent : ce qu'un éditeur a modifié ou supprimé reste tel quel."
    )

    def handle(self, *args, **options):
        report = run_setup()
        for line in report.lines:
            self.stdout.write(f"  {line}")
        if not any(line.startswith(("Créé", "Modifié")) for line in report.lines):
            self.stdout.write("Rien à créer : l'instance était déjà prête.")
        steps = ", ".join(label for label, _step in ordered_steps())
        self.stdout.write(self.style.SUCCESS(f"Amorçage terminé ({steps})."))
