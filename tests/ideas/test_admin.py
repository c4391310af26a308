import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from ideas import services
from ideas.models import Idea, StatusChange
from tests.factories import UserFactory
from tests.ideas.factories import IdeaFactory
from tests.ideas.helpers import page_text
from tests.sessions import sign_in_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_moderator(moderator):
    moderator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return type(moderator).objects.get(pk=moderator.pk)


@pytest.fixture
def superuser(db):
    """An administrator who already enrolled in two-factor authentication (the admin requires it)."""
    from allauth.mfa.models import Authenticator

    user = UserFactory(username="admin@cqen.gouv.qc.ca", is_staff=True, is_superuser=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


def test_admin_exports_ideas_with_votes_and_statuses_as_csv(client, superuser):
    idea = IdeaFactory(title="Export des idées", status=Idea.Status.ACCEPTED)
    services.cast_vote(UserFactory(), idea)
    sign_in_with_second_factor(client, superuser)
    response = client.get(reverse("idees:index") + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "Export des idées" in body and "Retenue" in body
    header = body.splitlines()[0]
    assert "Votes" in header or "votes" in header


def test_admin_shows_yes_or_no_rather_than_true_or_false(client, superuser):
    idea = IdeaFactory(title="Une idée masquée", is_hidden=True)
    sign_in_with_second_factor(client, superuser)
    text = page_text(client.get(reverse("idees:inspect", args=[idea.pk])))
    assert "Masquée" in text and "oui" in text and "True" not in text
    response = client.get(reverse("idees:index") + "?export=csv")
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    row = next(line for line in body.splitlines() if "Une idée masquée" in line)
    assert row.endswith(",oui") and "True" not in body and "False" not in body, body


def test_admin_listing_says_yes_or_no_rather_than_true_or_false(client, superuser):
    """The listing's « Masquée » column reads « oui » / « non »; Wagtail's own tick-and-cross cells (the
    users listing) speak « oui » / « non » to screen readers, never True / False."""
    IdeaFactory(title="Visible", is_hidden=False)
    IdeaFactory(title="Cachée", is_hidden=True)
    sign_in_with_second_factor(client, superuser)
    text = page_text(client.get(reverse("idees:index")))
    cells = [" ".join(cell.split()) for cell in re.findall(r"<td[^>]*>(.*?)</td>", text, re.S)]
    assert "oui" in cells and "non" in cells, cells
    assert "True" not in cells and "False" not in cells, cells
    users = page_text(client.get(reverse("wagtailusers_users:index")))
    spoken = {" ".join(words.split()) for words in re.findall(r'<span class="w-sr-only">(.*?)</span>', users, re.S)}
    assert "oui" in spoken and not {"True", "False"} & spoken, spoken


def test_admin_list_filters_by_status(client, superuser):
    IdeaFactory(title="Soumise ici")
    IdeaFactory(title="Réalisée là", status=Idea.Status.DONE)
    sign_in_with_second_factor(client, superuser)
    text = page_text(client.get(reverse("idees:index"), {"status": "realisee"}))
    assert "Réalisée là" in text and "Soumise ici" not in text


def test_moderation_queue_lists_hidden_ideas_and_restores_them(client, admin_moderator):
    idea = IdeaFactory(title="Masquée par signalements")
    for _ in range(3):
        services.report(UserFactory(), idea=idea, reason="spam")
    sign_in_with_second_factor(client, admin_moderator)
    assert "Masquée par signalements" in page_text(client.get(reverse("ideas_moderation_queue")))
    client.post(reverse("ideas_moderation_decide", args=["idea", idea.pk]), {"decision": "restore"})
    idea.refresh_from_db()
    assert not idea.is_hidden


def test_moderation_queue_keeps_content_hidden(client, admin_moderator, idea, other_member):
    comment = services.add_comment(other_member, idea, "Spam spam")
    for _ in range(3):
        services.report(UserFactory(), comment=comment, reason="spam")
    sign_in_with_second_factor(client, admin_moderator)
    client.post(reverse("ideas_moderation_decide", args=["comment", comment.pk]), {"decision": "hide"})
    comment.refresh_from_db()
    assert comment.is_hidden and not comment.reports.filter(resolution="").exists()


def test_bulk_status_change_logs_each_idea(client, admin_moderator):
    first, second = IdeaFactory(), IdeaFactory()
    sign_in_with_second_factor(client, admin_moderator)
    response = client.post(reverse("ideas_bulk_status"), {"idea": [first.pk, second.pk], "status": "en_analyse"})
    assert response.status_code == 302
    assert set(Idea.objects.values_list("status", flat=True)) == {"en_analyse"}
    assert StatusChange.objects.filter(to_status="en_analyse", changed_by=admin_moderator).count() == 2


def test_members_without_moderation_right_cannot_open_the_queue(client, member):
    member.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(member)
    response = client.get(reverse("ideas_moderation_queue"))
    assert response.status_code in (302, 403)


def test_admin_edit_of_an_idea_is_sent_to_search(client, superuser, search_events, django_capture_on_commit_callbacks):
    idea = IdeaFactory(title="Avant correction")
    sign_in_with_second_factor(client, superuser)
    data = {
        "title": "Après correction",
        "problem": idea.problem,
        "solution": idea.solution,
        "benefits": idea.benefits,
        "organisation": idea.organisation_id,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("idees:edit", args=[idea.pk]), data)
    assert response.status_code == 302
    assert ("changed", idea.pk) in search_events()
