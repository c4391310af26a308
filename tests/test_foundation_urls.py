"""URLconf for the 500-page test: the site's routes plus a view that fails."""

from django.urls import path

from hub.urls import handler404, handler500  # noqa: F401
from hub.urls import urlpatterns as site_urlpatterns


def _boom(request):
    raise RuntimeError("secret traceback detail")


urlpatterns = [path("boom/", _boom), *site_urlpatterns]
