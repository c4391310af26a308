"""Read-only Wagtail API v2 at /api/v2/: pages (live and public only), images and documents.

Wagtail's viewsets trust two numbers: `id` of the find view and `offset` of the listings. Ours
check them first, so that a word or a huge number gets a 400 rather than a 500. The API's own
`search` parameter is off (`WAGTAILAPI_SEARCH_ENABLED`): the hub's search API is /api/v1/search/.
"""

from django.utils.translation import gettext as _
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

# The largest primary key and offset a PostgreSQL bigint holds.
LARGEST_INTEGER = 2**63 - 1


def _bounded_integer(request, name):
    raw = request.GET.get(name)
    if raw is None:
        return
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if not 0 <= value <= LARGEST_INTEGER:
        raise BadRequestError(_("Le paramètre « %(name)s » doit être un nombre entier positif.") % {"name": name})


class BoundedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        _bounded_integer(request, "offset")
        return super().paginate_queryset(queryset, request, view)


class CheckedNumbersMixin:
    pagination_class = BoundedPagination

    def find_object(self, queryset, request):
        _bounded_integer(request, "id")
        return super().find_object(queryset, request)


class HubPagesAPIViewSet(CheckedNumbersMixin, PagesAPIViewSet):
    pass


class HubImagesAPIViewSet(CheckedNumbersMixin, ImagesAPIViewSet):
    pass


class HubDocumentsAPIViewSet(CheckedNumbersMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", HubPagesAPIViewSet)
api_router.register_endpoint("images", HubImagesAPIViewSet)
api_router.register_endpoint("documents", HubDocumentsAPIViewSet)
