"""What gets indexed when, and how index writes survive an engine outage.

Write path (an outbox): a change schedules a `PendingIndexOperation` row in the same
transaction as the change; after commit a background task (`search.tasks.sync_pending`)
reads the current state of each object, updates the database engine's `SearchDocument` table
and sends one bulk request to the engine, then deletes the rows. If the engine is
unreachable, the rows stay with a growing `next_attempt_at` (exponential backoff); they are
retried by the re-enqueued task (on backends that can defer), by the next write, and by
`manage.py search_index --retry-pending`. The user's own write never waits for or fails
because of the engine.

Pages are indexed on publish, unpublish, move and delete only, never on a draft save.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from search.documents import alias_name, available_kinds, index_body, kind_for_object, kind_named
from search.engines.elasticsearch import SearchEngineBackend
from search.engines.transport import EngineError, EngineUnavailable, get_transport
from search.models import PendingIndexOperation, SearchDocument, SearchDocumentTag
from search.text import fold

logger = logging.getLogger(__name__)

BULK_SIZE = 500
MAX_BACKOFF = timedelta(hours=1)


def backoff(attempts):
    return min(timedelta(seconds=5 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


# --- scheduling ---------------------------------------------------------------------------


def schedule(kind_name, object_id, remove=False):
    """Record that an object's index entry must be refreshed (or removed), then, after the
    transaction commits, run the sync task."""
    PendingIndexOperation.objects.create(kind=kind_name, object_id=str(object_id), remove=remove)
    transaction.on_commit(_enqueue_sync)


def schedule_object(obj, remove=False):
    kind = kind_for_object(obj)
    if kind is None:
        return False
    schedule(kind.name, obj.pk, remove=remove)
    return True


def _enqueue_sync():
    from search.tasks import sync_pending

    try:
        sync_pending.enqueue()
    except Exception:  # the outbox row is safe; the next write or --retry-pending picks it up
        logger.exception("Impossible de mettre en file la synchronisation de l'index de recherche.")


# --- documents ----------------------------------------------------------------------------


def store_in_database(doc_id, document):
    """Bring the database engine's row for `doc_id` to `document` (None: remove it)."""
    if document is None:
        SearchDocument.objects.filter(doc_id=doc_id).delete()
        return
    fields = {
        key: document[key]
        for key in (
            "kind",
            "object_id",
            "slug",
            "locale",
            "title",
            "summary",
            "body",
            "organisation",
            "organisation_name",
            "tags",
            "status",
            "maturity",
            "votes",
            "adoptions",
            "published_at",
            "url",
            "fingerprint",
        )
    }
    fields["tags_text"] = " ".join(document["tags"])
    fields["title_folded"] = " ".join(fold(document["title"]).split())
    with transaction.atomic():
        row, created = SearchDocument.objects.update_or_create(doc_id=doc_id, defaults=fields)
        if not created:
            row.tag_rows.all().delete()
        SearchDocumentTag.objects.bulk_create([SearchDocumentTag(document=row, tag=t) for t in document["tags"]])


def bulk_operations(index, documents):
    """NDJSON bulk lines: {doc_id: document or None (delete)}."""
    lines = []
    for doc_id, document in documents.items():
        if document is None:
            lines.append({"delete": {"_index": index, "_id": doc_id}})
        else:
            lines += [{"index": {"_index": index, "_id": doc_id}}, document]
    return lines


def ensure_index(transport):
    """Create the first concrete index and its alias when none exists (never write to a bare alias name)."""
    alias = alias_name()
    if transport.indices_for_alias(alias):
        return alias
    name = new_index_name()
    transport.create_index(name, index_body())
    transport.update_aliases([{"add": {"index": name, "alias": alias}}])
    return alias


def new_index_name():
    return f"{alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"


# --- processing the outbox ----------------------------------------------------------------


def current_documents(keys):
    """({doc_id: document or None}, failed keys) for the (kind, object_id, remove) keys.

    A document that cannot be built (a bug in a builder) is logged and left pending: it must
    not block the other writes of the batch."""
    documents, failed = {}, set()
    for kind_name, object_id, remove in keys:
        kind = kind_named(kind_name)
        if kind is None:
            continue
        try:
            obj = None if remove else kind.get(object_id)
            documents[kind.doc_id(object_id)] = kind.document(obj) if obj is not None else None
        except Exception:
            logger.exception("Recherche : document %s:%s impossible à construire.", kind_name, object_id)
            failed.add((kind_name, object_id))
    return documents, failed


def process_pending(limit=1000, force=False, refresh=None):
    """Apply due outbox rows. Returns (applied, failed) counts. `force` ignores the backoff."""
    now = timezone.now()
    refresh = settings.SEARCH_REFRESH_ON_WRITE if refresh is None else refresh
    operations = PendingIndexOperation.objects.order_by("id")
    if not force:
        operations = operations.exclude(next_attempt_at__gt=now)
    operations = list(operations[:limit])
    if not operations:
        return 0, 0
    latest = {}
    for op in operations:
        latest[(op.kind, op.object_id)] = op  # the newest row decides: sync or remove
    keys = [(k, o, op.remove) for (k, o), op in latest.items()]
    documents, failed = current_documents(keys)
    for doc_id, document in documents.items():
        store_in_database(doc_id, document)
    transport = get_transport()
    if transport is not None:
        try:
            index = ensure_index(transport)
            transport.bulk(bulk_operations(index, documents), refresh=refresh)
        except (EngineUnavailable, EngineError) as exc:
            _postpone(operations, exc)
            return 0, len(operations)
    max_id = operations[-1].id
    for kind_name, object_id in latest:
        if (kind_name, object_id) in failed:
            continue
        PendingIndexOperation.objects.filter(kind=kind_name, object_id=object_id, id__lte=max_id).delete()
    if failed:
        _postpone([op for op in operations if (op.kind, op.object_id) in failed], RuntimeError("builder failed"))
    return len(operations) - len(failed), len(failed)


def _postpone(operations, exc):
    now = timezone.now()
    message = str(exc)[:1000] or exc.__class__.__name__
    for op in operations:
        op.attempts += 1
        op.next_attempt_at = now + backoff(op.attempts)
        op.last_error = message
        PendingIndexOperation.objects.filter(pk=op.pk).update(
            attempts=op.attempts, next_attempt_at=op.next_attempt_at, last_error=op.last_error
        )
    logger.warning("Moteur de recherche indisponible : %s opérations en attente (%s).", len(operations), message)
    from search.tasks import sync_pending

    backend = sync_pending.get_backend()
    if getattr(backend, "supports_defer", False):
        sync_pending.using(run_after=min(op.next_attempt_at for op in operations)).enqueue()


# --- rebuild, check, repair ---------------------------------------------------------------


def all_documents():
    for kind in available_kinds():
        for obj in kind.searchable().iterator(chunk_size=500):
            yield kind.document(obj)


def rebuild_database():
    """Rebuild the database engine's table from the content."""
    seen = set()
    for document in all_documents():
        store_in_database(document["doc_id"], document)
        seen.add(document["doc_id"])
    SearchDocument.objects.exclude(doc_id__in=seen).delete()
    return len(seen)


def rebuild(stdout=None, documents=None, chunk_size=BULK_SIZE):
    """Build a fresh concrete index, fill it, then swap the alias in one atomic call and drop
    the old index: searches keep answering from the old index until the swap."""
    transport = get_transport()
    if transport is None:
        return rebuild_database()
    alias = alias_name()
    old = transport.indices_for_alias(alias)
    name = new_index_name()
    transport.create_index(name, index_body())
    count = 0
    batch = {}
    for document in documents if documents is not None else all_documents():
        batch[document["doc_id"]] = document
        if len(batch) >= chunk_size:
            transport.bulk(bulk_operations(name, batch))
            count += len(batch)
            batch = {}
    if batch:
        transport.bulk(bulk_operations(name, batch))
        count += len(batch)
    transport.refresh(name)
    actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    actions.append({"add": {"index": name, "alias": alias}})
    transport.update_aliases(actions)
    for index in old:
        transport.delete_index(index)
    if documents is None:
        rebuild_database()
        process_pending(force=True)  # writes that happened during the build
    if stdout:
        stdout.write(f"Index {name} : {count} documents, alias {alias} basculé.")
    return count


def expected_fingerprints():
    return {d["doc_id"]: d["fingerprint"] for d in all_documents()}


def compare(expected, actual):
    return {
        "missing": sorted(set(expected) - set(actual)),
        "extra": sorted(set(actual) - set(expected)),
        "stale": sorted(k for k in set(expected) & set(actual) if expected[k] != actual[k]),
    }


def check():
    """Drift between the content and each store: {"engine": {...}, "database": {...}}."""
    expected = expected_fingerprints()
    report = {"database": compare(expected, dict(SearchDocument.objects.values_list("doc_id", "fingerprint")))}
    transport = get_transport()
    if transport is not None:
        ensure_index(transport)
        report["engine"] = compare(expected, SearchEngineBackend(transport).fingerprints())
    return report


def repair():
    """Fix what `check()` finds; returns the report it fixed."""
    report = check()
    by_id = {}
    for document in all_documents():
        by_id[document["doc_id"]] = document
    for store, drift in report.items():
        documents = {doc_id: by_id[doc_id] for doc_id in drift["missing"] + drift["stale"]}
        documents.update(dict.fromkeys(drift["extra"]))
        if store == "database":
            for doc_id, document in documents.items():
                store_in_database(doc_id, document)
        elif documents:
            transport = get_transport()
            items = list(documents.items())
            for start in range(0, len(items), BULK_SIZE):
                transport.bulk(bulk_operations(alias_name(), dict(items[start : start + BULK_SIZE])))
            transport.refresh(alias_name())
    return report
