"""The second factor, per session: what the admins and the public moderation actions ask.

allauth records each authentication step of a session (password, mfa, socialaccount...). Having
enrolled an authenticator is not enough: the session itself must show an `mfa` step, so a password
alone never opens the admins. Enrolling an authenticator proves the person holds it (they typed its
code), so it counts as that step for the session in which it happened.
"""

import time

from allauth.account import app_settings as account_settings
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY, get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from accounts.roles import has_staff_role

# Authenticators that are a second factor in their own right (recovery codes only stand in for them).
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
# Where to go once enrolment and the recovery codes are done (the admin page that sent them there).
AFTER_ENROLMENT_KEY = "accounts_after_second_factor"
SIGN_IN_METHODS = {"password", "mfa", "socialaccount"}  # steps of signing in (and of reauthenticating)


def is_enrolled(user):
    return is_mfa_enabled(user, SECOND_FACTORS)


def passed_in_session(request):
    """True when this session's authentication records include a second-factor step."""
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def must_pass(request):
    """Staff roles, and anyone with an authenticator, pass the second factor in this session."""
    user = request.user
    return user.is_authenticated and (has_staff_role(user) or is_enrolled(user)) and not passed_in_session(request)


def record_enrolment(request, user, authenticator):
    """An authenticator just enrolled (its code typed) counts as this session's second-factor step.

    Only for a session allauth signed in (its records belong to this user); otherwise allauth's
    `mfa_reauthenticate` asks for a code as usual.
    """
    records = get_authentication_records(request, user)
    if not records:
        return
    step = {"method": "mfa", "at": time.time(), "id": authenticator.pk, "type": authenticator.type, "enrolled": True}
    request.session[AUTHENTICATION_METHODS_SESSION_KEY] = [*records, step]


def signed_in_moments_ago(request):
    """The last sign-in step of this session is younger than allauth's reauthentication window."""
    if request is None or not request.user.is_authenticated:
        return False
    steps = [r for r in get_authentication_records(request, request.user) if r.get("method") in SIGN_IN_METHODS]
    return bool(steps) and time.time() - steps[-1].get("at", 0) < account_settings.REAUTHENTICATION_TIMEOUT


def remember_destination(request, path):
    request.session[AFTER_ENROLMENT_KEY] = path


def destination_after_enrolment(request):
    """Where the recovery codes page continues: the page that asked for enrolment, else the admin or the 2FA page."""
    path = request.session.get(AFTER_ENROLMENT_KEY)
    if path and url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()}):
        return path
    return "/admin/" if has_staff_role(request.user) else reverse("mfa_index")


def where_to_pass(request, next_path):
    """The page where this person passes the second factor, then comes back to `next_path`."""
    if not is_enrolled(request.user):
        remember_destination(request, next_path)
        return reverse("mfa_activate_totp")
    return f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_path})}"


def required_response(request, next_path):
    """403 for an action that needs the second factor: say so, and link to the page where to pass it."""
    if is_enrolled(request.user):
        message = _("Cette action demande le code de votre application d'authentification pour cette session.")
    else:
        message = _(
            "Cette action demande l'authentification à deux facteurs : activez d'abord une application "
            "d'authentification."
        )
    context = {"message": message, "pass_url": where_to_pass(request, next_path)}
    return render(request, "accounts/second_factor_required.html", context, status=403)
