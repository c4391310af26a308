"""The editors' search reports in the Wagtail admin: « Recherches sans résultat » and
« Recherches fréquentes » (search insight, `search.insight`), with a period filter, the trend
against the period before, and CSV/XLSX download."""

import datetime

import django_filters
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from search import insight
from search.models import DailySearchCount

PERIOD_CHOICES = [
    ("7", _("7 derniers jours")),
    ("30", _("30 derniers jours")),
    ("90", _("90 derniers jours")),
    ("365", _("12 derniers mois")),
]
LOCALE_CHOICES = [("fr", _("Français")), ("en", _("Anglais"))]


def _unchanged(queryset, name, value):
    """The report reads these filters itself (they choose the period, not rows)."""
    return queryset


class SearchReportFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label=_("Période"), choices=PERIOD_CHOICES, empty_label=_("30 derniers jours"), method=_unchanged
    )
    locale = django_filters.ChoiceFilter(
        label=_("Langue de l'interface"), choices=LOCALE_CHOICES, empty_label=_("Toutes"), method=_unchanged
    )

    class Meta:
        model = DailySearchCount
        fields = []


def _trend(row):
    if not row["previous"]:
        return gettext("nouvelle")
    if row["change"] > 0:
        return f"+{row['change']}"
    return str(row["change"]) if row["change"] else "="


class SearchReport(ReportView):
    """One query per row, most counted first, with the count of the period before and the trend."""

    zero_only = False
    header_icon = "search"
    permission_policy = ModelPermissionPolicy(DailySearchCount)
    permission_required = "view"
    model = DailySearchCount
    filterset_class = SearchReportFilterSet
    count_label = _("Recherches")
    filename = "recherches"

    @property
    def columns(self):
        return [
            Column("query", label=_("Recherche")),
            Column("count", label=self.count_label),
            Column("previous", label=_("Période précédente")),
            Column("trend", label=_("Tendance")),
            Column("average_results", label=_("Résultats en moyenne")),
        ]

    list_export = ["query", "count", "previous", "trend", "average_results"]

    export_headings = {}

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # The file is written while it streams, after the admin's language is switched back:
        # the headings are translated now, in the editor's language.
        self.export_headings = {
            "query": str(_("Recherche")),
            "count": str(self.count_label),
            "previous": str(_("Période précédente")),
            "trend": str(_("Tendance")),
            "average_results": str(_("Résultats en moyenne")),
        }
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def _choice(self, name, allowed, default):
        filters = self.filters
        if filters is None or not filters.is_valid():
            return default
        value = filters.form.cleaned_data.get(name)
        return value if value in allowed else default

    @property
    def days(self):
        return int(self._choice("period", dict(PERIOD_CHOICES), str(insight.DEFAULT_PERIOD)))

    def get_filename(self):
        return f"{self.filename}-{self.days}j-{datetime.date.today():%Y-%m-%d}"

    def filter_queryset(self, queryset):
        return queryset

    def get_queryset(self):
        locale = self._choice("locale", dict(LOCALE_CHOICES), None)
        rows = insight.query_report(days=self.days, zero_only=self.zero_only, locale=locale)
        for row in rows:
            row["trend"] = _trend(row)
        return rows


class SearchesWithoutResultsReport(SearchReport):
    page_title = _("Recherches sans résultat")
    index_url_name = "hubsearch_no_results"
    index_results_url_name = "hubsearch_no_results_results"
    zero_only = True
    count_label = _("Recherches sans résultat")
    filename = "recherches-sans-resultat"


class FrequentSearchesReport(SearchReport):
    page_title = _("Recherches fréquentes")
    index_url_name = "hubsearch_frequent"
    index_results_url_name = "hubsearch_frequent_results"
    filename = "recherches-frequentes"
