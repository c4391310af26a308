"""sitemap.xml listing the live pages of both languages.

Wagtail's default sitemap only walks the site's root page (the French home); the English home is
its translation, a sibling in the tree, so its pages are added here.
"""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class BilingualSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        homes = root.get_translations(inclusive=True)
        query = None
        for home in homes:
            subtree = Page.objects.descendant_of(home, inclusive=True)
            query = subtree if query is None else query | subtree
        return query.live().public().order_by("path").defer_streamfields().specific()


SITEMAPS = {"pages": BilingualSitemap}
