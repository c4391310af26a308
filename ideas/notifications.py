"""Notifications about followed ideas: in the site, by immediate email, or in a daily digest.

Each email carries a signed one-click unsubscribe link (no login needed) and `List-Unsubscribe` headers.
Immediate emails leave in a background task once the write has committed: a mail server that
fails never fails the member's comment or the moderator's status change, and the notification
stays pending (`email_pending`) until an email is really sent; failed sends are tried again with a
growing delay, then given up and shown to moderators (`hub.mail`).
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from hub import mail, notification_centre
from hub.plain_text import single_line
from hub.progress import untracked

from . import members
from .models import Follow, Notification

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "ideas.unsubscribe"
_emails_off = ContextVar("ideas_emails_off", default=False)


@contextmanager
def emails_suspended():
    """Notifications are still created (and shown in the site) but no email is sent or queued."""
    token = _emails_off.set(True)
    try:
        yield
    finally:
        _emails_off.reset(token)


def unsubscribe_token(user, idea=None):
    return signing.dumps({"u": user.pk, "i": idea.pk if idea is not None else None}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """Return (user_id, idea_id or None); raises signing.BadSignature when forged."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return int(data["u"]), (int(data["i"]) if data.get("i") else None)


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def unsubscribe_url(user, idea=None, language="fr"):
    with translation.override(language):
        return absolute(reverse("ideas:unsubscribe", kwargs={"token": unsubscribe_token(user, idea)}))


def notify(
    idea, kind, *, actor=None, detail="", comment=None, include_author=False, recipient_ids=None, status_change=None
):
    """Create one notification for each follower (or `recipient_ids`) but the actor; email after commit.

    One event, one call: each recipient gets one notification and at most one email for it.
    A notification about a comment points at the comment instead of copying its text, so that it
    shows the comment through its current visibility (hidden or withdrawn: no text).
    """
    if recipient_ids is None:
        recipient_ids = set(Follow.objects.filter(idea=idea).values_list("user_id", flat=True))
        if include_author and idea.author_id:
            recipient_ids.add(idea.author_id)
    recipient_ids = set(recipient_ids) - {getattr(actor, "pk", None)}
    if not recipient_ids:
        return []
    email_off = set(
        Follow.objects.filter(idea=idea, user_id__in=recipient_ids, email=False).values_list("user_id", flat=True)
    )
    User = get_user_model()
    users = User.objects.filter(pk__in=recipient_ids, is_active=True)
    if hasattr(User, "profile"):
        users = users.select_related("profile")
    created = []
    for user in users:
        preference = members.notification_preference(user)
        wants_email = (
            not _emails_off.get()
            and bool(user.email)
            and preference != members.NOTIFY_NONE
            and user.pk not in email_off
        )
        created.append(
            Notification(
                recipient=user,
                idea=idea,
                kind=kind,
                comment=comment,
                status_change=status_change,
                detail=detail[:1000],
                email_pending=wants_email,
            )
        )
    Notification.objects.bulk_create(created)
    immediate_ids = [
        n.recipient_id
        for n in created
        if n.email_pending and members.notification_preference(n.recipient) == members.NOTIFY_IMMEDIATE
    ]
    if immediate_ids:
        transaction.on_commit(partial(_queue_immediate, idea.pk, str(kind), sorted(immediate_ids)))
    return created


def _queue_immediate(idea_id, kind, user_ids):
    """Hand the emails to the background task; a queue that fails leaves them due for `retry_emails`."""
    try:
        send_notification_emails.enqueue(idea_id, kind, user_ids)
    except Exception:
        logger.exception("Notification emails of idea %s not queued; they stay pending.", idea_id)
        Notification.objects.filter(
            idea_id=idea_id, kind=kind, recipient_id__in=user_ids, email_pending=True, email_retry_at__isnull=True
        ).update(email_retry_at=timezone.now())


def _send(user, subject_template, body_template, context, idea=None):
    language = members.language_of(user)
    with translation.override(language):
        link = unsubscribe_url(user, idea, language)
        context = {**context, "user": user, "name": members.display_name(user), "unsubscribe_url": link}
        # One line whatever the idea's title holds: a CR or LF in a subject is a header injection.
        subject = " ".join(single_line(render_to_string(subject_template, context)).split())
        body = render_to_string(body_template, context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[user.email],
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.send()


def _deliver(notification):
    """Email one notification; True when it left. A failure is recorded: tried again later, then given up."""
    idea = notification.idea
    context = {"notification": notification, "idea": idea, "idea_url": absolute(idea.get_absolute_url())}
    try:
        _send(
            notification.recipient,
            "emails/ideas/notification_subject.txt",
            "emails/ideas/notification.txt",
            context,
            idea,
        )
    except Exception:
        logger.exception("Notification email %s not sent; it will be tried again.", notification.pk)
        failure = notification.failure_fields()
        if failure["email_failed_at"] is not None:
            failure["email_pending"] = False  # given up: shown to moderators, no longer waiting
        Notification.objects.filter(pk=notification.pk).update(**failure)
        return False
    Notification.objects.filter(pk=notification.pk).update(
        email_pending=False, emailed_at=timezone.now(), email_retry_at=None
    )
    return True


def _next_retry():
    return (
        Notification.objects.filter(email_pending=True, email_retry_at__isnull=False)
        .order_by("email_retry_at")
        .values_list("email_retry_at", flat=True)
        .first()
    )


def send_immediate(idea_id, kind, user_ids):
    """Send the emails for one event to the members who asked for immediate notifications.

    Each recipient on their own: one email that fails stays pending and is tried again later
    (`hub.mail`), the others leave. Returns how many were sent.
    """
    pending = (
        Notification.objects.filter(idea_id=idea_id, kind=kind, recipient_id__in=user_ids, email_pending=True)
        .select_related("idea", "recipient", "comment", "status_change__changed_by")
        .order_by("recipient_id", "-created_at")
    )
    seen, sent, failed = set(), 0, 0
    for notification in pending:
        if notification.recipient_id in seen:
            continue
        seen.add(notification.recipient_id)
        if _deliver(notification):
            sent += 1
        else:
            failed += 1
    if failed:
        mail.come_back_at(_next_retry())
    return sent


def retry_due_notifications(now):
    """Email again the notifications whose next try is due. Returns (sent, failed)."""
    due = (
        Notification.objects.filter(email_pending=True, email_retry_at__lte=now)
        .select_related("idea", "recipient", "comment", "status_change__changed_by")
        .order_by("email_retry_at", "pk")
    )
    sent = failed = 0
    for notification in due:
        if _deliver(notification):
            sent += 1
        else:
            failed += 1
    mail.come_back_at(_next_retry())
    return sent, failed


@task()
def send_notification_emails(idea_id, kind, user_ids):
    """Background task: email one event to the members on immediate notifications."""
    return send_immediate(idea_id, kind, user_ids)


def send_digests(progress=untracked):
    """One email per member on the daily digest, listing what happened since the last one: the idea
    board's notifications and the other apps' notices waiting for the digest (`hub.notification_centre`);
    `progress` (`hub.progress`) counts the members."""
    pending = (
        Notification.objects.filter(email_pending=True)
        .select_related("idea", "recipient")
        .order_by("recipient_id", "created_at")
    )
    by_user = {}
    for notification in pending:
        by_user.setdefault(notification.recipient_id, ([], []))[0].append(notification)
    for user_id, notices in notification_centre.digest_pending().items():
        by_user.setdefault(user_id, ([], []))[1].extend(notices)
    User = get_user_model()
    users = User.objects.filter(pk__in=by_user, is_active=True)
    if hasattr(User, "profile"):
        users = users.select_related("profile")
    recipients = [user for user in users if members.notification_preference(user) == members.NOTIFY_DIGEST]
    with progress("Résumés", len(recipients), unit="membre") as tracker:
        for user in recipients:
            _send_digest(user, *by_user[user.pk])
            tracker.advance()
    return len(recipients)


def _send_digest(user, notifications, notices):
    """One member's digest; on failure everything in it stays pending for the next one."""
    items = [{"notification": n, "idea_url": absolute(n.idea.get_absolute_url())} for n in notifications]
    others = [
        {"notice": notice, "url": absolute(notice.url) if notice.url.startswith("/") else notice.url}
        for notice in notices
    ]
    context = {"items": items, "others": others, "count": len(items) + len(others)}
    try:
        _send(user, "emails/ideas/digest_subject.txt", "emails/ideas/digest.txt", context)
    except Exception:
        logger.exception("Digest of member %s not sent; its notifications stay pending.", user.pk)
        return
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        email_pending=False, emailed_at=timezone.now()
    )
    notification_centre.digest_sent(notices)


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


# The idea board's part of the member's notification centre (hub.notification_centre, source "idea").

NOTICE_TEMPLATE = "ideas/_notification.html"


def _mine(user):
    return Notification.objects.filter(recipient=user)


def latest_notices(user, limit):
    rows = _mine(user).select_related(
        "idea", "comment", "status_change", *members.author_relations("status_change__changed_by")
    )[:limit]
    return [
        notification_centre.Notice(
            source="idea",
            pk=row.pk,
            created_at=row.created_at,
            read=row.read_at is not None,
            template=NOTICE_TEMPLATE,
            item=row,
            url=row.idea.get_absolute_url(),
        )
        for row in rows
    ]


def mark_read(user, pks=None):
    """Mark read the member's unread notifications (those among `pks`, or all); returns how many."""
    unread = _mine(user).filter(read_at__isnull=True)
    if pks is not None:
        unread = unread.filter(pk__in=pks)
    return unread.update(read_at=timezone.now())


def notification_source():
    return notification_centre.NotificationSource(
        name="idea",
        latest=latest_notices,
        count=lambda user: _mine(user).count(),
        unread_count=unread_count,
        mark_read=mark_read,
    )
