"""A page cache for anonymous visitors: a page rendered for one is served to the next ones.

Most of the hub's traffic is people reading without signing in: the home, guides, the catalogue,
ideas, searches. Rendering such a page costs tens of milliseconds of Python (templates, Wagtail's
routing, the ORM) for a result that is the same for every anonymous visitor. With
`PAGE_CACHE_SECONDS` > 0 (production: 30), `AnonymousPageCacheMiddleware` keeps that result in the
process's memory and serves it again, until one of these comes first:

- **what pages show changed**: the generation of `hub.page_sections` moved (a page published,
  unpublished or moved, an idea or an endorsement saved, an adoption, the search engine's documents
  written, its breaker opened or closed). The generation lives in the shared cache, so every process
  forgets its pages at once; it is read once per request (one cache read, no rendering);
- `PAGE_CACHE_SECONDS` have passed: what changes without a signal (vote counters moved by UPDATE,
  "3 days ago") lags by that much at most, for anonymous visitors only.

What is never served from it, nor kept in it:
- anyone with a session (signed in, or an anonymous visitor the site wrote a session for), or with
  any cookie other than the CSRF and language cookies; requests other than GET;
- responses other than 200, streaming responses, responses that set a cookie, write the session, or
  say `Cache-Control: private`, `no-cache` or `no-store` (a search answered from the database while
  the engine is down does: the answer must follow the engine's return);
- a page rendered within `PAGE_CACHE_SETTLE_SECONDS` (2) after the generation moved: the change may not be visible
  everywhere yet (the search engine makes a written document searchable within its refresh
  interval, about a second); it is served, not kept.

The key is the scheme, host, full path, `Accept` header and active language. A page with a form
keeps a placeholder where its CSRF token was; each visitor gets a token of their own in it
(`django.middleware.csrf.get_token`, so the CSRF middleware sets their cookie as it would have).
The page's CSP header is kept with its body: the nonce in the inline tags matches it.
A view may ask for work to happen on every hit as it would on a miss (`on_hit`: the search counts
of `search.insight`).

Memory: at most `MAX_BYTES` of bodies per process, the least recently used forgotten first.
"""

import re
import secrets
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers

from hub.page_sections import current_generation, generation_age

MAX_BYTES = 32 * 1024 * 1024
ALLOWED_COOKIES = frozenset({settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME})
UNCACHEABLE = ("private", "no-cache", "no-store")
DROPPED_HEADERS = ("Content-Length", "Date", "Expires")

# `{% csrf_token %}` renders this field; a page keeps one token value (the context's) in every form.
_TOKEN_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
_TOKEN_LIKE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_PLACEHOLDER = f"<!--hub-csrf-{secrets.token_hex(16)}-->".encode()  # never in content: random per process


def on_hit(response, func, *args):
    """Call `func(*args)` each time this response is served again from the cache (a search counted)."""
    response.page_cache_on_hit = (func, args)
    return response


class _Entry:
    __slots__ = ("body", "expires", "has_token", "headers", "hook")

    def __init__(self, body, headers, expires, has_token, hook):
        self.body, self.headers, self.expires, self.has_token, self.hook = body, headers, expires, has_token, hook


class _Store:
    """Bodies in the process's memory, least recently used forgotten first past `max_bytes`."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.size = 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()
        self.generation = None

    def follow(self, generation):
        """Pages kept under an earlier generation are never served again: free their memory now."""
        if generation != self.generation:
            with self.lock:
                self.entries.clear()
                self.size = 0
                self.generation = generation

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry.expires <= time.monotonic():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        if len(entry.body) > self.max_bytes // 8:
            return
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = entry
            self.size += len(entry.body)
            while self.size > self.max_bytes:
                self._drop(next(iter(self.entries)))

    def _drop(self, key):
        self.size -= len(self.entries.pop(key).body)

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


_store = _Store(MAX_BYTES)


def clear():
    """Forget every page this process keeps (tests)."""
    _store.clear()


def _servable(request):
    if request.method != "GET" or not settings.PAGE_CACHE_SECONDS:
        return False
    if any(name not in ALLOWED_COOKIES for name in request.COOKIES):
        return False  # a session (signed in or not), messages, or a cookie the hub does not know
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not request.path.startswith(tuple(settings.PAGE_CACHE_SKIP_PREFIXES))


def _key(request, generation):
    return (
        generation,
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        request.META.get("HTTP_ACCEPT", ""),
        getattr(request, "LANGUAGE_CODE", ""),
    )


def _entry(request, response):
    """What to keep of `response`, or None when it must not be served to anyone else."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in UNCACHEABLE):
        return None
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return None
    body = response.content
    has_token = bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
    if has_token:
        tokens = set(_TOKEN_FIELD.findall(body))
        if len(tokens) != 1:
            return None  # no form field for the token that was asked for, or several: not ours to replace
        body = body.replace(tokens.pop(), _PLACEHOLDER)
    if _TOKEN_LIKE.search(body):
        return None  # something like a CSRF token left in the page: it would be another visitor's
    headers = [(name, value) for name, value in response.items() if name not in DROPPED_HEADERS]
    hook = getattr(response, "page_cache_on_hit", None)
    return _Entry(body, headers, time.monotonic() + settings.PAGE_CACHE_SECONDS, has_token, hook)


def _replay(request, entry):
    body = entry.body
    if entry.has_token:
        body = body.replace(_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(body)
    for name, value in entry.headers:
        response[name] = value
    patch_vary_headers(response, ("Cookie",))
    if entry.hook is not None:
        func, args = entry.hook
        func(*args)
    return response


class AnonymousPageCacheMiddleware:
    """After the session, locale, common and CSRF middleware (the key needs the language and the
    host checked; a hit needs the visitor's CSRF secret), before authentication and the views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _servable(request):
            return self.get_response(request)
        try:
            generation = current_generation()
        except Exception:  # the shared cache is unreachable (the database restarting): render as usual
            return self.get_response(request)
        _store.follow(generation)
        key = _key(request, generation)
        entry = _store.get(key)
        if entry is not None:
            return _replay(request, entry)
        response = self.get_response(request)
        if generation_age(generation) >= settings.PAGE_CACHE_SETTLE_SECONDS:
            entry = _entry(request, response)
            if entry is not None:
                _store.put(key, entry)
        patch_vary_headers(response, ("Cookie",))
        return response
