"""Trending on a fixed clock: each vote decays with its own age (ideas.trending)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from ideas import trending
from ideas.models import Idea, Vote
from tests.factories import UserFactory
from tests.ideas.factories import IdeaFactory
from tests.ideas.helpers import page_text

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _votes(idea, ages):
    """Votes cast `ages` ago (timedeltas before NOW), by distinct members."""
    for age in ages:
        Vote.objects.create(idea=idea, user=UserFactory(), created_at=NOW - age)
    Idea.objects.filter(pk=idea.pk).update(vote_count=len(ages))


def test_a_vote_loses_half_its_weight_every_half_life():
    assert trending.vote_weight(NOW, NOW) == 1
    assert trending.vote_weight(NOW - timedelta(hours=trending.HALF_LIFE_HOURS), NOW) == 0.5
    assert trending.vote_weight(NOW - timedelta(hours=2 * trending.HALF_LIFE_HOURS), NOW) == 0.25


def test_a_new_idea_with_one_vote_does_not_outrank_five_and_seven_votes_from_this_week(client):
    week_old_five = IdeaFactory(title="Cinq votes de cette semaine", created_at=NOW - timedelta(days=7))
    seven = IdeaFactory(title="Sept votes de cette semaine", created_at=NOW - timedelta(days=6))
    newcomer = IdeaFactory(title="Toute nouvelle idée à un vote", created_at=NOW - timedelta(minutes=5))
    stale = IdeaFactory(title="Cent votes d'il y a deux mois", created_at=NOW - timedelta(days=70))
    _votes(week_old_five, [timedelta(days=7)] * 5)  # the oldest votes a week allows
    _votes(seven, [timedelta(days=d) for d in (6, 6, 5, 4, 3, 2, 1)])
    _votes(newcomer, [timedelta(minutes=1)])
    _votes(stale, [timedelta(days=60)] * 100)  # not recent: counts for nothing

    trending.recompute_all(now=NOW)

    order = list(Idea.objects.order_by("-hot_score", "-pk").values_list("title", flat=True))
    assert order == [seven.title, week_old_five.title, newcomer.title, stale.title]
    listing = page_text(client.get(reverse("ideas:list"), {"tri": "tendances"}))
    positions = [listing.index(title) for title in order]
    assert positions == sorted(positions)


def test_recent_votes_beat_many_old_ones_and_scores_fall_as_time_passes():
    burst = IdeaFactory(title="Trois votes aujourd'hui")
    old = IdeaFactory(title="Dix votes il y a trois semaines")
    _votes(burst, [timedelta(hours=1)] * 3)
    _votes(old, [timedelta(days=21)] * 10)
    trending.recompute_all(now=NOW)
    burst.refresh_from_db()
    old.refresh_from_db()
    assert burst.hot_score > old.hot_score
    trending.recompute_all(now=NOW + timedelta(hours=trending.HALF_LIFE_HOURS))
    before = burst.hot_score
    burst.refresh_from_db()
    assert burst.hot_score == pytest.approx(before / 2, rel=1e-3)


def test_a_vote_moves_its_idea_at_once_and_the_command_recomputes_everything(member):
    from ideas import services

    idea = IdeaFactory()
    services.cast_vote(member, idea)
    idea.refresh_from_db()
    assert idea.hot_score == pytest.approx(1, abs=1e-3)
    Vote.objects.filter(idea=idea).update(created_at=NOW - timedelta(days=40))
    call_command("recompute_trending")  # immediate task backend in tests
    idea.refresh_from_db()
    assert idea.hot_score == 0
