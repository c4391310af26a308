"""Public write paths of the catalogue, reached through each page's own routes.

Reader feedback on guides and components, adoption declarations, messages to a component's
referent, and members' component proposals (on the catalogue index). Thin views: parse the form,
check the rules, hand over to a service (hub.services, hub.referents, hub.proposals), then
POST/redirect/GET. Errors re-render with the form and a fitting status (400, 404, 409, 429, 503).
"""

import hashlib

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.verification import unconfirmed_response
from hub import services
from hub.forms import UsageDeclarationForm, UsefulnessForm
from hub.membership import declared_organisation
from hub.models import PageFeedback
from hub.permissions import can_declare_usage, member_organisation, needs_confirmed_address


def _post_only():
    """405 with a French explanation: these addresses only receive the page's forms."""
    return HttpResponseNotAllowed(["POST"], content=_("Ce formulaire s'envoie avec le bouton de la page."))


def _client_key(request):
    """A salted hash of the client's address: enough to rate-limit, never stored in clear.

    The address is allauth's adapter's, so the limit follows the client, not the reverse proxy.
    """
    address = get_adapter(request).get_client_ip(request)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def _rerender(page, request, status, **context):
    response = page.render(request, context_overrides=context)
    response.status_code = status
    return response


def _back_to(page, request, anchor):
    return HttpResponseRedirect(page.get_url(request) + anchor)


def _no_membership(user):
    """Why a member cannot act for an organisation: none chosen, or one not verified yet."""
    declared = declared_organisation(user)
    if declared is None:
        return _("Indiquez d'abord votre organisation dans votre profil pour déclarer une utilisation.")
    return _(
        "Votre appartenance à %(organisation)s n'est pas vérifiée : elle attend l'approbation d'un administrateur."
    ) % {"organisation": declared}


def submit_feedback(page, request, form_class):
    """Usefulness answers and problem reports: honeypot, per-IP rate limit, then one row."""
    if request.method != "POST":
        return _post_only()
    form = form_class(request.POST)
    form_key = "usefulness_form" if form_class is UsefulnessForm else "problem_form"
    if form.is_bot():
        return _rerender(
            page, request, 400, feedback_error=_("Votre message n'a pas pu être traité. Réessayez plus tard.")
        )
    if not services.feedback_allowed(_client_key(request)):
        return _rerender(
            page,
            request,
            429,
            feedback_error=_(
                "Vous avez envoyé beaucoup de messages en peu de temps. Merci ! Réessayez dans une heure."
            ),
        )
    if not form.is_valid():
        return _rerender(page, request, 400, **{form_key: form})
    if form_class is UsefulnessForm:
        useful = form.cleaned_data["useful"] == "oui"
        kind = PageFeedback.Kind.USEFUL if useful else PageFeedback.Kind.NOT_USEFUL
        message = "" if useful else form.cleaned_data["reason"]
        confirmation = _("Merci pour votre réponse : elle nous aide à améliorer cette page.")
    else:
        kind, message = PageFeedback.Kind.PROBLEM, form.cleaned_data["description"]
        confirmation = _("Merci ! Votre signalement a été transmis à l'équipe éditoriale.")
    services.record_feedback(page, kind, message, language=get_language() or "fr")
    messages.success(request, confirmation)
    return _back_to(page, request, "#retroaction")


def _refuse_adoption_change(page, request):
    """None when this request may change the component's adoption registry; otherwise the answer:
    405 to anything but the form's POST, the confirmation page, or the sign-in page for visitors."""
    if request.method != "POST":
        return _post_only()
    if needs_confirmed_address(request.user):
        return unconfirmed_response(request)
    if not can_declare_usage(request.user):
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(page.get_url(request))
    return None


def declare_usage(page, request):
    """Declare that "Mon organisation utilise cette composante" (POST, signed-in members with an organisation)."""
    refusal = _refuse_adoption_change(page, request)
    if refusal is not None:
        return refusal
    organisation = member_organisation(request.user)
    if organisation is None:
        return _rerender(
            page,
            request,
            403 if declared_organisation(request.user) else 400,
            adoption_error=_no_membership(request.user),
        )
    form = UsageDeclarationForm(request.POST)
    if not form.is_valid():
        return _rerender(page, request, 400, usage_form=form)
    try:
        services.declare_usage(page, organisation, request.user, form.cleaned_data["use_case"])
    except services.DuplicateUsage as exc:
        return _rerender(page, request, 409, adoption_error=str(exc))
    messages.success(
        request, _("C'est noté : %(organisation)s figure parmi les utilisatrices.") % {"organisation": organisation}
    )
    return _back_to(page, request, "#adoption")


def withdraw_usage(page, request):
    """Remove one's organisation from the users of a component."""
    refusal = _refuse_adoption_change(page, request)
    if refusal is not None:
        return refusal
    organisation = member_organisation(request.user)
    if organisation is None and declared_organisation(request.user) is not None:
        return _rerender(page, request, 403, adoption_error=_no_membership(request.user))
    if organisation is None or not services.withdraw_usage(page, organisation):
        return _rerender(
            page, request, 404, adoption_error=_("Votre organisation n'avait pas déclaré utiliser cette composante.")
        )
    messages.success(request, _("Votre organisation a été retirée des utilisatrices de cette composante."))
    return _back_to(page, request, "#adoption")


def contact_referent(page, request):
    """Write to the component's referent: the hub relays the message by email, the address stays hidden."""
    from hub import referents
    from hub.forms import ReferentMessageForm
    from hub.permissions import can_contact_referent

    if request.method != "POST":
        return _post_only()
    referent = referents.referent_of(page)
    if referent is None:
        return _rerender(page, request, 404, referent_error=_("Cette composante n'a pas de référent à joindre."))
    if needs_confirmed_address(request.user):
        return unconfirmed_response(request)
    if not can_contact_referent(request.user):
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(page.get_url(request) + "#contacter-referent")
    form = ReferentMessageForm(request.POST)
    if form.is_bot():
        return _rerender(page, request, 400, referent_error=_("Votre message n'a pas pu être traité."))
    if not form.is_valid():
        return _rerender(page, request, 400, referent_form=form)
    if not referents.contact_allowed(request.user):
        return _rerender(
            page,
            request,
            429,
            referent_form=form,
            referent_error=_("Vous avez écrit à plusieurs référents aujourd'hui. Réessayez demain."),
        )
    try:
        referents.relay_to_referent(
            page,
            referent,
            request.user,
            form.cleaned_data["message"],
            request.build_absolute_uri(page.get_url(request)),
        )
    except referents.RelayFailed:
        return _rerender(
            page,
            request,
            503,
            referent_form=form,
            referent_error=_("Le message n'a pas pu être envoyé pour le moment. Réessayez dans quelques minutes."),
        )
    messages.success(request, _("Votre message a été transmis au référent, qui vous répondra par courriel."))
    return _back_to(page, request, "#contacter-referent")


def propose_component(index, request):
    """« Proposer une composante »: members fill the essentials, a draft enters the editors' workflow."""
    from django.contrib.auth.views import redirect_to_login
    from django.template.response import TemplateResponse

    from hub import proposals
    from hub.forms import ComponentProposalForm
    from hub.permissions import can_propose_component

    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if needs_confirmed_address(request.user):
        return unconfirmed_response(request)
    if not can_propose_component(request.user):
        return redirect_to_login(request.get_full_path())
    form, status, error = ComponentProposalForm(), 200, ""
    if request.method == "POST":
        form = ComponentProposalForm(request.POST)
        if form.is_bot():
            status, error = 400, _("Votre proposition n'a pas pu être traitée.")
        elif not form.is_valid():
            status = 400
        elif not proposals.proposal_allowed(request.user):
            status, error = 429, _("Vous avez proposé plusieurs composantes aujourd'hui. Réessayez demain.")
        else:
            proposal = proposals.propose_component(index, request.user, form.component_fields())
            messages.success(
                request,
                _("Merci ! « %(title)s » est soumise à l'équipe éditoriale. Vous serez informé à chaque étape.")
                % {"title": proposal.page.title},
            )
            return HttpResponseRedirect(index.url + index.reverse_subpage("my_proposals"))
    context = {"page": index, "self": index, "form": form, "proposal_error": error}
    return TemplateResponse(request, "hub/component_proposal_form.html", context, status=status)


def my_proposals(index, request):
    """« Mes propositions »: each proposal of the member with what happened at each review step."""
    from django.contrib.auth.views import redirect_to_login
    from django.template.response import TemplateResponse

    from hub import proposals

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    items = list(proposals.proposals_of(request.user))
    unread = {notice.pk for item in items for notice in item.notices.all() if notice.read_at is None}
    proposals.mark_notices_read(request.user)
    context = {"page": index, "self": index, "proposals": items, "unread": unread}
    return TemplateResponse(request, "hub/my_component_proposals.html", context)
