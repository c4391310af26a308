"""Signal receivers: pages on publish/unpublish/move/delete (never on a draft save), ideas and
components through `hub.signals`, synonyms through their own saves."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from hub.signals import search_document_changed, search_document_removed
from search import indexing


def on_page_published(sender, instance, **kwargs):
    indexing.schedule_object(instance)


def on_page_unpublished(sender, instance, **kwargs):
    indexing.schedule_object(instance, remove=True)


def on_page_moved(sender, instance, **kwargs):
    """A move changes the URL of the page and of everything below it."""
    for page in Page.objects.descendant_of(instance, inclusive=True).live().specific():
        indexing.schedule_object(page)


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is not Page:  # once per page, on its specific class
        indexing.schedule_object(instance, remove=True)


def on_document_changed(sender, instance, **kwargs):
    indexing.schedule_object(instance)


def on_document_removed(sender, instance, **kwargs):
    indexing.schedule_object(instance, remove=True)


def on_synonyms_changed(sender, **kwargs):
    from search.tasks import rebuild_index

    transaction.on_commit(rebuild_index.enqueue)


def connect():
    page_published.connect(on_page_published, dispatch_uid="hubsearch_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="hubsearch_page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="hubsearch_page_moved")
    post_delete.connect(on_page_deleted, dispatch_uid="hubsearch_page_deleted")
    search_document_changed.connect(on_document_changed, dispatch_uid="hubsearch_document_changed")
    search_document_removed.connect(on_document_removed, dispatch_uid="hubsearch_document_removed")
    post_save.connect(on_synonyms_changed, sender="hubsearch.Synonym", dispatch_uid="hubsearch_synonym_saved")
    post_delete.connect(on_synonyms_changed, sender="hubsearch.Synonym", dispatch_uid="hubsearch_synonym_deleted")
