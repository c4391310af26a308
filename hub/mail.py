"""Emails that leave after the commit, in a background task, and come back when the mail server failed.

A member's write never waits on the mail server: the row that asks for an email (a notification,
an invitation) is saved with the write, and the email leaves in a task once the transaction
commits. A send that fails is tried again later, each time after a longer delay
(`RETRY_DELAYS`); after `MAX_ATTEMPTS` the row is marked failed (`email_failed_at`) and shown to
moderators and administrators in the admin. The retries come back by themselves on task backends
that can defer (`db_worker` in production) and with `manage.py retry_emails` (cron, or by hand).

Each app that sends such emails registers, in its AppConfig.ready(), the function that sends again
those of its rows that are due: `register_retry(func)`, `func(now)` returning (sent, failed).
"""

import logging
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

logger = logging.getLogger(__name__)

_RETRIES = []

RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1), timedelta(hours=6))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


class EmailDelivery(models.Model):
    """Where an email stands: how many sends failed, when the next one is due, when we gave up."""

    email_attempts = models.PositiveSmallIntegerField(_("envois échoués"), default=0, editable=False)
    email_retry_at = models.DateTimeField(_("nouvel essai le"), null=True, blank=True, editable=False)
    email_failed_at = models.DateTimeField(_("courriel non remis le"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def failure_fields(self, now=None):
        """The fields to save after a failed send: the next try's date, or the final failure."""
        now = now or timezone.now()
        attempts = self.email_attempts + 1
        if attempts >= MAX_ATTEMPTS:
            return {"email_attempts": attempts, "email_retry_at": None, "email_failed_at": now}
        return {"email_attempts": attempts, "email_retry_at": now + RETRY_DELAYS[attempts - 1], "email_failed_at": None}


def come_back_at(due):
    """Have the retry task run again at `due`, on task backends that can defer (else: the command)."""
    if due is None or not getattr(retry_emails.get_backend(), "supports_defer", False):
        return
    try:
        retry_emails.using(run_after=due).enqueue()
    except Exception:
        logger.exception("Email retry not scheduled; `manage.py retry_emails` will send them.")


def register_retry(func):
    """`func(now)` sends again an app's due emails and returns (sent, failed)."""
    if func not in _RETRIES:
        _RETRIES.append(func)


@task()
def retry_emails():
    """Send again every email whose next try is due. Returns how many left and how many failed again."""
    now = timezone.now()
    results = [func(now) for func in _RETRIES]
    return {"sent": sum(sent for sent, _failed in results), "failed": sum(failed for _sent, failed in results)}
