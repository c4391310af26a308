import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hub import permissions


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


DATABASE_AWAY_RETRY_AFTER = 30  # seconds: a restart or a failover of PostgreSQL


def server_error(request):
    """A French error page that needs neither the database nor the request context.

    When the error is the database being away (restarted, failing over), the answer is a 503 with
    Retry-After, not a 500: nothing is broken in the hub, the person only has to come back."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        return database_unavailable(request)
    return HttpResponseServerError(loader.get_template("500.html").render())


def database_away_message():
    return _("Le Hub du CQEN est temporairement indisponible. Réessayez dans quelques instants.")


def database_unavailable(request):
    """503 rendered from a static template: no session, no user, no translation lookup in the database."""
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"error": database_away_message()}, status=503, json_dumps_params={"ensure_ascii": False}
        )
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(DATABASE_AWAY_RETRY_AFTER)
    return response


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
