"""The idea board's rate limits: how many ideas, comments and votes one member may send per window.

A window opens at the member's first action and lasts `window` seconds; the action is refused once
`limit` were counted in it. One `INSERT … ON CONFLICT DO UPDATE … RETURNING` (PostgreSQL, SQLite)
counts the action and answers: it locks the member's row, so two requests sent at the same instant
are counted one after the other. (A read followed by a write, as in the cache, let both see room for
one more.) The forms of the editorial site count theirs in the cache (`hub.rate_limits`): their
senders may be anonymous, and they are not sent by scripts at the rate of votes.
"""

import time

from django.db import connection

from .models import RateWindow


def count_and_check(user, action, limit, window):
    """Count one more `action` by `user`: True while the window holds no more than `limit` of them."""
    now = time.time()
    quote = connection.ops.quote_name
    table = quote(RateWindow._meta.db_table)
    user_id, action_column, started, hits = (
        quote(RateWindow._meta.get_field(name).column) for name in ("user", "action", "started", "hits")
    )
    expired = f"{table}.{started} <= %s"
    sql = (  # identifiers from the model's meta; every value is a parameter
        f"INSERT INTO {table} ({user_id}, {action_column}, {started}, {hits}) VALUES (%s, %s, %s, 1) "  # noqa: S608
        f"ON CONFLICT ({user_id}, {action_column}) DO UPDATE SET "
        f"{hits} = CASE WHEN {expired} THEN 1 ELSE {table}.{hits} + 1 END, "
        f"{started} = CASE WHEN {expired} THEN excluded.{started} ELSE {table}.{started} END "
        f"RETURNING {hits}"
    )
    opened_before = now - window
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, action, now, opened_before, opened_before])
        (count,) = cursor.fetchone()
    return count <= limit
