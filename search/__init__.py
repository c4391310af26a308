"""Everything about search. Writers call `search.announce(instance, removed=False)` inside their
transaction (see `search.outbox`); the rest of the public API is `search.services`."""


def announce(instance, removed=False):
    """Record, in the caller's transaction, that `instance`'s search document must be refreshed
    (or removed). Imported on call: this package is loaded before the apps are ready."""
    from search.outbox import announce as record_announcement

    return record_announcement(instance, removed=removed)
