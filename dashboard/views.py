"""The « Tableau de bord du CQEN » in the Wagtail admin: the tables, their CSV files and their SVG charts.

Views only parse the filters and check who is asking (dashboard.permissions); the figures come
from dashboard.figures through the tables of dashboard.tables.
"""

import csv

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dashboard import charts
from dashboard.forms import DashboardFilterForm
from dashboard.permissions import can_view_dashboard
from dashboard.tables import TABLES, TABLES_BY_SLUG


def _allowed(request):
    if not can_view_dashboard(request.user):
        raise PermissionDenied


def _table(slug):
    table = TABLES_BY_SLUG.get(slug)
    if table is None:
        raise Http404
    return table


def _filter_error(form):
    return HttpResponseBadRequest(
        " ".join(str(error) for errors in form.errors.values() for error in errors),
        content_type="text/plain; charset=utf-8",
    )


@require_GET
def dashboard(request):
    _allowed(request)
    form = DashboardFilterForm(request.GET)
    sections = []
    status = 200
    if not form.is_valid():
        status = 400
    else:
        filters = form.filters()
        query = request.GET.urlencode()
        for table in TABLES:
            rows = table.display_rows(filters)
            entry = {"table": table, "headings": table.column_headings(), "rows": rows, "query": query}
            if not sections or sections[-1]["title"] != table.section:
                sections.append({"title": table.section, "tables": []})
            sections[-1]["tables"].append(entry)
    return TemplateResponse(
        request,
        "dashboard/dashboard.html",
        {"page_title": _("Tableau de bord du CQEN"), "header_icon": "table", "form": form, "sections": sections},
        status=status,
    )


def _filters_or_error(request):
    form = DashboardFilterForm(request.GET)
    if not form.is_valid():
        return None, _filter_error(form)
    return form.filters(), None


@require_GET
def table_csv(request, slug):
    _allowed(request)
    table = _table(slug)
    filters, error = _filters_or_error(request)
    if error:
        return error
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{timezone.localdate():%Y-%m-%d}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with accents correctly
    writer = csv.writer(response)
    writer.writerow([str(heading) for heading in table.column_headings()])
    writer.writerows(table.display_rows(filters))
    return response


@require_GET
def table_chart(request, slug):
    _allowed(request)
    table = _table(slug)
    if table.chart is None:
        raise Http404
    filters, error = _filters_or_error(request)
    if error:
        return error
    svg = charts.render(table, table.column_headings(), table.display_rows(filters))
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
