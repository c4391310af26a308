"""Organisation pages and the « Bilan du hub »: who takes part, what each brought, aggregates over time."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hub import services
from hub.models import ComponentUsage
from ideas.models import Endorsement, Idea, StatusChange
from tests.factories import OrganisationFactory, UserFactory
from tests.hub.factories import make_component, make_guide
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", response.content.decode().replace("&#x27;", "'"))


@pytest.fixture
def mcn(db):
    return OrganisationFactory(
        name="Ministère de la Cybersécurité et du Numérique",
        name_en="Ministry of Cybersecurity and Digital Affairs",
        slug="mcn",
        acronym="MCN",
    )


@pytest.fixture
def ramq(db):
    return OrganisationFactory(name="Régie de l'assurance maladie du Québec", slug="ramq", acronym="RAMQ")


def test_an_empty_hub_says_so_and_its_report_counts_zero(client, home_page):
    listing = client.get(reverse("organisation_list"))
    assert listing.status_code == 200
    assert "Aucune organisation n'a encore publié" in text(listing)
    report = client.get(reverse("public_report"))
    assert report.status_code == 200
    totals = dict(re.findall(r"<dt>(.*?)</dt><dd>(\d+)</dd>", text(report)))
    assert totals and set(totals.values()) == {"0"}, totals


def test_only_organisations_with_something_public_have_a_page(client, guide_index, mcn, ramq):
    idle = OrganisationFactory(name="Organisme sans activité", slug="inactif")
    hidden_only = OrganisationFactory(name="Organisme masqué", slug="masque")
    IdeaFactory(organisation=hidden_only, is_hidden=True)
    make_guide(guide_index, owner_organisation=mcn)
    endorser = OrganisationFactory(name="Organisme qui appuie", slug="appui")
    Endorsement.objects.create(idea=IdeaFactory(organisation=ramq), organisation=endorser)

    listing = text(client.get(reverse("organisation_list")))
    for name in (
        "Ministère de la Cybersécurité et du Numérique",
        "Régie de l'assurance maladie du Québec",
        "Organisme qui appuie",
    ):
        assert name in listing
    assert "Organisme sans activité" not in listing and "Organisme masqué" not in listing
    assert client.get(idle.get_absolute_url()).status_code == 404
    assert client.get(hidden_only.get_absolute_url()).status_code == 404
    assert client.get("/organisations/n-existe-pas/").status_code == 404


def test_an_organisation_page_lists_guides_components_adoptions_and_ideas_in_both_languages(
    client, index_pages, mcn, ramq
):
    make_guide(index_pages["guides"]["fr"], title="Guide de la signature", owner_organisation=mcn)
    owned = make_component(index_pages["composantes"]["fr"], title="Service de signature", owner_organisation=mcn)
    adopted = make_component(index_pages["composantes"]["fr"], title="Gabarit de formulaire", owner_organisation=ramq)
    ComponentUsage.objects.create(component=adopted, organisation=mcn, use_case="Formulaires en ligne")
    services.declare_usage(owned, ramq, UserFactory(), "Signature des demandes")
    IdeaFactory(organisation=mcn, title="Un portefeuille numérique")
    IdeaFactory(organisation=mcn, title="Idée retirée par la modération", is_hidden=True)
    Endorsement.objects.create(idea=IdeaFactory(organisation=ramq, title="Dossier santé unique"), organisation=mcn)

    page = text(client.get(mcn.get_absolute_url()))
    sections = dict(re.findall(r'<h2 id="org-(\w+)">.*?</h2>(.*?)</section>', page))
    assert "Guide de la signature" in sections["guides"]
    assert "Service de signature" in sections["owned"] and "1 organisation utilisatrice" in sections["owned"]
    assert "Gabarit de formulaire" in sections["adopted"]
    assert f'href="{ramq.get_absolute_url()}"' in sections["adopted"]
    assert "Un portefeuille numérique" in sections["ideas"] and "retirée" not in sections["ideas"]
    assert "Dossier santé unique" in sections["endorsed"]
    assert "Régie" not in page.split("<h1>")[1].split("</h1>")[0]

    english = text(client.get("/en" + mcn.get_absolute_url()))
    assert "<h1>Ministry of Cybersecurity and Digital Affairs (MCN)</h1>" in english
    assert "Guide de la signature" in english  # not translated yet: shown in French, marked as such
    assert 'lang="fr"' in english


def test_every_place_that_names_an_organisation_links_to_its_page(client, index_pages, mcn, ramq):
    guide = make_guide(index_pages["guides"]["fr"], owner_organisation=mcn)
    component = make_component(index_pages["composantes"]["fr"], owner_organisation=mcn)
    ComponentUsage.objects.create(component=component, organisation=ramq, use_case="Nos formulaires")
    idea = IdeaFactory(organisation=ramq)
    Endorsement.objects.create(idea=idea, organisation=mcn)
    link = f'href="{mcn.get_absolute_url()}"'
    assert link in text(client.get(guide.url))
    assert link in text(client.get(component.url))
    assert f'href="{ramq.get_absolute_url()}"' in text(client.get(component.url))
    assert link in text(client.get(index_pages["guides"]["fr"].url))
    assert link in text(client.get(index_pages["composantes"]["fr"].url))
    assert f'href="{ramq.get_absolute_url()}"' in text(client.get(reverse("ideas:list")))
    detail = text(client.get(idea.get_absolute_url()))
    assert f'href="{ramq.get_absolute_url()}"' in detail and link in detail


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_an_organisation_page_costs_the_same_queries_for_5_or_50_items(client, index_pages, mcn, ramq):
    def add(count, start):
        for number in range(start, start + count):
            make_guide(index_pages["guides"]["fr"], title=f"Guide {number}", owner_organisation=mcn)
            mine = make_component(
                index_pages["composantes"]["fr"], title=f"Composante {number}", owner_organisation=mcn
            )
            theirs = make_component(index_pages["composantes"]["fr"], title=f"Autre {number}", owner_organisation=ramq)
            ComponentUsage.objects.create(component=theirs, organisation=mcn, use_case="Usage")
            ComponentUsage.objects.create(component=mine, organisation=ramq, use_case="Usage")
            IdeaFactory(organisation=mcn)
            Endorsement.objects.create(idea=IdeaFactory(organisation=ramq), organisation=mcn)

    add(5, 0)
    client.get(mcn.get_absolute_url())  # warm the site root cache
    five = _queries_for(client, mcn.get_absolute_url())
    add(45, 5)
    client.get(mcn.get_absolute_url())  # the same state: who takes part read again (publishing forgot it)
    fifty = _queries_for(client, mcn.get_absolute_url())
    assert fifty == five, (five, fifty)


def test_the_report_counts_by_hand_computed_months_and_names_no_one(client, index_pages, mcn, ramq, settings):
    now = timezone.localtime()
    this_month = now.strftime("%Y-%m")
    last_month = (now.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    author = UserFactory(first_name="Personne", last_name="Confidentielle")
    realised = IdeaFactory(organisation=mcn, author=author, status=Idea.Status.DONE)
    StatusChange.objects.create(
        idea=realised, to_status=Idea.Status.DONE, created_at=now.replace(day=1) - datetime.timedelta(days=3)
    )
    reopened = IdeaFactory(organisation=mcn, status=Idea.Status.IN_PROGRESS)  # realised once, reopened since
    StatusChange.objects.create(idea=reopened, to_status=Idea.Status.DONE, created_at=now)
    IdeaFactory(organisation=ramq)
    component = make_component(index_pages["composantes"]["fr"], owner_organisation=mcn)
    ComponentUsage.objects.create(component=component, organisation=ramq, use_case="Réutilisée")
    ComponentUsage.objects.create(component=component, organisation=mcn, use_case="Par son auteur")  # not a reuse
    cache.clear()

    page = text(client.get(reverse("public_report")))
    totals = dict(re.findall(r"<dt>(.*?)</dt><dd>(\d+)</dd>", page))
    assert totals["Idées réalisées"] == "1"
    assert totals["Idées proposées"] == "3"
    assert totals["Adoptions de composantes par d'autres organisations"] == "1"
    assert totals["Organisations participantes"] == "2"
    headers = re.findall(r'<th scope="col">(.*?)</th>', page)
    rows = {
        month: dict(zip(headers[1:], cells, strict=True))
        for month, cells in (
            (row_month, re.findall(r"<td>(\d+)</td>", row))
            for row_month, row in re.findall(r'<time datetime="(\d{4}-\d\d)">.*?</time></th>(.*?)</tr>', page)
        )
    }
    assert len(rows) == 12
    assert rows[last_month]["Idées réalisées"] == "1" and rows[this_month]["Idées réalisées"] == "0"
    assert rows[this_month]["Idées proposées"] == "3"
    assert rows[this_month]["Adoptions de composantes par d'autres organisations"] == "1"
    assert "Confidentielle" not in page and author.email not in page

    IdeaFactory(organisation=ramq)
    assert (
        dict(re.findall(r"<dt>(.*?)</dt><dd>(\d+)</dd>", text(client.get(reverse("public_report")))))["Idées proposées"]
        == "3"
    ), "the report is served from the cache"
    english = text(client.get("/en" + reverse("public_report")))
    assert "Ideas realised" in english
