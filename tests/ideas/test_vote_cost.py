"""What one vote costs the database, counted through HTTP, and what runs while the idea's row is locked.

Every other vote on the same idea waits for that lock (docs/benchmarks.md « Votes sous contention »):
the counters move in one UPDATE taken last, so only the commit follows it.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ideas import services
from ideas.models import Idea, Vote

pytestmark = pytest.mark.django_db

# Session and user (the middleware's, as for any signed-in request); the rate limit (one upsert); then,
# in the transaction, the vote (whose INSERT checks the confirmed address), the follow, the search
# outbox row and the counters' UPDATE, which returns the new count for the answer. The idea is not
# read: the UPDATE says whether it takes votes. (After the commit, the search sync's queue key.)
CAST_QUERIES = 9
# Session, user, rate limit; the DELETE (which returns when the vote was cast), outbox row, counters.
WITHDRAW_QUERIES = 8


def _post(client, idea, action):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("ideas:vote", args=[idea.pk]), {"action": action}, HTTP_ACCEPT="application/json"
        )
    assert response.status_code == 200, response.content
    return response.json(), [query["sql"] for query in queries.captured_queries]


def _after_the_idea_is_locked(statements):
    """The statements from the first one that locks the idea's row (FOR UPDATE or UPDATE of the idea)."""
    for index, sql in enumerate(statements):
        if sql.startswith('UPDATE "ideas_idea"') or ('FROM "ideas_idea"' in sql and "FOR UPDATE" in sql):
            return statements[index:]
    return []


@pytest.fixture
def signed_in(client, other_member, idea):
    client.force_login(other_member)
    client.get(idea.get_absolute_url())  # the session's first request writes its start time
    return client


def test_a_vote_costs_a_bounded_number_of_queries_and_only_the_commit_follows_the_lock(signed_in, idea):
    answer, statements = _post(signed_in, idea, "vote")
    assert answer["votes"] == 1 and answer["voted"] is True
    assert len(statements) <= CAST_QUERIES, "\n".join(statements)
    locked = _after_the_idea_is_locked(statements)
    assert locked and locked[0].startswith('UPDATE "ideas_idea"'), "\n".join(statements)
    assert all(sql.startswith(("RELEASE SAVEPOINT", "COMMIT")) for sql in locked[1:2]), "\n".join(locked)
    assert not any(sql.startswith(("INSERT", "DELETE", "UPDATE")) for sql in locked[1:]), "\n".join(locked)


def test_withdrawing_a_vote_costs_a_bounded_number_of_queries_and_only_the_commit_follows_the_lock(signed_in, idea):
    _post(signed_in, idea, "vote")
    answer, statements = _post(signed_in, idea, "withdraw")
    assert answer["votes"] == 0 and answer["voted"] is False
    assert len(statements) <= WITHDRAW_QUERIES, "\n".join(statements)
    locked = _after_the_idea_is_locked(statements)
    assert locked and locked[0].startswith('UPDATE "ideas_idea"'), "\n".join(statements)
    assert not any(sql.startswith(("INSERT", "DELETE", "UPDATE")) for sql in locked[1:]), "\n".join(locked)


def test_vote_withdrawal_and_vote_again_keep_every_counter_equal_to_its_rows(signed_in, idea, other_member):
    for action, expected in (("vote", 1), ("vote", 1), ("withdraw", 0), ("withdraw", 0), ("vote", 1)):
        answer, _statements = _post(signed_in, idea, action)
        assert answer["votes"] == expected
    idea.refresh_from_db()
    assert idea.vote_count == Vote.objects.filter(idea=idea).count() == 1
    assert idea.follower_count == idea.follows.count() == 2  # the author and the voter, once each
    assert idea.hot_score == pytest.approx(1, abs=1e-3)


def test_an_idea_closed_after_the_page_was_read_takes_no_vote_and_keeps_no_row(idea, other_member):
    Idea.objects.filter(pk=idea.pk).update(status=Idea.Status.DONE)  # `idea` still says « open »
    with pytest.raises(services.Conflict):
        services.cast_vote(other_member, idea)
    assert not Vote.objects.filter(idea=idea).exists()
    assert not idea.follows.filter(user=other_member).exists()
    assert Idea.objects.get(pk=idea.pk).vote_count == 0


def test_with_the_production_cache_the_rate_limit_costs_one_statement_and_no_cache_query(signed_in, idea, settings):
    """The database cache of production: the sliding window read and wrote a list of times there."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "hub.cache.DatabaseCache",
            "LOCATION": "hub_cache",
            "KEY_FUNCTION": "hub.cache.hashed_key",
        },
    }
    call_command("createcachetable", verbosity=0)
    for action, expected in (("vote", 1), ("withdraw", 0), ("vote", 1)):
        answer, statements = _post(signed_in, idea, action)
        assert answer["votes"] == expected
        assert not [sql for sql in statements if '"hub_cache"' in sql], "\n".join(statements)
        rate_statements = [sql for sql in statements if '"ideas_ratewindow"' in sql]
        assert len(rate_statements) == 1 and rate_statements[0].startswith("INSERT"), "\n".join(statements)
