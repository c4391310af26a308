"""The public face of the organisations taking part, and the hub's public report (« Bilan du hub »)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from hub import organisations
from hub.models import Organisation


@require_GET
def organisation_list(request):
    return render(request, "hub/organisation_list.html", {"organisations": organisations.participating_organisations()})


@require_GET
def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not organisations.has_public_page(organisation, request):
        raise Http404
    return render(request, "hub/organisation_detail.html", organisations.profile(organisation, request))


@require_GET
def public_report(request):
    return render(request, "hub/public_report.html", organisations.public_report())
