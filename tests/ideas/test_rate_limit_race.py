"""The idea board's rate limits hold when one member's requests arrive at the same instant.

Each request reads what the member has used and writes it back; two requests that read at once must
not both see room for one more (a script sending its votes in parallel got past the limit).
"""

import http.client
import threading

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from hub.settings import base
from ideas.services import RATE_LIMITS

pytestmark = [
    pytest.mark.postgres(reason="Des requêtes simultanées demandent PostgreSQL (DATABASE_URL)."),
    pytest.mark.django_db(transaction=True),
]

CSRF = "a" * 32


def _cookies(user):
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}; csrftoken={CSRF}"


def _post(live_server, path, cookies):
    host, port = live_server.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        connection.request(
            "POST",
            path,
            body="action=vote",
            headers={
                "Cookie": cookies,
                "X-CSRFToken": CSRF,
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
        )
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.fixture
def production_cache(settings):
    """The database cache of production (hub/settings/base.py)."""
    settings.CACHES = {**settings.CACHES, "default": {**base.CACHES["default"]}}
    call_command("createcachetable", verbosity=0)


def test_simultaneous_votes_by_one_member_never_pass_the_limit(
    production_cache, live_server, idea, other_member, monkeypatch
):
    limit = 4
    monkeypatch.setitem(RATE_LIMITS, "vote", (limit, 60))
    cookies = _cookies(other_member)
    path = reverse("ideas:vote", args=[idea.pk])
    at_once = 10  # the test server's listen queue holds 10 connections
    barrier = threading.Barrier(at_once)
    statuses = []

    def send():
        barrier.wait(timeout=30)
        statuses.append(_post(live_server, path, cookies))

    threads = [threading.Thread(target=send) for _number in range(at_once)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == sorted([200] * limit + [429] * (at_once - limit)), statuses
