"""URLconf for the 500-page test: the site's routes plus a view that fails."""

from django.db import OperationalError
from django.urls import path

from hub.urls import handler404, handler500  # noqa: F401
from hub.urls import urlpatterns as site_urlpatterns


def _boom(request):
    raise RuntimeError("secret traceback detail")


def _database_away(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


urlpatterns = [
    path("boom/", _boom),
    path("base-absente/", _database_away),
    path("api/base-absente/", _database_away),
    *site_urlpatterns,
]
