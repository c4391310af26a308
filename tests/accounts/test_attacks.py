"""Attacks on signing in, tried through HTTP as an attacker would, on every sign-in form of the URL map.

The forms are found by walking the URL map (every route ending in `login/`, in both languages),
so a sign-in form added later by a package is attacked too.
"""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

from accounts.roles import EDITOR, MODERATOR
from ideas import services
from ideas.models import Idea, Vote
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ADMINS = ("/admin/", "/django-admin/")


def _routes(patterns, prefixes=("",)):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            own = ("", "en/") if isinstance(pattern.pattern, LocalePrefixPattern) else (str(pattern.pattern),)
            yield from _routes(pattern.url_patterns, tuple(a + b for a in prefixes for b in own))
        else:
            for prefix in prefixes:
                yield prefix + str(pattern.pattern)


def sign_in_forms():
    """Every address of the URL map that offers to sign in: routes ending in `login/`, without parameters."""
    found = {
        "/" + route
        for route in _routes(get_resolver().url_patterns)
        if route.endswith("login/") and not re.search(r"[<(^]", route)
    }
    return sorted(found)


SIGN_IN_FORMS = sign_in_forms()


def attempt_sign_in(client, address, email, password):
    """Open the form at `address` (following redirects) and post the credentials to where it landed."""
    landing = client.get(address, follow=True)
    path = landing.request["PATH_INFO"]
    query = landing.request.get("QUERY_STRING", "")
    return client.post(
        f"{path}?{query}" if query else path,
        {"login": email, "username": email, "password": password},
    )


def is_signed_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def staff_with_totp(roles, make_member):
    user = make_member("editrice@cqen.gouv.qc.ca", groups=[EDITOR], is_staff=True)
    TOTP.activate(user, generate_totp_secret())
    return user


def test_the_url_map_exposes_the_sign_in_forms_we_attack():
    assert {"/comptes/login/", "/_util/login/", "/en/_util/login/", "/admin/login/", "/django-admin/login/"} <= set(
        SIGN_IN_FORMS
    )


@pytest.mark.parametrize("address", SIGN_IN_FORMS)
def test_a_password_alone_never_opens_the_admins_to_an_account_with_totp(client, staff_with_totp, address):
    attempt_sign_in(client, address, staff_with_totp.email, PASSWORD)
    for admin in ADMINS:
        landing = client.get(admin, follow=True)
        assert not landing.request["PATH_INFO"].startswith(ADMINS), f"{address} ouvre {admin} sans second facteur"


@pytest.mark.parametrize("address", SIGN_IN_FORMS)
def test_eight_wrong_passwords_then_the_right_one_are_refused(client, member, address):
    for _attempt in range(8):
        attempt_sign_in(client, address, member.email, "mauvais-mot-de-passe")
        assert not is_signed_in(client)
    attempt_sign_in(client, address, member.email, PASSWORD)
    assert not is_signed_in(client), f"{address} laisse essayer des mots de passe sans fin"


@pytest.mark.parametrize("address", SIGN_IN_FORMS)
def test_a_forged_forwarded_address_does_not_escape_the_per_address_limit(client, member, address):
    """Without a trusted proxy (the default), X-Forwarded-For is the attacker's word: it changes nothing."""
    for attempt in range(10):  # ten accounts tried from one address, each with a new forged one
        client.defaults["HTTP_X_FORWARDED_FOR"] = f"198.51.100.{attempt + 1}"
        attempt_sign_in(client, address, f"inconnu{attempt}@gouv.qc.ca", "mauvais-mot-de-passe")
    client.defaults["HTTP_X_FORWARDED_FOR"] = "198.51.100.200"
    attempt_sign_in(client, address, member.email, PASSWORD)
    assert not is_signed_in(client), f"{address} : un en-tête X-Forwarded-For inventé contourne la limite"


@pytest.fixture
def idea(member, organisations):
    return services.propose_idea(
        member,
        title="Un formulaire commun pour les demandes d'accès",
        problem="Chaque organisme a son propre formulaire.",
        solution="Un seul formulaire partagé.",
        benefits="Moins de temps perdu.",
        organisation=organisations.get(slug="mcn"),
    )


@pytest.mark.parametrize("address", SIGN_IN_FORMS)
def test_an_account_whose_address_is_not_confirmed_cannot_vote(client, idea, address):
    email = "nouveau.compte@mcn.gouv.qc.ca"
    client.post("/comptes/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})
    client.logout()
    assert get_user_model().objects.filter(email=email).exists()
    attempt_sign_in(client, address, email, PASSWORD)
    client.post(f"/idees/{idea.pk}/voter/")
    assert not Vote.objects.filter(idea=idea, user__email=email).exists()
    assert Idea.objects.get(pk=idea.pk).vote_count == 0


def test_a_moderator_password_alone_does_not_change_an_idea_status(client, roles, make_member, idea):
    """A stolen password of a moderator who never enrolled TOTP: no moderation without the second factor."""
    moderator = make_member("moderateur@cqen.gouv.qc.ca", groups=[MODERATOR])
    attempt_sign_in(client, "/comptes/login/", moderator.email, PASSWORD)
    assert is_signed_in(client)
    client.post(f"/idees/{idea.pk}/statut/", {"status": "en_analyse", "note": "", "response": ""})
    client.post(f"/idees/{idea.pk}/fusionner/", {"target": idea.pk, "note": ""})
    assert Idea.objects.get(pk=idea.pk).status == Idea.Status.SUBMITTED


@pytest.fixture
def behind_one_proxy(monkeypatch, settings):
    """The deployment's environment says one reverse proxy of ours stands in front of the hub."""
    import importlib

    from hub.settings import base

    monkeypatch.setenv("ALLAUTH_TRUSTED_PROXY_COUNT", "1")
    try:
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = importlib.reload(base).ALLAUTH_TRUSTED_PROXY_COUNT
    finally:
        monkeypatch.delenv("ALLAUTH_TRUSTED_PROXY_COUNT")
        importlib.reload(base)


def test_behind_the_proxy_failures_from_one_client_do_not_lock_out_a_member_from_another(
    client, member, behind_one_proxy
):
    client.defaults["REMOTE_ADDR"] = "10.0.0.2"  # the proxy: every request comes from it
    client.defaults["HTTP_X_FORWARDED_FOR"] = "203.0.113.7"
    for attempt in range(10):
        attempt_sign_in(client, "/comptes/login/", f"inconnu{attempt}@gouv.qc.ca", "mauvais-mot-de-passe")
    attempt_sign_in(client, "/comptes/login/", member.email, PASSWORD)
    assert not is_signed_in(client), "the attacker's own address is limited"

    client.defaults["HTTP_X_FORWARDED_FOR"] = "198.51.100.4"
    attempt_sign_in(client, "/comptes/login/", member.email, PASSWORD)
    assert is_signed_in(client)


def test_a_request_that_skipped_a_trusted_proxy_is_judged_by_its_own_address(client, member, settings):
    """Fewer forwarded addresses than trusted proxies: the peer is the client (never a 500)."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    client.defaults["HTTP_X_FORWARDED_FOR"] = "203.0.113.7"
    attempt_sign_in(client, "/comptes/login/", member.email, PASSWORD)
    assert is_signed_in(client)
