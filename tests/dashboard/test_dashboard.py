"""The « Tableau de bord du CQEN »: figures checked against values counted by hand, empty states, who may open it,
CSV files and SVG charts."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import ADMINISTRATOR, EDITOR, MODERATOR, REVIEWER
from dashboard import figures
from dashboard.figures import Filters
from hub.models import ComponentPage, ComponentUsage, PageFeedback
from hub.site_tree import index_pages
from ideas.models import Endorsement, Idea, IdeaLink, StatusChange
from search.models import DailySearchCount
from tests.factories import OrganisationFactory, staff_member
from tests.hub.factories import long_ago, make_component, make_guide
from tests.ideas.factories import IdeaFactory
from tests.sessions import sign_in_with_second_factor

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

TORONTO = ZoneInfo("America/Toronto")


def at(year, month, day, hour=12, minute=0):
    """An aware datetime, local time in Toronto."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=TORONTO)


@pytest.fixture
def reviewer(home_page):
    return staff_member(REVIEWER, "reviseuse@cqen.gouv.qc.ca")


@pytest.fixture
def signed_in_reviewer(client, reviewer):
    sign_in_with_second_factor(client, reviewer)
    return client


def idea(organisation, created_at, status, moves=(), themes=(), hidden=False):
    """An idea proposed at `created_at`, with its status changes [(status, at)] in order."""
    made = IdeaFactory(organisation=organisation, created_at=created_at, status=status, is_hidden=hidden)
    previous = Idea.Status.SUBMITTED
    for to_status, moved_at in moves:
        StatusChange.objects.create(idea=made, from_status=previous, to_status=to_status, created_at=moved_at)
        previous = to_status
    if themes:
        made.themes.add(*themes)
    return made


@pytest.fixture
def hub_data(home_page):
    """Two organisations, six ideas (one hidden), two components adopted three times, two guides with feedback."""
    a = OrganisationFactory(name="Ministère A", slug="ministere-a")
    b = OrganisationFactory(name="Ministère B", slug="ministere-b")
    S = Idea.Status
    # Retenue after 10 days.
    idea(a, at(2026, 1, 15, 10), S.ACCEPTED, [(S.ACCEPTED, at(2026, 1, 25, 10))], themes=["Accessibilité"])
    # Proposed on January 31 at 23:30 in Toronto (February 1 in UTC): a January idea. Non retenue after 5 days.
    idea(
        a,
        at(2026, 1, 31, 23, 30),
        S.REJECTED,
        [(S.UNDER_REVIEW, at(2026, 2, 2)), (S.REJECTED, at(2026, 2, 5, 23, 30))],
        themes=["Accessibilité", "Données"],
    )
    # Fusionnée after 19 days.
    idea(b, at(2026, 2, 10), S.MERGED, [(S.MERGED, at(2026, 3, 1))], themes=["Données"])
    waiting = idea(b, at(2026, 2, 20), S.SUBMITTED)
    Endorsement.objects.create(idea=waiting, organisation=a, created_at=at(2026, 2, 21))
    Endorsement.objects.create(idea=waiting, organisation=b, created_at=at(2026, 3, 2))
    # Retenue after 1 day, then realised: only the first decision counts.
    idea(
        b,
        at(2026, 3, 5),
        S.DONE,
        [(S.ACCEPTED, at(2026, 3, 6)), (S.IN_PROGRESS, at(2026, 3, 10)), (S.DONE, at(2026, 4, 1))],
    )
    # Hidden by moderation: never counted.
    idea(a, at(2026, 1, 10), S.ACCEPTED, [(S.ACCEPTED, at(2026, 1, 11))], themes=["Accessibilité"], hidden=True)

    indexes = index_pages()
    components = indexes["composantes"]["fr"]
    design = make_component(components, title="Système de design")
    forms = make_component(components, title="Formulaires")
    for component, organisation, declared_at in [
        (design, a, at(2026, 1, 10)),
        (design, b, at(2026, 2, 3)),
        (forms, b, at(2026, 2, 15)),
    ]:
        usage = ComponentUsage.objects.create(component=component, organisation=organisation, use_case="Portail")
        ComponentUsage.objects.filter(pk=usage.pk).update(created_at=declared_at)  # auto_now_add

    guides = indexes["guides"]["fr"]
    stale = make_guide(guides, title="Guide de l'accessibilité", owner_organisation=a, last_reviewed=long_ago())
    fresh = make_guide(guides, title="Guide des données", owner_organisation=b, last_reviewed=long_ago(30))
    kinds = PageFeedback.Kind
    answers = [(stale, kinds.USEFUL)] * 3 + [(stale, kinds.NOT_USEFUL)] + [(fresh, kinds.NOT_USEFUL)] * 2
    answers += [(fresh, kinds.PROBLEM)]  # a problem report is not an answer to « utile ? »
    for page, kind in answers:
        PageFeedback.objects.create(page=page, kind=kind)
    PageFeedback.objects.update(created_at=at(2026, 2, 10))
    # One more « utile » on February 28 at 23:30 in Toronto (March 1 in UTC): a February answer.
    late = PageFeedback.objects.create(page=stale, kind=kinds.USEFUL)
    PageFeedback.objects.filter(pk=late.pk).update(created_at=at(2026, 2, 28, 23, 30))
    return {"a": a, "b": b, "stale": stale}


# The statuses' columns: soumise, en_analyse, retenue, en_realisation, realisee, non_retenue, fusionnee.


def test_every_table_matches_the_figures_counted_by_hand(hub_data):
    everything = Filters()
    assert [status.value for status in figures.status_columns()] == [
        "soumise",
        "en_analyse",
        "retenue",
        "en_realisation",
        "realisee",
        "non_retenue",
        "fusionnee",
    ]
    assert figures.ideas_by_status_per_month(everything) == [
        ("2026-01", 0, 0, 1, 0, 0, 1, 0, 2),
        ("2026-02", 1, 0, 0, 0, 0, 0, 1, 2),
        ("2026-03", 0, 0, 0, 0, 1, 0, 0, 1),
    ]
    assert figures.ideas_by_theme(everything) == [("Accessibilité", 2), ("Données", 2)]
    assert figures.ideas_by_organisation(everything) == [("Ministère B", 3), ("Ministère A", 2)]
    # Retenue: 10 and 1 days; Non retenue: 5; Fusionnée: 19; all: median of 1, 5, 10, 19.
    assert figures.time_to_decision(everything) == [
        ("Retenue", 2, 5.5),
        ("Non retenue", 1, 5.0),
        ("Fusionnée", 1, 19.0),
        (None, 4, 7.5),
    ]
    assert figures.component_adoption_per_month(everything) == [("2026-01", 1), ("2026-02", 2)]
    assert figures.most_reused_components(everything) == [("Système de design", 2), ("Formulaires", 1)]
    assert figures.organisations_reusing_most(everything) == [("Ministère B", 2), ("Ministère A", 1)]
    assert figures.endorsements_by_organisation(everything) == [("Ministère A", 1), ("Ministère B", 1)]
    assert figures.guides_helpful_rate(everything) == [
        ("Guide de l'accessibilité", "fr", 4, 1, 80),
        ("Guide des données", "fr", 0, 2, 0),
    ]
    # February: 4 useful out of 7 answers.
    assert figures.guides_helpful_rate_per_month(everything) == [("2026-02", 4, 3, 57)]
    assert figures.guides_due_for_review(everything) == [
        ("Guide de l'accessibilité", "fr", "Ministère A", hub_data["stale"].last_reviewed)
    ]


def test_ideas_realised_name_what_realised_them(signed_in_reviewer, hub_data):
    """The idea realised on April 1 names the component linked as « Réalisée par »; an idea realised then
    reopened is not counted; the period and the organisation filter apply to the day it was realised."""
    S = Idea.Status
    done = Idea.objects.get(status=S.DONE)
    design = ComponentPage.objects.get(title="Système de design")
    IdeaLink.objects.create(
        idea=done,
        page_translation_key=design.translation_key,
        page_kind=IdeaLink.PageKind.COMPONENT,
        relation=IdeaLink.Relation.REALISED_BY,
    )
    idea(hub_data["a"], at(2026, 3, 1), S.IN_PROGRESS, [(S.DONE, at(2026, 3, 20)), (S.IN_PROGRESS, at(2026, 3, 25))])
    expected = [(done.title, "Ministère B", datetime.date(2026, 4, 1), "Système de design")]
    assert figures.ideas_realised(Filters()) == expected
    assert figures.ideas_realised(Filters.from_dates(datetime.date(2026, 4, 1), datetime.date(2026, 4, 30))) == expected
    assert figures.ideas_realised(Filters.from_dates(end=datetime.date(2026, 3, 31))) == []
    assert figures.ideas_realised(Filters(organisation=hub_data["a"])) == []
    rows = list(
        csv.reader(
            io.StringIO(
                signed_in_reviewer.get(reverse("dashboard_csv", args=["idees-realisees"])).content.decode("utf-8-sig")
            )
        )
    )
    assert rows == [
        ["Idée", "Organisation", "Réalisée le", "Réalisée par"],
        [done.title, "Ministère B", "2026-04-01", "Système de design"],
    ]


def test_filters_by_organisation_and_by_period_in_toronto_time(hub_data):
    b = Filters(organisation=hub_data["b"])
    assert figures.ideas_by_status_per_month(b) == [
        ("2026-02", 1, 0, 0, 0, 0, 0, 1, 2),
        ("2026-03", 0, 0, 0, 0, 1, 0, 0, 1),
    ]
    assert figures.time_to_decision(b) == [("Retenue", 1, 1.0), ("Fusionnée", 1, 19.0), (None, 2, 10.0)]
    assert figures.component_adoption_per_month(b) == [("2026-02", 2)]
    assert figures.guides_helpful_rate(b) == [("Guide des données", "fr", 0, 2, 0)]
    assert figures.guides_helpful_rate_per_month(b) == [("2026-02", 0, 2, 0)]
    assert figures.endorsements_by_organisation(b) == [("Ministère B", 1)]
    assert figures.guides_due_for_review(b) == []

    february = Filters.from_dates(datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
    # The idea of January 31, 23:30 in Toronto stays out of February although it is February 1 in UTC.
    assert figures.ideas_by_status_per_month(february) == [("2026-02", 1, 0, 0, 0, 0, 0, 1, 2)]
    assert figures.ideas_by_organisation(february) == [("Ministère B", 2)]
    # Decided in February: the Non retenue of February 5; the fusion of March 1 is not.
    assert figures.time_to_decision(february) == [("Non retenue", 1, 5.0), (None, 1, 5.0)]
    assert figures.most_reused_components(february) == [("Formulaires", 1), ("Système de design", 1)]
    assert figures.endorsements_by_organisation(february) == [("Ministère A", 1)]
    march = Filters.from_dates(datetime.date(2026, 3, 1))
    assert figures.guides_helpful_rate(march) == []
    assert figures.guides_helpful_rate_per_month(march) == []


def test_top_searches_without_results_come_from_the_search_insight(db):
    today = timezone.localdate()
    for days_ago, query, zero in [(0, "formulaire cnesst", 3), (5, "formulaire cnesst", 2), (1, "gabarit", 1)]:
        DailySearchCount.objects.create(
            day=today - datetime.timedelta(days=days_ago),
            query=query,
            locale="fr",
            engine="db",
            searches=zero,
            zero_results=zero,
        )
    DailySearchCount.objects.create(
        day=today - datetime.timedelta(days=40), query="ancien", locale="fr", engine="db", searches=9, zero_results=9
    )
    assert figures.top_queries_without_results(Filters()) == [("formulaire cnesst", 5), ("gabarit", 1)]
    since = Filters.from_dates(today - datetime.timedelta(days=60))
    assert figures.top_queries_without_results(since) == [("ancien", 9), ("formulaire cnesst", 5), ("gabarit", 1)]


def test_the_dashboard_shows_each_table_with_its_chart_and_csv(signed_in_reviewer, hub_data):
    response = signed_in_reviewer.get(reverse("dashboard"), {"organisation": hub_data["b"].pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tableau de bord du CQEN" in html
    assert '<th scope="row">2026-03</th>' in html
    assert f'src="{reverse("dashboard_chart", args=["idees-par-statut"])}?organisation={hub_data["b"].pk}"' in html
    assert "les mêmes données figurent dans le tableau qui suit" in html
    assert f'href="{reverse("dashboard_csv", args=["delai-de-decision"])}?organisation={hub_data["b"].pk}"' in html
    assert "Ministère A" not in html.split("Filtres")[1].split("</form>")[1]  # only B's figures below the form


def test_the_csv_of_a_table_carries_its_rows(signed_in_reviewer, hub_data):
    response = signed_in_reviewer.get(reverse("dashboard_csv", args=["delai-de-decision"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Décision", "Idées décidées", "Délai médian (jours)"],
        ["Retenue", "2", "5.5"],
        ["Non retenue", "1", "5.0"],
        ["Fusionnée", "1", "19.0"],
        ["Toutes les décisions", "4", "7.5"],
    ]
    by_status = signed_in_reviewer.get(
        reverse("dashboard_csv", args=["idees-par-statut"]), {"start": "2026-02-01", "end": "2026-02-28"}
    )
    assert list(csv.reader(io.StringIO(by_status.content.decode("utf-8-sig")))) == [
        ["Mois", "Soumise", "En analyse", "Retenue", "En réalisation", "Réalisée", "Non retenue", "Fusionnée", "Total"],
        ["2026-02", "1", "0", "0", "0", "0", "0", "1", "2"],
    ]


def test_charts_are_standalone_svg_images_without_script(signed_in_reviewer, hub_data):
    response = signed_in_reviewer.get(reverse("dashboard_chart", args=["composantes-les-plus-reutilisees"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    svg = response.content.decode()
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "Système de design" in svg and "Formulaires" in svg
    assert "<script" not in svg
    stacked = signed_in_reviewer.get(reverse("dashboard_chart", args=["idees-par-statut"])).content.decode()
    assert "2026-03" in stacked and "Fusionnée" in stacked and "<script" not in stacked
    # The review list has no chart; an unknown table is not found.
    assert signed_in_reviewer.get(reverse("dashboard_chart", args=["guides-a-reviser"])).status_code == 404
    assert signed_in_reviewer.get(reverse("dashboard_csv", args=["inconnu"])).status_code == 404


def test_an_empty_hub_shows_empty_states_and_no_chart(signed_in_reviewer):
    html = signed_in_reviewer.get(reverse("dashboard")).content.decode()
    assert html.count("Aucune donnée pour cette période.") == 7
    assert "Aucune idée réalisée pour cette période." in html
    assert "Aucune décision pour cette période." in html
    assert html.count("Aucune réponse des lecteurs pour cette période.") == 2
    assert "Aucun guide à réviser." in html
    assert "Aucune recherche sans résultat pour cette période." in html
    charts = reverse("dashboard_chart", args=["idees-par-theme"]).rsplit("/", 1)[0]
    assert f'<img src="{charts}/' not in html and '<table class="listing">' not in html


def test_bad_filters_are_refused_with_a_clear_message(signed_in_reviewer):
    response = signed_in_reviewer.get(reverse("dashboard"), {"start": "2026-03-01", "end": "2026-02-01"})
    assert response.status_code == 400
    assert "La date de début doit précéder la date de fin." in response.content.decode()
    both = signed_in_reviewer.get(
        reverse("dashboard_csv", args=["idees-par-theme"]), {"months": "3", "start": "2026-01-01"}
    )
    assert both.status_code == 400
    assert "Choisissez les derniers mois ou des dates, pas les deux." in both.content.decode()
    garbage = signed_in_reviewer.get(reverse("dashboard_chart", args=["idees-par-theme"]), {"organisation": "abc"})
    assert garbage.status_code == 400


def test_the_last_months_start_on_the_first_day_of_a_month():
    from dashboard.forms import first_day_months_ago

    assert first_day_months_ago(datetime.date(2026, 12, 1), 2) == datetime.date(2026, 10, 1)
    assert first_day_months_ago(datetime.date(2026, 2, 15), 11) == datetime.date(2025, 3, 1)


@pytest.mark.parametrize(
    ("role", "allowed"), [(EDITOR, False), (MODERATOR, False), (REVIEWER, True), (ADMINISTRATOR, True)]
)
def test_only_cqen_reviewers_and_administrators_open_the_dashboard(client, home_page, role, allowed):
    user = staff_member(role, "personne@cqen.gouv.qc.ca")
    sign_in_with_second_factor(client, user)
    urls = [
        reverse("dashboard"),
        reverse("dashboard_csv", args=["idees-par-theme"]),
        reverse("dashboard_chart", args=["idees-par-theme"]),
    ]
    statuses = [client.get(url).status_code for url in urls]
    if allowed:
        assert statuses == [200, 200, 200]
    else:
        assert all(status in (302, 403) for status in statuses), statuses
        assert "Tableau de bord du CQEN" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("dashboard_csv", args=["idees-par-theme"]))
    assert response.status_code == 302


def test_the_dashboard_speaks_english_to_an_english_admin(client, hub_data):
    from wagtail.users.models import UserProfile

    user = staff_member(ADMINISTRATOR, "administratrice@cqen.gouv.qc.ca")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    sign_in_with_second_factor(client, user)
    html = client.get(reverse("dashboard")).content.decode()
    assert "CQEN dashboard" in html and "Median time from proposal to decision" in html
    assert '<th scope="row">All decisions</th>' in html
    response = client.get(reverse("dashboard_csv", args=["delai-de-decision"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Decision", "Ideas decided", "Median time (days)"]
    assert rows[1][0] == "Accepted" and rows[-1][0] == "All decisions"
