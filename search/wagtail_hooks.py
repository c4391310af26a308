from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Synonym


class SynonymViewSet(SnippetViewSet):
    """Editors maintain the acronyms and equivalent terms; saving rebuilds the index (alias swap)."""

    model = Synonym
    icon = "search"
    list_display = ["term", "equivalents", "language"]
    search_fields = ["term", "equivalents"]
    add_to_admin_menu = True
    menu_order = 900


register_snippet(SynonymViewSet)
