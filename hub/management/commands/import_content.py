"""`manage.py import_content FILE`: bulk import of guides, components (and other registered kinds)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hub.importer import ImportFailed, run_import
from hub.progress import add_progress_argument, command_progress


class Command(BaseCommand):
    help = (
        "Importe des contenus (JSON Lines ou tableau JSON). Tout le fichier est validé d'abord : "
        "à la moindre erreur, rien n'est écrit et la commande se termine avec le code 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier .jsonl ou .json à importer")
        add_progress_argument(parser)

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Impossible de lire « {file} » : {exc}") from exc
        try:
            summary = run_import(text, progress=command_progress(self, options))
        except ImportFailed as failure:
            for message in failure.errors:
                self.stderr.write(message)
            raise CommandError(f"{len(failure.errors)} erreur(s) : rien n'a été importé.") from failure
        self.stdout.write(
            self.style.SUCCESS(", ".join(f"{count} {status}(s)" for status, count in summary.items()) + ".")
        )
