"""Anonymous visitors are served pages another anonymous visitor had (hub.page_cache): never a
signed-in member's page, never another visitor's CSRF token, forgotten as soon as content changes."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation

from hub import page_cache
from hub.models import GuidePage, PageFeedback
from hub.page_sections import forget_cached_sections
from ideas.services import add_comment
from search import breaker
from search.engines.transport import get_transport
from search.models import DailySearchCount
from tests.factories import UserFactory
from tests.hub.factories import make_guide
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


@pytest.fixture(autouse=True)
def page_cache_on():
    """The cache on; search on the database (its answers are kept: no engine to be down)."""
    page_cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=30, PAGE_CACHE_SETTLE_SECONDS=0, OPENSEARCH_URL="", ELASTICSEARCH_URL=""):
        yield
    page_cache.clear()
    translation.activate("fr")


@pytest.fixture
def guide(guide_index):
    return make_guide(guide_index, title="Guide de la sobriété numérique")


def _get(client, path, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **headers)
    return response, len(queries.captured_queries)


def _retitle_without_signal(page, title):
    """A change no signal announces (as vote counters move): only the cache's lifetime bounds it."""
    GuidePage.objects.filter(pk=page.pk).update(title=title)


def test_the_next_anonymous_visitor_gets_the_page_without_rendering_it(guide):
    first, first_queries = _get(Client(), guide.url)
    _retitle_without_signal(guide, "Titre changé en douce")
    second, second_queries = _get(Client(), guide.url)
    assert first.status_code == second.status_code == 200
    assert "Guide de la sobriété numérique" in second.content.decode()
    assert second_queries < first_queries and second_queries <= 1, (first_queries, second_queries)
    assert "Cookie" in second["Vary"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_published_change_is_served_at_once(guide):
    _get(Client(), guide.url)
    guide.title = "Titre republié"
    guide.save_revision().publish()
    assert "Titre republié" in Client().get(guide.url).content.decode()


def test_the_cache_lifetime_bounds_what_no_signal_announces(guide):
    _get(Client(), guide.url)
    _retitle_without_signal(guide, "Titre changé en douce")
    with override_settings(PAGE_CACHE_SECONDS=0):
        assert "Titre changé en douce" in Client().get(guide.url).content.decode()
    page_cache._store.entries[next(iter(page_cache._store.entries))].expires = 0  # its 30 s are over
    assert "Titre changé en douce" in Client().get(guide.url).content.decode()


def test_a_page_rendered_right_after_a_change_is_served_but_not_kept(guide):
    with override_settings(PAGE_CACHE_SETTLE_SECONDS=60):
        forget_cached_sections()
        _get(Client(), guide.url)
        _retitle_without_signal(guide, "Titre changé en douce")
        assert "Titre changé en douce" in Client().get(guide.url).content.decode()


def test_a_signed_in_member_never_gets_the_anonymous_page_nor_leaves_theirs(guide):
    _get(Client(), guide.url)
    member = Client()
    member.force_login(UserFactory(username="lectrice@gouv.qc.ca", first_name="Solène"))
    page = member.get(guide.url).content.decode()
    assert "Se déconnecter" in page and "Se connecter" not in page
    anonymous = Client().get(guide.url).content.decode()
    assert "Se connecter" in anonymous and "Se déconnecter" not in anonymous and "lectrice@gouv.qc.ca" not in anonymous


def test_each_visitor_gets_a_csrf_token_of_their_own_that_the_form_accepts(guide):
    first = Client(enforce_csrf_checks=True)
    first_page = first.get(guide.url)
    second = Client(enforce_csrf_checks=True)
    _retitle_without_signal(guide, "Titre changé en douce")
    second_page, queries = _get(second, guide.url)
    assert "Titre changé en douce" not in second_page.content.decode(), "the page was rendered again"
    first_token = CSRF_FIELD.search(first_page.content.decode()).group(1)
    second_tokens = set(CSRF_FIELD.findall(second_page.content.decode()))
    assert len(second_tokens) == 1 and first_token not in second_tokens
    assert (
        "csrftoken" in second_page.cookies
        and second_page.cookies["csrftoken"].value != first.cookies["csrftoken"].value
    )

    answer = second.post(
        guide.url + "avis/", {"useful": "oui", "reason": "", "website": "", "csrfmiddlewaretoken": second_tokens.pop()}
    )
    assert answer.status_code == 302
    assert PageFeedback.objects.count() == 1
    refused = second.post(
        guide.url + "avis/", {"useful": "oui", "reason": "", "website": "", "csrfmiddlewaretoken": first_token}
    )
    assert refused.status_code == 403


def test_a_visitor_with_a_message_or_a_session_gets_their_own_page(guide):
    _get(Client(), guide.url)
    reader = Client()
    assert reader.post(guide.url + "avis/", {"useful": "oui", "reason": "", "website": ""}).status_code == 302
    assert "Merci pour votre réponse" in reader.get(guide.url).content.decode()
    assert "Merci pour votre réponse" not in Client().get(guide.url).content.decode()


def test_languages_and_formats_are_kept_apart(guide):
    french = Client().get("/").content.decode()
    english = Client().get("/en/").content.decode()
    assert 'lang="fr' in french and 'lang="en' in english
    assert 'lang="fr' in Client().get("/").content.decode()
    api = Client().get("/api/v1/search/?q=sobri%C3%A9t%C3%A9", HTTP_ACCEPT="application/json")
    page = Client().get("/api/v1/search/?q=sobri%C3%A9t%C3%A9", HTTP_ACCEPT="text/html")
    assert api["Content-Type"].startswith("application/json") and page.status_code == 200


def test_errors_redirects_and_the_health_check_are_never_kept(guide):
    missing = Client().get("/guides/nulle-part/")
    assert missing.status_code == 404
    make_guide(guide.get_parent(), title="Nulle part")
    assert Client().get("/guides/nulle-part/").status_code == 200
    assert Client().get("/sante/").status_code in (200, 503)
    assert not any("/sante/" in key[3] for key in page_cache._store.entries)


def test_an_idea_saved_is_shown_at_once_on_the_idea_list(django_capture_on_commit_callbacks):
    Client().get("/idees/")
    with django_capture_on_commit_callbacks(execute=True):  # forgotten once the idea's transaction commits
        IdeaFactory(title="Idée toute fraîche pour le cache")
    assert "Idée toute fraîche pour le cache" in Client().get("/idees/").content.decode()


def test_every_search_served_again_is_still_counted(guide):
    path = "/api/v1/search/?q=sobri%C3%A9t%C3%A9"
    for _ in range(3):
        assert Client().get(path, HTTP_ACCEPT="application/json").status_code == 200
    assert sum(DailySearchCount.objects.values_list("searches", flat=True)) == 3
    assert len(page_cache._store.entries) == 1


def test_the_fallbacks_answers_are_never_kept_and_the_engines_are_forgotten_when_it_fails(settings, guide):
    path = "/api/v1/search/?q=sobri%C3%A9t%C3%A9"
    assert Client().get(path).json()["notice"] is None
    assert len(page_cache._store.entries) == 1

    settings.OPENSEARCH_URL = "http://127.0.0.1:9"  # an engine that refuses every connection
    try:
        tripping = Client().get("/api/v1/search/?q=autre+chose")
        assert tripping.json()["notice"], "the first search meets the engine down and answers from the database"
        for _ in range(2):
            down = Client().get(path)
            assert down.json()["notice"], "an answer kept before the engine failed was served"
            assert "no-store" in down["Cache-Control"]
        assert not any(key[3] == path for key in page_cache._store.entries)
    finally:
        breaker.close(get_transport())


def test_a_comment_is_shown_at_once_on_the_idea_page(django_capture_on_commit_callbacks):
    idea = IdeaFactory(title="Idée commentée")
    url = idea.get_absolute_url()
    Client().get(url)
    with django_capture_on_commit_callbacks(execute=True):
        add_comment(UserFactory(username="commentatrice@gouv.qc.ca"), idea, "Un commentaire tout frais.")
    assert "Un commentaire tout frais." in Client().get(url).content.decode()


def test_a_rebuild_of_the_database_engine_forgets_the_searches_kept(guide):
    path = "/api/v1/search/?q=frugalit%C3%A9"
    assert Client().get(path).json()["results"] == []  # kept for the next anonymous visitor
    _retitle_without_signal(guide, "Guide de la frugalité numérique")
    call_command("search_index", "--rebuild", stdout=io.StringIO())
    assert [result["slug"] for result in Client().get(path).json()["results"]] == [guide.slug]
