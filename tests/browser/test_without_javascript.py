"""With JavaScript off, search, filters, voting and commenting still work through plain forms."""

import pytest

from .actions import GUIDE_TITLE, create_idea, sign_in, sign_in_as_moderator, sign_in_with_keyboard
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


def test_keyboard_alone_without_javascript_searches_filters_votes_and_comments(page, hub_server):
    """Journey 6 with the keyboard only: plain forms and links, Tab and Enter."""
    from .helpers import tab_to

    page.goto("/")
    tab_to(page, "#header-search-q")
    page.keyboard.type("numerique")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, ".search-facets a[href*='kind=guide']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert set(page.locator(".result-list .badge").all_inner_texts()) == {"Guide"}

    idea = create_idea(hub_server, "membre4@gouv.qc.ca", "Un annuaire commun des API gouvernementales")
    sign_in_with_keyboard(page, "membre5@gouv.qc.ca")
    page.goto(idea["url"])
    tab_to(page, "[data-vote-form] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("[data-vote-count] strong").inner_text() == "1"
    assert page.get_by_role("button", name="Retirer mon vote").is_visible()
    tab_to(page, ".comment-form textarea[name=body]")
    page.keyboard.type("Un annuaire nous éviterait bien des appels.")
    tab_to(page, ".comment-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".comment-list").get_by_text("Un annuaire nous éviterait bien des appels.").is_visible()
    snap(page, "sans-js-clavier")


def test_moderator_merges_a_duplicate_with_the_plain_search_form(page, hub_server):
    source = create_idea(hub_server, "membre2@gouv.qc.ca", "Prêt d'équipement informatique entre ministères")
    target = create_idea(
        hub_server, "membre5@gouv.qc.ca", "Une bourse d'échange du matériel des ministères", refresh=True
    )
    sign_in_as_moderator(page, hub_server)
    page.goto(source["url"])
    with page.expect_navigation():
        page.get_by_role("link", name="Choisir l'idée à conserver").click()
    page.get_by_label("Chercher l'idée à conserver par son titre ou son numéro").fill("bourse echange materiel")
    with page.expect_navigation():
        page.get_by_role("button", name="Chercher", exact=True).click()
    assert "q=bourse" in page.url
    page.locator("#resultats-fusion").get_by_label("Une bourse d'échange du matériel des ministères").check()
    page.get_by_label("Réponse publique aux abonnés").fill("Même besoin : une seule idée.")
    with page.expect_navigation():
        page.get_by_role("button", name="Fusionner dans l'idée choisie").click()
    assert page.url.endswith(target["url"])
    snap(page, "sans-js-fusion")
