"""axe-core finds no WCAG 2.1 A/AA violation on the hub's pages, in their interesting states."""

import pytest

from .helpers import assert_no_axe_violations, snap
from .pages import PUBLIC_PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("label", "path"), PUBLIC_PAGES, ids=[label for label, _ in PUBLIC_PAGES])
def test_page_has_no_wcag_violation(axe_page, label, path):
    axe_page.goto(path)
    snap(axe_page, f"a11y-{label}")
    assert_no_axe_violations(axe_page, label)
