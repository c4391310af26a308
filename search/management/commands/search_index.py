"""`manage.py search_index --rebuild | --rebuild-if-needed | --check | --repair | --retry-pending`.

`--rebuild-if-needed` is what the deployment runs after `migrate` (docker-compose.yml): it rebuilds
only when the engine's index was built with another mapping than this code's (or does not exist)."""

from django.core.management.base import BaseCommand, CommandError

from search import indexing
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

    def handle(self, *args, **options):
        try:
            if options["rebuild"]:
                count = indexing.rebuild()
                self.stdout.write(self.style.SUCCESS(f"Index reconstruit : {count} documents."))
            elif options["rebuild_if_needed"]:
                self._rebuild_if_needed()
            elif options["retry_pending"]:
                applied, failed = indexing.process_pending(force=True, limit=100000)
                self.stdout.write(f"Opérations appliquées : {applied}, en échec : {failed}.")
                if failed:
                    raise CommandError("Le moteur de recherche est toujours indisponible.")
            else:
                report = indexing.repair() if options["repair"] else indexing.check()
                drift = self._print(report)
                if options["repair"]:
                    self.stdout.write(self.style.SUCCESS("Réparé." if drift else "Rien à réparer."))
                elif drift:
                    raise CommandError("L'index n'est pas à jour : lancez --repair.")
        except EngineUnavailable as exc:
            raise CommandError(f"Moteur de recherche injoignable : {exc}") from exc
        except EngineError as exc:
            raise CommandError(f"Erreur du moteur de recherche : {exc}") from exc

    def _rebuild_if_needed(self):
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
        count = indexing.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Index reconstruit : {count} documents."))

    def _print(self, report):
        drift = 0
        for store, found in report.items():
            for problem in ("missing", "extra", "stale"):
                ids = found[problem]
                drift += len(ids)
                shown = ", ".join(ids[:10]) + (" …" if len(ids) > 10 else "")
                self.stdout.write(f"{store} {problem}: {len(ids)}" + (f" ({shown})" if ids else ""))
        return drift
