"""The editorial site's rate limits hold when one sender's requests arrive at the same instant.

With the database cache of production, the counter's increment read the count and wrote it back:
two requests that read at once both saw room for one more, and a script sending in parallel got
past the limit.
"""

import pytest

from hub import services
from hub.models import PageFeedback
from tests.hub.factories import make_guide
from tests.simultaneous import AT_ONCE, post_at_once

pytestmark = [
    pytest.mark.postgres(reason="Des requêtes simultanées demandent PostgreSQL (DATABASE_URL)."),
    pytest.mark.django_db(transaction=True),
]


def test_simultaneous_feedback_from_one_address_never_passes_the_limit(
    production_cache, live_server, guide_index, monkeypatch
):
    limit = 4
    monkeypatch.setattr(services, "FEEDBACK_LIMIT", limit)
    guide = make_guide(guide_index)
    statuses = post_at_once(live_server, guide.url + "avis/", "useful=oui&reason=&website=")
    assert sorted(statuses) == sorted([302] * limit + [429] * (AT_ONCE - limit)), statuses
    assert PageFeedback.objects.count() == limit
