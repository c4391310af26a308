"""PostgreSQL restarted under the production stack: a French 503 while it is away, no restart of
gunicorn to come back, and nothing a member was told was saved goes missing."""

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


def idle_connections(stack):
    """Connections the app keeps open to its database between requests (gunicorn's, the worker's)."""
    with psycopg.connect(stack.cluster.url, autocommit=True) as connection:
        return connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND state = 'idle'",
            [stack.instance.postgres.name],
        ).fetchone()[0]


@pytest.mark.xfail(strict=True, reason="issue 21: a 500 page, not a 503, while the database is away")
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


@pytest.mark.xfail(strict=True, reason="issue 21: CONN_MAX_AGE=0, no CONN_HEALTH_CHECKS")
def test_gunicorn_keeps_its_connections_and_checks_them_after_a_restart(healthy_stack):
    """Persistent connections (CONN_MAX_AGE) with CONN_HEALTH_CHECKS: a restart while the app is idle
    costs no request at all; without the check, each worker's first request after it would fail."""
    stack = healthy_stack
    visitor = Visitor(stack.instance.host)
    for _ in range(20):
        assert visitor.get("/idees/").status == 200
    assert idle_connections(stack) >= 2, "l'application ne garde pas ses connexions (CONN_MAX_AGE=0)"
    stack.cluster.pg_ctl("restart", "-m", "fast", "-l", str(stack.cluster.folder / "server.log"))
    statuses = [visitor.get(path).status for path in PAGES * 4]
    assert statuses == [200] * len(statuses), statuses
