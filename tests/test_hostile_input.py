"""Hostile input in URLs: control characters in the path or the query string never reach a query.

Every case here gave a 500 (PostgreSQL refuses NUL bytes in text: `DataError`) before the
control-character middleware; the answer is now a 400 with a message in the visitor's language.
"""

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db

NUL_URLS = [
    "/api/v1/search/?organisation=%00",
    "/api/v1/search/?tag=%00",
    "/api/v1/search/?status=%00",
    "/api/v1/search/?maturity=%00",
    "/recherche/?organisation=%00",
    "/recherche/?tag=%00",
    "/recherche/?status=a%00b",
    "/recherche/?maturity=%00",
    "/guides/?q=%00",
    "/composantes/?q=%00",
    "/api/v2/pages/?search=%00",
    "/api/v2/images/?search=%00",
    "/api/v2/documents/?search=%00",
    "/api/v2/pages/find/?html_path=%00",
    "/compte/invitation/%00/",
]


@pytest.fixture
def site_tree(home_page):
    from hub.site_tree import index_pages

    index_pages()
    return home_page


@pytest.mark.parametrize("url", NUL_URLS)
def test_nul_byte_in_url_is_refused_with_a_french_message(client, site_tree, url):
    response = client.get(url)
    assert response.status_code == 400
    text = response.content.decode()
    assert "caractère de contrôle" in text
    if not url.startswith("/api/"):
        assert '<html lang="fr' in text  # the site layout, not a bare error
        assert "<header" in text


def test_control_character_under_en_is_refused_in_english(client, site_tree):
    response = client.get("/en/recherche/?q=a%07b")
    assert response.status_code == 400
    text = response.content.decode()
    assert "control character" in text
    assert '<html lang="en' in text


def test_control_character_in_path_is_refused(client, site_tree):
    response = client.get("/guides/%01/")
    assert response.status_code == 400
    assert "caractère de contrôle" in response.content.decode()


def test_ordinary_accents_and_spaces_pass(client, site_tree):
    response = client.get("/recherche/?q=%C3%A9t%C3%A9%20num%C3%A9rique")
    assert response.status_code == 200
    with translation.override("fr"):
        assert client.get("/guides/?q=d%C3%A9marche").status_code == 200


@pytest.mark.sqlite
def test_wagtail_api_search_parameter_is_refused_not_a_500(client, site_tree):
    response = client.get("/api/v2/pages/?search=%22")
    assert response.status_code == 400
    assert "search" in response.json()["message"]


def test_reverting_a_page_to_revision_zero_is_a_page_not_found(client, home_page):
    """Found by the admin fuzz test: /admin/pages/<id>/revisions/0/revert/ was a 500."""
    from tests.factories import UserFactory
    from tests.sessions import sign_in_with_second_factor

    administrator = UserFactory(username="admin-revision@cqen.gouv.qc.ca", is_staff=True, is_superuser=True)
    sign_in_with_second_factor(client, administrator)
    client.raise_request_exception = False
    assert client.get(f"/admin/pages/{home_page.pk}/revisions/0/revert/").status_code == 404
    revision = home_page.save_revision()
    assert client.get(f"/admin/pages/{home_page.pk}/revisions/{revision.pk}/revert/").status_code == 200


CHOOSERS = [
    "images/chooser",
    "documents/chooser",
    "snippets/choose/hub/organisation",
    "snippets/choose/accounts/invitation",
]


@pytest.mark.parametrize("chooser", CHOOSERS)
def test_a_chooser_asked_for_a_key_that_is_not_a_number_answers_not_found(client, db, chooser):
    """Found by the admin fuzz test: /admin/<chooser>/chosen/'"(/ was a 500 (ValueError)."""
    from tests.factories import UserFactory
    from tests.sessions import sign_in_with_second_factor

    administrator = UserFactory(username="admin-chooser@cqen.gouv.qc.ca", is_staff=True, is_superuser=True)
    sign_in_with_second_factor(client, administrator)
    client.raise_request_exception = False
    for key in ["'\"(", "x" * 300, "1.5"]:
        assert client.get(f"/admin/{chooser}/chosen/{key}/").status_code == 404
