"""Pages stay light and local: HTML under 50 KB, JavaScript under 100 KB gzipped, 500 KB in all."""

import pytest

from .helpers import HTML_BUDGET, JS_GZIP_BUDGET, PAGE_WEIGHT_BUDGET, page_weight
from .pages import PUBLIC_PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("label", "path"), PUBLIC_PAGES, ids=[label for label, _ in PUBLIC_PAGES])
def test_page_is_light_and_loads_nothing_from_elsewhere(contexts, label, path):
    page = contexts.new_page()
    contexts.network.reset()
    page.goto(path, wait_until="load")
    weight = page_weight(contexts.network)
    listing = "\n".join(f"  {kind:<10} {size:>8} {url}" for kind, size, url in weight["details"])
    assert 0 < weight["html"] <= HTML_BUDGET, f"HTML de {label} : {weight['html']} octets\n{listing}"
    assert weight["js_gzip"] <= JS_GZIP_BUDGET, f"JavaScript de {label} : {weight['js_gzip']} octets gzip\n{listing}"
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
    assert weight["total"] <= PAGE_WEIGHT_BUDGET, f"Poids total de {key} : {weight['total']} octets"
