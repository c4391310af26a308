"""Refuse a URL carrying control characters before any view, form or query sees it.

PostgreSQL refuses NUL bytes in text (`DataError`), search engines and email headers choke on
others: a control character has no business in a path or a query string. The visitor gets a 400
with a message in their language (in the site layout, or JSON under /api/).

The same middleware refuses one hostile path value that Wagtail's own admin views let through:
a chooser's `<str:pk>` handed to the database as it is (see `process_view`).
"""

import re

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# Unicode category Cc: C0 controls (NUL, TAB, CR, LF...), DEL and C1 controls.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def has_control_characters(text):
    return bool(CONTROL_CHARACTERS.search(text))


def _url_is_hostile(request):
    if has_control_characters(request.path):
        return True
    return any(
        has_control_characters(key) or any(has_control_characters(value) for value in values)
        for key, values in request.GET.lists()
    )


class RejectControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _url_is_hostile(request):
            return self.refuse(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Wagtail's choosers (`.../chosen/<str:pk>/`) look the key up as it is: a key that is not a
        number was a 500 (ValueError). Every model the hub's admins choose from has numeric keys."""
        pk = view_kwargs.get("pk")
        route = getattr(request.resolver_match, "route", "")
        if isinstance(pk, str) and "<str:pk>" in route and route.startswith("admin/") and not pk.isdigit():
            raise Http404

    def refuse(self, request):
        message = _(
            "L'adresse demandée contient un caractère de contrôle (un octet nul, par exemple) : "
            "elle ne peut pas être traitée. Vérifiez le lien ou retapez l'adresse."
        )
        if request.path.startswith("/api/"):
            return JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})
        return render(request, "hub/bad_request.html", {"message": message}, status=400)
