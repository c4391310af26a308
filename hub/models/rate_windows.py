"""How often one sender used one of the editorial site's limited forms (`hub.rate_limits`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SenderWindow(models.Model):
    """The current window of one sender on one form: its key, when it opened, the uses counted in it.

    The key names the form and the sender: a member's id, or a salted hash of a reader's address
    (never the address itself, Loi 25). `hub.windows` counts in one statement that locks the row;
    windows are deleted a day after they opened (`hub.rate_limits`)."""

    key = models.CharField(max_length=200, unique=True)
    started = models.FloatField(db_index=True)  # when the window opened, in seconds since the Unix epoch
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("fenêtre de limite d'envois")
        verbose_name_plural = _("fenêtres de limite d'envois")

    def __str__(self):
        return f"{self.key}: {self.hits}"
