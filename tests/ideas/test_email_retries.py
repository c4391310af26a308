"""A notification email the mail server refused leaves later: tried again with a growing delay
(`manage.py retry_emails`, or the task coming back by itself under db_worker), then given up and
shown to moderators in the moderation queue."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ideas.models import Notification
from tests.mail_servers import flaky_mail_server
from tests.sessions import sign_in_with_second_factor

pytestmark = pytest.mark.django_db


def comment_through_the_site(client, member, idea, captured):
    client.force_login(member)
    with captured(execute=True):
        response = client.post(reverse("ideas:comment", args=[idea.pk]), {"body": "Un commentaire utile."})
    assert response.status_code == 302


def time_passes_until_the_next_try(notification):
    """The retry delay is minutes to hours: move the due date instead of waiting."""
    Notification.objects.filter(pk=notification.pk).update(email_retry_at=timezone.now())


def retry_emails():
    from io import StringIO

    out = StringIO()
    call_command("retry_emails", stdout=out)
    return out.getvalue()


def test_a_refused_notification_email_leaves_at_the_next_try(
    client, idea, other_member, settings, django_capture_on_commit_callbacks
):
    flaky_mail_server(settings, failures=1)
    comment_through_the_site(client, other_member, idea, django_capture_on_commit_callbacks)

    notification = Notification.objects.get(idea=idea, recipient=idea.author)
    assert notification.email_pending and notification.email_attempts == 1
    assert notification.email_retry_at > timezone.now()
    assert mail.outbox == []
    assert "renvoyés : 0" in retry_emails()  # not due yet: nothing is sent twice too early

    time_passes_until_the_next_try(notification)
    assert "renvoyés : 1" in retry_emails()

    notification.refresh_from_db()
    assert not notification.email_pending and notification.emailed_at is not None
    assert notification.email_failed_at is None and notification.email_retry_at is None
    assert [message.to for message in mail.outbox] == [[idea.author.email]]
    assert "renvoyés : 0" in retry_emails()  # sent once, never again


def test_an_email_refused_every_time_is_given_up_and_shown_to_moderators(
    client, idea, other_member, moderator, settings, django_capture_on_commit_callbacks
):
    from hub.mail import MAX_ATTEMPTS

    server = flaky_mail_server(settings, failures=None)
    comment_through_the_site(client, other_member, idea, django_capture_on_commit_callbacks)
    notification = Notification.objects.get(idea=idea, recipient=idea.author)
    delays = []
    for _attempt in range(MAX_ATTEMPTS - 1):
        notification.refresh_from_db()
        delays.append(notification.email_retry_at - timezone.now())
        time_passes_until_the_next_try(notification)
        assert "toujours en échec : 1" in retry_emails()

    notification.refresh_from_db()
    assert server.refused == MAX_ATTEMPTS
    assert delays == sorted(delays), "each try waits longer than the one before"
    assert not notification.email_pending and notification.email_retry_at is None
    assert notification.email_failed_at is not None
    assert "renvoyés : 0 ; toujours en échec : 0" in retry_emails()  # given up: no more tries

    moderator.user_permissions.add(*_admin_access())
    sign_in_with_second_factor(client, moderator)
    page = client.get(reverse("ideas_moderation_queue"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Courriels de notification non remis" in text
    assert idea.author.email in text and f"après {MAX_ATTEMPTS} essais" in text


def _admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="access_admin")
