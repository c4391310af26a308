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
