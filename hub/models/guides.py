"""Best-practice guides: the guide index and the guide pages."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework.fields import CharField
from taggit.models import TagBase, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.blocks import BodyStreamBlock, heading_anchor
from hub.models.catalogue import AsciiSlugTagMixin, CatalogueIndexPage, FeedbackRoutesMixin
from hub.page_sections import SectionField
from hub.tags import FoldedClusterTaggableManager

REVIEW_AFTER = datetime.timedelta(days=365)


class Theme(AsciiSlugTagMixin, TagBase):
    """A theme of guides (gouvernance, accessibilité...): a tag vocabulary of its own."""

    class Meta:
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")


class GuidePageTheme(TaggedItemBase):
    tag = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="tagged_guides")
    content_object = ParentalKey("hub.GuidePage", on_delete=models.CASCADE, related_name="tagged_themes")


class Audience(models.TextChoices):
    ALL = "tous", _("Tous les publics")
    MANAGERS = "gestionnaires", _("Gestionnaires")
    IT_TEAMS = "equipes-ti", _("Équipes TI")
    SERVICE_DESIGN = "conception-services", _("Conception de services")


class GuideIndexPage(CatalogueIndexPage):
    """The list of guides, with filters, sorting and pagination (slug "guides")."""

    subpage_types = ["hub.GuidePage"]
    listing = "guides"
    template = CatalogueIndexPage.template  # Wagtail would derive one per model

    class Meta:
        verbose_name = _("index des guides")


class GuidePage(FeedbackRoutesMixin, Page):
    """A best-practice guide, written as a stream of blocks and reviewed at least once a year."""

    summary = models.TextField(_("résumé"), max_length=500, help_text=_("Une ou deux phrases, en langage clair."))
    audience = models.CharField(_("public cible"), max_length=30, choices=Audience.choices, default=Audience.ALL)
    owner_organisation = models.ForeignKey(
        "hub.Organisation",
        verbose_name=_("organisation responsable"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guides",
    )
    themes = FoldedClusterTaggableManager(through=GuidePageTheme, blank=True, verbose_name=_("thèmes"))
    last_reviewed = models.DateField(
        _("dernière révision du contenu"),
        null=True,
        blank=True,
        help_text=_("Après 12 mois, le guide affiche un bandeau « À réviser »."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("contenu"), blank=True)
    change_note = models.CharField(
        _("note de changement"),
        max_length=255,
        blank=True,
        help_text=_("Ce qui change dans cette version ; affiché publiquement dans l'historique des modifications."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("owner_organisation"),
                FieldPanel("themes"),
                FieldPanel("last_reviewed"),
            ],
            heading=_("Métadonnées"),
        ),
        FieldPanel("body"),
        FieldPanel("change_note"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("audience"),
        index.RelatedFields("owner_organisation", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("summary"),
        APIField("audience"),
        APIField("last_reviewed"),
        APIField("organisation", serializer=CharField(source="owner_organisation.name", default="", read_only=True)),
        APIField("body"),
        APIField("linked_ideas", serializer=SectionField("guide")),  # « Idées à l'origine / liées »
    ]
    parent_page_types = ["hub.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    @property
    def needs_review(self):
        """True when the content was not reviewed in the last 12 months (or never)."""
        reviewed = self.last_reviewed or (self.first_published_at.date() if self.first_published_at else None)
        return reviewed is None or reviewed < timezone.localdate() - REVIEW_AFTER

    def table_of_contents(self):
        """The headings of the body, in order: what "Sur cette page" lists."""
        return [
            {"text": block.value["text"], "anchor": heading_anchor(block.value["text"]), "level": block.value["level"]}
            for block in self.body
            if block.block_type == "heading"
        ]

    def related_guides(self, limit=3):
        """Other live guides of the same language sharing a theme, newest first."""
        theme_ids = [theme.pk for theme in self.themes.all()]
        if not theme_ids:
            return GuidePage.objects.none()
        return (
            GuidePage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, tagged_themes__tag_id__in=theme_ids)
            .exclude(pk=self.pk)
            .distinct()
            .order_by("-first_published_at")[:limit]
        )

    def related_components(self):
        """Components linked from the body's "Composantes liées" blocks, without duplicates."""
        seen, components = set(), []
        for block in self.body:
            if block.block_type == "related_components":
                for component in block.value["components"]:
                    if component is not None and component.pk not in seen and component.live:
                        seen.add(component.pk)
                        components.append(component)
        return components

    def get_context(self, request, *args, **kwargs):
        from hub.page_sections import sections

        context = self.feedback_context(request)
        context.update(super().get_context(request, *args, **kwargs))
        context.update(sections("guide", self, request))
        return context
