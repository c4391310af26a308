"""Test settings: the same stack as production, with in-process mail and fast hashing."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405  load_demo and its tests; never in production
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# One process runs the whole suite (live server threads included): an in-memory cache is shared.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "hub-tests",
        "KEY_FUNCTION": "hub.cache.hashed_key",
    }
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Search: a unique index prefix per test session, so parallel runs and the dev index never mix.
# A prefix given in the environment wins: the browser tests' server and its `manage.py`
# commands run in other processes and must all use the index the session built.
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX") or f"test-{os.getpid()}-{os.urandom(3).hex()}"  # noqa: F405
# The page cache for anonymous visitors is off: tests/hub/test_page_cache.py turns it on where it is tested.
PAGE_CACHE_SECONDS = 0
# Tests that queue tasks in the database run the sync at once: tests/search/test_sync_queue.py tests
# the delay. (The fault and smoke tests run the production settings, delay included.)
SEARCH_SYNC_DELAY_SECONDS = 0
