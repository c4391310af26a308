"""Every write on the idea board. Each function owns its transaction and tells search inside it.

Views call these and turn `IdeaActionError` into a message with the error's HTTP status.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

import search
from accounts.verification import unconfirmed_message
from hub.plain_text import single_line

from . import links, permissions, rate_limits, trending, voting
from .models import (
    Comment,
    Endorsement,
    Follow,
    Idea,
    IdeaLink,
    IdeaMerge,
    Notification,
    OfficialResponse,
    Report,
    StatusChange,
    Vote,
)
from .notifications import emails_suspended, notify

REPORTS_BEFORE_HIDING = 3
RATE_LIMITS = {
    # action: (how many, per seconds)
    "idea": (5, 3600),
    "comment": (30, 3600),
    "vote": (60, 60),
}


def edit_window_message():
    return _("Une idée se modifie dans les 30 minutes suivant sa publication et avant le premier vote.")


class IdeaActionError(Exception):
    """A refused action, with a French message for the member and the fitting HTTP status."""

    status = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class NotAllowed(IdeaActionError):
    status = 403


class AddressNotConfirmed(NotAllowed):
    """The member is signed in but has no confirmed email address yet."""

    def __init__(self):
        super().__init__(unconfirmed_message())


class Conflict(IdeaActionError):
    status = 409


class RateLimited(IdeaActionError):
    status = 429


_rate_limits_off = ContextVar("ideas_rate_limits_off", default=False)


@contextmanager
def bulk_load():
    """For demo and import scripts: no rate limits and no emails while loading many items at once."""
    token = _rate_limits_off.set(True)
    try:
        with emails_suspended():
            yield
    finally:
        _rate_limits_off.reset(token)


def check_rate_limit(user, action):
    """At most `limit` of `action` per member in a window of `window` seconds (`ideas.rate_limits`)."""
    if _rate_limits_off.get():
        return
    limit, window = RATE_LIMITS[action]
    if not rate_limits.count_and_check(user, action, limit, window):
        messages = {
            "idea": _("Vous avez proposé trop d'idées en peu de temps. Réessayez dans une heure."),
            "comment": _("Vous avez publié trop de commentaires en peu de temps. Réessayez plus tard."),
            "vote": _("Trop de votes en une minute. Patientez un instant avant de voter de nouveau."),
        }
        raise RateLimited(messages[action])


def _require_participant(user, sign_in_message):
    """Members take part once signed in and with a confirmed address."""
    if not permissions.is_member(user):
        raise NotAllowed(sign_in_message)
    if not permissions.may_participate(user):
        raise AddressNotConfirmed()


def _announce(idea):
    """Tell search, in the caller's transaction, that the idea changed (or left: hidden)."""
    search.announce(idea, removed=idea.is_hidden)


def _locked(idea_or_pk):
    pk = getattr(idea_or_pk, "pk", idea_or_pk)
    try:
        return Idea.objects.select_for_update().get(pk=pk)
    except Idea.DoesNotExist as exc:
        raise IdeaActionError(_("Cette idée n'existe pas.")) from exc


def _refresh_hot_score(idea):
    """The idea's trending score from its recent votes (ideas.trending), at once after a vote moves."""
    idea.refresh_from_db(fields=["vote_count", "comment_count", "follower_count"])
    idea.hot_score = trending.refresh_idea(idea.pk)


def follow(user, idea):
    """Follow an idea (idempotent). Call inside a transaction holding the idea's lock."""
    _, created = Follow.objects.get_or_create(idea=idea, user=user)
    if created:
        Idea.objects.filter(pk=idea.pk).update(follower_count=F("follower_count") + 1)
    return created


def unfollow(user, idea):
    with transaction.atomic():
        idea = _locked(idea)
        deleted, _details = Follow.objects.filter(idea=idea, user=user).delete()
        if deleted:
            Idea.objects.filter(pk=idea.pk).update(follower_count=F("follower_count") - deleted)
    return bool(deleted)


def follow_idea(user, idea):
    if not permissions.can_follow(user, idea):
        raise NotAllowed(_("Vous ne pouvez pas suivre cette idée."))
    with transaction.atomic():
        idea = _locked(idea)
        return follow(user, idea)


def propose_idea(user, *, title, problem, solution, benefits, organisation, themes=(), locale="fr"):
    _require_participant(user, _("Connectez-vous pour proposer une idée."))
    check_rate_limit(user, "idea")
    with transaction.atomic():
        idea = Idea(
            title=single_line(title).strip(),
            problem=problem.strip(),
            solution=solution.strip(),
            benefits=benefits.strip(),
            organisation=organisation,
            author=user,
            locale=locale if locale in Idea.Language.values else "fr",
        )
        idea.save()
        if themes:
            idea.themes.set(list(themes))
        StatusChange.objects.create(idea=idea, from_status="", to_status=idea.status, changed_by=user)
        follow(user, idea)
        idea.refresh_from_db()
        _announce(idea)
    return idea


def update_idea(user, idea, *, title, problem, solution, benefits, organisation, themes=()):
    with transaction.atomic():
        idea = _locked(idea)
        if not permissions.can_edit(user, idea):
            raise NotAllowed(edit_window_message())
        idea.title, idea.problem, idea.solution, idea.benefits = (
            single_line(title).strip(),
            problem.strip(),
            solution.strip(),
            benefits.strip(),
        )
        idea.organisation = organisation
        idea.save()
        idea.themes.set(list(themes))
        _announce(idea)
        links.announce_linked_pages(idea)  # the idea's words are in its pages' documents
    return idea


class IdeaNotFound(IdeaActionError):
    status = 404

    def __init__(self):
        super().__init__(_("Cette idée n'existe pas."))


def _vote_state(idea_pk):
    """The idea as a vote that changed nothing reads it: (vote count, takes votes)."""
    idea = Idea.objects.filter(pk=idea_pk).only("status", "is_hidden", "vote_count").first()
    if idea is None:
        raise IdeaNotFound()
    return idea.vote_count, not (idea.is_hidden or idea.is_closed)


def cast_vote(user, idea):
    """Add the member's vote to `idea` (an Idea or its pk): (the idea's vote count, created).

    A second vote by the same member (two clicks at once) changes nothing: (count, False).
    The vote costs five statements in one transaction (`ideas.voting`): the vote (its INSERT checks
    the confirmed address), the follow, the search outbox row, then the one UPDATE that moves the
    counters, checks that the idea still takes votes and returns the new count. That UPDATE takes
    the idea's row lock, which every other vote on the idea waits for, so only the COMMIT follows
    it; if the idea no longer takes votes, the whole transaction is undone. Why a vote was not
    added (no confirmed address, already there, idea closed) is asked only then.
    """
    idea_pk = getattr(idea, "pk", idea)
    if not permissions.is_member(user):
        raise NotAllowed(_("Connectez-vous pour voter."))
    check_rate_limit(user, "vote")
    closed_message = _("Cette idée n'accepte plus de votes.")
    with transaction.atomic():
        added = voting.insert_vote(user.pk, idea_pk)
        if added:
            followed = voting.follow_once(user.pk, idea_pk)
            search.announce(Idea(pk=idea_pk))
            votes = voting.move_counters(
                idea_pk, votes=1, followers=int(followed), hot_score=trending.FRESH_VOTE_WEIGHT
            )
            if votes is None:  # undo the vote and the follow: the idea is gone, or takes no votes
                _vote_state(idea_pk)  # IdeaNotFound when it is gone
                raise Conflict(closed_message)
    if added:
        return votes, True
    if not permissions.may_participate(user):
        raise AddressNotConfirmed()
    votes, open_for_votes = _vote_state(idea_pk)
    if not open_for_votes:
        raise Conflict(closed_message)
    return votes, False


def withdraw_vote(user, idea):
    """Remove the member's vote from `idea` (an Idea or its pk): (the idea's vote count, withdrawn).

    Three statements in one transaction: the DELETE returns when the vote was cast (what it takes
    from the trending score), the search outbox row, then the counters' UPDATE, which takes the
    idea's row lock last and returns the new count."""
    idea_pk = getattr(idea, "pk", idea)
    if not permissions.is_member(user):
        raise NotAllowed(_("Connectez-vous pour voter."))
    check_rate_limit(user, "vote")
    closed_message = _("Cette idée est fermée : son décompte des votes est figé.")
    with transaction.atomic():
        cast_at = voting.delete_vote(user.pk, idea_pk)
        if cast_at is not None:
            search.announce(Idea(pk=idea_pk))
            votes = voting.move_counters(idea_pk, votes=-1, hot_score=-trending.weight_now(cast_at))
            if votes is None:  # the vote stays: the idea is gone, or its count is frozen
                _vote_state(idea_pk)  # IdeaNotFound when it is gone
                raise Conflict(closed_message)
    if cast_at is not None:
        return votes, True
    # No vote, or withdrawn by the same member's other request.
    votes, open_for_votes = _vote_state(idea_pk)
    if not open_for_votes:
        raise Conflict(closed_message)
    return votes, False


def _no_endorsing_organisation_message(user):
    from hub.membership import declared_organisation

    if declared_organisation(user) is None:
        return _("Indiquez d'abord votre organisation dans votre profil pour l'engager.")
    return _("Votre appartenance à votre organisation n'est pas encore vérifiée : un administrateur doit l'approuver.")


def endorse(user, idea):
    """« Mon organisation appuie cette idée »: (idea, created). One per organisation, counted with F()."""
    if not permissions.is_member(user):
        raise NotAllowed(_("Connectez-vous pour appuyer une idée au nom de votre organisation."))
    organisation = permissions.endorsing_organisation(user)
    if organisation is None:
        raise NotAllowed(_no_endorsing_organisation_message(user))
    with transaction.atomic():
        idea = _locked(idea)
        if not permissions.can_endorse(user, idea):
            raise Conflict(_("Cette idée n'accepte plus d'appuis."))
        _endorsement, created = Endorsement.objects.get_or_create(
            idea=idea, organisation=organisation, defaults={"endorsed_by": user}
        )
        if created:
            Idea.objects.filter(pk=idea.pk).update(endorsement_count=F("endorsement_count") + 1)
            follow(user, idea)
    return idea, created


def withdraw_endorsement(user, idea):
    """Any verified member of the organisation may withdraw its endorsement: (idea, withdrawn)."""
    if not permissions.is_member(user):
        raise NotAllowed(_("Connectez-vous pour appuyer une idée au nom de votre organisation."))
    organisation = permissions.endorsing_organisation(user)
    if organisation is None:
        raise NotAllowed(_no_endorsing_organisation_message(user))
    with transaction.atomic():
        idea = _locked(idea)
        deleted, _details = Endorsement.objects.filter(idea=idea, organisation=organisation).delete()
        if deleted:
            Idea.objects.filter(pk=idea.pk).update(endorsement_count=F("endorsement_count") - deleted)
    return idea, bool(deleted)


def add_comment(user, idea, body, parent=None):
    _require_participant(user, _("Connectez-vous pour commenter."))
    body = (body or "").strip()
    if not body:
        raise IdeaActionError(_("Le commentaire est vide."))
    check_rate_limit(user, "comment")
    with transaction.atomic():
        idea = _locked(idea)
        if not permissions.can_comment(user, idea):
            raise Conflict(_("Cette idée n'accepte plus de commentaires."))
        if parent is not None:
            if parent.idea_id != idea.pk:
                raise IdeaActionError(_("Ce commentaire ne fait pas partie de cette idée."))
            if parent.parent_id:  # one level of replies: answer the thread's first comment
                parent = parent.parent
        comment = Comment.objects.create(idea=idea, author=user, body=body, parent=parent)
        Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + 1)
        follow(user, idea)
        _refresh_hot_score(idea)
        notify(idea, Notification.Kind.COMMENT, actor=user, comment=comment)
        _announce(idea)
    return comment


def edit_comment(user, comment, body):
    body = (body or "").strip()
    if not body:
        raise IdeaActionError(_("Le commentaire est vide."))
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        if not permissions.can_edit_comment(user, comment):
            raise NotAllowed(_("Un commentaire se modifie dans les 15 minutes suivant sa publication."))
        comment.body = body
        comment.edited_at = timezone.now()
        comment.save(update_fields=["body", "edited_at"])
    return comment


def _comment_counted(comment):
    return not comment.is_removed and not comment.is_hidden


def remove_comment(user, comment):
    """Soft delete by the author: the thread keeps a "commentaire retiré" placeholder."""
    with transaction.atomic():
        idea = _locked(comment.idea_id)
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        if not permissions.can_remove_comment(user, comment):
            raise NotAllowed(_("Seul l'auteur peut retirer ce commentaire."))
        counted = _comment_counted(comment)
        comment.is_removed = True
        comment.save(update_fields=["is_removed"])
        if counted:
            Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") - 1)
        _announce(idea)
    return comment


def _set_comment_hidden(comment, hidden):
    """Hide or show a comment, keeping the idea's counter right. Call under the idea's lock."""
    if comment.is_hidden == hidden:
        return
    before = _comment_counted(comment)
    comment.is_hidden = hidden
    comment.save(update_fields=["is_hidden"])
    after = _comment_counted(comment)
    if before != after:
        Idea.objects.filter(pk=comment.idea_id).update(comment_count=F("comment_count") + (1 if after else -1))


PUBLIC_ANSWER_REQUIRED = (Idea.Status.REJECTED, Idea.Status.MERGED)


def public_answer_required_message(status):
    if status == Idea.Status.MERGED:
        return _("Une fusion exige une réponse publique : expliquez aux abonnés pourquoi les idées sont réunies.")
    return _("Une idée non retenue exige une réponse publique qui explique pourquoi.")


def realisation_required_message():
    return _(
        "Une idée réalisée doit nommer ce qui la réalise : liez-la à une composante ou à un guide "
        "(« Réalisée par »), ou publiez une réponse officielle qui explique pourquoi."
    )


def set_status(moderator, idea, status, note="", public_answer="", expected_status=None):
    """Move an idea along its lifecycle, log it, and tell the author and followers once.

    `note` is the moderators' internal journal note: kept on the `StatusChange`, shown only to
    moderators, never notified. `public_answer` is the CQEN's answer to everyone: saved as an
    `OfficialResponse`, shown on the idea page and sent to the author and followers; Non retenue
    requires one. `expected_status` is the status the moderator saw when filling the form: a form
    sent twice (double click, reload) or after someone else's change is refused instead of repeating
    the change and its emails; the same answer is never published twice.
    """
    if not permissions.can_moderate(moderator):
        raise NotAllowed(_("Seule l'équipe de modération peut changer le statut d'une idée."))
    if status not in Idea.Status.values:
        raise IdeaActionError(_("Statut inconnu."))
    if status == Idea.Status.MERGED:
        raise IdeaActionError(_("Pour fusionner une idée, utilisez la fusion des doublons."))
    public_answer = (public_answer or "").strip()
    if status in PUBLIC_ANSWER_REQUIRED and not public_answer:
        raise IdeaActionError(public_answer_required_message(status))
    with transaction.atomic():
        idea = _locked(idea)
        if idea.status == Idea.Status.MERGED:
            raise Conflict(_("Une idée fusionnée ne change plus de statut."))
        if expected_status and expected_status != idea.status:
            raise Conflict(
                _("Le statut de cette idée a changé entre-temps (%(status)s) : rechargez la page avant de décider.")
                % {"status": idea.get_status_display()}
            )
        if status == idea.status:
            if not public_answer:
                raise Conflict(_("L'idée a déjà ce statut."))
            latest = OfficialResponse.objects.filter(idea=idea).first()
            if latest is not None and latest.text == public_answer:
                raise Conflict(_("Cette réponse officielle est déjà publiée."))
        if status == Idea.Status.DONE and not public_answer and not links.has_realisation(idea):
            raise IdeaActionError(realisation_required_message())
        change = StatusChange.objects.create(
            idea=idea, from_status=idea.status, to_status=status, changed_by=moderator, note=note.strip()
        )
        idea.status = status
        idea.save(update_fields=["status", "updated_at"])
        kind = Notification.Kind.RESPONSE if public_answer else Notification.Kind.STATUS
        if public_answer:
            OfficialResponse.objects.create(idea=idea, status_change=change, text=public_answer, author=moderator)
        notify(idea, kind, actor=moderator, detail=public_answer, include_author=True, status_change=change)
        _announce(idea)
    return idea


def link_page(moderator, idea, page, relation):
    """Name a component or guide that realises the idea or already answers it: (link, created).

    The link is kept by the page's `translation_key`, so every language of the page follows; linking
    the same page again changes its relation. The page's search document gains the idea's words."""
    if not permissions.can_moderate(moderator):
        raise NotAllowed(_("Seule l'équipe de modération peut lier une idée à une composante ou à un guide."))
    if relation not in IdeaLink.Relation.values:
        raise IdeaActionError(_("Choisissez le lien : « Réalisée par » ou « Réponse existante »."))
    kind = links.page_kind(page)
    if kind is None or not page.live:
        raise IdeaActionError(_("Choisissez une composante ou un guide publié."))
    with transaction.atomic():
        idea = _locked(idea)
        if idea.status == Idea.Status.MERGED:
            raise Conflict(_("Une idée fusionnée ne change plus : liez plutôt l'idée conservée."))
        link, created = IdeaLink.objects.get_or_create(
            idea=idea,
            page_translation_key=page.translation_key,
            defaults={"page_kind": kind, "relation": relation, "linked_by": moderator},
        )
        if not created and link.relation != relation:
            _check_realisation_kept(idea, leaving=link)
            link.relation = relation
            link.save(update_fields=["relation"])
        links.announce_linked_pages(idea)
        _announce(idea)
    return link, created


def _check_realisation_kept(idea, leaving):
    """A Réalisée idea keeps naming what realised it, unless a public answer says why not."""
    if idea.status != Idea.Status.DONE or leaving.relation != IdeaLink.Relation.REALISED_BY:
        return
    others = IdeaLink.objects.filter(idea=idea, relation=IdeaLink.Relation.REALISED_BY).exclude(pk=leaving.pk)
    if not others.exists() and not OfficialResponse.objects.filter(idea=idea).exists():
        raise Conflict(realisation_required_message())


def unlink_page(moderator, idea, link_id):
    """Remove one of the idea's links; the page's search document loses the idea's words."""
    if not permissions.can_moderate(moderator):
        raise NotAllowed(_("Seule l'équipe de modération peut lier une idée à une composante ou à un guide."))
    with transaction.atomic():
        idea = _locked(idea)
        link = IdeaLink.objects.filter(idea=idea, pk=link_id).first()
        if link is None:
            raise IdeaActionError(_("Ce lien n'existe plus."))
        _check_realisation_kept(idea, leaving=link)
        key = link.page_translation_key
        link.delete()
        links.announce_linked_pages(idea, extra_keys=[key])
        _announce(idea)


def merge_ideas(moderator, source, target, note="", response=""):
    """Fold duplicate `source` into `target`: votes and followers move once per member.

    The public `response` tells the source's followers why; it is required, like for Non retenue.
    """
    if not permissions.can_moderate(moderator):
        raise NotAllowed(_("Seule l'équipe de modération peut fusionner des idées."))
    if getattr(source, "pk", source) == getattr(target, "pk", target):
        raise IdeaActionError(_("Une idée ne peut pas être fusionnée avec elle-même."))
    response = (response or "").strip()
    if not response:
        raise IdeaActionError(public_answer_required_message(Idea.Status.MERGED))
    with transaction.atomic():
        first, second = sorted([getattr(source, "pk", source), getattr(target, "pk", target)])
        locked = {first: _locked(first), second: _locked(second)}  # always lock in the same order
        source = locked[getattr(source, "pk", source)]
        target = locked[getattr(target, "pk", target)]
        if source.status == Idea.Status.MERGED or target.status == Idea.Status.MERGED:
            raise Conflict(_("Une des deux idées est déjà fusionnée."))
        if target.is_hidden:
            raise Conflict(_("On ne fusionne pas dans une idée masquée."))

        source_followers = set(Follow.objects.filter(idea=source).values_list("user_id", flat=True))
        if source.author_id:
            source_followers.add(source.author_id)
        target_voters = Vote.objects.filter(idea=target).values("user_id")
        Vote.objects.filter(idea=source, user_id__in=target_voters).delete()
        votes_moved = Vote.objects.filter(idea=source).update(idea=target)
        target_followers = Follow.objects.filter(idea=target).values("user_id")
        Follow.objects.filter(idea=source, user_id__in=target_followers).delete()
        followers_moved = Follow.objects.filter(idea=source).update(idea=target)

        target_endorsers = Endorsement.objects.filter(idea=target).values("organisation_id")
        Endorsement.objects.filter(idea=source, organisation_id__in=target_endorsers).delete()
        endorsements_moved = Endorsement.objects.filter(idea=source).update(idea=target)

        # The components and guides that answered the duplicate now point to the idea kept.
        target_pages = IdeaLink.objects.filter(idea=target).values("page_translation_key")
        IdeaLink.objects.filter(idea=source, page_translation_key__in=target_pages).delete()
        IdeaLink.objects.filter(idea=source).update(idea=target)

        Idea.objects.filter(pk=target.pk).update(
            vote_count=F("vote_count") + votes_moved,
            follower_count=F("follower_count") + followers_moved,
            endorsement_count=F("endorsement_count") + endorsements_moved,
        )
        Idea.objects.filter(pk=source.pk).update(vote_count=0, follower_count=0, endorsement_count=0)
        change = StatusChange.objects.create(
            idea=source,
            from_status=source.status,
            to_status=Idea.Status.MERGED,
            changed_by=moderator,
            note=note.strip(),
        )
        OfficialResponse.objects.create(idea=source, status_change=change, text=response, author=moderator)
        source.status = Idea.Status.MERGED
        source.merged_into = target
        source.save(update_fields=["status", "merged_into", "updated_at"])
        IdeaMerge.objects.create(
            source=source, target=target, merged_by=moderator, votes_moved=votes_moved, followers_moved=followers_moved
        )
        _refresh_hot_score(source)
        _refresh_hot_score(target)
        # The source's followers now follow the target: tell them, once, where the conversation went.
        notify(
            source,
            Notification.Kind.MERGED,
            actor=moderator,
            detail=response,
            recipient_ids=source_followers,
            status_change=change,
        )
        _announce(source)
        _announce(target)
        links.announce_linked_pages(target)
    return target


def report(user, *, reason, note="", idea=None, comment=None):
    """A member flags an idea or a comment; three open reports hide it until a moderator decides."""
    _require_participant(user, _("Connectez-vous pour signaler un contenu."))
    if reason not in Report.Reason.values:
        raise IdeaActionError(_("Choisissez un motif de signalement."))
    target_idea = comment.idea if comment is not None else idea
    with transaction.atomic():
        locked_idea = _locked(target_idea)
        try:
            with transaction.atomic():
                Report.objects.create(
                    reporter=user, idea=locked_idea, comment=comment, reason=reason, note=(note or "").strip()[:1000]
                )
        except IntegrityError as exc:
            raise Conflict(_("Vous avez déjà signalé ce contenu.")) from exc
        if comment is not None:
            open_reports = Report.objects.filter(comment=comment, resolution="").count()
            if open_reports >= REPORTS_BEFORE_HIDING:
                comment = Comment.objects.select_for_update().get(pk=comment.pk)
                _set_comment_hidden(comment, True)
                _announce(locked_idea)
        else:
            open_reports = Report.objects.filter(idea=locked_idea, comment__isnull=True, resolution="").count()
            if open_reports >= REPORTS_BEFORE_HIDING and not locked_idea.is_hidden:
                locked_idea.is_hidden = True
                locked_idea.save(update_fields=["is_hidden", "updated_at"])
                _announce(locked_idea)
                links.announce_linked_pages(locked_idea)
    return open_reports


def moderate(moderator, *, decision, idea=None, comment=None):
    """Settle open reports: `restore` shows the content again, `hide` keeps (or makes) it hidden."""
    if not permissions.can_moderate(moderator):
        raise NotAllowed(_("Action réservée à l'équipe de modération."))
    if decision not in ("restore", "hide"):
        raise IdeaActionError(_("Décision inconnue."))
    hidden = decision == "hide"
    resolution = Report.Resolution.KEPT_HIDDEN if hidden else Report.Resolution.RESTORED
    with transaction.atomic():
        locked_idea = _locked(comment.idea_id if comment is not None else idea)
        if comment is not None:
            comment = Comment.objects.select_for_update().get(pk=comment.pk)
            _set_comment_hidden(comment, hidden)
            Report.objects.filter(comment=comment, resolution="").update(resolution=resolution, resolved_by=moderator)
        else:
            if locked_idea.is_hidden != hidden:
                locked_idea.is_hidden = hidden
                locked_idea.save(update_fields=["is_hidden", "updated_at"])
                links.announce_linked_pages(locked_idea)
            Report.objects.filter(idea=locked_idea, comment__isnull=True, resolution="").update(
                resolution=resolution, resolved_by=moderator
            )
        locked_idea.refresh_from_db()
        _announce(locked_idea)
    return comment or locked_idea
