"""The Wagtail admin signs in through allauth and demands two-factor authentication from staff roles."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    validate_totp_code,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.models import Group
from django.core.management import call_command

from accounts.roles import ADMINISTRATOR, ALL_ROLES, EDITOR, MEMBER, MODERATOR, REVIEWER, ensure_roles
from tests.accounts.conftest import login

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


def test_staff_reaches_the_admin_after_totp_enrolment_and_recovery_codes(
    client, roles, make_member, django_capture_on_commit_callbacks, settings
):
    # allauth announces the enrolment on commit, inside the request in production. A test's
    # transaction commits only after the request: the callbacks then run late (the notification
    # email, not under test, has no request left to read) and the request's session is saved by
    # hand. The browser journey (tests/browser/test_staff_sign_in_journey.py) runs it for real.
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = False
    user = make_member("editrice@cqen.gouv.qc.ca", groups=[EDITOR])
    login(client, user.email)
    assert client.get("/admin/pages/")["Location"] == "/comptes/2fa/totp/activate/"
    # Seconds after signing in, no password prompt before setting up the second factor.
    page = client.get("/comptes/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/comptes/2fa/totp/activate/", {"code": current_code(secret)})
    assert response["Location"] == "/comptes/2fa/recovery-codes/"
    response.wsgi_request.session.save()
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    # The recovery codes page leads on to where the person was going; enrolment counts for the session.
    codes = client.get(response["Location"]).content.decode()
    assert 'href="/admin/pages/"' in codes
    assert client.get("/admin/").status_code == 200


def test_the_password_is_asked_again_once_allauths_window_has_passed(client, roles, make_member):
    from allauth.account import app_settings
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY

    user = make_member("editrice@cqen.gouv.qc.ca", groups=[EDITOR])
    login(client, user.email)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {**record, "at": record["at"] - app_settings.REAUTHENTICATION_TIMEOUT - 1}
        for record in session[AUTHENTICATION_METHODS_SESSION_KEY]
    ]
    session.save()
    assert client.get("/comptes/2fa/totp/activate/")["Location"].startswith("/comptes/reauthenticate/")


def test_an_enrolled_session_without_the_second_factor_is_asked_for_a_code(client, roles, make_member):
    """A session that passed no `mfa` step (here: signed in before enrolling elsewhere) gives a code first."""
    user = make_member("editrice@cqen.gouv.qc.ca", groups=[EDITOR])
    login(client, user.email)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    response = client.get("/django-admin/")
    assert response["Location"] == "/comptes/2fa/reauthenticate/?next=%2Fdjango-admin%2F"
    response = client.post(response["Location"], {"code": current_code(secret)})
    assert response["Location"] == "/django-admin/"
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
