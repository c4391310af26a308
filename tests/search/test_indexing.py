"""Keeping the index true: what gets indexed when, outages, rebuilds, drift. Real engine node."""

import threading

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

import search
from hub import page_cache
from hub.models import StandardPage
from search import indexing
from search.documents import alias_name
from search.engines.elasticsearch import SearchEngineBackend
from search.models import PendingIndexOperation, SearchDocument, Synonym
from search.queries import SearchParams
from tests.search.conftest import make_document

pytestmark = [pytest.mark.django_db, pytest.mark.search]


def found(client, q, **params):
    return [r["slug"] for r in client.get(reverse("search:api_search"), {"q": q, **params}).json()["results"]]


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def new_page(home_page, title, slug, body="", live=True):
    page = StandardPage(title=title, slug=slug, body=f"<p>{body}</p>", live=live)
    home_page.add_child(instance=page)
    return page


def test_a_draft_is_never_indexed_until_published(client, engine, home_page, standard_page_kind, publish):
    page = new_page(home_page, "Brouillon confidentiel", "brouillon", live=False)
    publish(lambda: page.save_revision())
    assert found(client, "confidentiel") == []
    publish(lambda: page.save_revision().publish())
    assert found(client, "confidentiel") == ["brouillon"]
    page.title = "Brouillon confidentiel modifié en secret"
    publish(lambda: page.save_revision())  # a new draft of a live page: the index keeps the live version
    assert found(client, "secret") == []


def test_unpublishing_removes_the_page(client, engine, home_page, standard_page_kind, publish):
    page = new_page(home_page, "Page éphémère", "ephemere", live=False)
    publish(lambda: page.save_revision().publish())
    assert found(client, "éphémère") == ["ephemere"]
    publish(lambda: StandardPage.objects.get(pk=page.pk).unpublish())
    assert found(client, "éphémère") == []


def test_moving_updates_the_url_and_deleting_removes(client, engine, home_page, standard_page_kind, publish):
    parent = new_page(home_page, "Rubrique", "rubrique", live=False)
    publish(lambda: parent.save_revision().publish())
    page = new_page(home_page, "Page voyageuse", "voyageuse", live=False)
    publish(lambda: page.save_revision().publish())
    publish(lambda: StandardPage.objects.get(pk=page.pk).move(StandardPage.objects.get(pk=parent.pk), pos="last-child"))
    result = client.get(reverse("search:api_search"), {"q": "voyageuse"}).json()["results"][0]
    assert result["url"].endswith("/rubrique/voyageuse/")
    publish(lambda: StandardPage.objects.get(pk=page.pk).delete())
    assert found(client, "voyageuse") == []


def test_hidden_idea_leaves_the_index_and_votes_follow(client, engine, publish):
    from tests.ideas.factories import IdeaFactory

    idea = IdeaFactory(title="Covoiturage des fonctionnaires")
    publish(lambda: search.announce(idea))
    assert len(found(client, "covoiturage", kind="idea")) == 1
    type(idea).objects.filter(pk=idea.pk).update(vote_count=42)  # counters move with update()
    publish(lambda: search.announce(idea))
    assert client.get(reverse("search:api_search"), {"q": "covoiturage"}).json()["results"][0]["score"] is not None
    document = SearchDocument.objects.get(doc_id=f"idea-{idea.pk}")
    assert document.votes == 42
    type(idea).objects.filter(pk=idea.pk).update(is_hidden=True)
    publish(lambda: search.announce(idea, removed=True))
    assert found(client, "covoiturage") == []
    assert not SearchDocument.objects.filter(doc_id=f"idea-{idea.pk}").exists()


def test_guides_and_components_are_indexed_with_their_facets(client, engine, home_page, organisations, publish):
    from hub.models import ComponentPage, GuidePage
    from hub.site_tree import index_pages

    indexes = index_pages()
    mcn = organisations.get(slug="mcn")
    guide = GuidePage(
        title="Rédiger en langage clair",
        slug="langage-clair",
        summary="Écrire simplement.",
        owner_organisation=mcn,
        live=False,
    )
    indexes["guides"]["fr"].add_child(instance=guide)
    guide.themes.add("Rédaction")
    publish(lambda: guide.save_revision().publish())
    component = ComponentPage(
        title="Gabarit de courriel clair",
        slug="gabarit-courriel",
        summary="Un gabarit.",
        owner_organisation=mcn,
        maturity="stable",
        licence="MIT",
        live=False,
    )
    indexes["composantes"]["fr"].add_child(instance=component)
    publish(lambda: component.save_revision().publish())
    data = client.get(reverse("search:api_search"), {"q": "clair"}).json()
    kinds = {r["kind"] for r in data["results"]}
    assert kinds == {"guide", "component"}
    assert {"value": "mcn", "count": 2} in data["facets"]["organisation"]
    assert {"value": "Rédaction", "count": 1} in data["facets"]["tag"]
    assert {"value": "stable", "count": 1} in data["facets"]["maturity"]


def test_writes_succeed_during_an_outage_and_the_index_catches_up(
    client, engine, settings, home_page, standard_page_kind, publish
):
    indexing.ensure_index(engine)
    settings.OPENSEARCH_URL = "http://127.0.0.1:9"  # a closed port: the engine is "down"
    page = new_page(home_page, "Publiée pendant la panne", "panne", live=False)
    publish(lambda: page.save_revision().publish())  # no exception: the editor's publish succeeds
    assert StandardPage.objects.get(pk=page.pk).live
    pending = PendingIndexOperation.objects.get(object_id=str(page.pk))
    assert pending.attempts == 1 and pending.next_attempt_at is not None and pending.last_error
    response = client.get(reverse("search:page"), {"q": "panne"})  # the page answers from the database
    assert response.status_code == 200
    assert "momentanément indisponible" in response.content.decode()
    assert client.get(reverse("search:api_search"), {"q": "panne"}).json()["engine"] == "database"
    with pytest.raises(Exception, match="indisponible"):
        call_command("search_index", "--retry-pending")
    settings.OPENSEARCH_URL = engine.url  # the engine is back
    call_command("search_index", "--retry-pending")
    assert not PendingIndexOperation.objects.exists()
    data = client.get(reverse("search:api_search"), {"q": "panne"}).json()
    assert data["engine"] == "elasticsearch" and [r["slug"] for r in data["results"]] == ["panne"]


def test_an_index_not_built_yet_is_announced_as_such_and_answered_from_the_database(client, engine):
    assert not engine.indices_for_alias(alias_name())  # the engine answers, but nothing was ever built
    data = client.get(reverse("search:api_search"), {"q": "numérique"}).json()
    assert data["engine"] == "database"
    assert data["notice"] == "L'index de recherche est en cours de préparation : résultats simplifiés."
    response = client.get(reverse("search:page"), {"q": "numérique"})
    assert response.status_code == 200
    assert "en cours de préparation" in response.content.decode()


def test_search_keeps_answering_while_the_index_is_rebuilt(engine, put_documents):
    documents = [make_document("guide", n, f"Guide numéro {n} sur la sécurité") for n in range(300)]
    put_documents(documents)
    first_index = engine.indices_for_alias(alias_name())
    backend = SearchEngineBackend(engine)
    errors, totals, stop = [], [], threading.Event()

    def query():
        while not stop.is_set():
            try:
                totals.append(backend.search(SearchParams(q="sécurité", page_size=1)).total)
            except Exception as exc:  # noqa: BLE001 - any failure is what this test looks for
                errors.append(exc)

    thread = threading.Thread(target=query)
    thread.start()
    try:
        for _ in range(3):
            indexing.rebuild(documents=documents, chunk_size=50)
    finally:
        stop.set()
        thread.join()
    assert errors == []
    assert totals and min(totals) == 300
    current = engine.indices_for_alias(alias_name())
    assert len(current) == 1 and current != first_index
    assert engine.indices_matching(f"{alias_name()}-*") == current  # old indices dropped


def test_check_finds_drift_and_repair_fixes_it(engine, home_page, standard_page_kind, publish, capsys):
    pages = []
    for n in range(3):
        page = new_page(home_page, f"Page de contrôle {n}", f"controle-{n}", live=False)
        publish(lambda page=page: page.save_revision().publish())
        pages.append(page)
    call_command("search_index", "--rebuild")
    alias = alias_name()
    engine.delete_document(alias, f"page-{pages[0].pk}", refresh=True)  # missing
    engine.index_document(alias, "page-999999", make_document("page", 999999, "Fantôme"), refresh=True)  # extra
    StandardPage.objects.filter(pk=pages[1].pk).update(title="Titre changé sans publication d'index")  # stale
    SearchDocument.objects.filter(doc_id=f"page-{pages[2].pk}").delete()  # missing from the database engine
    report = indexing.check()
    assert f"page-{pages[0].pk}" in report["engine"]["missing"]
    assert report["engine"]["extra"] == ["page-999999"]
    assert f"page-{pages[1].pk}" in report["engine"]["stale"]
    assert f"page-{pages[2].pk}" in report["database"]["missing"]
    with pytest.raises(Exception, match="--repair"):
        call_command("search_index", "--check")
    call_command("search_index", "--repair")
    report = indexing.check()
    assert all(not ids for store in report.values() for ids in store.values())


def test_editing_synonyms_takes_effect_without_outage(client, engine, home_page, standard_page_kind, publish):
    page = new_page(home_page, "Clavardage avec les citoyens", "clavardage", live=False)
    publish(lambda: page.save_revision().publish())
    before = engine.indices_for_alias(alias_name())
    assert found(client, "messagerie instantanée") == []
    publish(lambda: Synonym.objects.create(term="clavardage", equivalents="messagerie instantanée, chat"))
    assert engine.indices_for_alias(alias_name()) != before  # a new index, swapped in
    assert found(client, "messagerie instantanée") == ["clavardage"]
    assert found(client, "chat") == ["clavardage"]


def test_a_rebuild_forgets_the_searches_kept_for_anonymous_visitors(
    engine, home_page, standard_page_kind, publish, settings
):
    """The page cache (`hub.page_cache`) kept a search answered by the old index: the swap to the
    new one forgets it, as every other write to the engine does, instead of serving the old answer
    for up to PAGE_CACHE_SECONDS."""
    settings.PAGE_CACHE_SECONDS, settings.PAGE_CACHE_SETTLE_SECONDS = 30, 0
    page_cache.clear()
    page = new_page(home_page, "Clavardage avec les citoyens", "clavardage", live=False)
    publish(lambda: page.save_revision().publish())
    assert found(Client(), "messagerie instantanée") == []  # kept for the next anonymous visitor
    publish(lambda: Synonym.objects.create(term="clavardage", equivalents="messagerie instantanée, chat"))
    assert found(Client(), "messagerie instantanée") == ["clavardage"]
    page_cache.clear()
