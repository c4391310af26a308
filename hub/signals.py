"""Signals that connect the features to the search index without importing each other.

Send `search_document_changed` after any committed change to something the search index holds
(an idea's status or vote count, a component's adoptions, an author's name...), including
changes made with queryset `update()` that Django's `post_save` never sees. Send
`search_document_removed` when such an object must leave the index (hidden, deleted).
Receivers live in `search/indexing.py`; they schedule the index write after the transaction.
"""

from django.dispatch import Signal

search_document_changed = Signal()  # kwargs: instance
search_document_removed = Signal()  # kwargs: instance
