"""What the idea board needs from a member's profile (accounts.Profile), read defensively.

The profile is optional: a user created outside the sign-up flow may not have one yet.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

NOTIFY_IMMEDIATE = "immediate"
NOTIFY_DIGEST = "digest"
NOTIFY_NONE = "none"


def profile_of(user):
    if user is None:
        return None
    try:
        return getattr(user, "profile", None)
    except ObjectDoesNotExist:
        return None


def organisation_of(user):
    profile = profile_of(user)
    return getattr(profile, "organisation", None) if profile is not None else None


def notification_preference(user):
    profile = profile_of(user)
    value = getattr(profile, "notification_preference", None) if profile is not None else None
    return value if value in (NOTIFY_IMMEDIATE, NOTIFY_DIGEST, NOTIFY_NONE) else NOTIFY_IMMEDIATE


def language_of(user):
    profile = profile_of(user)
    value = None
    if profile is not None:
        value = getattr(profile, "preferred_language", None) or getattr(profile, "language", None)
    return value if value in ("fr", "en") else "fr"


def display_name(user):
    """The public name of a member; "Membre retiré" once the account is gone or anonymised."""
    try:
        from accounts.profiles import public_name
    except ImportError:
        public_name = None
    if public_name is not None:
        return public_name(user)
    if user is None:
        return _("Membre retiré")
    profile = profile_of(user)
    name = getattr(profile, "display_name", "") if profile is not None else ""
    if name:
        return name
    full = f"{user.first_name} {user.last_name}".strip()
    return full or _("Membre")


def author_relations(prefix="author"):
    """`select_related` paths for an author, including the profile once accounts.Profile exists."""
    from django.contrib.auth import get_user_model

    paths = [prefix]
    if hasattr(get_user_model(), "profile"):
        paths.append(f"{prefix}__profile")
    return paths
