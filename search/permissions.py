"""Who may read the search insight and pin recommended results. Views, menus and tests ask here;
the roles that hold these permissions are set in `accounts.roles` (Éditeur, Réviseur CQEN)."""

INSIGHT_PERMISSION = "hubsearch.view_dailysearchcount"


def can_view_insight(user):
    """The reports « Recherches sans résultat » and « Recherches fréquentes »."""
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(INSIGHT_PERMISSION))
