"""`announce()`: how a writer tells search that an object changed, inside its own transaction.

The pending operation is written in the writer's transaction, so it commits or rolls back with
the change itself: a crash right after the commit loses nothing, `search_index --retry-pending`
(or the next write) applies it. The sync task is only enqueued once the transaction commits.
"""

import logging

from django.db import transaction

from search.documents import kind_for_object
from search.models import PendingIndexOperation
from search.tasks import enqueue_recovery, sync_pending

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
    # One enqueue per row, not per transaction: a callback registered in a savepoint that rolls
    # back is dropped. The first task applies every due row; the others find nothing to do.
    transaction.on_commit(enqueue_sync)


def enqueue_sync(force=False):
    """`force`: the engine just came back, the sync ignores the backoff and goes first."""
    try:
        enqueue_recovery() if force else sync_pending.enqueue()
    except Exception:  # the outbox row is safe; the next write or --retry-pending picks it up
        logger.exception("Impossible de mettre en file la synchronisation de l'index de recherche.")
