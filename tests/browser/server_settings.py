"""Settings of the server the browser tests drive: the test settings, with a mail outbox on disk.

The browser tests run the hub in a separate process (see conftest.py); the journeys read the
confirmation links from the files Django's file-based mail backend writes in HUB_BROWSER_MAIL_DIR.
"""

import os
from pathlib import Path

from hub.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["HUB_BROWSER_MAIL_DIR"]
MEDIA_ROOT = Path(os.environ["HUB_BROWSER_MEDIA_ROOT"])
SERVE_MEDIA = True  # DEBUG is off, as in production: the hub serves the demo illustrations itself
WAGTAILADMIN_BASE_URL = os.environ["HUB_BROWSER_BASE_URL"]
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
