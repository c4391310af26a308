"""The db_worker killed (SIGKILL) in the middle of a batch of index writes: the outbox keeps every
operation, the restarted worker applies them again, and applying them twice changes nothing."""

import json
import os
import signal
import time

import psycopg
import pytest

pytestmark = [pytest.mark.faults, pytest.mark.smoke, pytest.mark.postgres, pytest.mark.search]

BATCH = 40
CREATE_IDEAS = """
import json
from django.contrib.auth import get_user_model
from hub.models import Organisation
from ideas import services

author = get_user_model().objects.filter(emailaddress__verified=True).first()
organisation = Organisation.objects.get(slug="mcn")
with services.bulk_load():
    ideas = [
        services.propose_idea(
            author, title=f"Lot du travailleur interrompu {{number}} {tag}", problem="Un problème.",
            solution="Une solution.", benefits="Des bénéfices.", organisation=organisation,
        ).pk
        for number in range({count})
    ]
print(json.dumps(ideas))
"""


def _wait(condition, message, patience=60):
    deadline = time.monotonic() + patience
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.1)  # another process (the worker) moves on: nothing to wait on but its next step


def test_worker_killed_mid_batch_loses_no_operation_and_reapplies_harmlessly(healthy_stack):
    stack = healthy_stack
    stack.members(1)
    tag = f"w{os.getpid()}"
    worker = stack.instance.processes["worker"]
    os.kill(worker.pid, signal.SIGSTOP)  # the batch piles up in the outbox while the worker sleeps
    try:
        ideas = json.loads(stack.instance.shell(CREATE_IDEAS.format(count=BATCH, tag=tag)))
    finally:
        os.kill(worker.pid, signal.SIGCONT)

    with (
        psycopg.connect(stack.instance.postgres.url) as holder,
        psycopg.connect(stack.instance.postgres.url) as watcher,
    ):
        watcher.autocommit = True
        # The test holds the batch's rows: the worker reads them (no lock needed), writes the
        # documents to the node, then waits on its DELETE. That is the middle of the batch.
        held = holder.execute("SELECT id FROM hubsearch_pendingindexoperation FOR UPDATE").fetchall()
        assert len(held) >= BATCH

        def worker_waits_on_its_delete():
            return watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND query LIKE 'DELETE FROM \"hubsearch_pendingindexoperation\"%%'"
            ).fetchone()[0]

        _wait(worker_waits_on_its_delete, f"le worker n'a pas atteint la fin du lot :\n{stack.instance.log('worker')}")
        worker.kill()
        worker.wait(timeout=30)
        holder.rollback()

    # Nothing lost: every operation of the batch is still in the outbox, though the node has them.
    with psycopg.connect(stack.instance.postgres.url, autocommit=True) as connection:
        pending = {
            int(object_id)
            for (object_id,) in connection.execute(
                "SELECT object_id FROM hubsearch_pendingindexoperation WHERE kind = 'idea'"
            )
        }
    assert set(ideas) <= pending
    stack.node.refresh()
    _answer, data = stack.search(f"Lot du travailleur interrompu {tag}")
    assert data["engine"] != "database" and data["results"], "le lot n'avait pas atteint le nœud"

    # The worker back (compose restarts it): the queued syncs apply the batch a second time.
    stack.instance.restart_worker()

    def outbox_empty():
        with psycopg.connect(stack.instance.postgres.url, autocommit=True) as connection:
            return connection.execute("SELECT count(*) FROM hubsearch_pendingindexoperation").fetchone()[0] == 0

    _wait(outbox_empty, f"le worker relancé ne vide pas l'outbox :\n{stack.instance.log('worker')}")
    assert stack.index_drift() is None
    # Applied twice, indexed once: each idea of the batch is one search result.
    stack.node.refresh()
    for number in (0, BATCH - 1):
        title = f"Lot du travailleur interrompu {number} {tag}"
        _answer, data = stack.search(title)
        assert [result["title"] for result in data["results"]].count(title) == 1, data["results"]
