"""The search API, identical on both engines (the database engine runs on SQLite too)."""

import pytest
from django.urls import reverse

from tests.search.conftest import make_document

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

DOCUMENTS = [
    make_document(
        "guide",
        1,
        "Transformation numérique de l'État",
        summary="Le virage Numérique des ministères.",
        organisation="mcn",
        tags=["Transformation"],
    ),
    make_document(
        "guide",
        2,
        "Signature électronique des formulaires",
        summary="Apposer une signature en ligne.",
        organisation="mcn",
        tags=["Formulaires"],
    ),
    make_document(
        "component",
        3,
        "Composante de signature",
        summary="Signatures électroniques réutilisables.",
        organisation="itq",
        maturity="stable",
        adoptions=4,
        tags=["Formulaires"],
    ),
    make_document(
        "idea",
        4,
        "Un guichet numérique unique",
        summary="Regrouper les services NUMÉRIQUES.",
        organisation="ramq",
        status="submitted",
        votes=12,
    ),
    make_document(
        "guide",
        5,
        "Digital transformation",
        summary="The digital shift of ministries.",
        locale="en",
        organisation="mcn",
    ),
    make_document(
        "idea",
        6,
        "<script>alert('x')</script> Numérique",
        summary="Un titre piégé.",
        organisation="saaq",
        status="accepted",
    ),
]


def api(client, **params):
    return client.get(reverse("search:api_search"), params)


@pytest.fixture
def indexed(any_engine, put_documents):
    put_documents(DOCUMENTS)
    return any_engine


def test_search_returns_the_documented_shape(client, indexed):
    response = api(client, q="numérique")
    assert response.status_code == 200
    data = response.json()
    # One answer type for both engines: exactly these fields, nothing an engine adds on its own.
    assert set(data) == {
        "query",
        "engine",
        "total",
        "page",
        "page_size",
        "results",
        "facets",
        "did_you_mean",
        "corrected_query",
        "notice",
        "engine_took_ms",
    }
    assert data["engine"] in {"elasticsearch", "database"}
    assert data["query"] == "numérique"
    assert data["page"] == 1 and data["page_size"] == 10
    first = data["results"][0]
    assert set(first) == {
        "kind",
        "slug",
        "locale",
        "title",
        "summary",
        "url",
        "highlights",
        "score",
        "status",
        "maturity",
        "votes",
        "adoptions",
        "organisation",
        "organisation_name",
        "organisation_url",
        "recommended",
    }  # no title_html: that markup is for the search page
    assert first["recommended"] is False  # true only for an editor's recommended result
    assert set(data["facets"]["kind"][0]) == {"value", "count"}
    assert set(data["facets"]) == {"kind", "organisation", "tag", "status", "maturity", "locale"}


def test_search_matches_without_accents_and_whatever_the_case(client, indexed):
    ids = []
    for q in ("numerique", "Numérique", "NUMÉRIQUE"):
        ids.append({r["slug"] for r in api(client, q=q).json()["results"]})
    assert ids[0] == ids[1] == ids[2]
    assert {"guide-1", "idea-4"} <= ids[0]


def test_plural_finds_singular(client, indexed):
    slugs = {r["slug"] for r in api(client, q="signatures").json()["results"]}
    assert {"guide-2", "component-3"} <= slugs


def test_french_documents_come_first_in_the_french_interface(client, indexed):
    results = api(client, q="transformation").json()["results"]
    assert [r["locale"] for r in results][0] == "fr"


def test_english_documents_come_first_in_the_english_interface(client, indexed):
    english = client.get("/en/api/v1/search/", {"q": "transformation"}).json()["results"]
    assert english[0]["locale"] == "en"


def test_filters_narrow_results_and_facets_ignore_their_own_filter(client, indexed):
    data = api(client, q="signature", kind="component").json()
    assert {r["kind"] for r in data["results"]} == {"component"}
    kinds = {f["value"]: f["count"] for f in data["facets"]["kind"]}
    assert kinds.get("guide", 0) >= 1 and kinds["component"] == 1  # the kind facet ignores kind=component
    organisations = {f["value"] for f in data["facets"]["organisation"]}
    assert organisations == {"itq"}  # other facets respect the kind filter


def test_tag_status_maturity_and_locale_filters(client, indexed):
    assert {r["slug"] for r in api(client, tag="Formulaires").json()["results"]} == {"guide-2", "component-3"}
    assert {r["slug"] for r in api(client, status="accepted").json()["results"]} == {"idea-6"}
    assert {r["slug"] for r in api(client, maturity="stable").json()["results"]} == {"component-3"}
    assert {r["slug"] for r in api(client, locale="en").json()["results"]} == {"guide-5"}
    assert {r["slug"] for r in api(client, organisation="ramq").json()["results"]} == {"idea-4"}


def test_highlights_mark_matched_words_and_escape_html(client, indexed):
    results = api(client, q="numérique").json()["results"]
    trap = next(r for r in results if r["slug"] == "idea-6")
    assert trap["title"].startswith("<script>")  # raw title in JSON, the page escapes it
    assert any("<mark>" in h for r in results for h in r["highlights"])
    for result in results:
        for fragment in result["highlights"]:
            assert "<script" not in fragment


def test_search_page_shows_a_script_title_as_text(client, indexed):
    response = client.get(reverse("search:page"), {"q": "numérique"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;script&gt;" in html
    assert "<script>alert" not in html
    assert "<mark>" in html


def test_pagination(client, indexed):
    first = api(client, q="numérique", page_size=1).json()
    second = api(client, q="numérique", page_size=1, page=2).json()
    assert first["total"] == second["total"] >= 2
    assert first["results"][0]["slug"] != second["results"][0]["slug"]


@pytest.mark.parametrize(
    "params",
    [{"kind": "recette"}, {"page": "0"}, {"page": "abc"}, {"page_size": "101"}, {"q": "x" * 201}, {"locale": "de"}],
)
def test_bad_parameters_get_a_400_with_a_french_message(client, indexed, params):
    response = api(client, **params)
    assert response.status_code == 400
    assert response.json()["error"]


def test_suggest_completes_titles_from_the_second_character(client, indexed):
    url = reverse("search:api_suggest")
    assert client.get(url, {"q": "s"}).json()["suggestions"] == []
    data = client.get(url, {"q": "sig"}).json()
    assert data["query"] == "sig"
    titles = [s["title"] for s in data["suggestions"]]
    assert "Signature électronique des formulaires" in titles
    assert set(data["suggestions"][0]) >= {"kind", "slug", "title", "url"}
    folded = [s["title"] for s in client.get(url, {"q": "electro"}).json()["suggestions"]]
    assert folded == [] or all("lectro" in t for t in folded)


def test_empty_query_lists_everything_with_facets(client, indexed):
    data = api(client).json()
    assert data["total"] == len(DOCUMENTS)
    assert sum(f["count"] for f in data["facets"]["kind"]) == len(DOCUMENTS)


def test_search_page_without_query_shows_help(client, indexed):
    response = client.get(reverse("search:page"))
    assert response.status_code == 200
    assert "Rechercher dans le hub" in response.content.decode()


def test_search_page_bad_input_answers_400_in_french(client, indexed):
    response = client.get(reverse("search:page"), {"q": "x" * 300})
    assert response.status_code == 400
    assert "trop longue" in response.content.decode()
