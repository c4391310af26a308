from django.core.management.base import BaseCommand

from accounts.roles import ensure_roles


class Command(BaseCommand):
    help = "Crée ou complète les groupes de rôles (Membre, Modérateur, Éditeur, Réviseur CQEN, Administrateur)."

    def handle(self, *args, **options):
        groups = ensure_roles()
        for name, group in groups.items():
            self.stdout.write(f"{name} : {group.permissions.count()} permissions")
