from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


class Organisation(index.Indexed, models.Model):
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

    @property
    def display_name(self):
        """The name in the active language, falling back to French."""
        if (get_language() or "fr").startswith("en") and self.name_en:
            return self.name_en
        return self.name


register_snippet(Organisation)
