"""The editorial forms' windows (`hub.rate_limits`): counted in the database, reopened when closed,
and deleted a day after they opened, so a reader's hashed address is not kept longer."""

import time

import pytest

from hub.models import SenderWindow
from hub.rate_limits import LONGEST_WINDOW, count_within_limit

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    now = [time.time()]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


def test_a_sender_is_refused_past_the_limit_until_the_window_closes(clock):
    assert [count_within_limit("avis:abc", 2, 60) for _attempt in range(3)] == [True, True, False]
    assert count_within_limit("avis:autre", 2, 60)  # another sender has a window of its own
    clock[0] += 59
    assert not count_within_limit("avis:abc", 2, 60)
    clock[0] += 2  # 61 s after the first use: a new window
    assert count_within_limit("avis:abc", 2, 60)
    assert SenderWindow.objects.get(key="avis:abc").hits == 1


def test_a_window_that_opens_deletes_those_opened_a_day_ago(clock):
    count_within_limit("avis:ancien", 10, 3600)
    clock[0] += 3600
    count_within_limit("avis:recent", 10, 3600)
    clock[0] += LONGEST_WINDOW - 3600 - 1  # the first opened a day ago, less a second
    count_within_limit("avis:nouveau", 10, 3600)
    assert set(SenderWindow.objects.values_list("key", flat=True)) == {"avis:ancien", "avis:recent", "avis:nouveau"}
    count_within_limit("avis:nouveau", 10, 3600)  # counted in its window: nothing deleted
    clock[0] += 1
    assert SenderWindow.objects.filter(key="avis:ancien").exists()
    count_within_limit("avis:recent", 10, 3600)  # its window opens again
    assert set(SenderWindow.objects.values_list("key", flat=True)) == {"avis:recent", "avis:nouveau"}


def test_a_window_longer_than_the_retention_is_refused():
    with pytest.raises(ValueError):
        count_within_limit("avis:semaine", 10, 7 * LONGEST_WINDOW)
