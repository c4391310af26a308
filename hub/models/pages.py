from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The hub's home: an introduction, a search box and the latest of each section."""

    intro = RichTextField(_("introduction"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count_per_parent = 1
    subpage_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        from hub.page_sections import cached_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(cached_sections("home", self, request))
        return context


class StandardPage(Page):
    """A plain editorial page: privacy policy, accessibility statement, about."""

    intro = models.TextField(_("chapeau"), blank=True)
    body = RichTextField(_("contenu"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    subpage_types = ["hub.StandardPage"]

    class Meta:
        verbose_name = _("page standard")
