"""Thin views: parse the request, check permissions, call `ideas.services`, render or redirect.

Every state change is a POST with CSRF. Actions answer JSON when the client sends
`Accept: application/json` (the progressive enhancement in static/js/ideas.js), a redirect otherwise.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import second_factor
from accounts.verification import unconfirmed_response
from hub import notification_centre

from . import finding, links, members, permissions, services
from .forms import (
    SORTS,
    CommentForm,
    IdeaFilterForm,
    IdeaForm,
    MergeForm,
    MergeSearchForm,
    PageLinkForm,
    ReportForm,
    StatusForm,
)
from .models import Comment, Endorsement, Follow, Idea, Notification, OfficialResponse, StatusChange, Vote
from .notifications import read_unsubscribe_token

PAGE_SIZE = 20


def _form_context(form, preview, editing):
    labels = {value: str(label) for value, label in Idea.Status.choices}
    similar = finding.similar_to_draft(preview["title"], preview["locale"]) if preview else None
    if similar:
        similar["ideas"] = [
            {**item.as_json(), "status_label": labels.get(item.status, "")} for item in similar["ideas"]
        ]
    return {
        "form": form,
        "preview": preview,
        "editing": editing,
        "status_labels": json.dumps(labels),
        "similar": similar,
    }


def _sign_in_first(request, reason):
    """Visitors who open a members' page are sent to the sign-in page (and back); a POST gets a 403."""
    if request.method == "GET" and not request.user.is_authenticated:
        try:
            return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
        except NoReverseMatch:
            pass
    return render(request, "ideas/login_required.html", {"reason": reason}, status=403)


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _error(request, exc, idea=None):
    if isinstance(exc, services.AddressNotConfirmed):
        return unconfirmed_response(request)
    if wants_json(request):
        return JsonResponse({"error": exc.message}, status=exc.status)
    return render(request, "ideas/action_error.html", {"message": exc.message, "idea": idea}, status=exc.status)


def _refuse_moderation(request, idea):
    """None when this session may moderate; otherwise the refusal (role missing, or second factor not passed)."""
    if not permissions.can_moderate(request.user):
        return _error(request, services.NotAllowed(_("Action réservée à l'équipe de modération.")), idea)
    if not permissions.passed_second_factor(request):
        return second_factor.required_response(request, idea.get_absolute_url())
    return None


def _back(request, idea, anchor=""):
    return redirect(idea.get_absolute_url() + anchor)


def _moderator_action(request, idea, action, done, anchor=""):
    """A moderator's POST on `idea`: the refusal when this session may not moderate, else `action()`;
    its `IdeaActionError` answers as every action's error does, its success with `done` and the idea."""
    refusal = _refuse_moderation(request, idea)
    if refusal is not None:
        return refusal
    try:
        action()
    except services.IdeaActionError as exc:
        return _error(request, exc, idea)
    messages.success(request, done)
    return _back(request, idea, anchor)


# What a vote's refusal or its answer to a form without scripts reads of the idea: no join, no text (an error page that
# names the idea loads the rest when it renders).
VOTE_FIELDS = ("id", "slug", "status", "is_hidden", "vote_count")


def _visible_idea(request, pk, queryset=None):
    if queryset is None:
        queryset = Idea.objects.select_related("organisation", "merged_into")
    idea = get_object_or_404(queryset, pk=pk)
    if not permissions.can_view(request.user, idea):
        raise Http404(_("Cette idée n'est pas disponible."))
    return idea


def _listing_queryset():
    return Idea.objects.visible().select_related("organisation", *members.author_relations()).prefetch_related("themes")


def _in_order(queryset, pks):
    """The rows of `pks` in that order (the search engine's relevance)."""
    position = {pk: index for index, pk in enumerate(pks)}
    return sorted(queryset.filter(pk__in=pks), key=lambda idea: position[idea.pk])


@require_GET
def idea_list(request):
    form = IdeaFilterForm(request.GET or None)
    status_counts = dict(Idea.objects.visible().order_by().values_list("status").annotate(total=Count("pk")))
    form.fields["statut"].choices = [("", _("Tous"))] + [
        (value, f"{label} ({status_counts.get(value, 0)})") for value, label in Idea.Status.choices
    ]
    ideas = _listing_queryset()
    sort, q, notice, matches = "tendances", "", None, None
    if form.is_valid():
        data = form.cleaned_data
        q = " ".join((data.get("q") or "").split())
        sort = data.get("tri") or ("pertinence" if q else sort)
        if q:
            matches, notice = finding.matching_ideas(q, (get_language() or "fr")[:2])
            ideas = ideas.filter(pk__in=matches)
        if data.get("statut"):
            ideas = ideas.filter(status=data["statut"])
        if data.get("theme"):
            ideas = ideas.filter(themes=data["theme"])
        if data.get("organisation"):
            ideas = ideas.filter(organisation=data["organisation"])
        if data.get("appuyee_par"):
            ideas = ideas.filter(
                Exists(Endorsement.objects.filter(idea=OuterRef("pk"), organisation=data["appuyee_par"]))
            )
        mine = data.get("mes")
        if mine and request.user.is_authenticated:
            if mine == "idees":
                ideas = ideas.filter(author=request.user)
            elif mine == "votes":
                ideas = ideas.filter(Exists(Vote.objects.filter(idea=OuterRef("pk"), user=request.user)))
            elif mine == "suivies":
                ideas = ideas.filter(Exists(Follow.objects.filter(idea=OuterRef("pk"), user=request.user)))
    if sort == "pertinence" and matches is None:
        sort = "tendances"  # relevance needs words to search
    ideas = _in_order(ideas, matches) if sort == "pertinence" else ideas.order_by(SORTS[sort][0], "-pk")
    page = Paginator(ideas, PAGE_SIZE).get_page(request.GET.get("page"))
    voted = set()
    if request.user.is_authenticated:
        voted = set(
            Vote.objects.filter(user=request.user, idea_id__in=[i.pk for i in page.object_list]).values_list(
                "idea_id", flat=True
            )
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "ideas/idea_list.html",
        {
            "filter_form": form,
            "page_obj": page,
            "ideas": page.object_list,
            "voted": voted,
            "sort": sort,
            "q": q,
            "search_notice": notice,
            "querystring": query.urlencode(),
        },
    )


@require_http_methods(["GET", "POST"])
def propose(request):
    if permissions.needs_confirmed_address(request.user):
        return unconfirmed_response(request)
    if not permissions.can_propose(request.user):
        return _sign_in_first(request, _("Connectez-vous pour proposer une idée."))
    preview = None
    organisation = members.organisation_of(request.user)
    if request.method == "POST":
        form = IdeaForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            if request.POST.get("action") == "publish":
                try:
                    idea = services.propose_idea(
                        request.user,
                        title=data["title"],
                        problem=data["problem"],
                        solution=data["solution"],
                        benefits=data["benefits"],
                        organisation=data["organisation"],
                        themes=data["themes"],
                        locale=data["locale"],
                    )
                except services.IdeaActionError as exc:
                    return _error(request, exc)
                messages.success(request, _("Votre idée est publiée. Merci !"))
                return redirect(idea.get_absolute_url())
            preview = data
    else:
        form = IdeaForm(initial={"organisation": organisation, "locale": (get_language() or "fr")[:2]})
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "ideas/idea_form.html", _form_context(form, preview, None), status=status)


@require_http_methods(["GET", "POST"])
def edit(request, pk):
    idea = _visible_idea(request, pk)
    if not permissions.can_edit(request.user, idea):
        return _error(request, services.NotAllowed(services.edit_window_message()), idea)
    preview = None
    if request.method == "POST":
        form = IdeaForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            if request.POST.get("action") == "publish":
                try:
                    services.update_idea(
                        request.user,
                        idea,
                        title=data["title"],
                        problem=data["problem"],
                        solution=data["solution"],
                        benefits=data["benefits"],
                        organisation=data["organisation"],
                        themes=data["themes"],
                    )
                except services.IdeaActionError as exc:
                    return _error(request, exc, idea)
                messages.success(request, _("Votre idée est modifiée."))
                return _back(request, idea)
            preview = data
    else:
        form = IdeaForm(
            initial={
                "title": idea.title,
                "problem": idea.problem,
                "solution": idea.solution,
                "benefits": idea.benefits,
                "organisation": idea.organisation,
                "themes": list(idea.themes.all()),
                "locale": idea.locale,
            }
        )
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "ideas/idea_form.html", _form_context(form, preview, idea), status=status)


@require_GET
def detail(request, pk, slug=None):
    idea = _visible_idea(request, pk)
    if slug != idea.slug:
        return redirect(idea.get_absolute_url(), permanent=True)
    user = request.user
    is_moderator = permissions.can_moderate(user)
    comments = (
        idea.comments.filter(parent__isnull=True)
        .select_related(*members.author_relations())
        .prefetch_related(
            Prefetch(
                "replies", queryset=Comment.objects.select_related(*members.author_relations()).order_by("created_at")
            )
        )
    )
    has_voted = is_following = False
    if user.is_authenticated:
        has_voted = Vote.objects.filter(idea=idea, user=user).exists()
        is_following = Follow.objects.filter(idea=idea, user=user).exists()
    endorsements = list(idea.endorsements.select_related("organisation"))
    my_organisation = permissions.endorsing_organisation(user)
    endorsed = my_organisation is not None and any(e.organisation_id == my_organisation.pk for e in endorsements)
    context = {
        "idea": idea,
        "author_name": (
            _("Personne non inscrite")  # an imported idea whose author has not signed up yet
            if idea.author_id is None and idea.imported_author_email
            else members.display_name(idea.author)
        ),
        "comments": comments,
        "timeline": StatusChange.objects.filter(idea=idea).select_related(
            "official_response", *members.author_relations("changed_by")
        ),
        "official_response": OfficialResponse.objects.filter(idea=idea).select_related("author").first(),
        "has_voted": has_voted,
        "is_following": is_following,
        "can_vote": permissions.can_vote(user, idea),
        "endorsements": endorsements,
        "my_organisation": my_organisation,
        "endorsed": endorsed,
        "can_endorse": permissions.can_endorse(user, idea),
        "can_edit": permissions.can_edit(user, idea),
        "can_comment": permissions.can_comment(user, idea),
        "can_follow": permissions.can_follow(user, idea),
        "needs_confirmed_address": permissions.needs_confirmed_address(user),
        "is_moderator": is_moderator,
        "comment_form": CommentForm(),
        "status_form": StatusForm(initial={"status": idea.status, "current": idea.status}) if is_moderator else None,
        "page_links": links.links_of_idea(idea, request),
        "link_form": PageLinkForm() if is_moderator and idea.status != Idea.Status.MERGED else None,
        "share_url": request.build_absolute_uri(idea.get_absolute_url()),
        "now": timezone.now(),
    }
    return render(request, "ideas/idea_detail.html", context)


@require_GET
def detail_redirect(request, pk):
    return redirect(_visible_idea(request, pk).get_absolute_url(), permanent=True)


@require_POST
def vote(request, pk):
    """Vote, or withdraw the vote (action=withdraw). The idea is read only to answer an error or a
    form without scripts: a vote answered in JSON costs the statements of `services.cast_vote`."""
    withdraw = request.POST.get("action") == "withdraw"
    try:
        if withdraw:
            votes, _changed = services.withdraw_vote(request.user, pk)
            message = _("Votre vote est retiré.")
        else:
            votes, _changed = services.cast_vote(request.user, pk)
            message = _("Votre vote est enregistré.")
    except services.IdeaActionError as exc:
        # An idea this visitor may not see (or none) is a 404, whatever the refusal.
        return _error(request, exc, _visible_idea(request, pk, Idea.objects.only(*VOTE_FIELDS)))
    if wants_json(request):
        return JsonResponse({"votes": votes, "voted": not withdraw, "message": message})
    messages.success(request, message)
    return _back(request, _visible_idea(request, pk, Idea.objects.only(*VOTE_FIELDS)), "#vote")


@require_POST
def endorse(request, pk):
    """« Mon organisation appuie cette idée », or withdraw it (action=withdraw)."""
    idea = _visible_idea(request, pk)
    withdraw = request.POST.get("action") == "withdraw"
    try:
        if withdraw:
            idea, _changed = services.withdraw_endorsement(request.user, idea)
            message = _("L'appui de votre organisation est retiré.")
        else:
            idea, _changed = services.endorse(request.user, idea)
            message = _("Votre organisation appuie cette idée.")
    except services.IdeaActionError as exc:
        return _error(request, exc, idea)
    idea.refresh_from_db(fields=["endorsement_count"])
    if wants_json(request):
        return JsonResponse({"endorsements": idea.endorsement_count, "endorsed": not withdraw, "message": message})
    messages.success(request, message)
    return _back(request, idea, "#appuis")


@require_POST
def follow(request, pk):
    idea = _visible_idea(request, pk)
    try:
        if request.POST.get("action") == "unfollow":
            if not permissions.is_member(request.user):
                raise services.NotAllowed(_("Connectez-vous pour suivre une idée."))
            services.unfollow(request.user, idea)
            message, following = _("Vous ne suivez plus cette idée."), False
        else:
            services.follow_idea(request.user, idea)
            message, following = _("Vous suivez cette idée."), True
    except services.IdeaActionError as exc:
        return _error(request, exc, idea)
    if wants_json(request):
        return JsonResponse({"following": following, "message": message})
    messages.success(request, message)
    return _back(request, idea)


@require_POST
def comment(request, pk):
    idea = _visible_idea(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        message = next(iter(form.errors.values()))[0]
        return _error(request, services.IdeaActionError(message), idea)
    parent = None
    if form.cleaned_data.get("parent"):
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"], idea=idea).first()
        if parent is None:
            return _error(
                request, services.IdeaActionError(_("Le commentaire auquel vous répondez n'existe plus.")), idea
            )
    try:
        new = services.add_comment(request.user, idea, form.cleaned_data["body"], parent=parent)
    except services.IdeaActionError as exc:
        return _error(request, exc, idea)
    messages.success(request, _("Votre commentaire est publié."))
    return _back(request, idea, f"#commentaire-{new.pk}")


@require_http_methods(["GET", "POST"])
def comment_edit(request, pk):
    item = get_object_or_404(Comment.objects.select_related("idea"), pk=pk)
    idea = item.idea
    if not permissions.can_view(request.user, idea):
        raise Http404
    if not permissions.can_edit_comment(request.user, item):
        return _error(
            request,
            services.NotAllowed(_("Un commentaire se modifie dans les 15 minutes suivant sa publication.")),
            idea,
        )
    form = CommentForm(request.POST or None, initial={"body": item.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_comment(request.user, item, form.cleaned_data["body"])
        except services.IdeaActionError as exc:
            return _error(request, exc, idea)
        messages.success(request, _("Votre commentaire est modifié."))
        return _back(request, idea, f"#commentaire-{item.pk}")
    status = 400 if request.method == "POST" else 200
    return render(request, "ideas/comment_edit.html", {"form": form, "comment": item, "idea": idea}, status=status)


@require_POST
def comment_remove(request, pk):
    item = get_object_or_404(Comment.objects.select_related("idea"), pk=pk)
    try:
        services.remove_comment(request.user, item)
    except services.IdeaActionError as exc:
        return _error(request, exc, item.idea)
    messages.success(request, _("Votre commentaire est retiré."))
    return _back(request, item.idea, f"#commentaire-{item.pk}")


@require_http_methods(["GET", "POST"])
def report(request, pk, kind="idea"):
    if kind == "comment":
        item = get_object_or_404(Comment.objects.select_related("idea"), pk=pk, is_hidden=False, is_removed=False)
        idea = item.idea
    else:
        item = idea = _visible_idea(request, pk)
    if not permissions.can_view(request.user, idea):
        raise Http404
    if permissions.needs_confirmed_address(request.user):
        return unconfirmed_response(request)
    if not permissions.can_report(request.user):
        return _sign_in_first(request, _("Connectez-vous pour signaler un contenu."))
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report(
                request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                idea=idea,
                comment=item if kind == "comment" else None,
            )
        except services.IdeaActionError as exc:
            return _error(request, exc, idea)
        messages.success(request, _("Merci : votre signalement sera examiné par l'équipe de modération."))
        return _back(request, idea)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "ideas/report_form.html", {"form": form, "item": item, "idea": idea, "kind": kind}, status=status
    )


@require_POST
def change_status(request, pk):
    idea = get_object_or_404(Idea, pk=pk)

    def change():
        form = StatusForm(request.POST, idea=idea)
        if not form.is_valid():
            message = form.errors["response"][0] if "response" in form.errors else _("Choisissez un statut valide.")
            raise services.IdeaActionError(message)
        data = form.cleaned_data
        services.set_status(
            request.user,
            idea,
            data["status"],
            note=data["note"],
            public_answer=data["response"],
            expected_status=data["current"],
        )

    return _moderator_action(request, idea, change, _("Le statut de l'idée est mis à jour."))


@require_POST
def link_page(request, pk):
    """A moderator names a component or guide that realises the idea or already answers it."""
    idea = get_object_or_404(Idea, pk=pk)

    def link():
        form = PageLinkForm(request.POST)
        if not form.is_valid():
            raise services.IdeaActionError(next(iter(form.errors.values()))[0])
        services.link_page(request.user, idea, form.cleaned_data["page"], form.cleaned_data["relation"])

    return _moderator_action(request, idea, link, _("Le lien est enregistré."), "#realisations")


@require_POST
def unlink_page(request, pk, link_id):
    idea = get_object_or_404(Idea, pk=pk)
    return _moderator_action(
        request,
        idea,
        lambda: services.unlink_page(request.user, idea, link_id),
        _("Le lien est retiré."),
        "#realisations",
    )


def _merge_candidates(idea, pks):
    """The ideas a duplicate may be merged into, in the order of `pks`: open to it, not itself."""
    candidates = Idea.objects.visible().exclude(pk=idea.pk).exclude(status=Idea.Status.MERGED)
    return _in_order(candidates.select_related("organisation"), pks)


@require_http_methods(["GET", "POST"])
def merge(request, pk):
    """The merge picker: suggested duplicates, a title search (a plain GET form, enhanced by ideas.js
    to update while typing) and the merge itself (POST)."""
    idea = get_object_or_404(Idea.objects.select_related("organisation"), pk=pk)
    if request.method == "GET" and not request.user.is_authenticated:
        return _sign_in_first(request, _("Action réservée à l'équipe de modération."))
    refusal = _refuse_moderation(request, idea)
    if refusal is not None:
        return refusal
    if request.method == "POST":
        form = MergeForm(request.POST)
        if form.is_valid():
            target = Idea.objects.filter(pk=form.cleaned_data["target"]).first()
            if target is None:
                return _error(request, services.IdeaActionError(_("Aucune idée ne porte ce numéro.")), idea)
            try:
                services.merge_ideas(
                    request.user, idea, target, form.cleaned_data["note"], form.cleaned_data["response"]
                )
            except services.IdeaActionError as exc:
                return _error(request, exc, idea)
            messages.success(request, _("Les idées sont fusionnées."))
            return redirect(target.get_absolute_url())
        if "target" not in form.errors and not request.POST.get("picker"):
            # The short form of older pages: answer with the first error, as every action does.
            return _error(request, services.IdeaActionError(next(iter(form.errors.values()))[0]), idea)
    else:
        form = MergeForm()
    picker = MergeSearchForm(request.GET)
    q = picker.cleaned_data["q"] if picker.is_valid() else ""
    found, notice = [], None
    if q:
        pks, notice = finding.matching_ideas(q, (get_language() or "fr")[:2], limit=20)
        if q.isdigit():
            pks = [int(q), *pks]
        found = _merge_candidates(idea, pks)
    found_pks = {candidate.pk for candidate in found}
    suggested = [c for c in _merge_candidates(idea, finding.similar_ideas(idea)) if c.pk not in found_pks]
    context = {
        "idea": idea,
        "form": form,
        "picker": picker,
        "q": q,
        "found": found,
        "suggested": suggested,
        "search_notice": notice,
        "chosen": str(request.POST.get("target", "")),
    }
    if request.GET.get("partiel"):
        return render(request, "ideas/_merge_results.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "ideas/merge_picker.html", context, status=status)


@require_POST
def comment_moderate(request, pk):
    item = get_object_or_404(Comment.objects.select_related("idea"), pk=pk)
    decision = "hide" if request.POST.get("decision") == "hide" else "restore"
    return _moderator_action(
        request,
        item.idea,
        lambda: services.moderate(request.user, decision=decision, comment=item),
        _("Décision de modération enregistrée."),
        f"#commentaire-{item.pk}",
    )


@require_http_methods(["GET", "POST"])
def notifications(request):
    """The member's notification centre: the idea board's notifications and every other app's notices
    (component proposals...), newest first, through `hub.notification_centre`."""
    if not request.user.is_authenticated:
        return _sign_in_first(request, _("Connectez-vous pour voir vos notifications."))
    if request.method == "POST":
        keys = request.POST.getlist("notification")
        notification_centre.mark_read(request.user, keys or None)
        messages.success(request, _("Notifications marquées comme lues."))
        return redirect("ideas:notifications")
    page = Paginator(notification_centre.Timeline(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "ideas/notifications.html", {"page_obj": page, "notices": page.object_list})


@csrf_exempt  # the signed token is the proof; mail clients POST here for one-click unsubscribe (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        user_id, idea_id = read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "ideas/unsubscribe.html", {"invalid": True}, status=400)
    idea = Idea.objects.filter(pk=idea_id).first() if idea_id else None
    done = False
    if request.method == "POST":
        scope = request.POST.get("scope") or ("idea" if idea else "all")
        if scope != "all" and idea is None:
            return render(request, "ideas/unsubscribe.html", {"invalid": True}, status=404)
        if scope != "all":
            Follow.objects.filter(user_id=user_id, idea=idea).update(email=False)
        else:
            Follow.objects.filter(user_id=user_id).update(email=False)
            member = get_user_model().objects.filter(pk=user_id).first()
            profile = members.profile_of(member)
            if profile is not None and hasattr(profile, "notification_preference"):
                profile.notification_preference = members.NOTIFY_NONE
                profile.save(update_fields=["notification_preference"])
            if member is not None:
                notification_centre.stop_emails(member)  # what other apps keep for the digest
        Notification.objects.filter(recipient_id=user_id, email_pending=True).filter(
            **({"idea": idea} if scope != "all" else {})
        ).update(email_pending=False)
        done = True
    return render(request, "ideas/unsubscribe.html", {"idea": idea, "done": done, "token": token})
