"""Anonymous feedback left by readers on guides and components."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageFeedback(models.Model):
    """Answers to "Cette page vous a-t-elle été utile ?" and "Signaler un problème" reports.

    No account and no personal information: neither the IP address nor the user is stored (Loi 25).
    """

    class Kind(models.TextChoices):
        USEFUL = "utile", _("Page utile")
        NOT_USEFUL = "pas-utile", _("Page pas utile")
        PROBLEM = "probleme", _("Problème signalé")

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="feedback"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    message = models.TextField(_("précisions"), max_length=1000, blank=True)
    language = models.CharField(_("langue"), max_length=5, default="fr")
    created_at = models.DateTimeField(_("reçu le"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("rétroaction")
        verbose_name_plural = _("rétroactions")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.page_id}"
