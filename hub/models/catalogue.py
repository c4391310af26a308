"""What guides and components share: the catalogue index page, tag slugs, feed and feedback routes."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page


class AsciiSlugTagMixin:
    """Tag slugs without accents, so filter URLs stay plain (?theme=accessibilite)."""

    def slugify(self, tag, i=None):
        slug = slugify(tag)[:90] or "etiquette"
        return f"{slug}_{i}" if i is not None else slug


class FeedRoutesMixin(RoutablePageMixin):
    """RSS and Atom feeds of an index page's newest children, at flux/rss/ and flux/atom/."""

    @path("flux/rss/", name="rss")
    def rss_feed(self, request):
        from hub.feeds import IndexRssFeed

        return IndexRssFeed()(request, index_page=self)

    @path("flux/atom/", name="atom")
    def atom_feed(self, request):
        from hub.feeds import IndexAtomFeed

        return IndexAtomFeed()(request, index_page=self)


class FeedbackRoutesMixin(RoutablePageMixin):
    """Routes of the "Cette page vous a-t-elle été utile ?" (avis/) and "Signaler un problème" (signaler/) on a page."""

    @path("avis/", name="usefulness")
    def usefulness_route(self, request):
        from hub.forms import UsefulnessForm
        from hub.views_catalogue import submit_feedback

        return submit_feedback(self, request, UsefulnessForm)

    @path("signaler/", name="problem")
    def problem_route(self, request):
        from hub.forms import ProblemReportForm
        from hub.views_catalogue import submit_feedback

        return submit_feedback(self, request, ProblemReportForm)

    def feedback_context(self, request):
        from hub.forms import ProblemReportForm, UsefulnessForm
        from hub.history import change_history

        return {
            "usefulness_form": UsefulnessForm(),
            "problem_form": ProblemReportForm(),
            "history": change_history(self),
            "breadcrumbs": self.get_ancestors().filter(depth__gt=1).specific(defer=True),
        }


class CatalogueIndexPage(FeedRoutesMixin, Page):
    """An index of catalogue pages under the home page: filters, sorts, pagination and feeds.

    Each concrete index declares `listing`, the key of its hub.listings.Listing (what it lists and
    how); all of them render templates/hub/catalogue_index_page.html.
    """

    intro = RichTextField(_("introduction"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["hub.HomePage"]
    max_count_per_parent = 1
    template = "hub/catalogue_index_page.html"
    listing = ""

    class Meta:
        abstract = True

    def get_listing(self):
        from hub.listings import LISTINGS

        return LISTINGS[self.listing]

    def feed_items(self, limit=20):
        model = self.get_listing().model
        return model.objects.live().public().child_of(self).order_by("-first_published_at")[:limit]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.get_listing()(self, request))
        return context
