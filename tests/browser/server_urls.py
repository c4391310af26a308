"""URLs of the browser tests' server: the hub's own, plus its media files.

The server runs with DEBUG off, as in production, so Django's `static()` helper serves nothing;
demo illustrations and their renditions must load for the weight budgets and axe to see them.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from hub.urls import handler404, handler500  # noqa: F401 - the hub's error pages
from hub.urls import urlpatterns as hub_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *hub_urlpatterns,
]
