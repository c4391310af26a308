"""Guide index and component catalogue: filters, sorting, pagination, feeds, sitemap, API, home."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.listings import PER_PAGE
from hub.models import ComponentPage, ComponentUsage, GuidePage
from tests.factories import OrganisationFactory
from tests.hub.factories import every_block, make_component, make_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(guide_index, component_index, organisations):
    mcn, ramq = organisations.get(slug="mcn"), organisations.get(slug="ramq")
    guides = [
        make_guide(
            guide_index, title="Accessibilité des formulaires", audience="conception-services", owner_organisation=mcn
        ),
        make_guide(
            guide_index,
            title="Sécurité infonuagique",
            summary="Les formulaires et le nuage.",
            audience="equipes-ti",
            owner_organisation=ramq,
        ),
        make_guide(guide_index, title="Gouvernance des données", audience="gestionnaires", owner_organisation=mcn),
    ]
    guides[0].themes.add("accessibilité")
    guides[0].save_revision().publish()
    components = [
        make_component(
            component_index,
            title="Authentification",
            licence="LiLiQ-P-1.1",
            maturity="stable",
            component_type="service-partage",
            owner_organisation=mcn,
        ),
        make_component(
            component_index,
            title="Bibliothèque de dates",
            licence="MIT",
            maturity="beta",
            component_type="bibliotheque",
            owner_organisation=ramq,
        ),
        make_component(
            component_index, title="Vieux moteur", licence="GPL-3.0-only", maturity="obsolete", component_type="outil"
        ),
    ]
    ComponentPage.objects.filter(pk=components[1].pk).update(adoption_count=5)
    return {"guides": guides, "components": components}


def _titles(response):
    return [page.title for page in response.context["results"]]


def test_guides_filter_by_theme_audience_and_organisation(client, guide_index, catalogue):
    assert len(_titles(client.get(guide_index.url))) == 3
    assert _titles(client.get(guide_index.url + "?theme=accessibilite")) == ["Accessibilité des formulaires"]
    assert _titles(client.get(guide_index.url + "?audience=equipes-ti")) == ["Sécurité infonuagique"]
    assert sorted(_titles(client.get(guide_index.url + "?organisation=mcn"))) == [
        "Accessibilité des formulaires",
        "Gouvernance des données",
    ]
    response = client.get(guide_index.url + "?organisation=inconnue&audience=%3Cscript%3E")
    assert response.status_code == 200 and len(_titles(response)) == 3


def test_guide_search_ranks_title_matches_before_summary_matches(client, guide_index, catalogue):
    response = client.get(guide_index.url + "?q=formulaires&sort=pertinence")
    assert _titles(response) == ["Accessibilité des formulaires", "Sécurité infonuagique"]
    assert "2 guides" in response.content.decode()
    assert _titles(client.get(guide_index.url + "?sort=nom")) == sorted(_titles(client.get(guide_index.url)))


def test_catalogue_filters_and_sorts_by_adoption(client, component_index, catalogue):
    assert _titles(client.get(component_index.url + "?sort=adoption"))[0] == "Bibliothèque de dates"
    assert _titles(client.get(component_index.url + "?licence=LiLiQ-P-1.1")) == ["Authentification"]
    assert _titles(client.get(component_index.url + "?maturity=obsolete")) == ["Vieux moteur"]
    assert _titles(client.get(component_index.url + "?type=bibliotheque")) == ["Bibliothèque de dates"]
    html = client.get(component_index.url).content.decode()
    assert 'class="badge badge-danger">Obsolète' in html
    assert '<form class="listing-filters" method="get"' in html


def test_listing_paginates_and_keeps_the_filters_in_page_links(client, guide_index):
    for number in range(PER_PAGE + 2):
        make_guide(guide_index, title=f"Guide numéro {number:02d}", audience="gestionnaires")
    response = client.get(guide_index.url + "?audience=gestionnaires&sort=nom")
    assert len(response.context["results"]) == PER_PAGE
    assert "?audience=gestionnaires&amp;sort=nom&amp;page=2" in response.content.decode()
    assert len(client.get(guide_index.url + "?audience=gestionnaires&sort=nom&page=2").context["results"]) == 2
    assert client.get(guide_index.url + "?page=999").status_code == 200


def _count_queries(client, url):
    """Queries of a page read in the steady state: what the cache keeps for every reader (who takes part,
    the renditions) read once before."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_listing_queries_do_not_grow_with_the_number_of_items(client, guide_index, component_index, organisations):
    def add(count, start):
        for number in range(start, start + count):
            guide = make_guide(guide_index, title=f"Guide {number}", owner_organisation=organisations[number % 5])
            guide.themes.add(f"thème {number % 3}")
            guide.save_revision().publish()
            make_component(component_index, title=f"Composante {number}", owner_organisation=organisations[number % 5])

    add(5, 0)
    guides_5, components_5 = _count_queries(client, guide_index.url), _count_queries(client, component_index.url)
    add(45, 5)  # 50 of each
    assert _count_queries(client, guide_index.url) <= guides_5
    assert _count_queries(client, component_index.url) <= components_5
    assert _count_queries(client, guide_index.url + "?page=3&sort=nom") <= guides_5


def test_page_queries_do_not_grow_with_blocks_or_adoptions(client, guide_index, component_index):
    components = [make_component(component_index, title=f"Composante {n}") for n in range(3)]
    small = make_guide(
        guide_index, title="Petit guide", body=every_block(components)[-5:]
    )  # includes the components block
    large = make_guide(guide_index, title="Grand guide", body=every_block(components) * 5)  # 50 blocks
    assert len(large.body) == 50
    assert _count_queries(client, large.url) <= _count_queries(client, small.url)

    few, many = components[0], components[1]
    organisations = OrganisationFactory.create_batch(50)
    for organisation in organisations[:5]:
        ComponentUsage.objects.create(component=few, organisation=organisation, use_case="Usage")
    for organisation in organisations:
        ComponentUsage.objects.create(component=many, organisation=organisation, use_case="Usage")
    assert _count_queries(client, many.url) <= _count_queries(client, few.url)


def test_feeds_list_new_guides_and_components(client, guide_index, component_index, catalogue):
    rss = client.get(guide_index.url + "flux/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    assert "Gouvernance des données" in rss.content.decode()
    atom = client.get(component_index.url + "flux/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Authentification" in atom.content.decode()


def test_sitemap_lists_pages_in_both_languages(client, index_pages, catalogue):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/guides/gouvernance-des-donnees/</loc>" in xml
    assert "/en/guides/</loc>" in xml and "/en/composantes/</loc>" in xml


def test_english_indexes_live_under_the_same_slugs(client, index_pages):
    assert client.get("/en/guides/").status_code == 200
    assert client.get("/en/composantes/").status_code == 200
    assert index_pages["guides"]["en"].translation_key == index_pages["guides"]["fr"].translation_key


def test_read_only_pages_api_lists_live_guides(client, guide_index, catalogue):
    make_guide(guide_index, title="Brouillon secret", publish=False)
    data = client.get("/api/v2/pages/?type=hub.GuidePage&fields=summary,organisation").json()
    titles = [item["title"] for item in data["items"]]
    assert "Gouvernance des données" in titles and "Brouillon secret" not in titles
    assert client.post("/api/v2/pages/", {}).status_code in (403, 405)


def test_home_shows_latest_guides_and_most_adopted_components(client, home_page, catalogue):
    response = client.get("/")
    guides = response.context["latest_guides"]
    components = response.context["top_components"]
    assert guides[0]["title"] == "Gouvernance des données" and guides[0]["kind_label"] == "Guide"
    assert components[0]["title"] == "Bibliothèque de dates"
    assert components[0]["meta"] == "5 organisations utilisatrices"


def test_scheduled_guides_wait_for_their_publication_date(client, guide_index):
    import datetime

    from django.utils import timezone

    guide = make_guide(guide_index, title="Guide planifié", publish=False)
    guide.go_live_at = timezone.now() + datetime.timedelta(days=2)
    guide.save_revision().publish()
    guide = GuidePage.objects.get(pk=guide.pk)
    assert not guide.live
    assert client.get(guide_index.url + "guide-planifie/").status_code == 404
    # When the date comes, Wagtail's scheduler (`manage.py publish_scheduled`, run by cron) publishes it.
    from django.core.management import call_command
    from wagtail.models import Revision

    scheduled = Revision.objects.get(object_id=str(guide.pk), approved_go_live_at__isnull=False)
    past = timezone.now() - datetime.timedelta(minutes=1)  # pretend the two days went by
    scheduled.approved_go_live_at = past
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.save()
    call_command("publish_scheduled")
    assert GuidePage.objects.get(pk=guide.pk).live
    assert client.get(guide_index.url + "guide-planifie/").status_code == 200
