from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from hub import permissions


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """A French error page that needs neither the database nor the request context."""
    return HttpResponseServerError(loader.get_template("500.html").render())


@require_GET
def translation_missing(request):
    """Where the language switcher leads when a page has no translation."""
    origin = request.GET.get("from", "")
    if not url_has_allowed_host_and_scheme(origin, allowed_hosts={request.get_host()}):
        origin = ""
    return render(request, "hub/translation_missing.html", {"origin": origin}, status=200)


@require_GET
def health(request):
    """Liveness probe for load balancers and docker-compose."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_GET
def publish_guide(request):
    """« Publier un guide », the home's third way in: straight to a new guide for those who write them,
    otherwise how guides get written (peer review, CQEN approval) and how to take part."""
    from hub.models import GuideIndexPage

    indexes = {index.locale.language_code: index for index in GuideIndexPage.objects.live().select_related("locale")}
    guide_index = indexes.get(translation.get_language()) or indexes.get("fr")
    if permissions.can_write_guide_under(request.user, guide_index):
        return redirect("wagtailadmin_pages:add", "hub", "guidepage", guide_index.pk)
    return render(request, "hub/publish_guide.html", {"guide_index": guide_index})
