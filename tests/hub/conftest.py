"""Fixtures of the guides and components area: index pages, pages with blocks, members."""

import pytest

from hub.site_tree import index_pages as bootstrap_index_pages


@pytest.fixture
def index_pages(home_page):
    """{"guides": {"fr", "en"}, "composantes": {"fr", "en"}}: the bootstrap's, under both homes."""
    return bootstrap_index_pages()


@pytest.fixture
def guide_index(index_pages):
    return index_pages["guides"]["fr"]


@pytest.fixture
def component_index(index_pages):
    return index_pages["composantes"]["fr"]
