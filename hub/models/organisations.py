"""Public bodies and who belongs to them: the email domains each one uses, and membership requests."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


class Organisation(index.Indexed, ClusterableModel):
    """A Québec public body: owner of guides and components, proposer of ideas."""

    class Kind(models.TextChoices):
        MINISTRY = "ministere", _("Ministère")
        AGENCY = "organisme", _("Organisme public")
        MUNICIPALITY = "municipalite", _("Municipalité")
        HEALTH = "sante", _("Réseau de la santé et des services sociaux")
        EDUCATION = "education", _("Réseau de l'éducation")
        OTHER = "autre", _("Autre")

    name = models.CharField(_("nom (français)"), max_length=255, unique=True)
    name_en = models.CharField(_("nom (anglais)"), max_length=255, blank=True)
    acronym = models.CharField(_("sigle"), max_length=30, blank=True)
    slug = models.SlugField(_("identifiant"), max_length=100, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.AGENCY)
    website = models.URLField(_("site Web"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("acronym"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("website"),
        InlinePanel("email_domains", label=_("domaines de courriel"), heading=_("Domaines de courriel des membres")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("name_en"),
        index.SearchField("acronym"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("organisation_detail", args=[self.slug])

    @property
    def display_name(self):
        """The name in the active language, falling back to French."""
        if (get_language() or "fr").startswith("en") and self.name_en:
            return self.name_en
        return self.name


register_snippet(Organisation)


def normalise_domain(value):
    return (value or "").strip().lower().lstrip("@").rstrip(".")


class OrganisationDomain(models.Model):
    """An email domain whose verified addresses may act for the organisation.

    One domain may serve several bodies (the health network's shared domain): the member then chooses.
    """

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="email_domains")
    domain = models.CharField(
        _("domaine"), max_length=253, help_text=_("La partie après le @, par exemple ramq.gouv.qc.ca.")
    )

    panels = [FieldPanel("domain")]

    class Meta:
        ordering = ["domain"]
        verbose_name = _("domaine de courriel")
        verbose_name_plural = _("domaines de courriel")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "domain"], name="hub_one_domain_per_organisation")
        ]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = normalise_domain(self.domain)
        super().save(*args, **kwargs)


class MembershipRequest(models.Model):
    """A member asks to act for an organisation outside their email's domain; an administrator decides."""

    class Decision(models.TextChoices):
        PENDING = "en_attente", _("En attente")
        APPROVED = "approuvee", _("Approuvée")
        REFUSED = "refusee", _("Refusée")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership_requests", verbose_name=_("membre")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="membership_requests", verbose_name=_("organisation")
    )
    decision = models.CharField(_("décision"), max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("demande d'adhésion")
        verbose_name_plural = _("demandes d'adhésion")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="hub_one_membership_request_per_organisation")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.organisation_id} ({self.decision})"
