"""Background tasks of the search package (django-tasks: immediate in dev/tests, db_worker in production)."""

from django_tasks import task

from search.indexing import next_attempt, process_pending, rebuild
from search.insight import purge_expired


@task()
def sync_pending(force=False):
    """Apply the outbox of index writes (see `search.indexing`); `force` ignores the backoff (the
    engine just came back). While rows wait, the task comes back when the earliest is due, on
    backends that can defer."""
    applied, failed = process_pending(force=force)
    if failed and getattr(sync_pending.get_backend(), "supports_defer", False):
        due = next_attempt()
        if due is not None:
            sync_pending.using(run_after=due).enqueue()
    return {"applied": applied, "failed": failed}


@task()
def rebuild_index():
    """Rebuild into a new index and swap the alias (after synonyms change)."""
    return rebuild()


@task()
def purge_search_insight():
    """Delete the search counts older than the retention period (`search.insight`). Returns how many."""
    return purge_expired()
