"""Inviting someone whose address is outside the allowed domains.

The invitation is saved with the administrator's request; its email leaves in a background task
once that request's transaction commits (`hub.mail`): a mail server that fails never fails the
request, and the send is tried again until it leaves or is given up (shown in the invitations list).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from hub import mail

from .models import Invitation

logger = logging.getLogger(__name__)


def invitation_url(invitation, request=None):
    with translation.override("fr"):
        path = reverse("accounts:accept_invitation", args=[invitation.token])
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_invitation(invitation, request=None):
    """Email the invitee their sign-up link in the background, once the invitation is saved."""
    transaction.on_commit(lambda: _queue(invitation.pk))


def _queue(invitation_id):
    try:
        send_invitation_email.enqueue(invitation_id)
    except Exception:
        logger.exception("Invitation %s not queued; `retry_emails` will send it.", invitation_id)
        Invitation.objects.filter(pk=invitation_id, emailed_at__isnull=True).update(email_retry_at=timezone.now())


def _deliver(invitation):
    """Email one invitation; True when it left. A failure is recorded: tried again later, then given up."""
    context = {"invitation": invitation, "url": invitation_url(invitation)}
    try:
        with translation.override("fr"):
            subject = " ".join(render_to_string("accounts/email/invitation_subject.txt", context).split())
            body = render_to_string("accounts/email/invitation_message.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    except Exception:
        logger.exception("Invitation %s not sent; it will be tried again.", invitation.pk)
        Invitation.objects.filter(pk=invitation.pk).update(**invitation.failure_fields())
        return False
    Invitation.objects.filter(pk=invitation.pk).update(emailed_at=timezone.now(), email_retry_at=None)
    return True


def _next_retry():
    return (
        Invitation.objects.filter(emailed_at__isnull=True, email_retry_at__isnull=False)
        .order_by("email_retry_at")
        .values_list("email_retry_at", flat=True)
        .first()
    )


@task()
def send_invitation_email(invitation_id):
    """Background task: email one invitation (gone or already sent: nothing to do)."""
    invitation = Invitation.objects.filter(pk=invitation_id, emailed_at__isnull=True).first()
    if invitation is None:
        return False
    sent = _deliver(invitation)
    if not sent:
        mail.come_back_at(_next_retry())
    return sent


def retry_due_invitations(now):
    """Email again the invitations whose next try is due. Returns (sent, failed)."""
    sent = failed = 0
    for invitation in Invitation.objects.filter(emailed_at__isnull=True, email_retry_at__lte=now).order_by("pk"):
        if _deliver(invitation):
            sent += 1
        else:
            failed += 1
    mail.come_back_at(_next_retry())
    return sent, failed
