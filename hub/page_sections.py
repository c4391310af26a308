"""What the apps show on the hub's pages: a registry, so the editorial core imports no feature.

An app registers, in its AppConfig.ready(), a function that builds one entry of a page's
template context:

    register_section("home", "trending_ideas", trending_section)   # ideas/apps.py

`func(page, request)` returns what the template shows under that name (a list of cards...).
Places: "home" (the home page), "guide" and "component" (guide and component pages), "organisation"
(an organisation's public page, where `page` is the Organisation). A section
whose app is not installed is simply absent from the context; templates show their empty state.
A section may also appear in the Wagtail API v2 of its pages (`SectionField`): it then returns
JSON-ready data.

The home page's sections are the same for every visitor (cards of guides, components and ideas,
nothing personal), so `cached_sections` keeps them in the cache for a minute per page and language:
the home page then costs one cache read instead of a query per section. Publishing, unpublishing or
moving a page forgets them at once (`forget_cached_sections`, connected in hub/apps.py; a deleted live
page is unpublished first);
counters shown on the cards (votes, organisations using a component) may lag by up to
SECTION_CACHE_SECONDS. Only places whose sections never depend on the visitor may be cached.
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from rest_framework.fields import Field

PLACES = ("home", "guide", "component", "organisation")

_SECTIONS = {place: {} for place in PLACES}


def register_section(place, name, func):
    """Put `func(page, request)` in the context of the `place` pages as `name`. Registering again replaces it."""
    if place not in _SECTIONS:
        raise ValueError(f"Unknown place {place!r}: one of {', '.join(PLACES)}")
    _SECTIONS[place][name] = func


def sections(place, page, request):
    """The context entries every app contributes to a page of `place`."""
    return {name: func(page, request) for name, func in _SECTIONS[place].items()}


SECTION_CACHE_SECONDS = 60
_GENERATION_KEY = "hub:page-sections:generation"


def current_generation():
    """What the hub's public pages show, as a number that `forget_cached_sections` moves: the time
    (ns) of the last change. A generation lost from the cache (evicted) comes back as a new time,
    never as an earlier value that keys kept under it could match again."""
    generation = cache.get(_GENERATION_KEY)
    if generation is None:
        cache.add(_GENERATION_KEY, time.time_ns(), None)
        generation = cache.get(_GENERATION_KEY)
    return generation


def generation_age(generation):
    """Seconds since `generation` was set (hub.page_cache keeps no page rendered just after a change)."""
    return time.time() - generation / 1e9


def generation_key(name):
    """A cache key that `forget_cached_sections` makes stale (publish, unpublish, move, an idea saved...)."""
    return f"hub:page-sections:{current_generation()}:{name}"


def cached_sections(place, page, request):
    """`sections(place, page, request)`, kept SECTION_CACHE_SECONDS in the cache (same for every visitor)."""
    key = generation_key(f"{place}:{page.pk}:{translation.get_language()}")
    found = cache.get(key)
    if found is None:
        found = sections(place, page, request)
        cache.set(key, found, SECTION_CACHE_SECONDS)
    return found


def forget_cached_sections(**kwargs):
    """A page was published, unpublished or moved (or what a section shows changed): the cached
    sections, the pages of `hub.page_cache` and whatever else is kept under `generation_key` are
    rebuilt on their next read, in every process."""
    cache.set(_GENERATION_KEY, max(time.time_ns(), (cache.get(_GENERATION_KEY) or 0) + 1), None)


def forget_cached_sections_once_committed(**kwargs):
    """For model signals (an idea saved, an adoption, an endorsement, a page restriction): forget them
    once the writer's transaction commits, so that no reader caches the state it is replacing."""
    transaction.on_commit(forget_cached_sections)


class SectionField(Field):
    """A page section in the Wagtail API v2 (`APIField("linked_ideas", serializer=SectionField("component"))`):
    what the registered function returns (JSON-ready data), or None when no app registered it."""

    def __init__(self, place, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)
        self.place = place

    def to_representation(self, page):
        func = _SECTIONS[self.place].get(self.field_name)
        return None if func is None else func(page, self.context.get("request"))
