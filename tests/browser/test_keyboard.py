"""The keyboard alone reaches everything, and the focus is always visible."""

import pytest

from .helpers import assert_focus_visible, focused, snap

pytestmark = pytest.mark.browser


def test_skip_link_comes_first_and_jumps_to_the_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    state = assert_focus_visible(page)
    assert state["tag"] == "a"
    assert state["text"] == "Passer au contenu principal"
    snap(page, "clavier-lien-evitement")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "contenu"


@pytest.mark.parametrize("path", ["/", "/en/", "/politique-de-confidentialite/", "/cette-page-nexiste-pas/"])
def test_every_focusable_element_shows_its_focus(page, path):
    page.goto(path)
    reached = []
    for _ in range(120):
        page.keyboard.press("Tab")
        state = focused(page)
        if state is None or (reached and state == reached[0]):
            break
        assert_focus_visible(page)
        reached.append(state)
    assert len(reached) >= 5, f"Trop peu d'éléments atteints au clavier : {reached}"
    assert any(item["tag"] == "input" for item in reached), "Le champ de recherche n'est pas atteint au clavier."


def test_member_signs_in_comments_and_follows_with_the_keyboard_alone(page, hub_server):
    from .actions import create_idea, sign_in_with_keyboard
    from .helpers import tab_to

    idea = create_idea(hub_server, "membre8@gouv.qc.ca", "Des gabarits de courriels clairs pour les citoyens")
    page.goto("/")
    sign_in_with_keyboard(page, "membre9@gouv.qc.ca")

    page.goto(idea["url"])
    tab_to(page, "textarea[name=body]")
    page.keyboard.type("Un modèle commun nous ferait gagner beaucoup de temps.")
    tab_to(page, ".comment-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".comment-list").get_by_text("Un modèle commun nous ferait gagner").is_visible()

    # Commenting may already subscribe the member: the follow button toggles either way.
    toggled = {"Suivre cette idée": "Ne plus suivre", "Ne plus suivre": "Suivre cette idée"}
    tab_to(page, ".idea-follow button[type=submit]")
    before = page.locator(".idea-follow button").inner_text().strip()
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert page.get_by_role("button", name=toggled[before]).is_visible()
    snap(page, "clavier-commentaire-suivi")


def test_language_switcher_is_reached_and_used_with_the_tab_key(page):
    from .helpers import tab_to

    page.goto("/politique-de-confidentialite/")
    tab_to(page, ".lang-switcher a[lang='en']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Privacy policy"
