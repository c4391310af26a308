"""The dashboard's tables, in the order they are shown: title, column headings, rows, and the chart drawn from them.

Each table reads one function of dashboard/figures.py. The chart of a table is drawn from the same
rows as the table (dashboard/charts.py), so the table always carries everything the chart shows.
"""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from dashboard import figures


@dataclass(frozen=True)
class Table:
    slug: str
    section: str
    title: str
    headings: object  # a list, or a callable returning one (columns that follow the data model)
    rows: object  # figures function: Filters -> [tuple]
    chart: str | None = None  # "months" (stacked bars per month), "bars" (one bar per row), or no chart
    value_columns: tuple = (1,)  # the columns a "bars" chart draws (index in the row)
    percent: bool = False  # the charted values are rates from 0 to 100
    empty: str = _("Aucune donnée pour cette période.")

    def column_headings(self):
        return list(self.headings() if callable(self.headings) else self.headings)

    def display_rows(self, filters):
        """The rows as shown and exported: dates in the active language, the « all decisions » row named."""
        return [[_display(cell) for cell in row] for row in self.rows(filters)]


def _display(cell):
    if cell is None:
        return str(_("Toutes les décisions"))
    if hasattr(cell, "isoformat"):
        return date_format(cell, "Y-m-d")
    return cell


def _status_headings():
    return [_("Mois"), *[status.label for status in figures.status_columns()], _("Total")]


SECTION_IDEAS = _("Idées")
SECTION_COMPONENTS = _("Composantes")
SECTION_GUIDES = _("Guides")
SECTION_SEARCH = _("Recherche")

TABLES = [
    Table(
        "idees-par-statut",
        SECTION_IDEAS,
        _("Idées proposées par mois, selon leur statut actuel"),
        _status_headings,
        figures.ideas_by_status_per_month,
        chart="months",
    ),
    Table(
        "idees-par-theme",
        SECTION_IDEAS,
        _("Idées par thème"),
        [_("Thème"), _("Idées")],
        figures.ideas_by_theme,
        chart="bars",
    ),
    Table(
        "idees-par-organisation",
        SECTION_IDEAS,
        _("Idées par organisation"),
        [_("Organisation"), _("Idées")],
        figures.ideas_by_organisation,
        chart="bars",
    ),
    Table(
        "appuis-par-organisation",
        SECTION_IDEAS,
        _("Appuis donnés par organisation"),
        [_("Organisation"), _("Appuis")],
        figures.endorsements_by_organisation,
        chart="bars",
    ),
    Table(
        "delai-de-decision",
        SECTION_IDEAS,
        _("Délai médian entre la proposition et la décision"),
        [_("Décision"), _("Idées décidées"), _("Délai médian (jours)")],
        figures.time_to_decision,
        chart="bars",
        value_columns=(2,),
        empty=_("Aucune décision pour cette période."),
    ),
    Table(
        "idees-realisees",
        SECTION_IDEAS,
        _("Idées réalisées et ce qui les a réalisées"),
        [_("Idée"), _("Organisation"), _("Réalisée le"), _("Réalisée par")],
        figures.ideas_realised,
        empty=_("Aucune idée réalisée pour cette période."),
    ),
    Table(
        "adoptions-par-mois",
        SECTION_COMPONENTS,
        _("Adoptions de composantes par mois"),
        [_("Mois"), _("Adoptions déclarées")],
        figures.component_adoption_per_month,
        chart="bars",
    ),
    Table(
        "composantes-les-plus-reutilisees",
        SECTION_COMPONENTS,
        _("Composantes les plus réutilisées"),
        [_("Composante"), _("Organisations qui l'utilisent")],
        figures.most_reused_components,
        chart="bars",
    ),
    Table(
        "organisations-qui-reutilisent",
        SECTION_COMPONENTS,
        _("Organisations qui réutilisent le plus"),
        [_("Organisation"), _("Composantes utilisées")],
        figures.organisations_reusing_most,
        chart="bars",
    ),
    Table(
        "guides-utiles",
        SECTION_GUIDES,
        _("Taux de réponses « utile » par guide"),
        [_("Guide"), _("Langue"), _("Utile"), _("Pas utile"), _("Taux « utile » (%)")],
        figures.guides_helpful_rate,
        chart="bars",
        value_columns=(4,),
        percent=True,
        empty=_("Aucune réponse des lecteurs pour cette période."),
    ),
    Table(
        "guides-utiles-par-mois",
        SECTION_GUIDES,
        _("Taux de réponses « utile » par mois, tous guides confondus"),
        [_("Mois"), _("Utile"), _("Pas utile"), _("Taux « utile » (%)")],
        figures.guides_helpful_rate_per_month,
        chart="bars",
        value_columns=(3,),
        percent=True,
        empty=_("Aucune réponse des lecteurs pour cette période."),
    ),
    Table(
        "guides-a-reviser",
        SECTION_GUIDES,
        _("Guides à réviser"),
        [_("Guide"), _("Langue"), _("Organisation responsable"), _("Dernière révision")],
        figures.guides_due_for_review,
        empty=_("Aucun guide à réviser."),
    ),
    Table(
        "recherches-sans-resultat",
        SECTION_SEARCH,
        _("Recherches sans résultat les plus fréquentes"),
        [_("Recherche"), _("Recherches sans résultat")],
        figures.top_queries_without_results,
        chart="bars",
        empty=_("Aucune recherche sans résultat pour cette période."),
    ),
]

TABLES_BY_SLUG = {table.slug: table for table in TABLES}
