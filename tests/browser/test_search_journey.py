"""A visitor finds a guide through the search, reads it and says whether it helped."""

import pytest
from playwright.sync_api import expect

from .actions import GUIDE_TITLE
from .helpers import assert_focus_visible, assert_no_axe_violations, snap, tab_to

pytestmark = pytest.mark.browser

HEADER_SEARCH = "#header-search-q"


def open_suggestions(page, text):
    tab_to(page, HEADER_SEARCH)
    page.keyboard.type(text, delay=30)
    listbox = page.get_by_role("listbox")
    listbox.get_by_role("option").first.wait_for()
    expect(page.locator(HEADER_SEARCH)).to_have_attribute("aria-expanded", "true")
    return listbox


def choose_suggestion(page, text):
    """Arrow down through the suggestions until the one containing `text` is active, then Enter."""
    options = page.get_by_role("listbox").get_by_role("option")
    for _ in range(options.count()):
        page.keyboard.press("ArrowDown")
        active_id = page.locator(HEADER_SEARCH).get_attribute("aria-activedescendant")
        assert active_id, "Aucune suggestion active après la flèche vers le bas."
        option = page.locator(f"#{active_id}")
        assert option.get_attribute("aria-selected") == "true"
        if text in option.inner_text():
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
    raise AssertionError(f"Aucune suggestion ne contient « {text} » : {options.all_inner_texts()}")


def test_visitor_searches_filters_reads_a_guide_and_says_it_was_not_useful(page, guides):
    page.goto("/")
    # A query only this guide's title answers well: with a broad word such as « numérique »
    # many titles tie and the engine may rank the guide below the eighth suggestion.
    listbox = open_suggestions(page, "transformation numerique")
    listbox.get_by_role("option", name=GUIDE_TITLE).wait_for()
    snap(page, "recherche-suggestions")
    choose_suggestion(page, GUIDE_TITLE)
    assert page.get_by_role("heading", level=1).inner_text() == GUIDE_TITLE

    page.goto("/")
    tab_to(page, HEADER_SEARCH)
    page.keyboard.type("numerique")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/recherche/?q=numerique" in page.url
    results = page.locator(".result-list .result")
    assert results.count() >= 2
    kinds = set(page.locator(".result-list .badge").all_inner_texts())
    assert len(kinds) >= 2, f"Les résultats devraient mêler plusieurs types : {kinds}"

    facets = page.get_by_role("complementary", name="Filtrer les résultats")
    with page.expect_navigation():
        facets.get_by_role("link", name="Guide").first.click()
    assert set(page.locator(".result-list .badge").all_inner_texts()) == {"Guide"}
    assert facets.locator("a[aria-current='true']").count() == 1
    snap(page, "recherche-resultats-guides")

    with page.expect_navigation():
        page.locator(".result-list").get_by_role("link", name=GUIDE_TITLE).click()
    assert page.get_by_role("heading", level=1).inner_text() == GUIDE_TITLE

    toc = page.get_by_role("navigation", name="Sur cette page")
    toc.get_by_role("link", name="Mesurer les résultats").click()
    page.wait_for_url("**#*")
    target = page.url.split("#", 1)[1]
    heading = page.locator(f"[id='{target}']")
    assert "Mesurer les résultats" in heading.inner_text()
    assert heading.is_visible()
    assert page.evaluate(
        "(id) => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
        target,
    ), "La table des matières n'a pas amené le titre à l'écran."

    feedback = page.locator("#retroaction")
    feedback.get_by_label("Non").check()
    reason = feedback.get_by_label("Pourquoi n'était-elle pas utile ?")
    reason.fill("Il manque un exemple concret pour une municipalité.")
    with page.expect_navigation():
        feedback.get_by_role("button", name="Envoyer ma réponse").click()
    assert page.get_by_role("status").filter(has_text="Merci pour votre réponse").is_visible()
    snap(page, "recherche-guide-retroaction")


def test_autocomplete_lets_the_keyboard_leave_and_escape_closes_it(page, guides):
    page.goto("/")
    open_suggestions(page, "numerique")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(page.locator(HEADER_SEARCH)).to_have_attribute("aria-expanded", "false")
    expect(page.locator(HEADER_SEARCH)).to_be_focused()

    page.keyboard.press("Backspace")
    page.get_by_role("listbox").get_by_role("option").first.wait_for()
    page.keyboard.press("Tab")
    state = assert_focus_visible(page)
    assert page.evaluate("() => document.activeElement.id") != "header-search-q", "Piège au clavier dans la recherche."
    assert state["tag"] == "button" and state["text"] == "Rechercher"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.id") == "header-search-q"


def test_search_page_with_facets_and_open_suggestions_has_no_wcag_violation(axe_page, guides):
    axe_page.goto("/recherche/?q=numerique")
    assert axe_page.get_by_role("complementary", name="Filtrer les résultats").is_visible()
    axe_page.locator("#search-page-q").focus()
    axe_page.keyboard.press("ControlOrMeta+A")
    axe_page.keyboard.type("numérique", delay=30)
    axe_page.locator("#search-page-q ~ [role=listbox] [role=option]").first.wait_for()
    snap(axe_page, "a11y-recherche-suggestions-ouvertes")
    assert_no_axe_violations(axe_page, "recherche avec facettes et suggestions ouvertes")
