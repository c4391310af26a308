"""Demo accounts, one per role, with a verified address and a profile. Idempotent (looked up by email)."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.profiles import get_profile
from accounts.roles import ADMINISTRATOR, EDITOR, MEMBER, MODERATOR, REVIEWER, ensure_roles
from hub import membership
from hub.models import MembershipRequest, Organisation

# Local demonstration only: never use on a shared or public server.
DEMO_PASSWORD = "demo-hub-cqen-2026"

# (email, display name, organisation slug, role title, roles, superuser)
DEMO_ACCOUNTS = [
    ("membre@gouv.qc.ca", "Camille Tremblay", "mcn", "Conseillère en architecture", [MEMBER], False),
    ("moderateur@cqen.gouv.qc.ca", "Mathieu Gagnon", "cqen", "Animateur de communauté", [MEMBER, MODERATOR], False),
    ("editeur@cqen.gouv.qc.ca", "Sophie Bouchard", "cqen", "Rédactrice", [MEMBER, EDITOR], False),
    ("reviseur@cqen.gouv.qc.ca", "Louis Côté", "cqen", "Réviseur des bonnes pratiques", [MEMBER, REVIEWER], False),
    ("admin@cqen.gouv.qc.ca", "Isabelle Roy", "cqen", "Administratrice du hub", [MEMBER, ADMINISTRATOR], True),
]
MEMBER_NAMES = [
    ("Émilie Lavoie", "ramq"),
    ("Jean Fortin", "saaq"),
    ("Nadia Belkacem", "msss"),
    ("Olivier Pelletier", "meq"),
    ("Chloé Morin", "revenu-quebec"),
    ("Samuel Girard", "ville-de-quebec"),
    ("Léa Ouellet", "ville-de-montreal"),
    ("Karim Haddad", "sct"),
    ("Julie Bergeron", "ciusss-capitale-nationale"),
    ("Antoine Leblanc", "infrastructures-technologiques-quebec"),
]
DEMO_ACCOUNTS += [
    (f"membre{n}@gouv.qc.ca", name, org, "", [MEMBER], False) for n, (name, org) in enumerate(MEMBER_NAMES, start=1)
]


def ensure_demo_account(email, display_name, organisation_slug, role_title, roles, superuser=False):
    """The demo account for `email`, created or completed; its password is reset to the demo one."""
    from django.contrib.auth.models import Group

    User = get_user_model()
    first_name, _, last_name = display_name.partition(" ")
    user, created = User.objects.get_or_create(
        email=email, defaults={"username": email, "first_name": first_name, "last_name": last_name}
    )
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
    user.is_active = True
    user.is_staff = superuser or any(role != MEMBER for role in roles)
    user.is_superuser = superuser
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    profile = get_profile(user)
    profile.display_name = profile.display_name or display_name
    profile.organisation = profile.organisation or Organisation.objects.filter(slug=organisation_slug).first()
    profile.role_title = profile.role_title or role_title
    profile.save()
    if profile.organisation is not None and not membership.is_verified_member(user, profile.organisation):
        # The demo's generic @gouv.qc.ca addresses: their membership is approved as an administrator would.
        MembershipRequest.objects.update_or_create(
            user=user, organisation=profile.organisation, defaults={"decision": MembershipRequest.Decision.APPROVED}
        )
    user.groups.add(*Group.objects.filter(name__in=roles))
    return user, created


@transaction.atomic
def load(stdout):
    ensure_roles()
    created = 0
    for email, name, org, title, roles, superuser in DEMO_ACCOUNTS:
        _user, was_created = ensure_demo_account(email, name, org, title, roles, superuser)
        created += was_created
    stdout.write(f"Comptes de démonstration : {len(DEMO_ACCOUNTS)} ({created} nouveaux).")
    stdout.write(f"  Mot de passe commun (pour usage local seulement) : {DEMO_PASSWORD}")
    for email, _name, _org, _title, roles, _superuser in DEMO_ACCOUNTS[:5]:
        stdout.write(f"  {email} — {', '.join(roles)}")
    stdout.write("  membre1@gouv.qc.ca … membre10@gouv.qc.ca — Membre")
    stdout.write(
        "  Les rôles Modérateur, Éditeur, Réviseur CQEN et Administrateur doivent activer l'authentification "
        "à deux facteurs (TOTP) à leur première visite de l'administration (/admin/)."
    )
