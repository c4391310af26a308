import re

import pytest

from accounts.profiles import get_profile
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


def test_member_preferring_english_lands_on_the_english_home_after_login(client, member):
    member.profile.preferred_language = "en"
    member.profile.save()
    response = login(client, member.email)
    assert response["Location"] == "/en/"
