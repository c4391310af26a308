"""Inviting someone whose address is outside the allowed domains."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def invitation_url(invitation, request=None):
    with translation.override("fr"):
        path = reverse("accounts:accept_invitation", args=[invitation.token])
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_invitation(invitation, request=None):
    """Email the invitee their sign-up link, once the invitation is saved."""
    context = {"invitation": invitation, "url": invitation_url(invitation, request)}

    def send():
        with translation.override("fr"):
            subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
            body = render_to_string("accounts/email/invitation_message.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])

    transaction.on_commit(send)
