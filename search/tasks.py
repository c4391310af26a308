"""Background tasks of the search package (django-tasks: immediate in dev/tests, db_worker in production)."""

import time

from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from search.indexing import due_operations, next_attempt, process_pending, rebuild, shortest_postponement
from search.insight import purge_expired

RETRY_KEY = "search:sync-retry-at"
# Set while a sync waits in the queue (search.outbox.enqueue_sync): writers then enqueue none. A sync
# deletes it as it starts; after QUEUED_SECONDS (a worker down or far behind) writers enqueue again.
QUEUED_KEY = "search:sync-queued"
QUEUED_SECONDS = 60
RECOVERY_PRIORITY = 50  # the sync that follows the node's return runs before the queued retries


@task()
def sync_pending(force=False):
    """Apply the outbox of index writes (see `search.indexing`); `force` ignores the backoff (the
    engine just came back). While rows wait, the task comes back when the earliest is due, on
    backends that can defer."""
    cache.delete(QUEUED_KEY)  # before reading the outbox: a row committed from now on enqueues a sync
    if due_operations(force).exists():
        # A later sync, in case this one's worker is killed mid-run: it applies the rows, or finds
        # nothing due and ends there. No earlier than a row this run postpones will be due, so that
        # an outage still keeps one sync waiting (`schedule_retry`: one at a time).
        schedule_retry(timezone.now() + shortest_postponement())
    applied, failed = process_pending(force=force)
    schedule_retry(next_attempt())
    return {"applied": applied, "failed": failed}


def schedule_retry(due):
    """Come back at `due` unless an earlier retry is already on its way (it schedules the next one
    if rows still wait then). One retry at a time: during an outage every write's sync fails, and
    N retry chains would each redo the whole outbox every period. True when one was enqueued."""
    if due is None or not getattr(sync_pending.get_backend(), "supports_defer", False):
        return False
    now, at = time.time(), due.timestamp()
    scheduled = cache.get(RETRY_KEY)
    if scheduled is not None and now < scheduled <= at:
        return False
    cache.set(RETRY_KEY, at, timeout=int(max(at - now, 0)) + 60)
    sync_pending.using(run_after=due).enqueue()
    return True


def enqueue_recovery():
    """The sync that follows the node's return: first in the queue where the backend has priorities."""
    recovery = sync_pending
    if getattr(sync_pending.get_backend(), "supports_priority", False):
        recovery = sync_pending.using(priority=RECOVERY_PRIORITY)
    return recovery.enqueue(force=True)


@task()
def rebuild_index():
    """Rebuild into a new index and swap the alias (after synonyms change)."""
    return rebuild()


@task()
def purge_search_insight():
    """Delete the search counts older than the retention period (`search.insight`). Returns how many."""
    return purge_expired()
