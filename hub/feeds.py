"""RSS and Atom feeds of new guides and components, served by each index page (flux/rss/, flux/atom/)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _


class IndexRssFeed(Feed):
    """The newest live children of a guide index or a component catalogue."""

    def get_object(self, request, index_page):
        self.request = request
        return index_page

    def title(self, index_page):
        return _("%(title)s — Hub du CQEN") % {"title": index_page.title}

    def link(self, index_page):
        return index_page.get_url(self.request)

    def description(self, index_page):
        return _("Les derniers ajouts à « %(title)s ».") % {"title": index_page.title}

    def items(self, index_page):
        return index_page.feed_items().select_related("owner_organisation")

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.owner_organisation.display_name if item.owner_organisation else None


class IndexAtomFeed(IndexRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, index_page):
        return self.description(index_page)
