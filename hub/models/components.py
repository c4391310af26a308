"""The catalogue of reusable components and its adoption registry."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework.fields import CharField
from taggit.models import TagBase, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.admin_forms import ComponentPageForm
from hub.blocks import BodyStreamBlock
from hub.licences import licence_choices, licence_name, validate_spdx
from hub.models.catalogue import AsciiSlugTagMixin, CatalogueIndexPage, FeedbackRoutesMixin
from hub.page_sections import SectionField
from hub.tags import FoldedClusterTaggableManager


class Technology(AsciiSlugTagMixin, TagBase):
    """A technology a component is built with (Python, React, Keycloak...): separate from guide themes."""

    class Meta:
        verbose_name = _("technologie")
        verbose_name_plural = _("technologies")


class ComponentTechnology(TaggedItemBase):
    tag = models.ForeignKey(Technology, on_delete=models.CASCADE, related_name="tagged_components")
    content_object = ParentalKey("hub.ComponentPage", on_delete=models.CASCADE, related_name="tagged_technologies")


class ComponentType(models.TextChoices):
    LIBRARY = "bibliotheque", _("Bibliothèque")
    DESIGN = "composant-design", _("Composant de design")
    SHARED_SERVICE = "service-partage", _("Service ou API partagé")
    TEMPLATE = "gabarit", _("Gabarit")
    DATASET = "jeu-de-donnees", _("Jeu de données")
    TOOL = "outil", _("Outil")


class Maturity(models.TextChoices):
    EXPERIMENTAL = "experimental", _("Expérimental")
    BETA = "beta", _("Bêta")
    STABLE = "stable", _("Stable")
    OBSOLETE = "obsolete", _("Obsolète")


MATURITY_BADGES = {
    Maturity.EXPERIMENTAL: "badge-warning",
    Maturity.BETA: "badge",
    Maturity.STABLE: "badge-success",
    Maturity.OBSOLETE: "badge-danger",
}


class AccessibilityLevel(models.TextChoices):
    NOT_ASSESSED = "non-evalue", _("Non évalué")
    PARTIAL = "partiel", _("Partiellement conforme")
    A = "A", _("WCAG 2.1 niveau A")
    AA = "AA", _("WCAG 2.1 niveau AA")
    AAA = "AAA", _("WCAG 2.1 niveau AAA")


class ComponentIndexPage(CatalogueIndexPage):
    """The catalogue: filters, sorting by adoption, pagination (slug "composantes"); members propose components."""

    subpage_types = ["hub.ComponentPage"]
    listing = "composantes"
    template = CatalogueIndexPage.template  # Wagtail would derive one per model

    class Meta:
        verbose_name = _("catalogue des composantes")

    @path("proposer/", name="propose")
    def propose_route(self, request):
        from hub.views_catalogue import propose_component

        return propose_component(self, request)

    @path("mes-propositions/", name="my_proposals")
    def my_proposals_route(self, request):
        from hub.views_catalogue import my_proposals

        return my_proposals(self, request)


class ComponentPage(FeedbackRoutesMixin, Page):
    """A reusable component, described in the spirit of publiccode.yml and the SILL."""

    summary = models.TextField(_("résumé"), max_length=500)
    component_type = models.CharField(
        _("type"), max_length=30, choices=ComponentType.choices, default=ComponentType.LIBRARY
    )
    owner_organisation = models.ForeignKey(
        "hub.Organisation",
        verbose_name=_("organisation responsable"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="components",
    )
    licence = models.CharField(
        _("licence (identifiant SPDX)"), max_length=50, choices=licence_choices(), validators=[validate_spdx]
    )
    maturity = models.CharField(_("maturité"), max_length=20, choices=Maturity.choices, default=Maturity.BETA)
    repository_url = models.URLField(_("dépôt de code source"), blank=True)
    documentation_url = models.URLField(_("documentation"), blank=True)
    version = models.CharField(_("version actuelle"), max_length=50, blank=True)
    release_date = models.DateField(_("date de publication de la version"), null=True, blank=True)
    technologies = FoldedClusterTaggableManager(through=ComponentTechnology, blank=True, verbose_name=_("technologies"))
    accessibility_level = models.CharField(
        _("conformité en accessibilité"),
        max_length=20,
        choices=AccessibilityLevel.choices,
        default=AccessibilityLevel.NOT_ASSESSED,
    )
    accessibility_audit_date = models.DateField(_("date de l'audit d'accessibilité"), null=True, blank=True)
    security_notes = models.TextField(_("notes de sécurité"), blank=True)
    contact = models.CharField(_("contact"), max_length=255, blank=True, help_text=_("Courriel ou équipe à joindre."))
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("référent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Membre vérifié de l'organisation responsable. Les visiteurs le joignent par le Hub, "
            "sans voir son adresse courriel."
        ),
    )
    replaced_by = models.ForeignKey(
        "hub.ComponentPage",
        verbose_name=_("remplacée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Pour une composante obsolète : la composante à utiliser à la place."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("description détaillée"), blank=True)
    change_note = models.CharField(
        _("note de changement"),
        max_length=255,
        blank=True,
        help_text=_("Ce qui change dans cette version ; affiché publiquement dans l'historique des modifications."),
    )
    adoption_count = models.PositiveIntegerField(_("nombre d'organisations utilisatrices"), default=0, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("component_type"),
                FieldPanel("owner_organisation"),
                FieldPanel("licence"),
                FieldPanel("maturity"),
                FieldPanel("replaced_by"),
                FieldPanel("version"),
                FieldPanel("release_date"),
                FieldPanel("technologies"),
            ],
            heading=_("Fiche"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("repository_url"),
                FieldPanel("documentation_url"),
                FieldPanel("contact"),
                FieldPanel("referent"),
            ],
            heading=_("Liens et contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("accessibility_level"), FieldPanel("accessibility_audit_date"), FieldPanel("security_notes")],
            heading=_("Accessibilité et sécurité"),
        ),
        FieldPanel("body"),
        FieldPanel("change_note"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("component_type"),
        index.FilterField("maturity"),
        index.FilterField("licence"),
        index.RelatedFields("owner_organisation", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField(name)
        for name in (
            "summary",
            "component_type",
            "licence",
            "licence_name",
            "maturity",
            "version",
            "release_date",
            "repository_url",
            "documentation_url",
            "accessibility_level",
            "adoption_count",
        )
    ] + [
        APIField("organisation", serializer=CharField(source="owner_organisation.name", default="", read_only=True)),
        APIField("linked_ideas", serializer=SectionField("component")),  # « Idées à l'origine / liées »
    ]
    parent_page_types = ["hub.ComponentIndexPage"]
    subpage_types = []
    base_form_class = ComponentPageForm  # the referent chooser offers the owner organisation's members only

    class Meta:
        verbose_name = _("composante réutilisable")
        verbose_name_plural = _("composantes réutilisables")

    @property
    def maturity_badge(self):
        return MATURITY_BADGES.get(self.maturity, "badge")

    @property
    def is_obsolete(self):
        return self.maturity == Maturity.OBSOLETE

    @property
    def licence_name(self):
        """The licence as people know it (« MIT License », « Licence propriétaire »); the SPDX id stays secondary."""
        return str(licence_name(self.licence))

    def replacement(self):
        """The live component to use instead, in this page's language when it is translated."""
        if not self.is_obsolete or self.replaced_by is None:
            return None
        replacement = self.replaced_by.localized
        return replacement if replacement.live else None

    def clean(self):
        super().clean()
        from hub.membership import is_verified_member

        errors = {}
        if self.replaced_by_id is not None:
            if self.maturity != Maturity.OBSOLETE:
                errors["replaced_by"] = _("Seule une composante obsolète est remplacée par une autre.")
            elif self.replaced_by.translation_key == self.translation_key:
                errors["replaced_by"] = _("Une composante ne peut pas se remplacer elle-même.")
        if self.referent_id is not None and not is_verified_member(self.referent, self.owner_organisation):
            errors["referent"] = _(
                "Le référent doit être un membre vérifié de l'organisation responsable de la composante."
            )
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        """Restoring or publishing a revision never rewinds the live adoption counter."""
        obj = super().with_content_json(content)
        obj.adoption_count = self.adoption_count
        return obj

    def usages(self):
        """Adoption declarations of this component, whatever the language of the page they were made on."""
        return (
            ComponentUsage.objects.filter(component__translation_key=self.translation_key)
            .select_related("organisation")
            .order_by("organisation__name")
        )

    @path("adoption/", name="declare_usage")
    def declare_usage_route(self, request):
        from hub.views_catalogue import declare_usage

        return declare_usage(self, request)

    @path("adoption/retirer/", name="withdraw_usage")
    def withdraw_usage_route(self, request):
        from hub.views_catalogue import withdraw_usage

        return withdraw_usage(self, request)

    @path("referent/", name="contact_referent")
    def contact_referent_route(self, request):
        from hub.views_catalogue import contact_referent

        return contact_referent(self, request)

    def get_context(self, request, *args, **kwargs):
        from accounts.profiles import public_name
        from hub.forms import ReferentMessageForm, UsageDeclarationForm
        from hub.page_sections import sections
        from hub.permissions import adoption_status, can_contact_referent
        from hub.referents import referent_of

        context = self.feedback_context(request)
        usages = list(self.usages())
        referent = referent_of(self)
        context.update(
            usages=usages,
            adoption=adoption_status(request.user, self, usages),
            usage_form=UsageDeclarationForm(),
            referent_name=public_name(referent) if referent else "",
            can_contact_referent=can_contact_referent(request.user),
            referent_form=ReferentMessageForm(),
        )
        context.update(super().get_context(request, *args, **kwargs))
        context.update(sections("component", self, request))
        return context


class ComponentUsage(models.Model):
    """A "Mon organisation utilise cette composante" declaration: one declaration per organisation and component.

    Declarations always point at the component's page in the default language, so the French and
    English pages share one registry.
    """

    # A plain ForeignKey, not a ParentalKey: declarations must stay out of page revisions.
    component = models.ForeignKey(ComponentPage, on_delete=models.CASCADE, related_name="usage_declarations")
    organisation = models.ForeignKey(
        "hub.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="component_usages"
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    use_case = models.CharField(_("cas d'utilisation"), max_length=300)
    created_at = models.DateTimeField(_("déclarée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("utilisation d'une composante")
        verbose_name_plural = _("utilisations des composantes")
        constraints = [
            models.UniqueConstraint(fields=["component", "organisation"], name="unique_usage_per_organisation")
        ]

    def __str__(self):
        return f"{self.organisation} — {self.component}"
