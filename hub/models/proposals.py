"""Components proposed by members: the draft page a proposal created, and what the member is told at each step."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ComponentProposal(models.Model):
    """A member's proposal: a draft component page submitted to the editors' review workflow."""

    page = models.OneToOneField(
        "hub.ComponentPage", verbose_name=_("composante"), on_delete=models.CASCADE, related_name="proposal"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposée par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="component_proposals",
    )
    created_at = models.DateTimeField(_("proposée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposition de composante")
        verbose_name_plural = _("propositions de composantes")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.page.title


class ProposalNotice(models.Model):
    """What the hub tells the proposing member about their proposal: one notice per review step."""

    class Kind(models.TextChoices):
        RECEIVED = "recue", _("Proposition reçue")
        IN_REVIEW = "en-revision", _("En révision")
        CHANGES_REQUESTED = "modifications", _("Modifications demandées")
        PUBLISHED = "publiee", _("Publiée")
        WITHDRAWN = "interrompue", _("Révision interrompue")

    proposal = models.ForeignKey(ComponentProposal, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("étape"), max_length=20, choices=Kind.choices)
    step = models.CharField(_("étape de révision"), max_length=255, blank=True)
    comment = models.TextField(_("commentaire de l'équipe éditoriale"), blank=True)
    created_at = models.DateTimeField(_("le"), auto_now_add=True)
    read_at = models.DateTimeField(_("lue le"), null=True, blank=True)
    email_pending = models.BooleanField(
        _("en attente du résumé quotidien"), default=False, help_text="Waiting for the member's daily digest."
    )
    emailed_at = models.DateTimeField(_("envoyée par courriel le"), null=True, blank=True)

    class Meta:
        verbose_name = _("avis sur une proposition")
        verbose_name_plural = _("avis sur les propositions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.proposal_id}"
