"""The pieces of `make bench` (bench/load.py, hub.settings.bench): its yardstick views exist only in
the bench settings, the minimal POST does what the bench counts on, the script plans without starting
anything. Nothing here is timed: the bench itself is not part of `make test`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from bench import load
from ideas.models import Idea
from tests.factories import UserFactory
from tests.ideas.factories import IdeaFactory

BASE_DIR = Path(__file__).resolve().parent.parent


def _settings_of(module, **environment):
    """ROOT_URLCONF, the cache backend and the session engine `module` gives in a fresh process."""
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(SECRET_KEY="x" * 60, DJANGO_SETTINGS_MODULE=module, **environment)
    code = (
        "from django.conf import settings as s; print(s.ROOT_URLCONF, s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def test_production_settings_have_no_bench_route_and_keep_the_database_cache_without_redis():
    """The yardsticks are routes of bench.urls only; without REDIS_URL nothing needs a cache server."""
    assert _settings_of("hub.settings.production") == [
        "hub.urls",
        "hub.cache.DatabaseCache",
        "django.contrib.sessions.backends.db",
    ]


def test_redis_url_moves_the_cache_and_the_sessions_to_redis():
    _urlconf, cache, sessions = _settings_of("hub.settings.dev", REDIS_URL="redis://127.0.0.1:6379/0")
    assert (cache, sessions) == (
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",
    )


@pytest.mark.django_db
def test_bench_routes_answer_404_on_the_hub():
    client = Client()
    assert client.get("/banc/minimal/").status_code == 404
    assert client.post("/banc/vote-minimal/1/").status_code == 404


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="bench.urls")
def test_minimal_post_moves_the_counter_once_per_signed_in_request():
    idea = IdeaFactory()
    member = UserFactory()
    client = Client(enforce_csrf_checks=True)
    url = f"/banc/vote-minimal/{idea.pk}/"
    assert client.post(url).status_code == 403  # no CSRF token

    client.get("/banc/minimal/")  # anonymous, no token cookie yet
    client.cookies["csrftoken"] = "a" * 32
    assert client.post(url, HTTP_X_CSRFTOKEN="a" * 32).status_code == 403  # anonymous
    client.force_login(member)
    client.cookies["csrftoken"] = "a" * 32
    assert client.post(url, HTTP_X_CSRFTOKEN="a" * 32).status_code == 200
    assert client.post(url, HTTP_X_CSRFTOKEN="a" * 32).status_code == 200
    assert Idea.objects.get(pk=idea.pk).vote_count == 2
    assert client.get("/banc/minimal/").content == b"ok"


def test_dry_run_prints_the_plan_and_starts_nothing(capsys, monkeypatch):
    monkeypatch.setattr(load, "start_instance", lambda args: pytest.fail("the dry run started the instance"))
    assert load.main(["--dry-run", "--only", "votes", "pages", "--members", "10", "--seconds", "5"]) == 0
    out = capsys.readouterr().out
    assert "votes: 10 members × 2 POSTs at once, then 5 withdraw and 5 re-vote" in out
    assert "pages: 9 pages, 50 clients × 5 s each" in out
    assert "publish:" not in out


@pytest.mark.parametrize("argv", [["--members", "0"], ["--seconds", "0"], ["--seconds", "601"], ["--only", "x"]])
def test_bounds_are_refused(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        load.parse_args(argv)
    assert exit_info.value.code == 2


def test_summary_counts_errors_and_percentiles():
    results = [(200, 0.1, b""), (200, 0.2, b""), (503, 0.3, b""), (0, 0.4, b"")]
    summary = load.summarise(results, wall=2.0)
    assert summary["statuses"] == "0×1, 200×2, 503×1"
    assert (summary["ok"], summary["errors"], summary["rate"]) == (2, 2, 1.0)
    assert summary["p50"] == 0.3 and summary["p95"] == 0.4
