"""Background work of the idea board (django-tasks). Notification emails: `notifications.send_notification_emails`."""

from django_tasks import task

from . import notifications


@task()
def send_daily_digests():
    """Email each digest subscriber what happened on the ideas they follow. Returns how many were sent."""
    return notifications.send_digests()


@task()
def recompute_trending_scores():
    """Let age lower every idea's trending score (ideas.trending). Returns how many changed."""
    from . import trending

    return trending.recompute_all()
