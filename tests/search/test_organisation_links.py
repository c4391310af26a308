"""Search results name their organisation, linked to its public page in the reader's language when it
has one: on /recherche/ and, as `organisation_name` and `organisation_url`, in /api/v1/search/."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.models import GuidePage
from hub.site_tree import index_pages
from tests.factories import OrganisationFactory
from tests.hub.factories import make_guide
from tests.search.conftest import make_document

pytestmark = pytest.mark.django_db

MCN_FR = "Ministère de la Cybersécurité et du Numérique"
MCN_EN = "Ministry of Cybersecurity and Digital Affairs"
ITQ = "Infrastructures technologiques Québec"


@pytest.fixture
def guide_index(home_page):
    return index_pages()["guides"]["fr"]


@pytest.fixture
def indexed(any_engine, put_documents, guide_index):
    """The MCN publishes a guide (it has a page); the ITQ has nothing public yet (it has none)."""
    mcn = OrganisationFactory(name=MCN_FR, name_en=MCN_EN, slug="mcn")
    OrganisationFactory(name=ITQ, name_en="", slug="itq")
    make_guide(guide_index, title="Guide de l'accessibilité", owner_organisation=mcn)
    put_documents(
        [
            make_document("guide", 1, "Signature électronique des formulaires", organisation="mcn"),
            make_document("component", 2, "Composante de signature", organisation="itq"),
            make_document("idea", 3, "Signature pour tous", organisation=""),
        ]
    )
    return any_engine


def page(response):
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", response.content.decode())


def organisation_lines(html):
    return re.findall(r'<p class="result-organisation card-meta">(.*?)</p>', html)


@pytest.mark.parametrize("prefix, mcn_name", [("", MCN_FR), ("/en", MCN_EN)])
def test_search_page_links_the_organisation_of_each_result(client, indexed, prefix, mcn_name):
    lines = organisation_lines(page(client.get(f"{prefix}/recherche/", {"q": "signature"})))
    assert sorted(lines) == sorted([f'<a href="{prefix}/organisations/mcn/">{mcn_name}</a>', ITQ]), lines


@pytest.mark.parametrize("prefix, mcn_name", [("", MCN_FR), ("/en", MCN_EN)])
def test_search_api_gives_each_results_organisation_page(client, indexed, prefix, mcn_name):
    results = client.get(f"{prefix}/api/v1/search/", {"q": "signature"}).json()["results"]
    by_slug = {r["slug"]: (r["organisation"], r["organisation_name"], r["organisation_url"]) for r in results}
    assert by_slug == {
        "guide-1": ("mcn", mcn_name, f"{prefix}/organisations/mcn/"),
        "component-2": ("itq", ITQ, ""),  # no public page: named, not linked
        "idea-3": ("", "", ""),
    }


def _queries(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_search_queries_stay_flat_from_5_to_50_results(client, engine, put_documents, guide_index):
    """Each result from its own organisation, half of them with a page: one lookup for all names."""
    documents = []

    def add(count):
        for number in range(len(documents), len(documents) + count):
            owner = OrganisationFactory(slug=f"organisme-{number}")
            if number % 2:
                guide_index.add_child(  # live, without a revision: a page for the organisation, quickly
                    instance=GuidePage(
                        title=f"Guide {number}",
                        slug=f"guide-{number}",
                        summary="Un guide.",
                        live=True,
                        owner_organisation=owner,
                    )
                )
            documents.append(make_document("guide", number, f"Numérique {number}", organisation=owner.slug))
        put_documents(documents)

    params = {"q": "numérique", "page_size": 50, "refine": 1}
    add(5)
    client.get("/recherche/", params)  # warm the site root cache
    counts = {"page": _queries(client, "/recherche/", params), "api": _queries(client, "/api/v1/search/", params)}
    add(45)
    assert len(client.get("/api/v1/search/", params).json()["results"]) == 50
    assert _queries(client, "/recherche/", params) == counts["page"]
    assert _queries(client, "/api/v1/search/", params) == counts["api"]
