import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts.profiles import get_profile
from accounts.roles import ADMINISTRATOR, MEMBER, MODERATOR
from hub.models import HomePage, StandardPage
from tests.accounts.conftest import login

pytestmark = pytest.mark.django_db


def test_profile_page_explains_why_the_organisation_is_needed(client, make_member):
    user = make_member()
    user.profile.organisation = None
    user.profile.save()
    login(client, user.email)
    html = client.get("/compte/profil/").content.decode()
    assert html.count("<h1") == 1
    assert "nécessaire pour proposer une idée" in html
    assert '<label for="id_organisation">' in html


def test_member_edits_their_profile(client, member, organisations):
    login(client, member.email)
    ramq = organisations.get(slug="ramq")
    response = client.post(
        "/compte/profil/",
        {
            "display_name": "Camille R.",
            "organisation": ramq.pk,
            "role_title": "Analyste",
            "notification_preference": "digest",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    profile = get_profile(member)
    profile.refresh_from_db()
    assert (profile.display_name, profile.organisation, profile.notification_preference) == (
        "Camille R.",
        ramq,
        "digest",
    )


def test_invalid_profile_is_refused_with_linked_french_errors(client, member):
    login(client, member.email)
    response = client.post("/compte/profil/", {"display_name": " ", "notification_preference": "jamais"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Indiquez le nom à afficher" in html
    assert re.search(r'aria-describedby="[^"]*id_display_name_erreurs', html)
    assert 'aria-invalid="true"' in html


def test_account_pages_require_login(client):
    for url in ("/compte/profil/", "/compte/mes-donnees/", "/compte/supprimer/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/comptes/login/")


def test_privacy_policy_and_accessibility_pages_exist_after_migrate(client, settings):
    # Created by the post_migrate hook on a fresh database, not by a test fixture.
    assert HomePage.objects.exists()
    privacy = StandardPage.objects.get(slug="politique-de-confidentialite", locale__language_code="fr")
    assert settings.PRIVACY_OFFICER_EMAIL in str(privacy.body)
    assert StandardPage.objects.filter(slug="accessibilite").exists()


EXTERNAL = re.compile(r"""(?:src|href|action)=["'](?:https?:)?//(?!testserver)""", re.I)


@pytest.mark.parametrize(
    "url", ["/comptes/login/", "/comptes/signup/", "/comptes/password/reset/", "/en/comptes/login/", "/compte/profil/"]
)
def test_account_pages_load_nothing_from_another_origin(client, member, url):
    if url.startswith("/compte/"):
        login(client, member.email)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    assert "google" not in html.lower() and "analytics" not in html.lower()


def test_demo_accounts_are_idempotent_with_roles_and_verified_addresses(organisations):
    from accounts import demo

    out = StringIO()
    demo.load(out)
    demo.load(out)
    User = get_user_model()
    assert User.objects.filter(email="membre@gouv.qc.ca").count() == 1
    for n in range(1, 11):
        assert User.objects.filter(email=f"membre{n}@gouv.qc.ca").exists()
    moderator = User.objects.get(email="moderateur@cqen.gouv.qc.ca")
    assert moderator.groups.filter(name=MODERATOR).exists()
    admin = User.objects.get(email="admin@cqen.gouv.qc.ca")
    assert admin.is_superuser and admin.groups.filter(name=ADMINISTRATOR).exists()
    member = User.objects.get(email="membre@gouv.qc.ca")
    assert member.groups.filter(name=MEMBER).exists()
    assert member.profile.organisation is not None
    assert EmailAddress.objects.get(email="membre@gouv.qc.ca").verified
    assert "pour usage local seulement" in out.getvalue()


def test_member_preferring_english_lands_on_the_english_home_after_login(client, member):
    member.profile.preferred_language = "en"
    member.profile.save()
    response = login(client, member.email)
    assert response["Location"] == "/en/"
