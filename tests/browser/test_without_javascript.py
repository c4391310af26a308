"""With JavaScript off, search, filters, voting and commenting still work through plain forms."""

import pytest

from .actions import GUIDE_TITLE, create_idea, sign_in
from .helpers import snap

pytestmark = pytest.mark.browser


@pytest.fixture
def page(contexts):
    return contexts.new_page(javascript=False)


def test_search_and_kind_filter_work_without_javascript(page, guides):
    page.goto("/")
    page.locator("#header-search-q").fill("numerique")
    with page.expect_navigation():
        page.locator("#header-search-q").press("Enter")
    assert page.locator(".result-list .result").count() >= 2
    assert page.get_by_role("listbox").count() == 0
    facets = page.get_by_role("complementary", name="Filtrer les résultats")
    with page.expect_navigation():
        facets.get_by_role("link", name="Guide").first.click()
    assert set(page.locator(".result-list .badge").all_inner_texts()) == {"Guide"}
    assert page.locator(".result-list").get_by_role("link", name=GUIDE_TITLE).is_visible()
    snap(page, "sans-js-recherche")


def test_idea_filters_work_without_javascript(page):
    page.goto("/idees/")
    total = page.locator(".idea-list > li").count()
    assert total > 0
    page.get_by_label("Statut").select_option("realisee")
    with page.expect_navigation():
        page.get_by_role("button", name="Appliquer").click()
    assert "statut=realisee" in page.url
    cards = page.locator(".idea-list > li")
    assert 0 < cards.count() < total
    for text in cards.all_inner_texts():
        assert "Réalisée" in text
    snap(page, "sans-js-idees-filtrees")


def test_member_votes_and_comments_without_javascript(page, hub_server):
    idea = create_idea(hub_server, "membre6@gouv.qc.ca", "Un guichet unique pour les permis municipaux")
    sign_in(page, "membre7@gouv.qc.ca")
    page.goto(idea["url"])
    assert page.locator("[data-vote-count] strong").inner_text() == "0"
    with page.expect_navigation():
        page.get_by_role("button", name="Voter").click()
    assert page.locator("[data-vote-count] strong").inner_text() == "1"
    assert page.get_by_role("status").filter(has_text="Votre vote est enregistré").is_visible()
    assert page.get_by_role("button", name="Retirer mon vote").is_visible()

    page.get_by_label("Votre commentaire").fill("Nous avons le même besoin à Lévis.")
    with page.expect_navigation():
        page.get_by_role("button", name="Publier le commentaire").click()
    assert page.locator(".comment-list").get_by_text("Nous avons le même besoin à Lévis.").is_visible()
    snap(page, "sans-js-vote-commentaire")
