"""Search's own signal receivers: pages on publish/unpublish/move/delete (never on a draft save)
and when their privacy changes, and synonyms. Every other write path calls `search.announce()`
itself, inside its transaction.

Wagtail sends these signals inside the transaction of the publish, move or delete, so the
pending operation commits with the change."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.outbox import announce
from search.tasks import rebuild_index


def on_page_published(sender, instance, **kwargs):
    announce(instance)


def on_page_unpublished(sender, instance, **kwargs):
    announce(instance, removed=True)


def _announce_subtree(page):
    """Re-read the page and every live page below it: each is indexed if searchable, removed if not."""
    for descendant in Page.objects.descendant_of(page, inclusive=True).live().specific():
        announce(descendant)


def on_page_moved(sender, instance, **kwargs):
    """A move changes the URL of the page and of everything below it (and maybe their privacy)."""
    _announce_subtree(instance)


def on_view_restriction_changed(sender, instance, **kwargs):
    """Wagtail sends no signal when a page becomes private or public again: its subtree leaves or
    returns to the search (`PageKind.searchable()` holds public pages only)."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _announce_subtree(page)


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is not Page:  # once per page, on its specific class
        announce(instance, removed=True)


def on_synonyms_changed(sender, **kwargs):
    transaction.on_commit(rebuild_index.enqueue)


def connect():
    page_published.connect(on_page_published, dispatch_uid="hubsearch_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="hubsearch_page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="hubsearch_page_moved")
    post_delete.connect(on_page_deleted, dispatch_uid="hubsearch_page_deleted")
    post_save.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="hubsearch_page_restriction_saved"
    )
    post_delete.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="hubsearch_page_restriction_deleted"
    )
    post_save.connect(on_synonyms_changed, sender="hubsearch.Synonym", dispatch_uid="hubsearch_synonym_saved")
    post_delete.connect(on_synonyms_changed, sender="hubsearch.Synonym", dispatch_uid="hubsearch_synonym_deleted")
