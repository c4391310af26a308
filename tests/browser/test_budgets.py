"""Pages stay light and local: HTML under 50 KB, JavaScript and CSS (with Québec's design system) each
under 100 KB gzipped, 500 KB in all."""

import json

import pytest

from .helpers import (
    CSS_GZIP_BUDGET,
    HTML_BUDGET,
    JS_GZIP_BUDGET,
    PAGE_WEIGHT_BUDGET,
    assert_no_axe_violations,
    page_weight,
)
from .pages import PUBLIC_PAGES

pytestmark = pytest.mark.browser

# The first French demo guide (tree order) whose body holds an image: load_demo illustrates a few.
ILLUSTRATED_GUIDE = """
import json
from hub.models import GuidePage
guides = GuidePage.objects.live().filter(locale__language_code="fr").order_by("path")
print(json.dumps(next((g.get_url() for g in guides if any(b.block_type == "image" for b in g.body)), None)))
"""


@pytest.mark.parametrize(("label", "path"), PUBLIC_PAGES, ids=[label for label, _ in PUBLIC_PAGES])
def test_page_is_light_and_loads_nothing_from_elsewhere(contexts, label, path):
    page = contexts.new_page()
    contexts.network.reset()
    page.goto(path, wait_until="load")
    weight = page_weight(contexts.network)
    listing = "\n".join(f"  {kind:<10} {size:>8} {url}" for kind, size, url in weight["details"])
    assert 0 < weight["html"] <= HTML_BUDGET, f"HTML de {label} : {weight['html']} octets\n{listing}"
    assert weight["js_gzip"] <= JS_GZIP_BUDGET, f"JavaScript de {label} : {weight['js_gzip']} octets gzip\n{listing}"
    assert 0 < weight["css_gzip"] <= CSS_GZIP_BUDGET, f"CSS de {label} : {weight['css_gzip']} octets gzip\n{listing}"
    assert weight["total"] <= PAGE_WEIGHT_BUDGET, f"Poids total de {label} : {weight['total']} octets\n{listing}"
    assert contexts.network.requests, "Aucune requête enregistrée"
    assert not contexts.network.foreign_requests()


@pytest.mark.parametrize("key", ["guide", "guide_en", "component"])
def test_guide_and_component_pages_are_light(contexts, guides, key):
    page = contexts.new_page()
    contexts.network.reset()
    page.goto(guides[key], wait_until="load")
    weight = page_weight(contexts.network)
    assert 0 < weight["html"] <= HTML_BUDGET, f"HTML de {key} : {weight['html']} octets"
    assert weight["js_gzip"] <= JS_GZIP_BUDGET, f"JavaScript de {key} : {weight['js_gzip']} octets gzip"
    assert 0 < weight["css_gzip"] <= CSS_GZIP_BUDGET, f"CSS de {key} : {weight['css_gzip']} octets gzip"
    assert weight["total"] <= PAGE_WEIGHT_BUDGET, f"Poids total de {key} : {weight['total']} octets"


@pytest.fixture(scope="module")
def illustrated_guide(hub_server):
    path = json.loads(hub_server.shell(ILLUSTRATED_GUIDE).strip().splitlines()[-1])
    assert path, "Aucun guide de démonstration n'a d'image"
    return path


def scroll_through(page):
    """Scroll down a screen at a time so that every lazy image comes near the viewport, then wait for them."""
    height = page.evaluate("document.documentElement.scrollHeight")
    for top in range(0, height + 1, 500):
        page.evaluate("top => window.scrollTo(0, top)", top)
    page.wait_for_function(
        "() => [...document.querySelectorAll('main img')].every(img => img.complete && img.naturalWidth > 0)"
    )


def test_illustrated_demo_guide_loads_its_images_light_and_accessible(contexts, illustrated_guide):
    page = contexts.new_page()
    contexts.network.reset()
    page.goto(illustrated_guide, wait_until="load")
    figures = page.locator(".captioned-image img").count()
    scroll_through(page)  # every image of the page loaded: the responses the budget weighs are in
    weight = page_weight(contexts.network)
    listing = "\n".join(f"  {kind:<10} {size:>8} {url}" for kind, size, url in weight["details"])
    images = [(size, url) for kind, size, url in weight["details"] if kind == "image" and "/media/images/" in url]
    assert figures >= 1 and len(images) >= figures, f"{figures} image(s) dans la page, chargées :\n{listing}"
    assert all(size > 0 and url.endswith(".avif") for size, url in images), listing  # Chromium takes AVIF
    assert 0 < weight["html"] <= HTML_BUDGET, f"HTML : {weight['html']} octets\n{listing}"
    assert weight["js_gzip"] <= JS_GZIP_BUDGET, f"JavaScript : {weight['js_gzip']} octets gzip\n{listing}"
    assert weight["total"] <= PAGE_WEIGHT_BUDGET, f"Poids total : {weight['total']} octets\n{listing}"
    print(f"\n{illustrated_guide} : HTML {weight['html']} o, total {weight['total']} o\n{listing}")

    axe_page = contexts.new_page(bypass_csp=True)
    axe_page.goto(illustrated_guide, wait_until="load")
    scroll_through(axe_page)
    assert_no_axe_violations(axe_page, illustrated_guide)
