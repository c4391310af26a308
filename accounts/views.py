"""Profile, "Mes données" and account deletion. Views parse and authorise; services do the work."""

import json

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import privacy
from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.models import Invitation
from accounts.profiles import get_profile
from hub import membership


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=get_profile(request.user))
    if request.method == "POST":
        if form.is_valid():
            form.save()
            organisation = form.cleaned_data["organisation"]
            outcome = membership.choose_organisation(request.user, organisation)
            messages.success(request, _("Votre profil a été enregistré."))
            if outcome == "pending":
                messages.info(
                    request,
                    _(
                        "%(organisation)s ne compte pas le domaine de votre adresse vérifiée : votre demande "
                        "d'adhésion attend l'approbation d'un administrateur."
                    )
                    % {"organisation": organisation},
                )
            elif outcome == "refused":
                messages.warning(
                    request,
                    _("Votre demande d'adhésion à %(organisation)s a été refusée par un administrateur.")
                    % {"organisation": organisation},
                )
            return redirect("accounts:profile")
        status = 400
    else:
        status = 200
    context = {"form": form, "verified_organisation": membership.verified_organisation(request.user)}
    return render(request, "accounts/profile.html", context, status=status)


@login_required
@require_GET
def my_data(request):
    return render(request, "accounts/my_data.html", {"PRIVACY_OFFICER_EMAIL": settings.PRIVACY_OFFICER_EMAIL})


@login_required
@require_GET
def download_my_data(request):
    """The whole export as one JSON file."""
    payload = json.dumps(privacy.export_user_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    filename = f"hub-cqen-mes-donnees-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            privacy.delete_account(request.user)
            logout(request)
            messages.success(request, _("Votre compte a été supprimé et vos renseignements personnels effacés."))
            return redirect("accounts:deleted")
        return render(request, "accounts/delete_account.html", {"form": form}, status=400)
    return render(request, "accounts/delete_account.html", {"form": form})


@require_GET
def account_deleted(request):
    return render(request, "accounts/account_deleted.html")


@require_GET
def accept_invitation(request, token):
    """The link sent with an invitation: the address is known to be the invitee's, go to sign-up."""
    invitation = Invitation.objects.filter(token=token, accepted_at__isnull=True).first()
    if invitation is None:
        raise Http404(_("Cette invitation n'existe pas ou a déjà été utilisée."))
    if request.user.is_authenticated:
        logout(request)
    get_adapter(request).stash_verified_email(request, invitation.email)
    return redirect(f"{reverse('account_signup')}?{urlencode({'email': invitation.email})}")
