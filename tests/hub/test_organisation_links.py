"""Every place that names an organisation links its name to the organisation's public page, in the
reader's language (/en/… in English), and only when that page exists: home cards, guide and component
pages, the guide and component listings, the idea board and its ideas, organisation pages."""

import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from hub.models import ComponentPage, ComponentUsage, GuidePage
from ideas.models import Endorsement
from tests.factories import OrganisationFactory
from tests.hub.factories import make_component, make_guide
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

MCN_FR = "Ministère de la Cybersécurité et du Numérique"
MCN_EN = "Ministry of Cybersecurity and Digital Affairs"
RAMQ = "Régie de l'assurance maladie du Québec"


def html(response):
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", response.content.decode().replace("&#x27;", "'"))


def link(url, name):
    return f'<a href="{url}">{name}</a>'


class NestedLinks(HTMLParser):
    """Counts <a> opened inside another <a> (invalid HTML: a card must never do it)."""

    def __init__(self):
        super().__init__()
        self.depth = self.nested = 0

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.nested += self.depth > 0
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "a":
            self.depth = max(0, self.depth - 1)


def nested_links(page):
    parser = NestedLinks()
    parser.feed(page)
    return parser.nested


def section(page, heading_id):
    """The HTML of the home page section titled by `heading_id`."""
    match = re.search(rf'id="{heading_id}".*?</section>', page)
    assert match, heading_id
    return match.group(0)


@pytest.fixture
def mcn(db):
    return OrganisationFactory(name=MCN_FR, name_en=MCN_EN, slug="mcn", acronym="MCN")


@pytest.fixture
def ramq(db):
    return OrganisationFactory(name=RAMQ, name_en="", slug="ramq", acronym="RAMQ")


@pytest.fixture
def content(index_pages, mcn, ramq):
    """A guide and a component of the MCN in both languages, the RAMQ using the component, an idea
    of the RAMQ endorsed by the MCN."""
    guides, components = index_pages["guides"], index_pages["composantes"]
    made = {
        "guide": make_guide(guides["fr"], title="Guide de la signature", owner_organisation=mcn),
        "guide_en": make_guide(guides["en"], title="Signature guide", owner_organisation=mcn),
        "component": make_component(components["fr"], title="Service de signature", owner_organisation=mcn),
        "component_en": make_component(components["en"], title="Signature service", owner_organisation=mcn),
        "idea": IdeaFactory(organisation=ramq, title="Un dossier santé unique"),
    }
    for component in (made["component"], made["component_en"]):
        ComponentUsage.objects.create(component=component, organisation=ramq, use_case="Nos formulaires")
    Endorsement.objects.create(idea=made["idea"], organisation=mcn)
    return made


@pytest.mark.parametrize("language", ["fr", "en"])
def test_home_cards_link_the_organisation_in_the_readers_language(client, content, language):
    prefix, mcn_name = ("", MCN_FR) if language == "fr" else ("/en", MCN_EN)
    page = html(client.get(f"{prefix}/"))
    mcn_link, ramq_link = link(f"{prefix}/organisations/mcn/", mcn_name), link(f"{prefix}/organisations/ramq/", RAMQ)
    assert mcn_link in section(page, "home-guides")
    assert mcn_link in section(page, "home-components")
    assert ramq_link in section(page, "home-ideas")
    assert nested_links(page) == 0


@pytest.mark.parametrize("language", ["fr", "en"])
def test_guide_and_component_pages_and_listings_link_the_organisation(client, content, index_pages, language):
    prefix, mcn_name, suffix = ("", MCN_FR, "") if language == "fr" else ("/en", MCN_EN, "_en")
    mcn_link, ramq_link = link(f"{prefix}/organisations/mcn/", mcn_name), link(f"{prefix}/organisations/ramq/", RAMQ)
    assert mcn_link in html(client.get(content["guide" + suffix].url))
    component = html(client.get(content["component" + suffix].url))
    assert mcn_link in component and ramq_link in component  # the owner, then the organisations using it
    assert mcn_link in html(client.get(index_pages["guides"][language].url))
    assert mcn_link in html(client.get(index_pages["composantes"][language].url))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_idea_board_and_an_idea_link_the_organisations(client, content, language):
    prefix, mcn_name = ("", MCN_FR) if language == "fr" else ("/en", MCN_EN)
    ramq_link = link(f"{prefix}/organisations/ramq/", RAMQ)
    with translation.override(language):
        board_url, idea_url = reverse("ideas:list"), content["idea"].get_absolute_url()
    board = html(client.get(board_url))
    assert ramq_link in board and nested_links(board) == 0
    idea = html(client.get(idea_url))
    assert ramq_link in idea  # « Proposée par … (organisation) »
    assert link(f"{prefix}/organisations/mcn/", mcn_name) in idea  # its endorsements


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_organisation_page_names_who_proposed_the_ideas_it_endorses(client, content, language):
    prefix = "" if language == "fr" else "/en"
    page = html(client.get(f"{prefix}/organisations/mcn/"))
    endorsed = re.search(r'id="org-endorsed".*?</section>', page).group(0)
    assert "Un dossier santé unique" in endorsed
    assert link(f"{prefix}/organisations/ramq/", RAMQ) in endorsed
    assert nested_links(page) == 0


def test_an_organisation_without_a_public_page_is_named_without_a_link(client, index_pages, mcn):
    """Only live, public content gives a page: the owner of a private guide is named, not linked."""
    from wagtail.models import PageViewRestriction

    from tests.factories import UserFactory

    guide = make_guide(index_pages["guides"]["fr"], title="Guide interne", owner_organisation=mcn)
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(UserFactory())
    page = html(client.get(guide.url))
    assert f"<dd>{MCN_FR}</dd>" in page
    assert "/organisations/mcn/" not in page
    assert client.get("/organisations/mcn/").status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_home_page_queries_stay_flat_from_5_to_50_items(client, index_pages):
    guides, components = index_pages["guides"]["fr"], index_pages["composantes"]["fr"]

    def add(count, start):
        for number in range(start, start + count):
            owner = OrganisationFactory()  # one organisation per item: a lookup per name would show
            # Live pages without revisions: the same rows for the home page, a fraction of the time.
            guides.add_child(
                instance=GuidePage(
                    title=f"Guide {number}",
                    slug=f"guide-{number}",
                    live=True,
                    owner_organisation=owner,
                    summary="Un guide.",
                    first_published_at=timezone.now(),
                )
            )
            components.add_child(
                instance=ComponentPage(
                    title=f"Composante {number}",
                    slug=f"composante-{number}",
                    live=True,
                    owner_organisation=owner,
                    summary="Une composante.",
                    licence="MIT",
                    adoption_count=number,
                )
            )
            IdeaFactory(organisation=OrganisationFactory())

    add(1, 0)
    client.get("/")  # warm the site root cache
    one = _queries(client, "/")  # one card per section
    add(4, 1)
    five = _queries(client, "/")  # full sections: three cards each, three more organisations named
    add(45, 5)
    assert _queries(client, "/") == five == one, (one, five)


def test_who_takes_part_is_read_from_the_cache_and_forgotten_as_soon_as_it_changes(
    client, index_pages, mcn, ramq, django_capture_on_commit_callbacks
):
    """Every page naming an organisation asks which ones have a page: the second visitor's page does
    not recompute it, and an adoption, an endorsement or a privacy restriction shows at once."""
    from wagtail.models import PageViewRestriction

    from hub.services import declare_usage, withdraw_usage
    from tests.factories import UserFactory

    component = make_component(index_pages["composantes"]["fr"], title="Service de signature", owner_organisation=mcn)
    assert client.get("/organisations/ramq/").status_code == 404
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/organisations/ramq/").status_code == 404
    assert not [q for q in queries.captured_queries if "hub_componentusage" in q["sql"]], queries.captured_queries

    with django_capture_on_commit_callbacks(execute=True):
        declare_usage(component, ramq, UserFactory(), "Nos formulaires")
    assert client.get("/organisations/ramq/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_usage(component, ramq)
    assert client.get("/organisations/ramq/").status_code == 404

    idea = IdeaFactory(organisation=mcn, title="Un guichet unique")
    with django_capture_on_commit_callbacks(execute=True):
        endorsement = Endorsement.objects.create(idea=idea, organisation=ramq)
    assert client.get("/organisations/ramq/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        endorsement.delete()
    assert client.get("/organisations/ramq/").status_code == 404

    assert client.get("/organisations/mcn/").status_code == 200
    idea.delete()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=component, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/organisations/mcn/").status_code == 404
