"""What the idea board reads from a member's profile (accounts.Profile), through accounts.profiles.

The profile may be missing (a user created outside the sign-up flow): each reader has a default.
"""

from accounts.models import Profile
from accounts.profiles import profile_or_none, public_name

NOTIFY_IMMEDIATE = Profile.NotificationPreference.IMMEDIATE
NOTIFY_DIGEST = Profile.NotificationPreference.DIGEST
NOTIFY_NONE = Profile.NotificationPreference.NONE


def profile_of(user):
    return profile_or_none(user)


def organisation_of(user):
    profile = profile_of(user)
    return profile.organisation if profile is not None else None


def notification_preference(user):
    profile = profile_of(user)
    return profile.notification_preference if profile is not None else NOTIFY_IMMEDIATE


def language_of(user):
    profile = profile_of(user)
    return profile.preferred_language if profile is not None else Profile.Language.FRENCH


def display_name(user):
    """The public name of a member; "Membre retiré" once the account is gone or anonymised."""
    return public_name(user)


def author_relations(prefix="author"):
    """`select_related` paths for an author and their profile."""
    return [prefix, f"{prefix}__profile"]
