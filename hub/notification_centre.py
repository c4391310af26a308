"""One notification centre for the member: every app contributes its notices through this registry.

The member's notifications page and the header's unread count read every source registered here,
newest first, so a member sees in one place what the idea board tells them (followed ideas) and what
the catalogue tells them (their component proposals), without the editorial core importing the
idea board. An app registers its source in its AppConfig.ready():

    register_source(NotificationSource(name="proposal", latest=..., count=..., unread_count=..., mark_read=...))

A notice is named across sources by its key, "<source>:<pk>": that is what the « Marquer comme
lue » form posts. A source may also hand its notices waiting for the daily digest to the digest
sender (`digest_pending`, then `digest_sent` once the email left), so a member on the daily digest
gets one email a day whatever app the news comes from.
"""

import heapq
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Notice:
    """One notice as the centre shows it; `template` renders it with `item` (the source's own row), and
    `email_template` as one plain-text line of the daily digest (with `item` and `url`, made absolute)."""

    source: str
    pk: int
    created_at: datetime
    read: bool
    template: str
    item: Any
    url: str = ""
    email_template: str = ""

    @property
    def key(self):
        return f"{self.source}:{self.pk}"


@dataclass(frozen=True)
class NotificationSource:
    """What an app tells the centre about a member's notices.

    `latest(user, limit)`: the member's newest `limit` notices (`Notice`), newest first.
    `count(user)`, `unread_count(user)`: how many the member has, how many unread.
    `mark_read(user, pks)`: mark read the member's unread notices among `pks` (all of them when None).
    `digest_pending()`: {recipient id: [Notice]} waiting for the daily digest; `digest_sent(notices)`.
    `stop_emails(user)`: the member unsubscribed from every email; nothing that waits is sent.
    """

    name: str
    latest: Callable
    count: Callable
    unread_count: Callable
    mark_read: Callable
    digest_pending: Callable | None = None
    digest_sent: Callable | None = None
    stop_emails: Callable | None = None


_SOURCES = {}


def register_source(source):
    """Add (or replace, under the same name) a source of notices."""
    if ":" in source.name:
        raise ValueError("A source name cannot hold « : » (it separates the source from the notice in a key).")
    _SOURCES[source.name] = source
    return source


def sources():
    return list(_SOURCES.values())


def unread_count(user):
    """Every unread notice of the member, all sources together (the header's badge)."""
    return sum(source.unread_count(user) for source in _SOURCES.values())


def latest(user, limit):
    """The member's `limit` newest notices of every source, newest first."""
    if limit <= 0:
        return []
    streams = [source.latest(user, limit) for source in _SOURCES.values()]
    merged = heapq.merge(*streams, key=lambda notice: (notice.created_at, notice.pk), reverse=True)
    return [notice for _, notice in zip(range(limit), merged, strict=False)]


class Timeline:
    """The member's notices as a sequence a `Paginator` can page through without loading them all."""

    def __init__(self, user):
        self.user = user

    def count(self):
        return sum(source.count(self.user) for source in _SOURCES.values())

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop = index.start or 0, index.stop
            return latest(self.user, stop)[start:stop]
        return latest(self.user, index + 1)[index]


def mark_read(user, keys=None):
    """Mark read the member's notices named by `keys` ("<source>:<pk>"), or all of them when `keys` is None.

    Keys of an unknown source, or that are not a source and a number, are ignored: a member can only
    ever mark their own notices, whatever the form posts.
    """
    if keys is None:
        return sum(source.mark_read(user, None) for source in _SOURCES.values())
    wanted = {}
    for key in keys:
        name, _, pk = str(key).partition(":")
        if name in _SOURCES and pk.isdigit() and len(pk) < 19:
            wanted.setdefault(name, set()).add(int(pk))
    return sum(_SOURCES[name].mark_read(user, sorted(pks)) for name, pks in wanted.items())


def digest_pending():
    """{recipient id: [Notice]} of every source that sends its notices in the daily digest."""
    pending = {}
    for source in _SOURCES.values():
        if source.digest_pending is None:
            continue
        for user_id, notices in source.digest_pending().items():
            pending.setdefault(user_id, []).extend(notices)
    return pending


def digest_sent(notices):
    """Tell each source that these notices left in a digest."""
    by_source = {}
    for notice in notices:
        by_source.setdefault(notice.source, []).append(notice)
    for name, own in by_source.items():
        source = _SOURCES.get(name)
        if source is not None and source.digest_sent is not None:
            source.digest_sent(own)


def stop_emails(user):
    """The member unsubscribed from every email (one-click link): no source sends what still waits."""
    for source in _SOURCES.values():
        if source.stop_emails is not None:
            source.stop_emails(user)
