"""Search insight: each search counted once per day, with nothing about who searched, purged after
13 months, read by editors in two admin reports (trend, period, CSV) in French and English."""

import datetime
import threading

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from accounts.roles import EDITOR, MEMBER, ensure_roles
from search import insight, services
from search.answers import SearchAnswer
from search.models import DailySearchCount
from tests.factories import UserFactory, staff_member
from tests.search.conftest import make_document
from tests.sessions import sign_in_with_second_factor

pytestmark = [pytest.mark.django_db]

DOCUMENTS = [
    make_document("guide", 1, "Signature électronique des formulaires", summary="Signer en ligne."),
    make_document("guide", 2, "Signature des contrats", summary="Signer un contrat.", organisation="mcn"),
    make_document("idea", 3, "Registre des signatures", summary="Un registre.", status="submitted"),
]


@pytest.fixture
def indexed(any_engine, put_documents):
    put_documents(DOCUMENTS)
    return "database" if any_engine is None else "elasticsearch"


def counts():
    return list(DailySearchCount.objects.values("query", "locale", "engine", "searches", "zero_results"))


@pytest.mark.search
def test_a_search_is_counted_once_whatever_pages_facets_and_suggestions_follow(client, indexed):
    page = client.get(reverse("search:page"), {"q": "Signature  ÉLECTRONIQUE"}).content.decode()
    # What the reader does next on the same search: a facet link, the next page, typing in the box.
    facets = page[page.index('class="search-facets"') :]
    facet_link = facets[facets.index('href="') + 6 :].split('"')[0].replace("&amp;", "&")
    assert "refine=1" in facet_link and "q=Signature" in facet_link
    assert client.get(reverse("search:page") + facet_link).status_code == 200
    client.get(reverse("search:page"), {"q": "signature électronique", "page": 2, "page_size": 1})
    client.get(reverse("search:api_search"), {"q": "signature électronique", "page": 2})
    client.get(reverse("search:api_suggest"), {"q": "signature"})
    assert counts() == [
        {"query": "signature electronique", "locale": "fr", "engine": indexed, "searches": 1, "zero_results": 0}
    ]

    client.get(reverse("search:api_search"), {"q": "signature électronique"})  # the API, a new search
    client.get(reverse("search:page"), {"q": "zzyzx quokka"})  # nothing found
    client.get("/en" + reverse("search:api_search"), {"q": "Signature électronique"})  # English
    assert sorted(counts(), key=lambda row: (row["query"], row["locale"])) == [
        {"query": "signature electronique", "locale": "en", "engine": indexed, "searches": 1, "zero_results": 0},
        {"query": "signature electronique", "locale": "fr", "engine": indexed, "searches": 2, "zero_results": 0},
        {"query": "zzyzx quokka", "locale": "fr", "engine": indexed, "searches": 1, "zero_results": 1},
    ]
    row = DailySearchCount.objects.get(query="signature electronique", locale="fr")
    assert row.day == timezone.localdate() and row.results_total == 2  # one result each time


@pytest.mark.sqlite
def test_no_personal_data_is_stored(client, home_page):
    member = UserFactory(username="lecteur@cqen.gouv.qc.ca")
    client.force_login(member)
    client.get(
        reverse("search:page"),
        {"q": "dossier de jean.tremblay@mcn.gouv.qc.ca 418 555-1234"},
        REMOTE_ADDR="10.1.2.3",
        HTTP_X_FORWARDED_FOR="10.9.9.9",
    )
    fields = {field.name for field in DailySearchCount._meta.get_fields()}
    assert fields == {"id", "day", "query", "locale", "engine", "searches", "zero_results", "results_total"}
    (row,) = DailySearchCount.objects.all()
    stored = " ".join(str(getattr(row, name)) for name in fields)
    assert row.query == "dossier de @ #"
    for personal in ("tremblay", "555", "10.1.2.3", "10.9.9.9", "lecteur", client.session.session_key):
        assert personal not in stored


@pytest.mark.sqlite
def test_counts_older_than_thirteen_months_are_purged_by_the_task(home_page):
    today = timezone.localdate()
    cutoff = insight.retention_cutoff(today)
    assert cutoff == insight.months_before(today, 13)
    assert insight.months_before(datetime.date(2026, 3, 31), 13) == datetime.date(2025, 2, 28)
    for day in (cutoff - datetime.timedelta(days=1), cutoff, today):
        DailySearchCount.objects.create(day=day, query="archives", locale="fr", engine="database", searches=1)
    call_command("purge_search_insight", stdout=open("/dev/null", "w"))  # noqa: SIM115 - immediate task backend
    assert sorted(DailySearchCount.objects.values_list("day", flat=True)) == [cutoff, today]


@pytest.mark.sqlite
def test_a_failed_count_never_fails_the_search(client, home_page, monkeypatch):
    def broken(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError("disque plein")

    monkeypatch.setattr(insight, "_upsert", broken)  # PostgreSQL and SQLite
    monkeypatch.setattr(DailySearchCount.objects, "filter", broken)  # other databases
    response = client.get(reverse("search:api_search"), {"q": "archives"})
    assert response.status_code == 200 and response.json()["query"] == "archives"
    monkeypatch.undo()
    assert not DailySearchCount.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_first_searches_of_the_day_are_all_counted():
    if connection.vendor != "postgresql":
        pytest.fail("Ce test vise PostgreSQL (DATABASE_URL).")
    answer = SearchAnswer(query="Infonuagique", engine="database", total=0, page=1, page_size=10)
    start = threading.Barrier(8)

    def search():
        start.wait()
        try:
            for _ in range(5):
                insight.record_search(answer, "fr")
        finally:
            connection.close()

    threads = [threading.Thread(target=search) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    (row,) = DailySearchCount.objects.all()
    assert (row.query, row.searches, row.zero_results) == ("infonuagique", 40, 40)


def seed_two_periods():
    today = timezone.localdate()
    rows = [
        # (days ago, query, searches, zero results)
        (1, "quokka", 5, 5),
        (40, "quokka", 2, 2),
        (3, "signature", 9, 0),
        (35, "signature", 12, 0),
        (2, "guichet unique", 4, 1),
    ]
    for days, query, searches, zero in rows:
        DailySearchCount.objects.create(
            day=today - datetime.timedelta(days=days),
            query=query,
            locale="fr",
            engine="database",
            searches=searches,
            zero_results=zero,
            results_total=3 * (searches - zero),
        )


def test_top_queries_without_results_for_the_dashboard(home_page):
    seed_two_periods()
    assert services.top_queries_without_results(days=30) == [("quokka", 5), ("guichet unique", 1)]
    assert services.top_queries_without_results(days=90, limit=1) == [("quokka", 7)]


@pytest.fixture
def editor(home_page):
    return staff_member(EDITOR, "editrice@cqen.gouv.qc.ca")


def csv_of(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


def test_editors_read_both_reports_with_trend_period_and_csv(client, editor):
    seed_two_periods()
    sign_in_with_second_factor(client, editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("hubsearch_no_results") in dashboard and reverse("hubsearch_frequent") in dashboard

    no_results = client.get(reverse("hubsearch_no_results"))
    assert no_results.status_code == 200
    html = no_results.content.decode()
    assert "Recherches sans résultat" in html and "quokka" in html and "signature" not in html
    lines = csv_of(client.get(reverse("hubsearch_no_results"), {"export": "csv"})).splitlines()
    assert lines[0] == "Recherche,Recherches sans résultat,Période précédente,Tendance,Résultats en moyenne"
    assert lines[1:] == ["quokka,5,2,+3,0.0", "guichet unique,1,0,nouvelle,2.2"]

    frequent = csv_of(client.get(reverse("hubsearch_frequent"), {"export": "csv", "period": "7"})).splitlines()
    assert frequent[1:] == ["signature,9,0,nouvelle,3.0", "quokka,5,0,nouvelle,0.0", "guichet unique,4,0,nouvelle,2.2"]
    month = csv_of(client.get(reverse("hubsearch_frequent"), {"export": "csv", "period": "30"})).splitlines()
    assert month[1] == "signature,9,12,-3,3.0"

    # An editor who chose English for the admin reads both reports in English.
    UserProfile.get_for_user(editor).__class__.objects.filter(user=editor).update(preferred_language="en")
    english = client.get(reverse("hubsearch_frequent"), {"period": "90"})
    assert english.status_code == 200
    assert "Frequent searches" in english.content.decode() and "Last 90 days" in english.content.decode()
    english_csv = csv_of(client.get(reverse("hubsearch_no_results"), {"export": "csv"}))
    assert english_csv.splitlines()[0] == "Search,Searches without results,Previous period,Trend,Average results"
    assert english_csv.splitlines()[2] == "guichet unique,1,0,new,2.2"


def test_members_without_an_editing_role_cannot_read_the_reports(client, home_page):
    ensure_roles()
    member = UserFactory(username="membre@cqen.gouv.qc.ca", is_staff=False)
    member.groups.add(Group.objects.get(name=MEMBER))
    sign_in_with_second_factor(client, member)
    for name in ("hubsearch_no_results", "hubsearch_frequent"):
        response = client.get(reverse(name), {"export": "csv"})
        assert response.status_code in (302, 403)
        assert b"quokka" not in response.content
