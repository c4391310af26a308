"""Who may open the « Tableau de bord du CQEN »: the roles Réviseur CQEN and Administrateur (and superusers)."""

from accounts.roles import ADMINISTRATOR, REVIEWER

DASHBOARD_ROLES = (REVIEWER, ADMINISTRATOR)


def can_view_dashboard(user):
    """The dashboard's figures are for the CQEN's reviewers and administrators, not for editors or moderators."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=DASHBOARD_ROLES).exists()
