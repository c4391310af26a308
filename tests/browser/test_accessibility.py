"""axe-core finds no WCAG 2.1 A/AA violation on the hub's pages, in their interesting states.

Every page is checked at 1280, 390 and 320 CSS px (WCAG 1.4.10, reflow): no sideways scroll, no
violation at any width, a screenshot per width in artifacts/browser/.
"""

import pytest

from .actions import sign_in
from .helpers import assert_no_axe_violations, check_every_width, snap
from .pages import MEMBER_PAGES, PUBLIC_PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("label", "path"), PUBLIC_PAGES, ids=[label for label, _ in PUBLIC_PAGES])
def test_page_reflows_and_has_no_wcag_violation(axe_page, label, path):
    problems = check_every_width(axe_page, path, f"a11y-{label}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("key", ["guide", "guide_en", "french_only", "component"])
def test_guide_and_component_pages_reflow_and_have_no_wcag_violation(axe_page, guides, key):
    problems = check_every_width(axe_page, guides[key], f"a11y-{key}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("label", "path"), MEMBER_PAGES, ids=[label for label, _ in MEMBER_PAGES])
def test_member_page_reflows_and_has_no_wcag_violation(axe_page, label, path):
    sign_in(axe_page, "membre1@gouv.qc.ca")
    problems = check_every_width(axe_page, path, f"a11y-{label}")
    assert not problems, "\n".join(problems)


def assert_errors_are_linked(page):
    """Every invalid field points at an existing error message through aria-describedby."""
    invalid = page.locator("[aria-invalid='true']")
    assert invalid.count() > 0, "Aucun champ n'est marqué aria-invalid."
    for index in range(invalid.count()):
        field = invalid.nth(index)
        described = (field.get_attribute("aria-describedby") or "").split()
        assert described, f"Champ invalide sans aria-describedby : {field.evaluate('e => e.outerHTML')}"
        texts = [page.locator(f"[id='{ident}']").inner_text() for ident in described]
        assert any(text.strip() for text in texts), f"aria-describedby vide pour {described}"


def test_propose_form_with_errors_is_accessible(axe_page):
    sign_in(axe_page, "membre1@gouv.qc.ca")
    axe_page.goto("/idees/proposer/")
    with axe_page.expect_navigation():
        axe_page.get_by_role("button", name="Prévisualiser").click()
    assert axe_page.get_by_role("alert").first.is_visible()
    assert_errors_are_linked(axe_page)
    snap(axe_page, "a11y-proposer-erreurs")
    assert_no_axe_violations(axe_page, "proposer une idée (erreurs)")


def test_sign_up_with_a_refused_address_is_accessible(axe_page):
    axe_page.goto("/comptes/signup/")
    axe_page.locator("#id_email").fill("quelquun@example.com")
    axe_page.locator("#id_password1").fill("Un-mot-de-passe-solide-2026")
    axe_page.locator("#id_password2").fill("Un-mot-de-passe-solide-2026")
    with axe_page.expect_navigation():
        axe_page.locator("main form[action*='signup'] button[type=submit]").click()
    assert "organisations publiques québécoises" in axe_page.locator("main").inner_text()
    snap(axe_page, "a11y-inscription-refusee")
    assert_no_axe_violations(axe_page, "inscription refusée")
