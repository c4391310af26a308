"""One sync of the outbox waits in the worker's queue at a time (search.outbox.enqueue_sync): a burst
of writes (200 votes in a second) enqueues one, which applies every row; a write committed once that
sync has started enqueues the next, so no row is ever left without a sync to read it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

import search
from search.models import PendingIndexOperation
from tests.ideas.factories import IdeaFactory

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def worker_queue(settings):
    """The production backend: tasks wait in the database for the db_worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    settings.OPENSEARCH_URL = settings.ELASTICSEARCH_URL = ""  # the database engine applies the rows
    return DBTaskResult.objects.filter(task_path="search.tasks.sync_pending")


def _queued_now(queue):
    return queue.ready()  # due now


def _queued_later(queue):
    return queue.filter(status="READY", run_after__gt=timezone.now())


def _run(result):
    """What the db_worker does with a queued task (once it is due)."""
    result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
    result.delete()


def _write(django_capture_on_commit_callbacks, title):
    with django_capture_on_commit_callbacks(execute=True):
        idea = IdeaFactory(title=title)
        search.announce(idea)
    return idea


def test_a_burst_of_writes_enqueues_one_sync_that_applies_every_row(worker_queue, django_capture_on_commit_callbacks):
    for number in range(20):
        _write(django_capture_on_commit_callbacks, f"Idée de la rafale {number}")
    assert PendingIndexOperation.objects.count() >= 20
    (sync,) = worker_queue.ready()
    _run(sync)
    assert not PendingIndexOperation.objects.exists()
    (guard,) = _queued_later(worker_queue)  # in case this sync's worker had been killed mid-run
    assert not _queued_now(worker_queue).exists()
    _run(guard)
    assert not worker_queue.exists(), "a guard that finds nothing to apply schedules no other"


def test_a_sync_killed_mid_run_leaves_a_later_one_that_applies_the_rows(
    worker_queue, django_capture_on_commit_callbacks, monkeypatch
):
    from search import tasks

    class WorkerKilled(BaseException):
        pass

    def killed(**kwargs):
        raise WorkerKilled

    for number in range(3):
        _write(django_capture_on_commit_callbacks, f"Idée du lot interrompu {number}")
    (sync,) = worker_queue.ready()
    monkeypatch.setattr(tasks, "process_pending", killed)
    with pytest.raises(WorkerKilled):
        sync.task.call(*sync.args_kwargs["args"], **sync.args_kwargs["kwargs"])
    sync.delete()  # the dead worker's task stays RUNNING; nothing runs it again
    monkeypatch.undo()
    assert PendingIndexOperation.objects.count() >= 3
    (guard,) = _queued_later(worker_queue)
    _run(guard)
    assert not PendingIndexOperation.objects.exists()


def test_a_write_after_the_sync_started_enqueues_the_next_one(worker_queue, django_capture_on_commit_callbacks):
    _write(django_capture_on_commit_callbacks, "Idée avant la synchronisation")
    (first,) = _queued_now(worker_queue)
    _run(first)
    _write(django_capture_on_commit_callbacks, "Idée après la synchronisation")
    (second,) = _queued_now(worker_queue)
    assert second.pk != first.pk
    _run(second)
    assert not PendingIndexOperation.objects.exists()


def test_a_sync_that_could_not_be_enqueued_lets_the_next_write_enqueue_one(
    worker_queue, django_capture_on_commit_callbacks, monkeypatch
):
    from search import outbox

    class Refusing:
        def enqueue(self, *args, **kwargs):
            raise RuntimeError("file des tâches indisponible")

    monkeypatch.setattr(outbox, "sync_pending", Refusing())
    _write(django_capture_on_commit_callbacks, "Idée sans synchronisation")
    assert not worker_queue.exists()
    monkeypatch.undo()
    _write(django_capture_on_commit_callbacks, "Idée suivante")
    (sync,) = _queued_now(worker_queue)
    _run(sync)
    assert not PendingIndexOperation.objects.exists()


def test_with_a_delay_the_sync_waits_and_applies_the_writes_of_that_moment(
    worker_queue, django_capture_on_commit_callbacks, settings
):
    """Production waits SEARCH_SYNC_DELAY_SECONDS before a sync: a crowd's votes on one idea are one
    rewrite of its document, not one per vote, on the cores that serve the votes."""
    settings.SEARCH_SYNC_DELAY_SECONDS = 30
    for number in range(3):
        _write(django_capture_on_commit_callbacks, f"Idée du même instant {number}")
    assert not _queued_now(worker_queue).exists()
    (sync,) = _queued_later(worker_queue)
    assert timezone.now() + timedelta(seconds=25) < sync.run_after <= timezone.now() + timedelta(seconds=30)
    _run(sync)
    assert not PendingIndexOperation.objects.exists()
