"""The circuit breaker in front of the search engine, shared by every process through the cache.

A node that refuses connections fails at once, but a hung one (accepting connections, never
answering) makes each request wait the whole timeout. So after one failure to reach it the engine
is marked down in the shared cache for `SEARCH_BREAKER_SECONDS`: searches answer from the
database at once and index writes stay in the outbox without trying. When that period is over,
one caller (a `cache.add` lock) probes the node with a short ping (`SEARCH_PROBE_TIMEOUT`); an
answer closes the breaker, silence opens it for another period. Whoever closes it retries the
outbox at once (`search.services`, `search.indexing`), without waiting for the outbox's backoff.

Only `EngineUnavailable` (cannot connect, timed out) trips the breaker: an engine that answers
with an error (a bad request, a missing index) is up.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

from hub.page_sections import forget_cached_sections

logger = logging.getLogger(__name__)

CLOSED, OPEN, JUST_CLOSED = "closed", "open", "just-closed"


def now():
    return time.time()


def _key(transport):
    return f"search:breaker:{transport.url}"


def is_open(transport):
    return cache.get(_key(transport)) is not None


def trip(transport, error=""):
    """Mark the engine down: no request reaches it before the next probe."""
    cache.set(
        _key(transport),
        {"probe_at": now() + settings.SEARCH_BREAKER_SECONDS, "error": str(error)[:500]},
        timeout=None,
    )
    logger.warning("Recherche : moteur marqué indisponible pour %ss (%s).", settings.SEARCH_BREAKER_SECONDS, error)
    forget_cached_sections()  # no page kept by hub.page_cache shows the engine's answers any more


def close(transport):
    cache.delete(_key(transport))
    forget_cached_sections()  # the engine answers again: pages kept meanwhile show the fallback's


def state(transport):
    """CLOSED (use the engine), OPEN (do not), or JUST_CLOSED: this call's probe found the node
    answering again, the caller uses the engine and must retry the pending index writes."""
    down = cache.get(_key(transport))
    if down is None:
        return CLOSED
    if now() < down["probe_at"]:
        return OPEN
    lock = f"{_key(transport)}:probe"
    if not cache.add(lock, True, timeout=max(1, int(settings.SEARCH_PROBE_TIMEOUT * 4))):
        return OPEN  # another caller is probing
    try:
        answering = transport.ping(timeout=settings.SEARCH_PROBE_TIMEOUT)
    finally:
        cache.delete(lock)
    if not answering:
        trip(transport, down.get("error") or "probe: no answer")
        return OPEN
    close(transport)
    logger.info("Recherche : le moteur répond de nouveau, disjoncteur refermé.")
    return JUST_CLOSED
