"""Background work of the idea board (django-tasks): notification emails and daily digests."""

from django_tasks import task

from . import notifications


@task()
def send_daily_digests():
    """Email each digest subscriber what happened on the ideas they follow. Returns how many were sent."""
    return notifications.send_digests()


@task()
def send_notification_emails(idea_id, kind, user_ids):
    """Email one event to the members on immediate notifications. Returns how many were sent."""
    return notifications.send_immediate(idea_id, kind, user_ids)
