"""How other features read a member's profile: `get_profile(user)`, `profile_or_none(user)`, `public_name(user)`."""

from django.utils.translation import gettext as _


def get_profile(user):
    """The member's profile, created on the fly for accounts made before profiles existed."""
    from accounts.models import Profile

    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _created = Profile.objects.get_or_create(user=user, defaults={"display_name": default_name(user)})
        user.profile = profile
        return profile


def default_name(user):
    """A first guess at the name to show: first and last name, else the part of the email before @."""
    full = f"{user.first_name} {user.last_name}".strip()
    if full:
        return full
    return (user.email or user.get_username() or "").split("@")[0]


def profile_or_none(user):
    """The member's profile without creating one (read paths); None for no user or no profile yet."""
    from accounts.models import Profile

    if user is None:
        return None
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def is_removed(user):
    """True for an account erased at its owner's request (Loi 25), or no user at all."""
    if user is None:
        return True
    profile = profile_or_none(user)
    return bool(profile and profile.is_deleted)


def public_name(user):
    """The name shown beside a member's ideas and comments; "Membre retiré" once the account is erased."""
    if is_removed(user):
        return _("Membre retiré")
    profile = profile_or_none(user)
    if profile and profile.display_name:
        return profile.display_name
    return default_name(user)
