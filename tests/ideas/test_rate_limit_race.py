"""The idea board's rate limits hold when one member's requests arrive at the same instant.

Each request reads what the member has used and writes it back; two requests that read at once must
not both see room for one more (a script sending its votes in parallel got past the limit).
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from ideas.services import RATE_LIMITS
from tests.simultaneous import AT_ONCE, post_at_once

pytestmark = [
    pytest.mark.postgres(reason="Des requêtes simultanées demandent PostgreSQL (DATABASE_URL)."),
    pytest.mark.django_db(transaction=True),
]


def _session_cookie(user):
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def test_simultaneous_votes_by_one_member_never_pass_the_limit(
    production_cache, live_server, idea, other_member, monkeypatch
):
    limit = 4
    monkeypatch.setitem(RATE_LIMITS, "vote", (limit, 60))
    path = reverse("ideas:vote", args=[idea.pk])
    statuses = post_at_once(live_server, path, "action=vote", cookies=_session_cookie(other_member))
    assert sorted(statuses) == sorted([200] * limit + [429] * (AT_ONCE - limit)), statuses
