"""A member's displayed name and role are single-line: control characters never reach pages or emails."""

import pytest

from accounts.profiles import get_profile
from tests.accounts.conftest import login

pytestmark = pytest.mark.django_db


def test_display_name_with_line_breaks_is_kept_on_one_line(client, member, organisations):
    login(client, member.email)
    response = client.post(
        "/compte/profil/",
        {
            "display_name": "Camille\r\nBcc: victime@example.com\x07",
            "organisation": organisations.get(slug="ramq").pk,
            "role_title": "Analyste\tprincipale",
            "notification_preference": "digest",
            "preferred_language": "fr",
        },
    )
    assert response.status_code == 302
    profile = get_profile(member)
    profile.refresh_from_db()
    assert profile.display_name == "Camille Bcc: victime@example.com"
    assert profile.role_title == "Analyste principale"
