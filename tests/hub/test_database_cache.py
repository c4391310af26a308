"""The production cache (`hub.cache.DatabaseCache`): Django's database cache, written in one statement.

Every rate-limit stamp (votes, comments, allauth's sign-in attempts) is a cache write. Django's own
backend counts the whole table before each one; ours writes with one `INSERT … ON CONFLICT` and
counts and culls at most once a minute per process (a third of the table while it is past
MAX_ENTRIES, as Django's does), so the table stays bounded.
"""

import time

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub import cache as hub_cache

pytestmark = pytest.mark.django_db

PRODUCTION_CACHE = {
    "BACKEND": "hub.cache.DatabaseCache",
    "LOCATION": "hub_cache",
    "KEY_FUNCTION": "hub.cache.hashed_key",
    "OPTIONS": {"MAX_ENTRIES": 20},
}


@pytest.fixture
def database_cache(settings, monkeypatch):
    settings.CACHES = {**settings.CACHES, "default": PRODUCTION_CACHE}
    call_command("createcachetable", verbosity=0)
    monkeypatch.setattr(hub_cache, "_last_cull", {"hub_cache": time.monotonic()})  # a count just happened
    cache = caches["default"]
    assert isinstance(cache, hub_cache.DatabaseCache)
    return cache


def _rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM hub_cache")
        return cursor.fetchone()[0]


def test_set_get_add_and_expiry_behave_as_django_says(database_cache):
    assert database_cache.add("clef", "première") is True
    assert database_cache.add("clef", "seconde") is False  # not expired: kept
    assert database_cache.get("clef") == "première"
    database_cache.set("clef", {"valeur": [1, 2]})
    assert database_cache.get("clef") == {"valeur": [1, 2]}
    database_cache.set("éphémère", "x", timeout=0)  # expires at once
    assert database_cache.get("éphémère") is None
    assert database_cache.add("éphémère", "y") is True  # an expired row is replaced by add
    assert database_cache.get("éphémère") == "y"
    database_cache.set("toujours", "z", timeout=None)
    assert database_cache.get("toujours") == "z"
    database_cache.delete("clef")
    assert database_cache.get("clef") is None


def test_a_write_is_one_statement_and_never_counts_the_table(database_cache):
    for index in range(5):
        database_cache.set(f"clef-{index}", index)
    with CaptureQueriesContext(connection) as queries:
        database_cache.set("clef-2", "nouvelle")
        added = database_cache.add("clef-3", "ignorée")
    statements = [query["sql"] for query in queries.captured_queries]
    writes = [sql for sql in statements if not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    assert len(writes) == 2 and all(sql.startswith('INSERT INTO "hub_cache"') for sql in writes), statements
    assert not any("COUNT(*)" in sql for sql in statements), statements
    assert added is False and database_cache.get("clef-3") == 3 and database_cache.get("clef-2") == "nouvelle"


def test_the_table_is_still_culled_once_the_interval_has_passed(database_cache, monkeypatch):
    for index in range(60):
        database_cache.set(f"clef-{index}", index)
    assert _rows() == 60  # no count within the interval: the table may pass MAX_ENTRIES for a while
    monkeypatch.setattr(hub_cache, "_last_cull", {})  # the interval has passed
    database_cache.set("une-de-plus", 1)
    # Django's cull: the expired rows, then a third of the table (CULL_FREQUENCY) while past MAX_ENTRIES.
    assert _rows() == 60 - 60 // 3 + 1, "the write after the interval counts the table and culls it like Django's"
    assert database_cache.get("une-de-plus") == 1
