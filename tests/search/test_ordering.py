"""Index writes of one document are ordered and idempotent: the outbox delivers at least once and
two workers may finish in any order, yet each engine ends with the newest state (the database
engine's sequences on PostgreSQL and SQLite alike)."""

import pytest
from django.urls import reverse

import search
from ideas.models import Idea
from search import indexing
from search.engines.database import DatabaseBackend
from search.engines.elasticsearch import SearchEngineBackend
from search.models import PendingIndexOperation, SearchDocument
from tests.ideas.factories import IdeaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.search, pytest.mark.sqlite]


def titles(client, q):
    data = client.get(reverse("search:api_search"), {"q": q, "kind": "idea"}).json()
    return [r["title"] for r in data["results"]]


def apply(engine, writes):
    """What a worker does with the writes it prepared: the engine's bulk request (the database
    engine's table was written in `prepare`'s transaction; writing it again must change nothing)."""
    if engine is not None:
        SearchEngineBackend(engine).write(writes, refresh=True)
    return DatabaseBackend().write(writes)


def test_two_workers_in_the_wrong_order_leave_the_newest_version(client, any_engine):
    engine = any_engine
    if engine is not None:
        indexing.ensure_index(engine)
    idea = IdeaFactory(title="Covoiturage des fonctionnaires")
    key = [("idea", str(idea.pk), False)]
    slow_worker, _failed = indexing.prepare(key)  # reads the first title, then stalls
    Idea.objects.filter(pk=idea.pk).update(title="Covoiturage et autopartage des fonctionnaires")
    fast_worker, _failed = indexing.prepare(key)  # reads the new title
    assert fast_worker[0].sequence > slow_worker[0].sequence

    apply(engine, fast_worker)
    assert apply(engine, slow_worker) == 0  # the older write is refused by the database engine...
    assert titles(client, "covoiturage") == ["Covoiturage et autopartage des fonctionnaires"]  # ...and the node
    assert SearchDocument.objects.get(doc_id=f"idea-{idea.pk}").title == "Covoiturage et autopartage des fonctionnaires"

    apply(engine, fast_worker)  # delivered twice: the same result
    assert titles(client, "covoiturage") == ["Covoiturage et autopartage des fonctionnaires"]


def test_a_late_write_cannot_bring_back_a_removed_document(client, any_engine):
    engine = any_engine
    if engine is not None:
        indexing.ensure_index(engine)
    idea = IdeaFactory(title="Tableau de bord des projets")
    key = [("idea", str(idea.pk), False)]
    slow_worker, _failed = indexing.prepare(key)  # reads the visible idea
    Idea.objects.filter(pk=idea.pk).update(is_hidden=True)  # moderation hides it
    fast_worker, _failed = indexing.prepare(key)  # reads "hidden": a removal
    assert fast_worker[0].document is None

    apply(engine, fast_worker)
    apply(engine, slow_worker)
    assert titles(client, "tableau") == []
    assert not SearchDocument.objects.filter(doc_id=f"idea-{idea.pk}").exists()


def test_the_outbox_applied_twice_changes_nothing(client, any_engine, django_capture_on_commit_callbacks):
    idea = IdeaFactory(title="Guichet unique des permis")
    with django_capture_on_commit_callbacks(execute=False):
        search.announce(idea)
    rows = list(PendingIndexOperation.objects.all())
    assert indexing.process_pending() == (1, 0)
    PendingIndexOperation.objects.bulk_create(rows)  # at least once: the same rows come back
    assert indexing.process_pending() == (1, 0)
    assert titles(client, "guichet") == ["Guichet unique des permis"]
    assert SearchDocument.objects.filter(doc_id=f"idea-{idea.pk}").count() == 1
