import io

import pytest

from demo import ideas as demo
from ideas.models import Comment, Idea, IdeaMerge, Vote

pytestmark = pytest.mark.django_db


def test_demo_builds_ideas_in_every_status_and_is_idempotent(organisations):
    demo.load(io.StringIO())
    counts = (Idea.objects.count(), Vote.objects.count(), Comment.objects.count())
    assert counts[0] == 30
    assert set(Idea.objects.values_list("status", flat=True)) == set(Idea.Status.values)
    assert Idea.objects.filter(locale="en").count() >= 2
    assert IdeaMerge.objects.count() == 1
    for idea in Idea.objects.all():
        assert idea.vote_count == idea.votes.count()
        assert idea.follower_count == idea.follows.count()

    demo.load(io.StringIO())
    assert (Idea.objects.count(), Vote.objects.count(), Comment.objects.count()) == counts
