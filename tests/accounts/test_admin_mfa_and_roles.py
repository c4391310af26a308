"""The Wagtail admin signs in through allauth and demands two-factor authentication from staff roles."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    validate_totp_code,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.models import Group
from django.core.management import call_command

from accounts.roles import ADMINISTRATOR, ALL_ROLES, EDITOR, MEMBER, MODERATOR, REVIEWER, ensure_roles
from tests.accounts.conftest import PASSWORD, login

pytestmark = pytest.mark.django_db


def code_at(secret, periods_ago=0):
    """The code of the current 30-second period, or of one `periods_ago` before it."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 - periods_ago))


def current_code(secret):
    return code_at(secret)


def test_a_code_of_the_previous_period_is_accepted_an_older_one_is_not():
    secret = generate_totp_secret()
    assert list(yield_hotp_counters_from_time()) == [int(time.time()) // 30 + i for i in (-1, 0, 1)]
    assert validate_totp_code(secret, code_at(secret, periods_ago=1))
    assert not validate_totp_code(secret, code_at(secret, periods_ago=3))


def test_admin_login_redirects_to_the_allauth_login(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/")
    assert "next=/admin/pages/" in response["Location"]


def test_anonymous_admin_visit_goes_to_the_allauth_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/")


@pytest.mark.parametrize("role", [MODERATOR, EDITOR, REVIEWER, ADMINISTRATOR])
def test_staff_roles_are_sent_to_mfa_setup_before_the_admin(client, roles, make_member, role):
    user = make_member("responsable@cqen.gouv.qc.ca", groups=[role])
    login(client, user.email)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/comptes/2fa/totp/activate/"


def test_staff_reaches_the_admin_after_totp_enrolment(client, roles, make_member):
    user = make_member("editrice@cqen.gouv.qc.ca", groups=[EDITOR])
    login(client, user.email)
    # Setting up a second factor asks for the password once more (allauth's reauthentication).
    response = client.get("/comptes/2fa/totp/activate/")
    assert response["Location"].startswith("/comptes/reauthenticate/")
    client.post(response["Location"], {"password": PASSWORD})
    page = client.get("/comptes/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/comptes/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_superuser_also_needs_mfa(client, make_member):
    user = make_member("admin@cqen.gouv.qc.ca", is_superuser=True, is_staff=True)
    login(client, user.email)
    assert client.get("/django-admin/").status_code == 302


def test_mfa_is_optional_for_members(client, roles, member):
    member.groups.add(Group.objects.get(name=MEMBER))
    login(client, member.email)
    assert client.get("/compte/profil/").status_code == 200
    # No admin access, but no MFA detour either: Wagtail itself refuses.
    response = client.get("/admin/")
    assert "/2fa/" not in response.get("Location", "")


def test_setup_roles_is_idempotent_and_gives_moderators_the_admin(db):
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    ensure_roles()
    assert set(Group.objects.filter(name__in=ALL_ROLES).values_list("name", flat=True)) == set(ALL_ROLES)
    moderator = Group.objects.get(name=MODERATOR)
    codenames = set(moderator.permissions.values_list("codename", flat=True))
    assert {"access_admin", "moderate_idea"} <= codenames
    editor = Group.objects.get(name=EDITOR)
    assert editor.collection_permissions.filter(permission__codename="add_image").exists()
    assert Group.objects.get(name=ADMINISTRATOR).permissions.count() > moderator.permissions.count()
