# ruff: noqa: S608 - table and column names come from the models' meta, quoted; every value is a parameter.
"""The statements a vote is made of, each one round trip to the database (PostgreSQL, SQLite).

`ideas.services.cast_vote` and `withdraw_vote` put them together in one transaction. Every vote on
an idea waits for the idea's row lock, and every statement is paid by every vote of a crowd: each
here does in one statement what the ORM does in two (a check and a write, a read and a delete, an
update and a reread), and answers what the caller needs next.
"""

from datetime import UTC

from allauth.account.models import EmailAddress
from django.db import connection
from django.utils import timezone

from .models import Follow, Idea, Vote


def _quoted(model, *names):
    quote = connection.ops.quote_name
    return quote(model._meta.db_table), [quote(model._meta.get_field(name).column) for name in names]


def _now():
    return connection.ops.adapt_datetimefield_value(timezone.now())


def _returned(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def insert_vote(user_id, idea_id):
    """Add the member's vote if they have a confirmed address and have not voted yet: True when added.

    The address check (`accounts.verification.has_verified_address`) is the INSERT's condition, and a
    vote already there meets the unique constraint and adds nothing (`ON CONFLICT DO NOTHING`): a
    False says one or the other, which the caller asks only then."""
    votes, (idea, user, created_at) = _quoted(Vote, "idea", "user", "created_at")
    addresses, (address_user, verified) = _quoted(EmailAddress, "user", "verified")
    # SQLite reads « ON CONFLICT » after a SELECT as a join unless the SELECT has a WHERE: it has one.
    sql = (
        f"INSERT INTO {votes} ({idea}, {user}, {created_at}) SELECT %s, %s, %s "
        f"WHERE EXISTS (SELECT 1 FROM {addresses} WHERE {address_user} = %s AND {verified} = %s) "
        f"ON CONFLICT DO NOTHING RETURNING {connection.ops.quote_name(Vote._meta.pk.column)}"
    )
    return _returned(sql, [idea_id, user_id, _now(), user_id, True]) is not None


def delete_vote(user_id, idea_id):
    """Remove the member's vote: when it was cast, or None when there was none (or another request of
    the same member removed it first)."""
    votes, (idea, user, created_at) = _quoted(Vote, "idea", "user", "created_at")
    row = _returned(f"DELETE FROM {votes} WHERE {idea} = %s AND {user} = %s RETURNING {created_at}", [idea_id, user_id])
    if row is None:
        return None
    cast_at = row[0]
    if isinstance(cast_at, str):  # SQLite returns the stored text
        cast_at = Vote._meta.get_field("created_at").to_python(cast_at)
    if timezone.is_naive(cast_at):
        cast_at = timezone.make_aware(cast_at, UTC)
    return cast_at


def follow_once(user_id, idea_id):
    """Follow the idea unless the member already does: True when a row was added.

    A follow written at the same instant (`follow_idea`) meets the unique constraint and leaves the
    caller's transaction alone, without the savepoint and its two round trips that catching the
    IntegrityError needs."""
    follows, columns = _quoted(Follow, "idea", "user", "email", "created_at")
    sql = (
        f"INSERT INTO {follows} ({', '.join(columns)}) VALUES (%s, %s, %s, %s) "
        f"ON CONFLICT DO NOTHING RETURNING {connection.ops.quote_name(Follow._meta.pk.column)}"
    )
    return _returned(sql, [idea_id, user_id, True, _now()]) is not None


def move_counters(idea_id, votes, followers=0, hot_score=0.0):
    """Add `votes`, `followers` and `hot_score` (never below 0) to the idea's counters, if the idea is
    visible and takes votes: its new vote count, or None (closed, hidden or gone: nothing moved).

    This UPDATE takes the idea's row lock, which every other vote on the idea waits for: the caller
    makes it its transaction's last statement."""
    ideas, (vote_count, follower_count, score, status, is_hidden, pk) = _quoted(
        Idea, "vote_count", "follower_count", "hot_score", "status", "is_hidden", "id"
    )
    closed = list(Idea.CLOSED_STATUSES)
    sql = (
        f"UPDATE {ideas} SET {vote_count} = {vote_count} + %s, {follower_count} = {follower_count} + %s, "
        f"{score} = CASE WHEN {score} + %s > 0 THEN {score} + %s ELSE 0.0 END "
        f"WHERE {pk} = %s AND {is_hidden} = %s AND {status} NOT IN ({', '.join(['%s'] * len(closed))}) "
        f"RETURNING {vote_count}"
    )
    row = _returned(sql, [votes, followers, hot_score, hot_score, idea_id, False, *closed])
    return None if row is None else row[0]
