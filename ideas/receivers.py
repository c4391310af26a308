"""The idea board's answers to events of other apps: users deleted in an admin, members signing up.

Counters: an administrator may delete a user in the Wagtail admin (one or in bulk) or in
django-admin; the database cascades their votes and follows away, which the counters on `Idea`
never see. Before the deletion we note which ideas the user voted on or followed; once their rows
are gone (same transaction), those ideas' counters are recounted from their rows, under lock.

Imported authors: an idea imported with the address of someone who has no account waits in
`Idea.imported_author_email`; it becomes theirs when they sign up and confirm that address.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_delete

import search
from hub.page_sections import forget_cached_sections_once_committed

from . import trending
from .models import Comment, Endorsement, Follow, Idea, IdeaLink, OfficialResponse, Vote

_IDEAS_TO_RECOUNT = "_ideas_to_recount"


def note_ideas_to_recount(sender, instance, **kwargs):
    ideas = set(Vote.objects.filter(user=instance).values_list("idea_id", flat=True))
    ideas |= set(Follow.objects.filter(user=instance).values_list("idea_id", flat=True))
    setattr(instance, _IDEAS_TO_RECOUNT, sorted(ideas))


def recount_ideas(sender, instance, **kwargs):
    """After the user and their rows are deleted: counters equal rows again (bulk deletions too)."""
    for idea in Idea.objects.select_for_update().filter(pk__in=getattr(instance, _IDEAS_TO_RECOUNT, [])).order_by("pk"):
        idea.vote_count = Vote.objects.filter(idea=idea).count()
        idea.follower_count = Follow.objects.filter(idea=idea).count()
        Idea.objects.filter(pk=idea.pk).update(vote_count=idea.vote_count, follower_count=idea.follower_count)
        idea.hot_score = trending.refresh_idea(idea.pk)
        if not idea.is_hidden:
            search.announce(idea)  # the index shows the vote count; recorded in this transaction


def connect():
    from allauth.account.signals import email_confirmed, user_signed_up

    email_confirmed.connect(on_email_confirmed, dispatch_uid="ideas_attach_imported_on_confirmation")
    user_signed_up.connect(on_user_signed_up, dispatch_uid="ideas_attach_imported_on_signup")
    pre_delete.connect(note_ideas_to_recount, sender=settings.AUTH_USER_MODEL, dispatch_uid="ideas_user_votes_noted")
    post_delete.connect(recount_ideas, sender=settings.AUTH_USER_MODEL, dispatch_uid="ideas_user_counters_recounted")
    # An idea saved (hidden by reports, closed, retitled) or deleted: the home's cached cards are rebuilt
    # once the change is committed, not a minute later. Votes move the counters by UPDATE and keep the
    # cache (the cards' vote counts may lag, hub.page_sections).
    forget = forget_cached_sections_once_committed
    post_save.connect(forget, sender=Idea, dispatch_uid="ideas_home_cards_forgotten_on_save")
    post_delete.connect(forget, sender=Idea, dispatch_uid="ideas_home_cards_forgotten_on_delete")
    # An endorsement declared or withdrawn changes which organisations take part (hub.organisations).
    post_save.connect(forget, sender=Endorsement, dispatch_uid="ideas_participation_on_endorse")
    post_delete.connect(forget, sender=Endorsement, dispatch_uid="ideas_participation_on_withdraw")
    # What an idea's page shows besides the idea: its comments, the CQEN's answer, the guides and
    # components linked to it (on their pages too). The pages kept for anonymous visitors
    # (hub.page_cache) show them at once.
    for sender in (Comment, OfficialResponse, IdeaLink):
        post_save.connect(forget, sender=sender, dispatch_uid=f"ideas_pages_forgotten_{sender.__name__}_saved")
        post_delete.connect(forget, sender=sender, dispatch_uid=f"ideas_pages_forgotten_{sender.__name__}_deleted")


def attach_imported_ideas(user, address):
    """Ideas imported under `address` become the member's once they have proven it is theirs."""
    if not address:
        return 0
    return Idea.objects.filter(author__isnull=True, imported_author_email__iexact=address.strip()).update(
        author=user, imported_author_email=""
    )


def on_email_confirmed(sender, request, email_address, **kwargs):
    attach_imported_ideas(email_address.user, email_address.email)


def on_user_signed_up(sender, request, user, **kwargs):
    """An address known to be theirs at sign-up (an invitation, the government sign-on) needs no confirmation."""
    from allauth.account.models import EmailAddress

    for address in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True):
        attach_imported_ideas(user, address)
