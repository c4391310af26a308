"""Background tasks of the search index (django-tasks: immediate in dev/tests, db_worker in production)."""

from django_tasks import task


@task()
def sync_pending():
    """Apply the outbox of index writes (see `search.indexing`)."""
    from search.indexing import process_pending

    applied, failed = process_pending()
    return {"applied": applied, "failed": failed}


@task()
def rebuild_index():
    """Rebuild into a new index and swap the alias (after synonyms change)."""
    from search.indexing import rebuild

    return rebuild()
