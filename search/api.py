"""The stable JSON API: /api/v1/search/, /api/v1/search/suggest/, /api/v1/search/similar-ideas/
(`results`: ideas like a draft; `answers`: components and guides that may already answer it)."""

from django.http import JsonResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search import services
from search.insight import is_counted
from search.params import MAX_QUERY_LENGTH, InvalidSearch, parse, parse_locale

SUGGEST_MIN_LENGTH = 2


def _language():
    return "en" if (get_language() or "fr").startswith("en") else "fr"


def _error(message, status=400):
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


def _json(payload):
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})


@require_GET
def search(request):
    try:
        params = parse(request.GET, language=_language())
    except InvalidSearch as exc:
        return _error(str(exc))
    answer = services.name_organisations(services.search(params, recommend=True), request)
    return services.respond(_json(answer.as_json()), answer, params.language, is_counted(params, request.GET))


@require_GET
def suggest(request):
    q = " ".join((request.GET.get("q") or "").split())
    try:
        if len(q) > MAX_QUERY_LENGTH:
            raise InvalidSearch(_("La recherche est trop longue : %(max)s caractères au maximum.") % {"max": 200})
        language = parse_locale(request.GET, _language())
    except InvalidSearch as exc:
        return _error(str(exc))
    suggestions = services.suggest(q, language) if len(q) >= SUGGEST_MIN_LENGTH else []
    return _json({"query": q, "suggestions": [s.as_json() for s in suggestions]})


@require_GET
def similar_ideas(request):
    text = (request.GET.get("q") or "").strip()
    try:
        if len(text) > 2000:
            raise InvalidSearch(_("Le texte est trop long : 2000 caractères au maximum."))
        locale = parse_locale(request.GET, _language())
    except InvalidSearch as exc:
        return _error(str(exc))
    results = services.similar_ideas(text, locale) if len(text) >= 3 else []
    answers = services.similar_answers(text, locale) if len(text) >= 3 else []
    return _json({"results": [idea.as_json() for idea in results], "answers": [item.as_json() for item in answers]})
