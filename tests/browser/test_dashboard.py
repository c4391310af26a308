"""The « Tableau de bord du CQEN » in a real Chromium: its charts load as images, axe-core finds no WCAG
violation, screenshots at 1280 and 390 px."""

import pytest

from .actions import forget_authenticators, sign_in_as_moderator
from .helpers import assert_no_axe_violations, snap

pytestmark = pytest.mark.browser

REVIEWER = "reviseur@cqen.gouv.qc.ca"  # demo/accounts.py: Réviseur CQEN


@pytest.fixture
def reviewer_authenticator_forgotten(hub_server):
    """The reviewer's authenticator made for this test goes with it: later journeys enrol their own."""
    yield
    forget_authenticators(hub_server, REVIEWER)


@pytest.mark.usefixtures("reviewer_authenticator_forgotten")
def test_the_dashboard_has_no_wcag_violation_and_its_charts_load(axe_page, hub_server):
    sign_in_as_moderator(axe_page, hub_server, email=REVIEWER)
    axe_page.goto("/admin/tableau-de-bord/")
    assert axe_page.get_by_role("heading", name="Tableau de bord du CQEN").first.is_visible()
    charts = axe_page.locator("main img[src*='/tableau-de-bord/']")
    assert charts.count() > 0, "La démo devrait donner au moins un graphique."
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        loaded = chart.evaluate("img => img.complete && img.naturalWidth > 0")
        assert loaded, f"Graphique non chargé : {chart.get_attribute('src')}"
    snap(axe_page, "tableau-de-bord")
    assert_no_axe_violations(axe_page, "tableau de bord du CQEN")
