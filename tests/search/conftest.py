"""Search fixtures: the real engine node (from OPENSEARCH_URL / ELASTICSEARCH_URL), or the
database engine, and helpers that put documents in whichever is active."""

import os

import pytest
from django.db import transaction

from search.documents import DocumentKind, PageKind, alias_name, fingerprint, register_kind, unregister_kind
from search.engines.transport import get_transport


def engine_url():
    return os.environ.get("OPENSEARCH_URL") or os.environ.get("ELASTICSEARCH_URL") or ""


def _drop_indices(transport):
    for index in transport.indices_matching(f"{alias_name()}*"):
        transport.delete_index(index)


@pytest.fixture
def engine(settings):
    """The real search engine node; the test fails (never skips) when none is configured."""
    if not engine_url():
        pytest.fail("Ce test a besoin du moteur de recherche : définissez OPENSEARCH_URL (bash engine/up.sh).")
    settings.OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
    settings.ELASTICSEARCH_URL = "" if settings.OPENSEARCH_URL else os.environ.get("ELASTICSEARCH_URL", "")
    settings.SEARCH_REFRESH_ON_WRITE = True  # each write visible to the next query: no sleep()
    transport = get_transport()
    _drop_indices(transport)
    yield transport
    settings.OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
    _drop_indices(get_transport())


@pytest.fixture
def database_engine(settings):
    """The database engine: no engine URL at all."""
    settings.OPENSEARCH_URL = ""
    settings.ELASTICSEARCH_URL = ""
    return None


@pytest.fixture(params=["elasticsearch", "database"])
def any_engine(request, settings, db):
    """Both engines: the API contract is the same. The database one also runs on SQLite."""
    if request.param == "elasticsearch":
        return request.getfixturevalue("engine")
    return request.getfixturevalue("database_engine")


def make_document(
    kind,
    object_id,
    title,
    *,
    locale="fr",
    summary="",
    body="",
    organisation="",
    tags=(),
    status="",
    maturity="",
    votes=0,
    adoptions=0,
    published_at=None,
    slug=None,
):
    document = {
        "doc_id": f"{kind}-{object_id}",
        "kind": kind,
        "object_id": str(object_id),
        "slug": slug or f"{kind}-{object_id}",
        "locale": locale,
        "title": title,
        "summary": summary,
        "body": body,
        "organisation": organisation,
        "organisation_name": organisation.upper(),
        "tags": list(tags),
        "status": status,
        "maturity": maturity,
        "votes": votes,
        "adoptions": adoptions,
        "published_at": published_at,
        "url": f"/{kind}/{object_id}/",
    }
    document["fingerprint"] = fingerprint(document)
    return document


@pytest.fixture
def put_documents(db):
    """Put hand-made documents in the active engine (a fresh index + alias, or the database table)."""

    def put(documents):
        from search.documents import IndexWrite
        from search.engines.database import DatabaseBackend, next_sequence
        from search.indexing import rebuild

        with transaction.atomic():  # the outbox's write path: the typo vocabulary moves too
            DatabaseBackend().write([IndexWrite(d["doc_id"], next_sequence(d["doc_id"]), d) for d in documents])
        if get_transport() is not None:
            rebuild(documents=documents)

    return put


class StandInPageKind(PageKind):
    """StandardPage as a searchable kind, for the page lifecycle tests only."""

    summary_field = "intro"


@pytest.fixture
def standard_page_kind():
    kind = register_kind(StandInPageKind("page", "hub.StandardPage"))
    yield kind
    unregister_kind("page")


__all__ = ["DocumentKind", "make_document"]
