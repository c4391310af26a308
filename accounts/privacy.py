"""Loi 25: everything the hub holds about a member, and erasing it.

Each area contributes through a registry rather than this module importing every feature:

    register_exporter("idees", lambda user: [...])   # a JSON-serialisable list or dict
    register_eraser(lambda user: ...)                # runs inside the deletion transaction

The app that owns the data registers its exporters and erasers in its AppConfig.ready()
(ideas/privacy.py, hub/privacy.py); this module holds the account's own sections.
An exporter returns only the member's own data: foreign keys to other users are left out.
"""

import re
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

_exporters = {}
_erasers = []


def register_exporter(name, func):
    """`func(user)` returns the member's data for the `name` section of the export."""
    _exporters[name] = func
    return func


def register_eraser(func):
    """`func(user)` erases the member's personal data of one area; called before the account is anonymised."""
    if func not in _erasers:
        _erasers.append(func)
    return func


# --- Export -------------------------------------------------------------------------------


def export_user_data(user):
    """Every section of the export, in registration order: {"section": data}."""
    data = {
        "format": "hub-cqen-export/1",
        "genere_le": timezone.now().isoformat(),
    }
    for name, func in _exporters.items():
        data[name] = func(user)
    return data


def _row(obj):
    """The object's own fields; foreign keys to other objects as ids, and never another user."""
    user_model = get_user_model()
    row = {}
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.ForeignKey):
            if field.related_model is user_model:
                continue
            row[field.attname] = getattr(obj, field.attname)
        else:
            row[field.name] = field.value_from_object(obj)
    return row


def owned_rows(model, owner_field):
    """An exporter listing the `model` rows whose `owner_field` is the member."""

    def exporter(user):
        return [_row(obj) for obj in model._default_manager.filter(**{owner_field: user}).order_by("pk")]

    return exporter


def export_account(user):
    return {
        "adresse_courriel": user.email,
        "identifiant": user.get_username(),
        "prenom": user.first_name,
        "nom": user.last_name,
        "inscrit_le": user.date_joined,
        "derniere_connexion": user.last_login,
        "roles": sorted(user.groups.values_list("name", flat=True)),
    }


def export_profile(user):
    from accounts.profiles import get_profile

    profile = get_profile(user)
    return {
        "nom_affiche": profile.display_name,
        "organisation": profile.organisation.name if profile.organisation else None,
        "fonction": profile.role_title,
        "preference_notifications": profile.notification_preference,
        "langue_preferee": profile.preferred_language,
        "cree_le": profile.created_at,
        "modifie_le": profile.updated_at,
    }


def export_email_addresses(user):
    from allauth.account.models import EmailAddress

    return [
        {"adresse": e.email, "verifiee": e.verified, "principale": e.primary}
        for e in EmailAddress.objects.filter(user=user).order_by("pk")
    ]


def export_sessions(user):
    return [{"expire_le": expire} for _key, expire in _user_sessions(user)]


def export_authenticators(user):
    from allauth.mfa.models import Authenticator

    return [
        {"type": a.type, "cree_le": a.created_at, "derniere_utilisation": a.last_used_at}
        for a in Authenticator.objects.filter(user=user).order_by("pk")
    ]


def member_addresses(user):
    """Every address the member signed up or signed in with (lower case)."""
    from allauth.account.models import EmailAddress

    addresses = {user.email} | set(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    return sorted({a.strip().lower() for a in addresses if a and a.strip()})


def export_invitations(user):
    """The invitation that let the member sign up from another domain, with the inviter's note about them."""
    from accounts.models import Invitation

    return [
        {"adresse_courriel": i.email, "note": i.note, "creee_le": i.created_at, "acceptee_le": i.accepted_at}
        for i in Invitation.objects.filter(email__in=member_addresses(user)).order_by("pk")
    ]


def export_social_accounts(user):
    from allauth.socialaccount.models import SocialAccount

    return [
        {"fournisseur": s.provider, "identifiant": s.uid, "derniere_connexion": s.last_login}
        for s in SocialAccount.objects.filter(user=user).order_by("pk")
    ]


register_exporter("compte", export_account)
register_exporter("profil", export_profile)
register_exporter("adresses_courriel", export_email_addresses)
register_exporter("sessions", export_sessions)
register_exporter("authentification_a_deux_facteurs", export_authenticators)
register_exporter("comptes_externes", export_social_accounts)
register_exporter("invitations", export_invitations)


def export_wagtail_revisions(user):
    """Editors' work in the Wagtail admin: which pages or snippets they revised and when (not the content)."""
    from wagtail.models import Revision

    return [
        {"objet": r.object_str, "type": r.content_type.model, "identifiant": r.object_id, "le": r.created_at}
        for r in Revision.objects.filter(user=user).select_related("content_type").order_by("pk")
    ]


register_exporter("revisions_administration", export_wagtail_revisions)


# --- Deletion -----------------------------------------------------------------------------


def _user_sessions(user):
    """(session key, expiry) of the member's live sessions in the database session store."""
    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        return []
    from django.contrib.sessions.models import Session

    found = []
    user_id = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == user_id:
            found.append((session.session_key, session.expire_date))
    return found


def erase_sessions(user):
    """Through the session engine: cached_db (with REDIS_URL) drops its cached copy too."""
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key, _expire in _user_sessions(user):
        store(session_key=key).delete()


def erase_login_data(user):
    """Email addresses, two-factor authenticators, linked sign-on accounts, the Wagtail admin profile."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount
    from wagtail.users.models import UserProfile

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    UserProfile.objects.filter(user=user).delete()  # Wagtail admin avatar and preferences


def erase_invitations(user):
    """The invitation row holds the member's address and the inviter's note about them."""
    from accounts.models import Invitation

    Invitation.objects.filter(email__in=member_addresses(user)).delete()


register_eraser(erase_sessions)
register_eraser(erase_invitations)  # before the login data: it reads the member's addresses
register_eraser(erase_login_data)


# --- Mentions in the admin history ----------------------------------------------------------

ERASED_MENTION = "Membre retiré"


def personal_identifiers(user):
    """What names the member in free text: addresses, username, full and displayed names."""
    from accounts.profiles import get_profile

    values = {*member_addresses(user), user.get_username(), user.get_full_name(), get_profile(user).display_name}
    return sorted({v.strip() for v in values if v and len(v.strip()) >= 3}, key=len, reverse=True)


def _scrub(value, pattern):
    if isinstance(value, str):
        return pattern.sub(ERASED_MENTION, value)
    if isinstance(value, list):
        return [_scrub(item, pattern) for item in value]
    if isinstance(value, dict):
        return {_scrub(key, pattern): _scrub(item, pattern) for key, item in value.items()}
    return value


def erase_admin_log_mentions(identifiers):
    """Wagtail's admin history labels objects by their name (an invitation by its address, a user by
    their username): replace the member's identifiers in labels and data of every log entry."""
    from wagtail.models import ModelLogEntry, PageLogEntry

    if not identifiers:
        return 0
    pattern = re.compile("|".join(re.escape(i) for i in identifiers), re.IGNORECASE)
    mentions = models.Q()
    for identifier in identifiers:
        mentions |= models.Q(label__icontains=identifier) | models.Q(data__icontains=identifier)
    changed = 0
    for log_model in (ModelLogEntry, PageLogEntry):
        for entry in log_model.objects.filter(mentions).iterator():
            log_model.objects.filter(pk=entry.pk).update(
                label=_scrub(entry.label, pattern)[: log_model._meta.get_field("label").max_length],
                data=_scrub(entry.data, pattern),
            )
            changed += 1
    return changed


def delete_account(user):
    """Erase the member's personal data and anonymise the account; return the DeletionLog entry.

    What the member published stays (ideas, comments, votes: counters keep matching the rows),
    attached to a deactivated user with an anonymous username, shown as "Membre retiré".
    """
    from accounts.models import DeletionLog
    from accounts.profiles import get_profile

    anonymous_id = uuid.uuid4().hex
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=user.pk)
        identifiers = personal_identifiers(user)
        for eraser in _erasers:
            eraser(user)
        erase_admin_log_mentions(identifiers)
        profile = get_profile(user)
        profile.display_name = ""
        profile.organisation = None
        profile.role_title = ""
        profile.notification_preference = profile.NotificationPreference.NONE
        profile.is_deleted = True
        profile.save()
        user.username = f"membre-retire-{anonymous_id}"
        user.email = ""
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        entry = DeletionLog.objects.create(anonymous_id=anonymous_id)
    return entry
