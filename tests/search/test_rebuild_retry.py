"""A rebuild survives a node that stops answering for a moment: the bulk chunk that timed out is
sent again after a wait, and the rebuild ends with every document. The node really hangs (SIGSTOP,
always resumed with SIGCONT), no mock."""

import logging
import os
import signal
import threading

import pytest

from search import indexing
from search.engines.transport import EngineUnavailable, get_transport
from tests.search.conftest import make_document
from tests.search.test_breaker import node  # noqa: F401 - the pausable node fixture

pytestmark = [pytest.mark.django_db, pytest.mark.search]

DOCUMENTS = [make_document("guide", n, f"Guide de reprise numéro {n}") for n in range(1, 7)]


def pausing_at_first_document(pid, seconds):
    """The documents; the node is stopped when the rebuild asks for the first one (its new index
    already created), and resumed `seconds` later."""
    resume = threading.Timer(seconds, os.kill, (pid, signal.SIGCONT))
    os.kill(pid, signal.SIGSTOP)
    resume.start()
    try:
        yield from DOCUMENTS
    finally:
        resume.join()


def test_rebuild_sends_a_timed_out_chunk_again_and_finishes(node, settings, caplog):  # noqa: F811
    transport, pid = node
    settings.OPENSEARCH_URL = transport.url
    settings.SEARCH_REBUILD_TIMEOUT = 1  # the chunks'; creating the index keeps the usual time-out
    settings.SEARCH_REBUILD_RETRY_WAIT = 0.5
    settings.SEARCH_REBUILD_ATTEMPTS = 6
    try:
        with caplog.at_level(logging.WARNING, logger="search.indexing"):
            count = indexing.rebuild(documents=pausing_at_first_document(pid, 1.5), chunk_size=4)
    finally:
        os.kill(pid, signal.SIGCONT)
    assert count == len(DOCUMENTS)
    assert any("sans réponse" in record.getMessage() for record in caplog.records)
    assert get_transport().count(indexing.alias_name()) == len(DOCUMENTS)


def test_rebuild_gives_up_after_the_last_attempt(node, settings):  # noqa: F811
    transport, pid = node
    settings.OPENSEARCH_URL = transport.url
    settings.SEARCH_REBUILD_TIMEOUT = 0.5
    settings.SEARCH_REBUILD_RETRY_WAIT = 0.1
    settings.SEARCH_REBUILD_ATTEMPTS = 2
    try:
        with pytest.raises(EngineUnavailable):
            indexing.rebuild(documents=pausing_at_first_document(pid, 3), chunk_size=4)
    finally:
        os.kill(pid, signal.SIGCONT)
