"""The search page (/recherche/): plain GET form, works without JavaScript."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from search import services
from search.insight import is_counted
from search.params import InvalidSearch, parse
from search.presentation import facet_groups, pagination

PAGE_SIZE = 10


@require_GET
def search_page(request):
    language = "en" if (get_language() or "fr").startswith("en") else "fr"
    context = {"search_query": request.GET.get("q", "")[:200], "error": None, "result": None}
    try:
        params = parse(request.GET, language=language, default_page_size=PAGE_SIZE)
    except InvalidSearch as exc:
        context["error"] = str(exc)
        return render(request, "search/search_page.html", context, status=400)
    context["params"] = params
    if not (params.q or params.filters):
        return render(request, "search/search_page.html", context)
    result = services.name_organisations(services.search(params, recommend=True), request)
    context.update(
        result=result, facets=facet_groups(result, params, request.GET), pages=pagination(result, request.GET)
    )
    response = render(request, "search/search_page.html", context)
    return services.respond(response, result, language, is_counted(params, request.GET))
