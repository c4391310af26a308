"""Yardsticks for `make bench`: what the same stack costs with (almost) nothing to do.

`smallest` is Django's smallest view behind the whole middleware stack; `minimal_vote` is the least
an authenticated vote can be: the session, the CSRF check and one UPDATE that locks the idea's row.
The bench divides the vote's throughput by this one's.
"""

from django.db import transaction
from django.db.models import F
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_POST

from ideas.models import Idea


def smallest(request):
    return HttpResponse("ok", content_type="text/plain")


@require_POST
def minimal_vote(request, pk):
    if not request.user.is_authenticated:
        return JsonResponse({"error": "connexion requise"}, status=403)
    with transaction.atomic():
        Idea.objects.filter(pk=pk).update(vote_count=F("vote_count") + 1)
    return JsonResponse({"ok": True})
