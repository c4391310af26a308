"""Session safety for every request: idle timeout, ended sessions of deactivated accounts, second-factor gate."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts import second_factor

LAST_ACTIVITY_KEY = "accounts_last_activity"
SESSION_START_KEY = "accounts_session_start"  # sessions last SESSION_COOKIE_AGE at most, however active
# Write the activity timestamp at most once a minute so that reads don't all become session writes.
ACTIVITY_RESOLUTION = 60
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def _second_factor_gate(request):
    """Both admins need the second factor passed in this very session (accounts.second_factor)."""
    if not request.path.startswith(ADMIN_PREFIXES) or not second_factor.must_pass(request):
        return None
    if second_factor.is_enrolled(request.user):
        messages.info(
            request,
            _("Entrez le code de votre application d'authentification pour accéder à l'administration."),
        )
    else:
        messages.warning(
            request,
            _(
                "Votre rôle donne accès à l'administration : activez d'abord l'authentification à deux "
                "facteurs (application d'authentification)."
            ),
        )
    return redirect(second_factor.where_to_pass(request, request.get_full_path()))


class AccountSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self._check_session(request)
            if response is not None:
                return response
        elif request.session.get("_auth_user_id"):
            # The account behind this session was deactivated or deleted: end the session.
            request.session.flush()
        return self.get_response(request)

    def _check_session(self, request):
        now = int(time.time())
        started = request.session.setdefault(SESSION_START_KEY, now)
        last = request.session.get(LAST_ACTIVITY_KEY)
        if now - started > settings.SESSION_COOKIE_AGE:
            return self._expire(request, _("Votre session a expiré. Reconnectez-vous."))
        if last is not None and now - last > settings.SESSION_IDLE_TIMEOUT:
            return self._expire(request, _("Votre session a expiré après une période d'inactivité. Reconnectez-vous."))
        if last is None or now - last >= ACTIVITY_RESOLUTION:
            request.session[LAST_ACTIVITY_KEY] = now
        return _second_factor_gate(request)

    def _expire(self, request, message):
        logout(request)
        messages.info(request, message)
        return redirect(f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}")
