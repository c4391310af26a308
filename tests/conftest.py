"""Fixtures shared by the whole suite. Feature fixtures live beside their tests or in factories."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation


def pytest_runtest_setup(item):
    """A test marked `postgres` runs on PostgreSQL: skipped elsewhere, failed under CI (where skipping
    it would hide that it never ran). The marker's `reason` says what needs PostgreSQL."""
    marker = item.get_closest_marker("postgres")
    if marker is None or "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    message = marker.kwargs.get("reason", "Ce test exige PostgreSQL (DATABASE_URL).")
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _french_by_default():
    """A request to /en/ leaves English active in the thread: every test starts in French."""
    translation.activate("fr")
    yield
    translation.activate("fr")


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth's rate limits and cached sections live in the cache: every test starts from a clean slate."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def production_cache(settings):
    """The database cache of production (hub/settings/base.py), its table created."""
    from django.core.management import call_command

    from hub.settings import base

    settings.CACHES = {**settings.CACHES, "default": {**base.CACHES["default"]}}
    call_command("createcachetable", verbosity=0)


def _restore_wagtail_root():
    """A transactional test's flush also takes what Wagtail's migrations created: the default locale
    and the root page, without which the bootstrap builds no tree (hub/site_tree.py)."""
    from django.conf import settings
    from wagtail.models import Locale, Page

    if Page.get_first_root_node() is None:
        locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


@pytest.fixture
def home_page(db):
    """The French home page, as the bootstrap set it up after `migrate` (hub/site_tree.py): its English
    translation, the privacy and accessibility pages and both catalogue indexes are there too."""
    from hub.bootstrap import run_setup
    from hub.models import HomePage

    home = HomePage.objects.filter(locale__language_code="fr").first()
    if home is None:  # a database emptied by a transactional test
        _restore_wagtail_root()
        run_setup()
        home = HomePage.objects.get(locale__language_code="fr")
    return home


@pytest.fixture
def organisations(db):
    """Québec public bodies (the demo's list: organisations are data, not part of the bootstrap)."""
    from demo.organisations import ensure_organisations
    from hub.models import Organisation

    ensure_organisations()
    return Organisation.objects.all()


@pytest.fixture
def index_announcements():
    """What search was told, in order, as the outbox rows were written: (kind, "changed"|"removed", object pk).

    Read from the rows' creation (not from what is left in the outbox: the sync task deletes them)."""
    from django.db.models.signals import post_save

    from search.models import PendingIndexOperation

    announced = []

    def recorded(sender, instance, created, **kwargs):
        if created:
            announced.append((instance.kind, "removed" if instance.remove else "changed", int(instance.object_id)))

    post_save.connect(recorded, sender=PendingIndexOperation, weak=False, dispatch_uid="test_index_announcements")
    yield announced
    post_save.disconnect(sender=PendingIndexOperation, dispatch_uid="test_index_announcements")
