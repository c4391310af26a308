"""The hub's routes, plus the two yardsticks of `make bench` (hub.settings.bench only)."""

from django.urls import path

from bench import views
from hub.urls import handler404, handler500  # noqa: F401
from hub.urls import urlpatterns as hub_urlpatterns

urlpatterns = [
    path("banc/minimal/", views.smallest, name="bench_smallest"),
    path("banc/vote-minimal/<int:pk>/", views.minimal_vote, name="bench_minimal_vote"),
    *hub_urlpatterns,
]
