"""The search package in the Wagtail admin: synonyms, recommended results, the search reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList, PageChooserPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search import admin_views
from search.forms import RecommendedResultForm
from search.models import RecommendedResult, Synonym
from search.permissions import can_view_insight


class SynonymViewSet(SnippetViewSet):
    """Editors maintain the acronyms and equivalent terms; saving rebuilds the index (alias swap)."""

    model = Synonym
    icon = "search"
    list_display = ["term", "equivalents", "language"]
    search_fields = ["term", "equivalents"]
    add_to_admin_menu = True
    menu_order = 900


class RecommendedResultViewSet(SnippetViewSet):
    """« Résultats recommandés »: a guide, a component or an idea shown first for a query."""

    model = RecommendedResult
    icon = "pick"
    menu_label = _("Résultats recommandés")
    add_to_admin_menu = True
    menu_order = 910
    list_display = ["query", "page", "idea_number", "sort_order"]
    search_fields = ["query"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("query"),
            PageChooserPanel("page", ["hub.GuidePage", "hub.ComponentPage"]),
            FieldPanel("idea_number"),
            FieldPanel("sort_order"),
        ],
        base_form_class=RecommendedResultForm,
    )


register_snippet(SynonymViewSet)
register_snippet(RecommendedResultViewSet)


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [
        path(
            "recherches-sans-resultat/", admin_views.SearchesWithoutResultsReport.as_view(), name="hubsearch_no_results"
        ),
        path(
            "recherches-sans-resultat/resultats/",
            admin_views.SearchesWithoutResultsReport.as_view(results_only=True),
            name="hubsearch_no_results_results",
        ),
        path("recherches-frequentes/", admin_views.FrequentSearchesReport.as_view(), name="hubsearch_frequent"),
        path(
            "recherches-frequentes/resultats/",
            admin_views.FrequentSearchesReport.as_view(results_only=True),
            name="hubsearch_frequent_results",
        ),
    ]


class InsightMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_insight(request.user)


@hooks.register("register_reports_menu_item")
def register_searches_without_results_report():
    return InsightMenuItem(
        _("Recherches sans résultat"), reverse("hubsearch_no_results"), icon_name="search", order=720
    )


@hooks.register("register_reports_menu_item")
def register_frequent_searches_report():
    return InsightMenuItem(_("Recherches fréquentes"), reverse("hubsearch_frequent"), icon_name="search", order=730)
