"""Who may do what on the idea board. Views, templates and services all ask this module."""

from datetime import timedelta

from django.utils import timezone

from accounts.verification import has_verified_address, needs_confirmation

IDEA_EDIT_WINDOW = timedelta(minutes=30)
COMMENT_EDIT_WINDOW = timedelta(minutes=15)


def is_member(user):
    return bool(user and user.is_authenticated and user.is_active)


def may_participate(user):
    """Proposing, voting, commenting and reporting: a signed-in member with a confirmed address."""
    return is_member(user) and has_verified_address(user)


def needs_confirmed_address(user):
    """A member who would participate once their address is confirmed."""
    return is_member(user) and needs_confirmation(user)


def can_moderate(user):
    return is_member(user) and user.has_perm("ideas.moderate_idea")


def can_propose(user):
    return may_participate(user)


def passed_second_factor(request):
    """Moderating on the public site needs the second factor passed in this session, as the admins do."""
    from accounts.second_factor import passed_in_session

    return passed_in_session(request)


def can_view(user, idea):
    return not idea.is_hidden or can_moderate(user)


def can_vote(user, idea):
    """Members vote on open, visible ideas; closed ideas (done, rejected, merged) take no votes."""
    return may_participate(user) and not idea.is_hidden and not idea.is_closed


def can_edit(user, idea, now=None):
    """The author edits for 30 minutes after proposing, and only until the first vote."""
    now = now or timezone.now()
    return (
        is_member(user)
        and idea.author_id == user.pk
        and idea.vote_count == 0
        and now - idea.created_at <= IDEA_EDIT_WINDOW
        and not idea.is_hidden
    )


def can_comment(user, idea):
    return may_participate(user) and not idea.is_hidden and idea.status != idea.Status.MERGED


def can_edit_comment(user, comment, now=None):
    now = now or timezone.now()
    return (
        is_member(user)
        and comment.author_id == user.pk
        and not comment.is_removed
        and not comment.is_hidden
        and now - comment.created_at <= COMMENT_EDIT_WINDOW
    )


def can_remove_comment(user, comment):
    return is_member(user) and comment.author_id == user.pk and not comment.is_removed


def can_report(user):
    return may_participate(user)


def can_follow(user, idea):
    return is_member(user) and not idea.is_hidden


def endorsing_organisation(user):
    """The organisation a member may endorse for: only a verified membership (hub.membership) counts."""
    if not is_member(user):
        return None
    from hub.membership import verified_organisation

    return verified_organisation(user)


def can_endorse(user, idea):
    """A verified member endorses open, visible ideas on behalf of their organisation."""
    return not idea.is_hidden and not idea.is_closed and endorsing_organisation(user) is not None
