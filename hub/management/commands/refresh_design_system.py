"""Copy Québec's design system toolkit (pinned in package.json) from node_modules/ into static/vendor/."""

from django.core.management.base import BaseCommand, CommandError

from hub import design_system


class Command(BaseCommand):
    help = "Recopie la trousse qc-trousse-sdg épinglée dans package.json (node_modules/) dans static/vendor/."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Vérifie seulement que la copie est à jour.")

    def handle(self, *args, check=False, **options):
        pinned = design_system.pinned_version()
        installed = design_system.installed_version()
        if installed != pinned:
            raise CommandError(
                f"{design_system.PACKAGE} {pinned} est épinglée dans package.json, mais node_modules/ contient "
                f"{installed or 'rien'} : lancez `npm ci` (ou `bash scripts/browser-deps.sh`)."
            )
        if check:
            stale = design_system.differences()
            if stale:
                raise CommandError("Copie de la trousse périmée : " + ", ".join(stale))
            self.stdout.write(f"{design_system.PACKAGE} {pinned} : copie à jour.")
            return
        written = design_system.refresh()
        self.stdout.write(f"{design_system.PACKAGE} {pinned} : {len(written)} fichiers dans static/vendor/.")
