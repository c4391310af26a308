import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.models import Invitation
from accounts.roles import MEMBER
from tests.accounts.conftest import PASSWORD, login

pytestmark = pytest.mark.django_db


def signup(client, email, prefix=""):
    return client.post(
        f"{prefix}/comptes/signup/",
        {"email": email, "password1": "Un-mot-de-passe-1234", "password2": "Un-mot-de-passe-1234"},
    )


def test_signup_page_is_in_french_in_the_site_layout(client):
    response = client.get("/comptes/signup/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="fr-CA"' in html
    assert "Passer au contenu principal" in html  # the site header
    assert html.count("<h1") == 1
    assert "Inscription" in html


def test_account_pages_exist_in_english_under_en(client):
    response = client.get("/en/comptes/login/")
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()


def test_signup_refused_outside_allowed_domains_with_a_french_reason(client):
    response = signup(client, "quelquun@gmail.com")
    html = response.content.decode()
    assert response.status_code == 200
    assert "réservées aux adresses courriel des organisations publiques" in html
    assert "cqen@mcn.gouv.qc.ca" in html  # whom to contact
    assert 'aria-describedby="id_email_erreurs"' in html
    assert not get_user_model().objects.filter(email="quelquun@gmail.com").exists()


def test_signup_accepted_for_a_gouv_qc_ca_subdomain_and_member_role_given(client):
    response = signup(client, "Camille.Roy@mcn.gouv.qc.ca")
    assert response.status_code == 302
    user = get_user_model().objects.get(email="camille.roy@mcn.gouv.qc.ca")
    assert user.username == "camille.roy@mcn.gouv.qc.ca"
    assert user.groups.filter(name=MEMBER).exists()
    assert user.profile is not None


def test_email_must_be_verified_before_login_and_the_emailed_link_works(client):
    signup(client, "camille.roy@mcn.gouv.qc.ca")
    client.logout()
    response = client.post(
        "/comptes/login/", {"login": "camille.roy@mcn.gouv.qc.ca", "password": "Un-mot-de-passe-1234"}
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"] or "verification" in response["Location"]
    assert "_auth_user_id" not in client.session

    assert mail.outbox, "a confirmation email was sent"
    assert mail.outbox[-1].subject == "[Hub du CQEN] Confirmez votre adresse courriel"
    assert "Hub du CQEN" in mail.outbox[-1].body
    link = re.search(
        r"http://testserver(/\S*/comptes/confirm-email/\S+/|/comptes/confirm-email/\S+/)", mail.outbox[-1].body
    )
    assert link is not None
    confirm = client.post(link.group(1))
    assert confirm.status_code == 302
    assert EmailAddress.objects.get(email="camille.roy@mcn.gouv.qc.ca").verified

    response = client.post(
        "/comptes/login/", {"login": "camille.roy@mcn.gouv.qc.ca", "password": "Un-mot-de-passe-1234"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_invited_email_may_sign_up_whatever_its_domain(client):
    invitation = Invitation.objects.create(email="partenaire@universite.ca")
    response = client.get(f"/compte/invitation/{invitation.token}/")
    assert response.status_code == 302
    response = signup(client, "partenaire@universite.ca")
    assert response.status_code == 302
    user = get_user_model().objects.get(email="partenaire@universite.ca")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert user.groups.filter(name=MEMBER).exists()


def test_unknown_invitation_is_a_404(client):
    assert client.get("/compte/invitation/pas-un-jeton/").status_code == 404


def test_session_key_is_rotated_at_login(client, member):
    client.get("/comptes/login/")
    client.session.save()
    before = client.session.session_key
    login(client, member.email)
    assert client.session["_auth_user_id"] == str(member.pk)
    assert client.session.session_key != before


def test_login_rate_limit_triggers_by_the_sixth_failure_in_five_minutes(client, member):
    for _attempt in range(5):
        response = login(client, member.email, "mauvais-mot-de-passe")
        assert response.status_code == 200
        assert "Trop de tentatives" not in response.content.decode()
    response = login(client, member.email, "mauvais-mot-de-passe")
    assert "Trop de tentatives" in response.content.decode() or response.status_code == 429
    # Even the right password is refused while the limit holds.
    response = login(client, member.email, PASSWORD)
    assert "_auth_user_id" not in client.session


def test_deactivated_member_session_ends_on_next_request(client, member):
    login(client, member.email)
    assert client.get("/compte/profil/").status_code == 200
    member.is_active = False
    member.save()
    response = client.get("/compte/profil/")
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_session_ends_after_idle_timeout(client, member, settings):
    import time

    from accounts.middleware import LAST_ACTIVITY_KEY

    login(client, member.email)
    assert client.get("/compte/profil/").status_code == 200
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 10
    session.save()
    response = client.get("/compte/profil/")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/?next=")
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_french_email(client, member):
    response = client.post("/comptes/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "[Hub du CQEN]" in mail.outbox[0].subject
    assert "mot de passe" in mail.outbox[0].body.lower()


def test_sso_button_hidden_when_not_configured(client):
    html = client.get("/comptes/login/").content.decode()
    assert "openid_connect" not in html


def test_sso_button_shown_when_configured_from_settings(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "gouvernement",
                    "name": "Authentification gouvernementale",
                    "client_id": "hub",
                    "secret": "secret",
                    "settings": {"server_url": "https://login.example/tenant/v2.0"},
                }
            ]
        }
    }
    html = client.get("/comptes/login/").content.decode()
    assert "Authentification gouvernementale" in html
    assert "/comptes/oidc/gouvernement/login/" in html


def test_password_reset_requests_are_rate_limited_per_address(client, member):
    statuses = [client.post("/comptes/password/reset/", {"email": member.email}).status_code for _ in range(6)]
    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429
    assert len(mail.outbox) == 5


def test_session_ends_after_eight_hours_even_when_active(client, member, settings):
    import time

    from accounts.middleware import SESSION_START_KEY

    login(client, member.email)
    assert client.get("/compte/profil/").status_code == 200
    session = client.session
    session[SESSION_START_KEY] = int(time.time()) - settings.SESSION_COOKIE_AGE - 10
    session.save()
    response = client.get("/compte/profil/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(("prefix", "login"), [("", "/comptes/login/"), ("/en", "/en/comptes/login/")])
def test_wagtail_front_end_sign_in_sends_people_to_allauth(client, prefix, login):
    response = client.get(f"{prefix}/_util/login/?next=/idees/")
    assert response.status_code == 302
    assert response["Location"] == f"{login}?next=/idees/"


def test_a_page_for_signed_in_members_sends_visitors_to_allauths_sign_in(client, home_page):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=home_page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/?next=")
