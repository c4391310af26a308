"""The typo correction's vocabulary on PostgreSQL (`IndexedWord`): moved by the outbox's write path
with the documents, counted again by `search_index --rebuild`, always equal to what `ts_stat`
reads from the documents themselves; its trigram threshold misses no word within the rule."""

import random

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from search.documents import IndexWrite
from search.engines.database import DatabaseBackend, next_sequence, trigram_floor
from search.models import IndexedWord
from search.text import edit_distance
from tests.search.conftest import make_document

pytestmark = pytest.mark.django_db


def write(*documents_or_removals):
    """Through the outbox's write path: (doc_id, document or None)."""
    with transaction.atomic():
        DatabaseBackend().write([IndexWrite(d, next_sequence(d), doc) for d, doc in documents_or_removals])


def counted_from_documents():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM hubsearch_searchdocument') "
            "WHERE length(word) >= 4"
        )
        return dict(cursor.fetchall())


def vocabulary():
    return dict(IndexedWord.objects.values_list("word", "documents"))


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.fail("Ce test porte sur PostgreSQL (le vocabulaire de SQLite est celui de fts5vocab).")


def test_vocabulary_follows_documents_written_changed_and_removed(postgresql, database_engine):
    first = make_document("guide", 1, "Infonuagique gouvernementale", summary="Héberger les services.")
    second = make_document("guide", 2, "Services numériques", body="L'infonuagique au quotidien.")
    write((first["doc_id"], first), (second["doc_id"], second))
    assert vocabulary()["infonuagique"] == 2
    assert vocabulary()["services"] == 2
    assert vocabulary() == counted_from_documents()

    changed = make_document("guide", 2, "Services numériques", body="Le courriel au quotidien.")
    write((changed["doc_id"], changed))
    assert vocabulary()["infonuagique"] == 1
    assert vocabulary()["courriel"] == 1
    assert vocabulary() == counted_from_documents()

    write((first["doc_id"], None))
    assert "infonuagique" not in vocabulary()
    assert "gouvernementale" not in vocabulary()
    assert vocabulary() == counted_from_documents()


def test_search_index_rebuild_counts_the_vocabulary_again(postgresql, database_engine, capsys):
    IndexedWord.objects.create(word="fantome", documents=3)  # drift: a word no document holds
    call_command("search_index", "--rebuild", verbosity=0)
    assert "fantome" not in vocabulary()
    assert vocabulary() == counted_from_documents()


def test_trigram_threshold_keeps_every_word_within_the_rule(postgresql):
    """pg_trgm's own similarity of a word and its one- or two-edit neighbours is never under the
    floor the correction searches with (random words, the four kinds of typo, several edits)."""
    rng = random.Random(15)
    letters = "abcdefghijklmnopqrstuvwxyz"
    pairs = []
    for _ in range(400):
        word = "".join(rng.choice("aeioulnrst" if rng.random() < 0.6 else letters) for _ in range(rng.randint(5, 14)))
        edits = 1 if len(word) < 9 else 2
        typo = word
        for _ in range(edits):
            i = rng.randint(1, len(typo) - 2)
            typo = rng.choice(
                [
                    typo[:i] + rng.choice(letters) + typo[i + 1 :],
                    typo[:i] + typo[i + 1 :],
                    typo[:i] + rng.choice(letters) + typo[i:],
                    typo[:i] + typo[i + 1] + typo[i] + typo[i + 2 :],
                ]
            )
        if edit_distance(typo, word, edits) <= edits and len(typo) >= 5:
            pairs.append((typo, word, 1 if len(typo) < 9 else 2))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT similarity(a, b) FROM unnest(%s::text[], %s::text[]) AS p(a, b)",
            [[typo for typo, _, _ in pairs], [word for _, word, _ in pairs]],
        )
        similarities = [row[0] for row in cursor.fetchall()]
    below = [
        (typo, word, similarity)
        for (typo, word, edits), similarity in zip(pairs, similarities, strict=True)
        if edit_distance(typo, word, edits) <= edits and similarity < trigram_floor(typo, edits)
    ]
    assert len(pairs) > 300
    assert below == []
