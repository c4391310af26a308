# ruff: noqa: S608 - the table and column names are quoted identifiers; every value is a query parameter.
"""The project's cache: keys that hold no personal data, and a database cache that writes in one statement.

Keys (Loi 25). allauth keeps its rate limits in the cache under keys that name who is limited: the
client's IP address or a hash of the email address. (The hub's own limits count in the database:
`hub.windows`.)
`hashed_key` is the `KEY_FUNCTION` of every cache: the stored key is an HMAC of the readable key,
keyed with the project's secret, so neither the cache table nor a cache dump ever holds a raw address.

Writes. Django's database cache counts the whole table (`SELECT COUNT(*)`) before every write, to
cull it past `MAX_ENTRIES`, then reads the row and updates or inserts it in a transaction: four
statements and a commit for each rate-limit stamp, and a full scan of a table that may hold
100,000 rows. `DatabaseCache` writes with one `INSERT … ON CONFLICT` (PostgreSQL, SQLite) instead,
and counts and culls the table at most once per `CULL_INTERVAL` seconds in each process (by
handing that write to Django's own). Reads, deletes and other databases are Django's.
"""

import base64
import pickle
import time
from contextlib import nullcontext
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import DatabaseError, connections, router, transaction
from django.utils.crypto import salted_hmac

UPSERT_VENDORS = ("postgresql", "sqlite")
CULL_INTERVAL = 60

_last_cull = {}  # table name → time.monotonic() of this process's last count-and-cull


def hashed_key(key, key_prefix, version):
    digest = salted_hmac("hub.cache.key", key, algorithm="sha256").hexdigest()
    return f"{key_prefix}:{version}:{digest}"


class DatabaseCache(DjangoDatabaseCache):
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self._upsert("set", key, value, timeout, version) is None:
            super().set(key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = self._upsert("add", key, value, timeout, version)
        return super().add(key, value, timeout, version) if added is None else added

    def _upsert(self, mode, key, value, timeout, version):
        """True or False as Django's write would answer; None: let Django's write do it (culling due,
        or a database without `ON CONFLICT … RETURNING`)."""
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        if connection.vendor not in UPSERT_VENDORS or self._cull_due():
            return None
        key = self.make_and_validate_key(key, version=version)
        stored = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        zone = UTC if settings.USE_TZ else None
        now = datetime.now(zone)
        backend_timeout = self.get_backend_timeout(timeout)
        expires = datetime.max if backend_timeout is None else datetime.fromtimestamp(backend_timeout, tz=zone)
        adapt = connection.ops.adapt_datetimefield_value
        quote = connection.ops.quote_name
        table, key_column = quote(self._table), quote("cache_key")
        value_column, expires_column = quote("value"), quote("expires")
        # `add` replaces a row only once it has expired, as Django's does; RETURNING says whether it wrote.
        only_if_expired = f" WHERE {table}.{expires_column} < %s" if mode == "add" else ""
        sql = (
            f"INSERT INTO {table} ({key_column}, {value_column}, {expires_column}) VALUES (%s, %s, %s) "
            f"ON CONFLICT ({key_column}) DO UPDATE SET {value_column} = excluded.{value_column}, "
            f"{expires_column} = excluded.{expires_column}{only_if_expired} RETURNING {key_column}"
        )
        params = [key, stored, adapt(expires.replace(microsecond=0))]
        if mode == "add":
            params.append(adapt(now.replace(microsecond=0)))
        try:
            # A savepoint only inside the caller's transaction, so that a failed write leaves it usable.
            savepoint = transaction.atomic(using=db) if connection.in_atomic_block else nullcontext()
            with savepoint, connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchone() is not None
        except DatabaseError:
            return False

    def _cull_due(self):
        now = time.monotonic()
        last = _last_cull.get(self._table)
        if last is not None and now - last < CULL_INTERVAL:
            return False
        _last_cull[self._table] = now
        return True
