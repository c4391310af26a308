"""The typo bench of issue 15 (`bench/search_bench.py typo-*`, `bench/typo_before_after.sh`) at a
tiny size: its seeded corpus, its one-typo queries, and one pass through each engine by the same
path the 100,000-document run takes (the rebuild's bulk path on the node). Nothing here is timed."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import search_bench as bench
from search.documents import alias_name


def edit_distance(a, b):
    """Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps."""
    previous2, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def words_of(document):
    return set(re.findall(r"\w+", f"{document['title']} {document['summary']} {document['body']}".lower()))


def test_typo_corpus_is_seeded_and_each_word_is_in_exactly_its_two_french_documents():
    documents, targets = bench.typo_corpus(430)
    documents = list(documents)
    again, targets_again = bench.typo_corpus(430)
    assert list(again) == documents and targets_again == targets
    assert len(documents) == 430 and len(targets) >= 100
    vocabularies = [(d, words_of(d)) for d in documents]
    for word, urls in targets.items():
        holders = [d for d, words in vocabularies if word in words]
        assert {d["url"] for d in holders} == urls and len(urls) == 2
        assert {d["locale"] for d in holders} == {"fr"}
        assert any(word in d["title"] for d in holders) and any(word in d["summary"] for d in holders)


def test_corpus_is_the_same_in_every_process_whatever_the_hash_seed():
    """The before and after runs are two processes: each must build the same corpus."""
    first_words = "from bench import search_bench; print(search_bench.VOCABULARY[:20])"
    root = Path(__file__).resolve().parents[2]
    outputs = {
        subprocess.run(
            [sys.executable, "-c", first_words],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1 and outputs != {""}


def test_typo_corpus_is_made_one_document_at_a_time():
    """100,000 documents go to the rebuild as a generator, never as a list held in memory."""
    documents, _targets = bench.typo_corpus(100_000)
    first = next(documents)
    assert first["doc_id"] == "guide-0" and "fingerprint" in first
    assert not isinstance(documents, list | tuple)


def test_typo_queries_are_at_least_200_single_edits_never_on_the_first_letter():
    _documents, targets = bench.typo_corpus(430)
    queries, dropped = bench.typo_queries(targets)
    assert len(queries) >= 200
    assert len(queries) + dropped == 2 * len(targets)
    assert {kind for _typo, _word, kind in queries} == set(bench.TYPO_KINDS)
    for typo, word, _kind in queries:
        assert len(word) >= 5
        assert typo[0] == word[0]
        assert edit_distance(typo, word) == 1, (typo, word)
    assert bench.typo_queries(targets) == (queries, dropped)


def test_too_few_documents_are_refused_with_the_size_needed():
    with pytest.raises(SystemExit, match="at least --docs 430"):
        bench.typo_corpus(100)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "mode",
    [pytest.param("typo-engine", marks=pytest.mark.search), pytest.param("typo-database", marks=pytest.mark.sqlite)],
)
def test_tiny_run_finds_every_word_spelt_right_and_leaves_nothing_behind(mode, request):
    """Eight typo words in 40 documents: the exact words all find their documents in the top 3,
    every typo is counted once (a hit or a listed miss), and the run drops what it built."""
    transport = request.getfixturevalue("engine" if mode == "typo-engine" else "database_engine")
    result = bench.bench_typos(mode, 40, repeat=1, words=8)

    assert result["docs"] == 40 and result["words"] == 8
    assert result["queries"] + result["dropped"] == 16
    assert result["requests"] == result["queries"]
    assert result["exact_top3"] == 1.0
    hits = sum(done for done, _total in result["by_kind"].values())
    assert hits == round(result["top3"] * result["queries"])
    assert hits + len(result["misses"]) == result["queries"]
    assert result["build_s"] > 0
    if transport is not None:
        assert transport.indices_matching(f"{alias_name()}*") == []
    else:
        from search.models import SearchDocument

        assert not SearchDocument.objects.exists()
