"""`make bench` only: the production settings, the demo content and two measuring views.

bench/urls.py adds, beside the hub's routes, Django's smallest view and a minimal authenticated
POST (session, CSRF, one row-locked UPDATE): the yardsticks the bench compares the hub's pages and
its vote to. Production never uses this module, so those routes never exist there.
"""

from .production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405  load_demo --force-demo: the pages need content
ROOT_URLCONF = "bench.urls"
# Django's smallest view is the yardstick of rendering: never served from the page cache.
PAGE_CACHE_SKIP_PREFIXES = [*PAGE_CACHE_SKIP_PREFIXES, "/banc/"]  # noqa: F405
