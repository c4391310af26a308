"""Search insight: what readers search for, counted per day, without knowing who searched.

A search is counted once: the first page of a query typed on the search page (`/recherche/`) or
asked of the API (`/api/v1/search/`), in either language. Later pages (`page` ≥ 2) and the facet
links of the search page (they carry `refine=1`) narrow a search already counted; autocomplete
(`/api/v1/search/suggest/`) is typing, not searching, and is not counted. What is kept, per day:
the folded query (lower case, no accents; e-mail addresses and long numbers masked), the
interface language, the engine that answered, how many searches, how many found nothing and the
sum of result counts. No user, no IP address, no session: nothing links a row to a person.

Rows are kept `RETENTION_MONTHS` months, then deleted by `purge_expired()` (task
`search.tasks.purge_search_insight`, command `manage.py purge_search_insight`, daily).
Counting never fails a search: a database error is logged and the search answers anyway.
"""

import calendar
import datetime
import logging
import re
from contextlib import nullcontext

from django.db import DatabaseError, IntegrityError, connections, transaction
from django.db.models import F, Sum
from django.utils import timezone

from search.models import DailySearchCount
from search.text import fold_query

logger = logging.getLogger(__name__)

RETENTION_MONTHS = 13
EMAIL = re.compile(r"\S+@\S+")
LONG_NUMBER = re.compile(r"\d[\d -]{5,}\d")  # phone, social insurance or file numbers


def counted_query(q):
    """The query as stored: folded, personal-looking parts masked, at most 200 characters."""
    q = LONG_NUMBER.sub("#", EMAIL.sub("@", q or ""))
    return fold_query(q)[:200]


def is_counted(params, data):
    """True for a new search: a query, its first page, not a facet link of the search page."""
    return bool(params.q.strip()) and params.page == 1 and data.get("refine") != "1"


UPSERT_VENDORS = ("postgresql", "sqlite")


def record_search(answer, language):
    """Count one search of `answer.query`; never raises (a failed count is logged, the search goes on).

    On PostgreSQL and SQLite one `INSERT … ON CONFLICT DO UPDATE` counts it, whether or not the day's
    row exists yet (the page cache counts each search it serves again: hub.page_cache); elsewhere an
    UPDATE, then an INSERT when the row is new."""
    query = counted_query(answer.query)
    if not query:
        return
    key = {"day": timezone.localdate(), "query": query, "locale": language, "engine": answer.engine}
    zero = 0 if answer.total else 1
    connection = connections[DailySearchCount.objects.db]
    try:
        # Inside a request's transaction, a savepoint keeps a failure here; outside one, nothing to keep.
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            if connection.vendor in UPSERT_VENDORS:
                _upsert(connection, key, zero, answer.total)
            else:
                _update_or_create(key, zero, answer.total)
    except DatabaseError:
        logger.warning("Recherche : le compte de « %s » n'a pas pu être enregistré.", query, exc_info=True)


def _upsert(connection, key, zero, total):
    meta = DailySearchCount._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    keys = [quote(meta.get_field(name).column) for name in key]
    counters = [quote(meta.get_field(name).column) for name in ("searches", "zero_results", "results_total")]
    added = ", ".join(f"{column} = {table}.{column} + excluded.{column}" for column in counters)
    sql = (  # identifiers from the model's meta; every value is a parameter
        f"INSERT INTO {table} ({', '.join(keys + counters)}) VALUES (%s, %s, %s, %s, 1, %s, %s) "  # noqa: S608
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {added}"
    )
    day = connection.ops.adapt_datefield_value(key["day"])
    with connection.cursor() as cursor:
        cursor.execute(sql, [day, key["query"], key["locale"], key["engine"], zero, total])


def _update_or_create(key, zero, total):
    increments = {
        "searches": F("searches") + 1,
        "zero_results": F("zero_results") + zero,
        "results_total": F("results_total") + total,
    }
    if DailySearchCount.objects.filter(**key).update(**increments):
        return
    try:
        with transaction.atomic():
            DailySearchCount.objects.create(**key, searches=1, zero_results=zero, results_total=total)
    except IntegrityError:  # another request created the day's row meanwhile: count on it
        DailySearchCount.objects.filter(**key).update(**increments)


def months_before(day, months):
    """The same day `months` months earlier (the month's last day when it is shorter: 31 → 30)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last_day))


def retention_cutoff(today=None):
    """The first day still kept: rows of earlier days are purged."""
    return months_before(today or timezone.localdate(), RETENTION_MONTHS)


@transaction.atomic
def purge_expired(today=None):
    """Delete the counts older than the retention period; returns how many rows went."""
    deleted, _by_model = DailySearchCount.objects.filter(day__lt=retention_cutoff(today)).delete()
    return deleted


# --- reports ---------------------------------------------------------------------------------

PERIODS = (7, 30, 90, 365)
DEFAULT_PERIOD = 30


def period_bounds(days, today=None):
    """((start, end) of the last `days` days, today included; (start, end) of the `days` before)."""
    end = today or timezone.localdate()
    start = end - datetime.timedelta(days=days - 1)
    previous_end = start - datetime.timedelta(days=1)
    return (start, end), (previous_end - datetime.timedelta(days=days - 1), previous_end)


def _totals(start, end, zero_only, locale=None):
    rows = DailySearchCount.objects.filter(day__gte=start, day__lte=end)
    if locale:
        rows = rows.filter(locale=locale)
    if zero_only:
        rows = rows.filter(zero_results__gt=0)
    measure = "zero_results" if zero_only else "searches"
    return rows.values("query").annotate(count=Sum(measure), searches=Sum("searches"), results=Sum("results_total"))


def query_report(days=DEFAULT_PERIOD, zero_only=False, locale=None, limit=200, today=None):
    """The queries of the last `days` days, most counted first, each with the previous period's
    count and the trend: [{query, count, previous, change, searches, average_results}].

    `zero_only`: count the searches that found nothing (« Recherches sans résultat »);
    otherwise every search (« Recherches fréquentes »)."""
    current, previous = period_bounds(days, today)
    rows = list(_totals(*current, zero_only, locale).order_by("-count", "query")[:limit])
    before = {
        row["query"]: row["count"]
        for row in _totals(*previous, zero_only, locale).filter(query__in=[row["query"] for row in rows])
    }
    report = []
    for row in rows:
        earlier = before.get(row["query"], 0)
        report.append(
            {
                "query": row["query"],
                "count": row["count"],
                "previous": earlier,
                "change": row["count"] - earlier,
                "searches": row["searches"],
                "average_results": round(row["results"] / row["searches"], 1) if row["searches"] else 0,
            }
        )
    return report


def top_queries_without_results(days=DEFAULT_PERIOD, limit=10, locale=None, today=None):
    """[(folded query, searches that found nothing)] of the last `days` days, most frequent first
    (for the dashboard chart of issue 22)."""
    return [(row["query"], row["count"]) for row in query_report(days, True, locale, limit, today)]
