"""Trending ideas: each vote counts for less as it ages, so the board shows what moves now.

    score(idea) = Σ over the idea's recent votes of 0.5 ** (age_in_hours / HALF_LIFE_HOURS)

A vote cast now weighs 1, a four-day-old vote 0.5, an eight-day-old one 0.25. « Recent » means the
last RECENT_DAYS days: older votes (each worth under 0.006) count for nothing. The score is stored
on `Idea.hot_score`. A vote moves its idea at once without reading the idea's other votes: a vote
adds its weight now (1) and a withdrawal takes away the withdrawn vote's weight now, with F()
expressions in the UPDATE that moves the counters (ideas.services). The periodic task
(`manage.py recompute_trending`, hourly) recomputes every score from the votes, so that age keeps
lowering them and the increments never drift by more than an hour's decay.

With a four-day half-life, five votes cast in the last seven days are worth at least 5 × 0.30 = 1.49:
a new idea with a single fresh vote (1.0) never outranks them.
"""

from collections import defaultdict
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

HALF_LIFE_HOURS = 96
RECENT_DAYS = 30


def vote_weight(cast_at, now):
    """What one vote cast at `cast_at` is worth at `now` (1 when fresh, halved every HALF_LIFE_HOURS)."""
    age_hours = max((now - cast_at).total_seconds(), 0) / 3600
    return 0.5 ** (age_hours / HALF_LIFE_HOURS)


FRESH_VOTE_WEIGHT = 1.0  # what a vote cast now adds to its idea's score


def weight_now(cast_at, now=None):
    """What withdrawing a vote cast at `cast_at` takes away from the score: 0 once it is no longer recent."""
    now = now or timezone.now()
    if cast_at < now - timedelta(days=RECENT_DAYS):
        return 0.0
    return vote_weight(cast_at, now)


def score(vote_times, now):
    return round(sum(vote_weight(cast_at, now) for cast_at in vote_times), 6)


def _recent_votes(now):
    from .models import Vote

    return Vote.objects.filter(created_at__gte=now - timedelta(days=RECENT_DAYS), created_at__lte=now)


def refresh_idea(idea_id, now=None):
    """Recompute one idea's score (called by the services after a vote moves)."""
    from .models import Idea

    now = now or timezone.now()
    times = _recent_votes(now).filter(idea_id=idea_id).values_list("created_at", flat=True)
    value = score(times, now)
    Idea.objects.filter(pk=idea_id).update(hot_score=value)
    return value


def recompute_all(now=None):
    """Recompute every score at `now`; returns how many ideas changed. One pass over recent votes."""
    from .models import Idea

    now = now or timezone.now()
    times = defaultdict(list)
    for idea_id, cast_at in _recent_votes(now).values_list("idea_id", "created_at").iterator():
        times[idea_id].append(cast_at)
    scores = {idea_id: score(cast, now) for idea_id, cast in times.items()}
    changed = []
    with transaction.atomic():
        for idea in Idea.objects.only("pk", "hot_score").iterator():
            value = scores.get(idea.pk, 0.0)
            if idea.hot_score != value:
                idea.hot_score = value
                changed.append(idea)
        Idea.objects.bulk_update(changed, ["hot_score"], batch_size=500)
    return len(changed)
