"""Fixtures shared by the whole suite. Feature fixtures live beside their tests or in factories."""

import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _french_by_default():
    """A request to /en/ leaves English active in the thread: every test starts in French."""
    translation.activate("fr")
    yield
    translation.activate("fr")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits live in the cache: every test starts from a clean slate."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    """The French home page with its English translation, privacy and accessibility pages."""
    from hub.demo import ensure_site_structure

    return ensure_site_structure()


@pytest.fixture
def organisations(db):
    from hub.demo import ensure_organisations
    from hub.models import Organisation

    ensure_organisations()
    return Organisation.objects.all()
