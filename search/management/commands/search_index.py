"""`manage.py search_index --rebuild | --rebuild-if-needed | --check | --repair | --retry-pending`.

`--rebuild-if-needed` is what the deployment runs after `migrate` (docker-compose.yml): it rebuilds
only when the engine's index was built with another mapping than this code's (or does not exist)."""

from django.core.management.base import BaseCommand, CommandError

from hub.progress import add_progress_argument, command_progress
from search import indexing
from search.documents import available_kinds, split_doc_id
from search.engines.transport import EngineError, EngineUnavailable, get_transport


class Command(BaseCommand):
    help = "Gère l'index de recherche : reconstruction avec bascule d'alias, vérification, réparation, reprises."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--rebuild", action="store_true", help="Construit un nouvel index et bascule l'alias.")
        group.add_argument(
            "--rebuild-if-needed",
            action="store_true",
            help="Reconstruit seulement si le mapping de l'index diffère de celui du code (déploiement).",
        )
        group.add_argument("--check", action="store_true", help="Signale les documents manquants, en trop ou périmés.")
        group.add_argument("--repair", action="store_true", help="Corrige ce que --check trouve.")
        group.add_argument("--retry-pending", action="store_true", help="Rejoue les écritures en attente.")
        add_progress_argument(parser)

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        progress = command_progress(self, options)
        try:
            if options["rebuild"]:
                count = indexing.rebuild(progress=progress)
                self.stdout.write(self.style.SUCCESS(f"Index reconstruit : {count} documents."))
            elif options["rebuild_if_needed"]:
                self._rebuild_if_needed(progress)
            elif options["retry_pending"]:
                applied, failed = indexing.process_pending(force=True, limit=100000)
                self.stdout.write(f"Opérations appliquées : {applied}, en échec : {failed}.")
                if failed:
                    raise CommandError("Le moteur de recherche est toujours indisponible.")
            else:
                report = indexing.repair(progress) if options["repair"] else indexing.check(progress)
                drift = self._print(report)
                if options["repair"]:
                    self.stdout.write(self.style.SUCCESS("Réparé." if drift else "Rien à réparer."))
                elif drift:
                    raise CommandError("L'index n'est pas à jour : lancez --repair.")
        except EngineUnavailable as exc:
            raise CommandError(f"Moteur de recherche injoignable : {exc}") from exc
        except EngineError as exc:
            raise CommandError(f"Erreur du moteur de recherche : {exc}") from exc

    def _rebuild_if_needed(self, progress):
        transport = get_transport()
        if transport is None:
            self.stdout.write("Moteur base de données : rien à reconstruire.")
            return
        try:
            reason = indexing.rebuild_reason(transport)
        except EngineUnavailable as exc:
            # The site must start anyway (search answers from the database): the next start retries.
            self.stderr.write(f"Moteur de recherche injoignable, reconstruction reportée : {exc}")
            return
        if reason is None:
            self.stdout.write("Index à jour : aucune reconstruction.")
            return
        self.stdout.write(f"Reconstruction de l'index : {reason}.")
        count = indexing.rebuild(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Index reconstruit : {count} documents."))

    def _print(self, report):
        """The drift as a table (store, kind: missing, extra, stale), then the first ids of each."""
        labels = {"engine": "moteur", "database": "base"}
        problems = ("missing", "extra", "stale")
        kinds = sorted(
            {kind.name for kind in available_kinds()}
            | {split_doc_id(i)[0] for found in report.values() for ids in found.values() for i in ids}
        )
        rows = []
        for store, found in report.items():
            for kind in kinds:
                counts = [sum(1 for i in found[p] if split_doc_id(i)[0] == kind) for p in problems]
                rows.append([labels.get(store, store), kind, *map(str, counts)])
        drift = sum(len(ids) for found in report.values() for ids in found.values())
        if self.verbosity < 1:
            return drift
        header = ["Magasin", "Type", "Manquants", "En trop", "Périmés"]
        widths = [max(len(row[c]) for row in [header, *rows]) for c in range(len(header))]
        for row in [header, *rows]:
            cells = [
                cell.ljust(w) if c < 2 else cell.rjust(w) for c, (cell, w) in enumerate(zip(row, widths, strict=True))
            ]
            self.stdout.write("  ".join(cells).rstrip())
        for store, found in report.items():
            for problem in problems:
                ids = found[problem]
                if ids:
                    shown = ", ".join(ids[:10]) + (" …" if len(ids) > 10 else "")
                    self.stdout.write(f"{labels.get(store, store)} {problem}: {len(ids)} ({shown})")
        return drift
