"""Names of the roles (Django groups). Every app refers to roles through these constants."""

MEMBER = "Membre"
MODERATOR = "Modérateur"
EDITOR = "Éditeur"
REVIEWER = "Réviseur CQEN"
ADMINISTRATOR = "Administrateur"

ALL_ROLES = [MEMBER, MODERATOR, EDITOR, REVIEWER, ADMINISTRATOR]
