"""PostgreSQL restarted under the production stack: a French 503 while it is away, no restart of
gunicorn to come back, and nothing a member was told was saved goes missing."""

import re
import threading
import time

import psycopg
import pytest

from tests.smoke.visitor import Visitor

pytestmark = [pytest.mark.faults, pytest.mark.smoke, pytest.mark.postgres, pytest.mark.search]

PAGES = ("/", "/idees/", "/api/v1/search/?q=permis")


def assert_unavailable_in_french(answer):
    """The outage answer: 503, French, rendered without the database, never a traceback."""
    assert answer.status == 503, str(answer)
    assert answer.headers.get("Retry-After"), str(answer)
    assert "Traceback" not in answer.text and "OperationalError" not in answer.text, str(answer)
    if answer.path.startswith("/api/"):
        assert "temporairement indisponible" in answer.text, str(answer)
    else:
        assert '<html lang="fr-CA">' in answer.text and "temporairement indisponible" in answer.text, str(answer)


def web_connections(stack):
    """The backends gunicorn's workers hold to the database between requests (named by PGAPPNAME)."""
    with psycopg.connect(stack.cluster.url, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND application_name = 'hub-web'",
            [stack.instance.postgres.name],
        ).fetchall()
    return {pid for (pid,) in rows}


def test_database_away_answers_a_french_503_without_a_traceback(healthy_stack):
    stack = healthy_stack
    (member,), _ = stack.members(1)
    stack.cluster.pg_ctl("stop", "-m", "fast")
    try:
        for path in PAGES:
            assert_unavailable_in_french(Visitor(stack.instance.host).get(path))
        assert_unavailable_in_french(stack.propose(member, "Une idée pendant la panne"))
    finally:
        stack.cluster.pg_ctl("restart", "-l", str(stack.cluster.folder / "server.log"))
    assert Visitor(stack.instance.host).get("/").status == 200


def test_gunicorn_keeps_its_connections_and_checks_them_after_a_restart(healthy_stack):
    """Persistent connections (CONN_MAX_AGE) with CONN_HEALTH_CHECKS: a restart while the app is idle
    costs no request at all; without the check, each worker's first request after it would fail."""
    stack = healthy_stack
    visitor = Visitor(stack.instance.host)
    for _ in range(20):
        assert visitor.get("/idees/").status == 200
    kept = web_connections(stack)
    for _ in range(20):
        assert visitor.get("/idees/").status == 200
    # With CONN_MAX_AGE=0 each request opens and closes its own backend: none would outlive 20 more.
    assert kept, "l'application ne garde pas ses connexions (CONN_MAX_AGE=0)"
    assert kept <= web_connections(stack), "les connexions de gunicorn ont été rouvertes entre deux requêtes"
    stack.cluster.pg_ctl("restart", "-m", "fast", "-l", str(stack.cluster.folder / "server.log"))
    statuses = [visitor.get(path).status for path in PAGES * 4]
    assert statuses == [200] * len(statuses), statuses


def test_restart_under_load_loses_no_acknowledged_write(healthy_stack):
    stack = healthy_stack
    web_before = stack.instance.web_pids()
    members, _ = stack.members(4)
    answers, acknowledged, done = [], [], threading.Event()

    def read():
        visitor = Visitor(stack.instance.host)
        while not done.is_set():
            for path in PAGES:
                answers.append(visitor.get(path))

    def write():
        for number in range(20):  # 5 ideas per member: the hourly limit
            title = f"Idée pendant le redémarrage {number}"
            answer = stack.propose(members[number % len(members)], title)
            answers.append(answer)
            if answer.status == 302:
                acknowledged.append((title, answer.location))

    readers = [threading.Thread(target=read) for _ in range(3)]
    writer = threading.Thread(target=write)
    for thread in (*readers, writer):
        thread.start()
    try:
        deadline = time.monotonic() + 60
        while len(acknowledged) < 5 and writer.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)  # the load runs in its threads: wait for a few saved writes first
        stack.cluster.pg_ctl("restart", "-m", "fast", "-l", str(stack.cluster.folder / "server.log"))
        writer.join(timeout=120)
    finally:
        done.set()
        for thread in readers:
            thread.join(timeout=60)

    statuses = {answer.status for answer in answers}
    assert statuses <= {200, 302, 503}, sorted(statuses)
    for answer in answers:
        if answer.status == 503:
            assert_unavailable_in_french(answer)
    assert stack.instance.web_pids() == web_before, "gunicorn a redémarré ses processus"
    worker = stack.instance.processes["worker"]
    assert worker.poll() is None, f"le worker s'est arrêté avec la base :\n{stack.instance.log('worker')}"
    # What each member was told was saved is there, on its own page.
    visitor = Visitor(stack.instance.host)
    assert acknowledged
    for title, location in acknowledged:
        assert re.match(r"^/idees/\d+-", location), location
        page = visitor.get(location)
        assert page.status == 200 and title in page.text, str(page)
    # The worker went on after the restart: the last saved idea reaches the index.
    last_title = acknowledged[-1][0]
    deadline = time.monotonic() + 60
    while last_title not in [result["title"] for result in (stack.search(last_title)[1] or {"results": []})["results"]]:
        assert time.monotonic() < deadline, f"« {last_title} » jamais indexée :\n{stack.instance.log('worker')}"
        time.sleep(0.25)  # the worker polls its queue every second: nothing to wait on but its turn
