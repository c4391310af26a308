"""Control characters in an idea's title never break the board nor its emails.

A carriage return in a title used to end in the email subject: every later comment or status
change on that idea was a 500 (`BadHeaderError`) and its notifications stayed pending forever.
"""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from ideas import services
from ideas.models import Comment, Idea, Notification
from tests.sessions import sign_in_with_second_factor

# Real commits: the emails leave after the commit, as they do in production.
pytestmark = pytest.mark.django_db(transaction=True)

HOSTILE_TITLE = "Signature électronique\rBcc: victime@example.com"


class BrokenMailServer(BaseEmailBackend):
    """An SMTP server that refuses every message."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("relais SMTP injoignable")


@pytest.fixture
def idea_with_carriage_return(member, organisation):
    # As left in the database by an import or by the form before titles became single-line.
    idea = services.propose_idea(
        member,
        title="Titre provisoire de l'idée",
        problem="Il faut imprimer, signer et numériser les formulaires.",
        solution="Offrir une signature électronique gouvernementale commune.",
        benefits="Des démarches entièrement en ligne.",
        organisation=organisation,
    )
    Idea.objects.filter(pk=idea.pk).update(title=HOSTILE_TITLE)
    idea.refresh_from_db()
    return idea


def test_carriage_return_in_title_never_breaks_comments_nor_status_changes(
    client, idea_with_carriage_return, other_member, moderator
):
    idea = idea_with_carriage_return
    client.force_login(other_member)
    response = client.post(reverse("ideas:comment", args=[idea.pk]), {"body": "Excellente idée !"})
    assert response.status_code == 302
    sign_in_with_second_factor(client, moderator)
    response = client.post(reverse("ideas:status", args=[idea.pk]), {"status": "en_analyse"})
    assert response.status_code == 302

    assert Comment.objects.filter(idea=idea).count() == 1
    subjects = [message.subject for message in mail.outbox if idea.author.email in message.to]
    assert len(subjects) == 2
    for subject in subjects:
        assert "\r" not in subject and "\n" not in subject
        assert "Signature électronique Bcc: victime@example.com" in subject
    assert not Notification.objects.filter(idea=idea, recipient=idea.author, email_pending=True).exists()


def test_a_failed_email_never_fails_the_comment(client, idea_with_carriage_return, other_member, settings):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    idea = idea_with_carriage_return
    Idea.objects.filter(pk=idea.pk).update(title="Un titre tout à fait ordinaire")
    client.force_login(other_member)
    response = client.post(reverse("ideas:comment", args=[idea.pk]), {"body": "Le courriel échouera."})
    assert response.status_code == 302
    assert Comment.objects.filter(idea=idea, body="Le courriel échouera.").exists()
    # Not sent: still waiting, so that a later run can deliver it.
    assert Notification.objects.filter(idea=idea, recipient=idea.author, email_pending=True).count() == 1


def test_title_typed_with_line_breaks_is_kept_on_one_line(client, member, organisation):
    client.force_login(member)
    response = client.post(
        reverse("ideas:propose"),
        {
            "title": "Une idée\r\nsur deux lignes\x00",
            "problem": "Ligne un du problème.\r\n\r\n\tLigne deux, après une tabulation.",
            "solution": "Une solution commune.",
            "benefits": "Des bénéfices clairs.",
            "organisation": organisation.pk,
            "locale": "fr",
            "action": "publish",
        },
    )
    assert response.status_code == 302
    idea = Idea.objects.get(author=member)
    assert idea.title == "Une idée sur deux lignes"
    # Multi-line fields keep their line breaks and tabulations.
    assert idea.problem == "Ligne un du problème.\r\n\r\n\tLigne deux, après une tabulation."
