"""Counters of fixed windows in the database, counted and read in one statement.

A window opens at the first hit of its key and lasts `window` seconds. One
`INSERT … ON CONFLICT DO UPDATE … RETURNING` (PostgreSQL, SQLite) counts the hit and gives the count:
it locks the key's row, so hits sent at the same instant are counted one after the other. (A read
followed by a write, as a cache's increment does with Django's database cache, let two requests
both see room for one more.)

The model has the key's fields under one unique constraint, `started` (seconds since the Unix
epoch, a float) and `hits`: `hub.SenderWindow` for the editorial forms, `ideas.RateWindow` for the
idea board.
"""

import time

from django.db import connection


def count_in_window(model, key, window):
    """Count one more hit of `key` ({field name: value}, the model's unique fields) in its window
    of `window` seconds, opening a new one when the last has closed; return the hits counted in it."""
    quote = connection.ops.quote_name
    fields = model._meta

    def column(name):
        return quote(fields.get_field(name).column)

    table = quote(fields.db_table)
    key_columns = [column(name) for name in key]
    started, hits = column("started"), column("hits")
    closed = f"{table}.{started} <= %s"
    sql = (  # identifiers from the model's meta; every value is a parameter
        f"INSERT INTO {table} ({', '.join(key_columns)}, {started}, {hits}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(key_columns))}, %s, 1) "
        f"ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET "
        f"{hits} = CASE WHEN {closed} THEN 1 ELSE {table}.{hits} + 1 END, "
        f"{started} = CASE WHEN {closed} THEN excluded.{started} ELSE {table}.{started} END "
        f"RETURNING {hits}"
    )
    now = time.time()
    opened_before = now - window
    with connection.cursor() as cursor:
        cursor.execute(sql, [*key.values(), now, opened_before, opened_before])
        (count,) = cursor.fetchone()
    return count
