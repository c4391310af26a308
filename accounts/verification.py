"""A confirmed address: what member actions need, and how someone without one is told to confirm it.

Proposing, voting, commenting, reporting and declaring an adoption all ask `has_verified_address`;
a refusal answers 403 with a French message and the link to send the confirmation again.
"""

from allauth.account.models import EmailAddress
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _


def has_verified_address(user):
    """True when the signed-in account has at least one confirmed email address."""
    if not getattr(user, "is_authenticated", False):
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def needs_confirmation(user):
    """Signed in, but with no confirmed address yet: told how to confirm rather than to sign in."""
    return bool(getattr(user, "is_authenticated", False) and not has_verified_address(user))


def unconfirmed_message():
    return _(
        "Confirmez d'abord votre adresse courriel : proposer, voter, commenter, signaler ou déclarer une "
        "utilisation demande une adresse confirmée. Le lien de confirmation se trouve dans le courriel reçu "
        "à l'inscription ; vous pouvez le recevoir de nouveau."
    )


def confirm_url():
    """The page that sends the confirmation email again (allauth's address management)."""
    return reverse("account_email")


def unconfirmed_response(request):
    """403: the member's address is not confirmed yet; JSON for the page's scripts, a page otherwise."""
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"error": unconfirmed_message(), "confirm_url": confirm_url()}, status=403)
    return render(
        request,
        "accounts/address_unconfirmed.html",
        {"message": unconfirmed_message(), "confirm_url": confirm_url()},
        status=403,
    )
