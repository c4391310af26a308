"""A guide's dates never contradict each other: « Dernière mise à jour » is the content's last significant
change (a publication with a new change note), « Révisé le » the last review."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from tests.hub.factories import long_ago, make_guide

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def test_a_republication_without_change_note_does_not_move_the_last_update(client, guide_index):
    reviewed = long_ago(500)
    guide = make_guide(guide_index, change_note="Première version", last_reviewed=reviewed)
    first = PageLogEntry.objects.get(page_id=guide.pk, action="wagtail.publish")
    first.timestamp = timezone.make_aware(datetime.datetime(2025, 3, 4, 10, 0))
    first.save(update_fields=["timestamp"])
    guide.title = guide.title + " (coquille corrigée)"
    guide.save_revision().publish()  # same change note: not a significant change

    html = client.get(guide.url).content.decode()
    updated = re.search(r"Dernière mise à jour</dt><dd>(.*?)</dd>", html).group(1)
    assert 'datetime="2025-03-04' in updated, "La republication a avancé la date de mise à jour."
    assert f'Révisé le</dt><dd><time datetime="{reviewed.isoformat()}"' in html
