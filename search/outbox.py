"""`announce()`: how a writer tells search that an object changed, inside its own transaction.

The pending operation is written in the writer's transaction, so it commits or rolls back with
the change itself: a crash right after the commit loses nothing, `search_index --retry-pending`
(or the next write) applies it. The sync task is only enqueued once the transaction commits.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from search.documents import kind_for_object
from search.models import PendingIndexOperation
from search.tasks import QUEUED_KEY, QUEUED_SECONDS, enqueue_recovery, sync_pending

logger = logging.getLogger(__name__)


def announce(instance, removed=False):
    """Record that `instance`'s search document must be refreshed from its current state, or
    removed (`removed=True`: whatever its state). Call it inside the writer's transaction, after
    the write. Returns False when nothing of this type is searchable."""
    kind = kind_for_object(instance)
    if kind is None:
        return False
    record(kind.name, instance.pk, removed=removed)
    return True


def record(kind_name, object_id, removed=False):
    PendingIndexOperation.objects.create(kind=kind_name, object_id=str(object_id), remove=removed)
    # One callback per row, not per transaction: a callback registered in a savepoint that rolls
    # back is dropped. `enqueue_sync` then enqueues a sync only when none is waiting to start.
    transaction.on_commit(enqueue_sync)


def enqueue_sync(force=False):
    """Make sure a sync will read the outbox after this commit. `force`: the engine just came back,
    the sync ignores the backoff and goes first.

    One sync waits in the queue at a time (`QUEUED_KEY`, deleted by the sync as it starts, before
    it reads the outbox): a sync still waiting will read the rows committed before this call, so
    200 votes in a second enqueue one sync, not 200 that the worker would run one after the other
    (each finding nothing left to apply), taking a core from the web workers."""
    try:
        if force:
            enqueue_recovery()
        elif _first_in_queue():
            try:
                _enqueue_after_delay()
            except Exception:
                cache.delete(QUEUED_KEY)  # no sync is waiting after all: the next writer enqueues one
                raise
    except Exception:  # the outbox row is safe; the next write or --retry-pending picks it up
        logger.exception("Impossible de mettre en file la synchronisation de l'index de recherche.")


def _enqueue_after_delay():
    """The sync starts `SEARCH_SYNC_DELAY_SECONDS` from now, on backends that can defer: the writes
    committed meanwhile find it waiting and are applied with this one."""
    delay = settings.SEARCH_SYNC_DELAY_SECONDS
    if delay > 0 and getattr(sync_pending.get_backend(), "supports_defer", False):
        return sync_pending.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue()
    return sync_pending.enqueue()


def _first_in_queue():
    """True when no sync waits to start (and this caller is now the one enqueuing it)."""
    try:
        return cache.add(QUEUED_KEY, True, timeout=QUEUED_SECONDS)
    except Exception:  # the cache is unreachable: one sync too many is harmless, one too few is not
        logger.warning("Cache injoignable : synchronisation de l'index mise en file sans vérification.", exc_info=True)
        return True
