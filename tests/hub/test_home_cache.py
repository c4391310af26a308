"""The home page's sections come from the cache (hub.page_sections.cached_sections): the same cards for
every visitor, forgotten when a page is published or unpublished, never the visitor's own header."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory
from tests.hub.factories import make_guide

pytestmark = pytest.mark.django_db


def _home(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries.captured_queries]


def test_the_second_visit_reads_the_home_cards_from_the_cache(client, guide_index):
    make_guide(guide_index, title="Guide déjà publié")
    first, first_queries = _home(client)
    second, second_queries = _home(client)
    assert "Guide déjà publié" in first and "Guide déjà publié" in second
    assert any('FROM "hub_guidepage"' in sql for sql in first_queries)
    assert not any('FROM "hub_guidepage"' in sql or 'FROM "ideas_idea"' in sql for sql in second_queries)
    assert len(second_queries) < len(first_queries)


def test_a_guide_published_after_the_home_was_cached_appears_at_once(client, guide_index):
    _home(client)
    guide = make_guide(guide_index, title="Guide tout juste publié")
    assert "Guide tout juste publié" in _home(client)[0]
    guide.unpublish()
    assert "Guide tout juste publié" not in _home(client)[0]


def test_the_cached_home_still_shows_each_visitor_their_own_header(client, guide_index):
    make_guide(guide_index, title="Guide commun")
    anonymous, _queries = _home(client)
    assert "Se connecter" in anonymous and "Se déconnecter" not in anonymous

    member = UserFactory(username="lectrice@gouv.qc.ca")
    client.force_login(member)
    signed_in, _queries = _home(client)
    assert "Guide commun" in signed_in
    assert "Se déconnecter" in signed_in and "Mon profil" in signed_in and "Se connecter" not in signed_in

    client.logout()
    again, _queries = _home(client)
    assert "Se connecter" in again and "Se déconnecter" not in again and "Mon profil" not in again


def test_english_and_french_homes_keep_their_own_cards(client, guide_index):
    make_guide(guide_index, title="Guide en français")
    assert "Guide en français" in _home(client)[0]
    english = client.get("/en/").content.decode()
    assert "Guide en français" not in english
