"""A hung search node (accepting connections, never answering) costs one timeout, not one per search.

The node really hangs: its process is stopped with SIGSTOP and always resumed with SIGCONT in a
`finally`. The node is the session's (its pid from ENGINE_DATA/engine.pid, or whichever local
process listens on its port); when none is found (a remote engine), a dedicated node is started
with engine/up.sh on a port of its own, and stopped after."""

import os
import signal
import socket
import subprocess
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

import search
from search import breaker, indexing
from search.documents import alias_name
from search.engines.transport import OpenSearchTransport
from search.models import PendingIndexOperation
from search.outbox import enqueue_sync
from search.tasks import RECOVERY_PRIORITY
from tests.ideas.factories import IdeaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.search]

ROOT = Path(django_settings.BASE_DIR)


def _listening_inodes(port):
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":  # 0A: LISTEN
                inodes.add(fields[9])
    return inodes


def _pid_listening_on(port):
    """The local process listening on `port` (Linux /proc), or None."""
    inodes = _listening_inodes(port)
    candidates = []
    pid_file = os.environ.get("ENGINE_DATA") and Path(os.environ["ENGINE_DATA"]) / "engine.pid"
    if pid_file and pid_file.exists():
        candidates.append(pid_file.read_text().strip())
    candidates += [p.name for p in Path("/proc").iterdir() if p.name.isdigit()]
    for pid in candidates:
        try:
            links = {os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()}
        except OSError:
            continue
        if any(f"socket:[{inode}]" in links for inode in inodes):
            return int(pid)
    return None


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def node(engine):
    """(transport, pid) of a local node this test may pause."""
    parts = urlsplit(engine.url)
    pid = _pid_listening_on(parts.port) if parts.hostname in ("127.0.0.1", "localhost") else None
    if pid is not None:
        yield engine, pid
        return
    port = _free_port()
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "ENGINE_PORT": str(port), "ENGINE_DATA": data}
        url = subprocess.run(
            ["bash", "engine/up.sh"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        ).stdout.strip()
        try:
            yield OpenSearchTransport(url, django_settings.SEARCH_ENGINE_TIMEOUT), _pid_listening_on(port)
        finally:
            subprocess.run(["bash", "engine/down.sh"], cwd=ROOT, env=env, check=False, capture_output=True)


def timed_get(client, name, **params):
    start = time.perf_counter()
    response = client.get(reverse(name), params)
    return response, time.perf_counter() - start


def test_a_hung_node_is_bypassed_at_once_and_recovery_applies_pending_writes(
    client, node, settings, monkeypatch, django_capture_on_commit_callbacks
):
    transport, pid = node
    settings.OPENSEARCH_URL = transport.url
    IdeaFactory(title="Covoiturage des fonctionnaires")
    indexing.rebuild()
    assert client.get(reverse("search:api_search"), {"q": "covoiturage"}).json()["engine"] == "elasticsearch"
    # The one search that meets the hung node waits this long (set after the set-up, which a
    # loaded machine may take more than a second to serve).
    settings.SEARCH_ENGINE_TIMEOUT = 2
    # Every request the hub sends the node goes through `_call` (searches, suggestions, bulk
    # writes): counted, and still sent. How fast the database answers is bench/load.py's figure.
    sent = []
    real_call = OpenSearchTransport._call
    monkeypatch.setattr(OpenSearchTransport, "_call", lambda self, *a, **k: sent.append(a) or real_call(self, *a, **k))

    os.kill(pid, signal.SIGSTOP)
    try:
        first, _seconds = timed_get(client, "search:api_search", q="covoiturage")
        assert first.json()["engine"] == "database" and first.json()["notice"]
        assert len(sent) == 1, "the first search after the hang meets the node once"
        for _ in range(20):
            response, seconds = timed_get(client, "search:api_search", q="covoiturage")
            data = response.json()
            assert data["engine"] == "database" and [r["title"] for r in data["results"]] == [
                "Covoiturage des fonctionnaires"
            ]
            assert seconds < settings.SEARCH_ENGINE_TIMEOUT, f"a search waited {seconds:.2f} s: the node's timeout"
        response, seconds = timed_get(client, "search:api_suggest", q="covoit")
        assert response.json()["suggestions"] and seconds < settings.SEARCH_ENGINE_TIMEOUT
        assert len(sent) == 1, f"{len(sent) - 1} requests sent to a node known to be down"
        # A write during the outage: its sync task leaves the operation in the outbox without
        # waiting for the node (less than the one timeout it would otherwise cost).
        idea = IdeaFactory(title="Autopartage entre ministères")
        start = time.perf_counter()
        with django_capture_on_commit_callbacks(execute=True):
            search.announce(idea)
        assert time.perf_counter() - start < settings.SEARCH_ENGINE_TIMEOUT
        assert PendingIndexOperation.objects.get(object_id=str(idea.pk)).attempts == 1
        assert len(sent) == 1, "the write's sync tried a node known to be down"
    finally:
        os.kill(pid, signal.SIGCONT)

    # The breaker's period is over: the next search probes, finds the node, closes the breaker and
    # applies the pending write itself (no command, no waiting for the outbox's backoff).
    probe_time = time.time() + settings.SEARCH_BREAKER_SECONDS + 1
    monkeypatch.setattr(breaker, "now", lambda: probe_time)
    data = client.get(reverse("search:api_search"), {"q": "autopartage"}).json()
    assert not breaker.is_open(transport)
    assert not PendingIndexOperation.objects.exists()
    assert data["engine"] == "elasticsearch" and data["notice"] is None
    assert [r["title"] for r in data["results"]] == ["Autopartage entre ministères"]


def _block_writes(transport, blocked):
    """The block a node puts on its indices at its disk flood stage: reads answer, writes get 429."""
    transport.client.indices.put_settings(
        index=f"{alias_name()}*", body={"index.blocks.read_only_allow_delete": True if blocked else None}
    )


def test_a_node_back_but_not_yet_taking_writes_does_not_park_the_outbox(
    client, engine, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """A node restarted after a crash answers its ping before it takes writes again: the forced
    sync that follows the probe fails once. The rows, postponed again and again during the outage,
    must come back with the next probe, not wait for their backoff (up to an hour)."""
    IdeaFactory(title="Covoiturage des fonctionnaires")
    indexing.rebuild()
    breaker.trip(engine, "panne")
    idea = IdeaFactory(title="Autopartage entre ministères")
    with django_capture_on_commit_callbacks(execute=True):
        search.announce(idea)
    for _ in range(6):  # a long outage: each of the worker's syncs postponed the row again
        indexing.process_pending(force=True)
    assert PendingIndexOperation.objects.get(object_id=str(idea.pk)).attempts == 7

    clock = [time.time() + settings.SEARCH_BREAKER_SECONDS + 1]
    monkeypatch.setattr(breaker, "now", lambda: clock[0])
    _block_writes(engine, True)
    try:
        client.get(reverse("search:api_search"), {"q": "autopartage"})  # probe, then a forced sync refused
        assert PendingIndexOperation.objects.filter(object_id=str(idea.pk)).exists()
    finally:
        _block_writes(engine, False)

    clock[0] += settings.SEARCH_BREAKER_SECONDS + 1  # one period later: the next search probes again
    data = client.get(reverse("search:api_search"), {"q": "autopartage"}).json()
    assert not PendingIndexOperation.objects.exists()
    assert data["engine"] == "elasticsearch" and data["notice"] is None
    assert [r["title"] for r in data["results"]] == ["Autopartage entre ministères"]


def test_an_engine_answering_with_an_error_does_not_trip_the_breaker(client, engine):
    data = client.get(reverse("search:api_search"), {"q": "numérique"}).json()  # no index yet: an error
    assert data["engine"] == "database"
    assert not breaker.is_open(engine)


def test_the_sync_that_finds_the_node_back_applies_every_row_the_outage_postponed(
    client, engine, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """In production the worker's own sync may be the one whose probe finds the node back (no
    search sees the breaker close, so none forces a sync). It applies the rows that are due; the
    rows postponed a moment before, still inside their wait, must not be left behind: nothing
    else would come for them until the next write."""
    IdeaFactory(title="Covoiturage des fonctionnaires")
    indexing.rebuild()
    breaker.trip(engine, "panne")
    clock = [time.time()]
    monkeypatch.setattr(breaker, "now", lambda: clock[0])
    early = IdeaFactory(title="Autopartage entre ministères")
    with django_capture_on_commit_callbacks(execute=True):
        search.announce(early)  # its sync meets the open breaker: postponed
    late = IdeaFactory(title="Vélopartage entre ministères")
    with django_capture_on_commit_callbacks(execute=True):
        search.announce(late)  # postponed too
    # The first was postponed earlier: it is due again, the second still waits.
    PendingIndexOperation.objects.filter(object_id=str(early.pk)).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    assert PendingIndexOperation.objects.filter(next_attempt_at__gt=timezone.now()).count() == 1

    clock[0] += settings.SEARCH_BREAKER_SECONDS + 1  # the period is over: the next sync probes
    with django_capture_on_commit_callbacks(execute=True):
        search.announce(IdeaFactory(title="Covoiturage régional"))  # a member's next write
    assert not PendingIndexOperation.objects.exists()
    data = client.get(reverse("search:api_search"), {"q": "vélopartage"}).json()
    assert data["engine"] == "elasticsearch" and data["notice"] is None
    assert [r["title"] for r in data["results"]] == ["Vélopartage entre ministères"]


def test_an_outage_keeps_one_retry_queued_however_many_writes_fail(
    engine, settings, django_capture_on_commit_callbacks
):
    """With the production worker's queue: every write's sync meets the open breaker and would
    come back on its own (N retry chains redoing the whole outbox every period, the worker busy
    with them when the node returns). One retry waits; the recovery sync goes before it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    indexing.rebuild()
    breaker.trip(engine, "panne")
    for number in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            search.announce(IdeaFactory(title=f"Idée pendant la panne {number}"))
    syncs = DBTaskResult.objects.filter(task_path="search.tasks.sync_pending")
    queued = list(syncs.ready())
    assert len(queued) == 1  # one sync waits for every write's rows (search.outbox.enqueue_sync)
    for result in queued:  # the worker runs them: each meets the open breaker
        result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        result.delete()
    retries = syncs.filter(status="READY", run_after__gt=timezone.now())
    assert retries.count() == 1
    assert PendingIndexOperation.objects.filter(attempts__gte=1).count() == 5

    enqueue_sync(force=True)  # a search's probe found the node back
    first = syncs.filter(status="READY").order_by(*DBTaskResult._meta.ordering).first()
    assert first.args_kwargs["kwargs"] == {"force": True} and first.priority == RECOVERY_PRIORITY
