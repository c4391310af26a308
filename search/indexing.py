"""Applying the outbox to both engines, and rebuilding, checking and repairing the index.

Write path (an outbox): `search.announce()` records a `PendingIndexOperation` in the writer's
own transaction and, on commit, enqueues `search.tasks.sync_pending`, which calls
`process_pending()`: for each object, under its `DocumentSequence` lock, take the next sequence
and read the current state (`prepare()`), store it in the database engine's table in that same
transaction, then send one bulk request to the search engine with the sequences as external
versions, and delete the rows. Delivery is at least once and in any order: both engines keep
the write with the highest sequence, so applying a row twice, or an old write after a newer one,
changes nothing.

If the engine cannot be reached, the circuit breaker (`search.breaker`) marks it down and the
rows stay with a growing `next_attempt_at` (exponential backoff, no longer than the breaker's
period while the node is unreachable or busy: 429/503). They are retried by one deferred
task (on backends that can defer; `search.tasks.schedule_retry`), by the next write, when a
probe finds the engine answering again (that sync goes first in the queue), and by
`manage.py search_index --retry-pending`. Whichever run finds the engine taking writes again
applies every row the outage postponed. The user's own write never waits for or fails because
of the engine.

Pages are indexed on publish, unpublish, move and delete only, never on a draft save.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hub.page_sections import forget_cached_sections
from hub.progress import untracked
from search import breaker
from search.documents import (
    IndexWrite,
    alias_name,
    available_kinds,
    index_body,
    kind_named,
    mapping_fingerprint,
    split_doc_id,
)
from search.engines.database import DatabaseBackend, next_sequence, rebuild_vocabulary, store
from search.engines.elasticsearch import SearchEngineBackend
from search.engines.transport import EngineError, EngineUnavailable, get_transport
from search.models import DocumentSequence, PendingIndexOperation, SearchDocument

logger = logging.getLogger(__name__)

BULK_SIZE = 500
MAX_BACKOFF = timedelta(hours=1)


def backoff(attempts):
    return min(timedelta(seconds=5 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def shortest_postponement():
    """No row is postponed for less (`_postpone`): its first backoff, or the breaker's period if shorter."""
    return min(backoff(1), timedelta(seconds=settings.SEARCH_BREAKER_SECONDS))


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


# --- preparing and applying writes --------------------------------------------------------


def prepare(keys):
    """([IndexWrite], failed keys) for (kind name, object id, remove) keys, the database engine's
    table brought up to date in the same transaction.

    Each document's sequence is taken under its row lock *before* its content is read, so that a
    higher sequence always carries a state at least as new. Keys are locked in one order (no
    deadlock between workers). A document that cannot be built (a bug in a builder) is logged and
    left pending: it must not block the other writes of the batch."""
    writes, failed = [], set()
    with transaction.atomic():
        for kind_name, object_id, remove in sorted(keys):
            kind = kind_named(kind_name)
            doc_id = kind.doc_id(object_id) if kind is not None else f"{kind_name}-{object_id}"
            sequence = next_sequence(doc_id)
            try:
                obj = None if remove or kind is None else kind.get(object_id)
                document = kind.document(obj) if obj is not None else None
            except Exception:
                logger.exception("Recherche : document %s:%s impossible à construire.", kind_name, object_id)
                failed.add((kind_name, object_id))
                continue
            writes.append(IndexWrite(doc_id, sequence, document))
        DatabaseBackend().write(writes)
    return writes, failed


def write_to_engine(transport, writes, refresh=None):
    """Send prepared writes to the search engine; a failure to reach it trips the breaker."""
    refresh = settings.SEARCH_REFRESH_ON_WRITE if refresh is None else refresh
    try:
        ensure_index(transport)
        for start in range(0, len(writes), BULK_SIZE):
            SearchEngineBackend(transport).write(writes[start : start + BULK_SIZE], refresh=refresh)
    except EngineUnavailable as exc:
        breaker.trip(transport, exc)
        raise
    forget_cached_sections()  # searches kept by hub.page_cache answered without these writes


def apply_documents(doc_ids, refresh=None):
    """Bring these documents up to date in both engines now (repair, catching up after a rebuild)."""
    writes, _failed = prepare([(*split_doc_id(doc_id), False) for doc_id in doc_ids])
    transport = get_transport()
    if transport is not None and writes:
        write_to_engine(transport, writes, refresh=refresh)
    return len(writes)


# --- processing the outbox ----------------------------------------------------------------


BUILDER_FAILED = "builder failed"


def process_pending(limit=1000, force=False, refresh=None):
    """Apply due outbox rows. Returns (applied, failed) counts. `force` ignores the backoff.

    When the engine takes this run's writes, the rows it postponed while it was unreachable are
    due at once and applied in the same run: whichever sync finds the node back (a worker's, a
    search's probe) leaves none of them waiting for a backoff nothing else would come for."""
    applied, failed = _process_due(limit, force, refresh)
    if applied and not force:
        waiting = PendingIndexOperation.objects.filter(next_attempt_at__gt=timezone.now()).exclude(
            last_error=BUILDER_FAILED
        )
        if waiting.update(next_attempt_at=None):
            more, more_failed = _process_due(limit, False, refresh)
            applied, failed = applied + more, failed + more_failed
    return applied, failed


def due_operations(force=False):
    """The outbox rows a sync applies now (`force`: every row, whatever its backoff)."""
    operations = PendingIndexOperation.objects.order_by("id")
    return operations if force else operations.exclude(next_attempt_at__gt=timezone.now())


def _process_due(limit, force, refresh):
    operations = list(due_operations(force)[:limit])
    if not operations:
        return 0, 0
    latest = {}
    for op in operations:
        latest[(op.kind, op.object_id)] = op  # the newest row decides: sync or remove
    writes, failed = prepare([(k, o, op.remove) for (k, o), op in latest.items()])
    transport = get_transport()
    if transport is not None:
        if breaker.state(transport) == breaker.OPEN:
            _postpone(operations, EngineUnavailable("moteur marqué indisponible (disjoncteur ouvert)"))
            return 0, len(operations)
        try:
            write_to_engine(transport, writes, refresh=refresh)
        except (EngineUnavailable, EngineError) as exc:
            _postpone(operations, exc)
            return 0, len(operations)
    # Only the rows read above: a row with a lower id may commit later (ids are taken at insert
    # time, not at commit), and it must stay for the next run.
    PendingIndexOperation.objects.filter(
        pk__in=[op.pk for op in operations if (op.kind, op.object_id) not in failed]
    ).delete()
    if failed:
        _postpone([op for op in operations if (op.kind, op.object_id) in failed], RuntimeError(BUILDER_FAILED))
    return len(operations) - len(failed), len(failed)


def next_attempt():
    """When the earliest postponed row is due (None when nothing waits)."""
    op = PendingIndexOperation.objects.exclude(next_attempt_at=None).order_by("next_attempt_at").first()
    return op.next_attempt_at if op is not None else None


def _postpone(operations, exc):
    now = timezone.now()
    message = str(exc)[:1000] or exc.__class__.__name__
    for op in operations:
        op.attempts += 1
        delay = backoff(op.attempts)
        if isinstance(exc, EngineUnavailable):
            # The breaker decides when the node is back (and that probe forces a sync): a row must
            # not wait its own, longer backoff after an outage that made it fail many times.
            delay = min(delay, timedelta(seconds=settings.SEARCH_BREAKER_SECONDS))
        op.next_attempt_at = now + delay
        op.last_error = message
        PendingIndexOperation.objects.filter(pk=op.pk).update(
            attempts=op.attempts, next_attempt_at=op.next_attempt_at, last_error=op.last_error
        )
    logger.warning("Moteur de recherche indisponible : %s opérations en attente (%s).", len(operations), message)


# --- rebuild, check, repair ---------------------------------------------------------------


def all_documents(progress=untracked, label="Documents"):
    """Every searchable document, built from the content; `progress` (`hub.progress`) counts them."""
    kinds = available_kinds()
    total = None if progress is untracked else sum(kind.searchable().count() for kind in kinds)
    with progress(label, total, unit="document") as tracker:
        for kind in kinds:
            for obj in kind.searchable().iterator(chunk_size=500):
                yield kind.document(obj)
                tracker.advance()


def issued_sequences():
    """{doc_id: last issued sequence}: what a rebuild writes its documents with."""
    return dict(DocumentSequence.objects.values_list("doc_id", "issued"))


def rebuild_database(issued=None, progress=untracked):
    """Rebuild the database engine's table, and its typo vocabulary, from the content."""
    issued = issued_sequences() if issued is None else issued
    seen, batch = set(), []
    backend = DatabaseBackend()
    for document in all_documents(progress, "Table de la base"):
        batch.append(IndexWrite(document["doc_id"], issued.get(document["doc_id"], 0), document))
        seen.add(document["doc_id"])
        if len(batch) >= BULK_SIZE:
            backend.write(batch)
            batch = []
    backend.write(batch)
    for doc_id in SearchDocument.objects.exclude(doc_id__in=seen).values_list("doc_id", flat=True):
        store(doc_id, None)
    rebuild_vocabulary()  # counted again from scratch: whatever drifted is put right
    forget_cached_sections()  # searches kept by hub.page_cache answered from the table before
    return len(seen)


MAX_RETRY_WAIT = 30


def write_chunk(backend, writes, index):
    """Send one bulk chunk of a rebuild (within `SEARCH_REBUILD_TIMEOUT`), again when the node does
    not answer in time (a time-out under load must not throw away a long rebuild):
    `SEARCH_REBUILD_ATTEMPTS` tries at most, waits doubling from `SEARCH_REBUILD_RETRY_WAIT`.
    Sending a chunk twice is harmless (external versions)."""
    wait = settings.SEARCH_REBUILD_RETRY_WAIT
    for attempt in range(1, settings.SEARCH_REBUILD_ATTEMPTS + 1):
        try:
            return backend.write(writes, index=index, timeout=settings.SEARCH_REBUILD_TIMEOUT)
        except EngineUnavailable as exc:
            if attempt >= settings.SEARCH_REBUILD_ATTEMPTS:
                raise
            logger.warning(
                "Recherche : lot de %s documents sans réponse (%s), essai %s sur %s dans %.1f s.",
                len(writes),
                exc,
                attempt + 1,
                settings.SEARCH_REBUILD_ATTEMPTS,
                wait,
            )
            time.sleep(wait)
            wait = min(wait * 2, MAX_RETRY_WAIT)


def rebuild(stdout=None, documents=None, chunk_size=BULK_SIZE, progress=untracked):
    """Build a fresh concrete index, fill it, then swap the alias in one atomic call and drop
    the old index: searches keep answering from the old index until the swap.

    Documents go in with the sequence last issued before the build started; a document whose
    sequence moved during the build (a worker wrote it to the old index) is written again after
    the swap."""
    transport = get_transport()
    if transport is None:
        return rebuild_database(progress=progress)
    issued = issued_sequences()
    alias = alias_name()
    backend = SearchEngineBackend(transport)
    old = transport.indices_for_alias(alias)
    name = new_index_name()
    transport.create_index(name, index_body())
    count = 0
    batch = []
    for document in documents if documents is not None else all_documents(progress, "Index du moteur"):
        batch.append(IndexWrite(document["doc_id"], issued.get(document["doc_id"], 0), document))
        if len(batch) >= chunk_size:
            write_chunk(backend, batch, name)
            count += len(batch)
            batch = []
    if batch:
        write_chunk(backend, batch, name)
        count += len(batch)
    transport.refresh(name)
    actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    actions.append({"add": {"index": name, "alias": alias}})
    transport.update_aliases(actions)
    forget_cached_sections()  # searches kept by hub.page_cache answered from the old index
    for index in old:
        transport.delete_index(index)
    if documents is None:
        rebuild_database(issued, progress)
        moved = [doc_id for doc_id, sequence in issued_sequences().items() if sequence > issued.get(doc_id, 0)]
        apply_documents(moved)
        process_pending(force=True)  # writes announced during the build
    if stdout:
        stdout.write(f"Index {name} : {count} documents, alias {alias} basculé.")
    return count


def rebuild_reason(transport):
    """Why the engine's index must be rebuilt before this code serves it (its mapping was built by
    another version, or there is none yet), or None when it is up to date."""
    indices = transport.indices_for_alias(alias_name())
    if not indices:
        return "aucun index"
    built_with = transport.mapping_meta(indices[0]).get("mapping_fingerprint")
    if built_with != mapping_fingerprint():
        return f"mapping modifié ({built_with or 'sans empreinte'} → {mapping_fingerprint()})"
    return None


def expected_fingerprints(progress=untracked):
    return {d["doc_id"]: d["fingerprint"] for d in all_documents(progress, "Vérification")}


def compare(expected, actual):
    return {
        "missing": sorted(set(expected) - set(actual)),
        "extra": sorted(set(actual) - set(expected)),
        "stale": sorted(k for k in set(expected) & set(actual) if expected[k] != actual[k]),
    }


def check(progress=untracked):
    """Drift between the content and each store: {"engine": {...}, "database": {...}}."""
    expected = expected_fingerprints(progress)
    report = {"database": compare(expected, dict(SearchDocument.objects.values_list("doc_id", "fingerprint")))}
    transport = get_transport()
    if transport is not None:
        ensure_index(transport)
        report["engine"] = compare(expected, SearchEngineBackend(transport).fingerprints())
    return report


def repair(progress=untracked):
    """Fix what `check()` finds (each drifting document written again, with a new sequence, to
    both engines); returns the report it fixed."""
    report = check(progress)
    drifting = sorted({doc_id for drift in report.values() for ids in drift.values() for doc_id in ids})
    apply_documents(drifting, refresh=False)
    transport = get_transport()
    if transport is not None and drifting:
        transport.refresh(alias_name())
    return report
