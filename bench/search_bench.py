"""Search benchmarks: API latency vs the engine's `took`, autocomplete, rebuild vs raw bulk,
and the database engine (SQLite / PostgreSQL).

    # engine (OpenSearch node of engine/up.sh), 10k and 100k documents:
    OPENSEARCH_URL=http://127.0.0.1:9200 DATABASE_URL=sqlite:////tmp/bench.sqlite3 \\
        .venv/bin/python bench/search_bench.py engine --docs 10000 100000
    # typo tolerance (issue 15): top-3 share of one-typo queries and exact vs typo latency
    OPENSEARCH_URL=http://127.0.0.1:9200 DATABASE_URL=sqlite:////tmp/bench.sqlite3 \\
        .venv/bin/python bench/search_bench.py typo-engine --docs 10000
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/search_bench.py typo-database --docs 10000
    # the same, before and after typo tolerance (SQLite at 10k, the engine at 100k):
    OPENSEARCH_URL=http://127.0.0.1:9200 bash bench/typo_before_after.sh 10000 1 100000
    # database engine at 10k documents (SQLite, then PostgreSQL):
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/search_bench.py database --docs 10000
    DATABASE_URL=postgres://... .venv/bin/python bench/search_bench.py database --docs 10000

Prints a Markdown table per run (copied into docs/benchmarks.md).
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")

import django  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402


def setup():
    """Run as a script: indices of its own (`bench-<pid>`, dropped at the end), then Django. Imported
    (tests/search/test_typo_bench.py), the importer's settings and indices stay as they are."""
    os.environ["SEARCH_INDEX_PREFIX"] = f"bench-{os.getpid()}"
    django.setup()
    settings.SEARCH_INDEX_PREFIX = os.environ["SEARCH_INDEX_PREFIX"]


WORDS = [
    "numérique",
    "transformation",
    "service",
    "citoyen",
    "formulaire",
    "signature",
    "électronique",
    "données",
    "ouvertes",
    "gouvernance",
    "sécurité",
    "information",
    "infonuagique",
    "accessibilité",
    "interopérabilité",
    "identité",
    "authentification",
    "portail",
    "courriel",
    "gabarit",
    "composante",
    "réutilisable",
    "guide",
    "pratique",
    "ministère",
    "organisme",
    "santé",
    "éducation",
    "transport",
    "budget",
    "acquisition",
    "contrat",
    "logiciel",
    "libre",
    "code",
    "source",
    "plateforme",
    "intelligence",
    "artificielle",
    "analyse",
    "tableau",
    "bord",
    "indicateur",
    "performance",
    "qualité",
    "expérience",
    "utilisateur",
    "design",
    "recherche",
    "essai",
    "prototype",
    "agile",
    "équipe",
    "projet",
    "livraison",
    "continue",
    "infrastructure",
    "réseau",
    "serveur",
    "sauvegarde",
    "continuité",
    "relève",
    "archive",
    "document",
    "gestion",
    "dossier",
    "demande",
    "permis",
    "paiement",
    "facture",
    "impôt",
    "revenu",
    "famille",
    "emploi",
]
QUERIES = [
    "signature électronique",
    "numerique",
    "données ouvertes",
    "sécurité de l'information",
    "infonuagique",
    "accessibilité des formulaires",
    "identité numérique",
    "gouvernance",
    "code source libre",
    "IA",
    "tableau de bord",
    "portail citoyen",
    "gestion documentaire",
    "paiement en ligne",
    "interoperabilite",
]
PREFIXES = ["si", "sig", "num", "numé", "don", "séc", "acc", "ide", "gou", "cod", "tab", "por", "ges", "pai", "int"]
KINDS = ["guide", "component", "idea"]
ORGS = ["mcn", "cqen", "sct", "ramq", "saaq", "msss", "meq", "itq", "cag"]


SYLLABLES = "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu".split()  # noqa: SIM905


def vocabulary(size=20000, seed=7):
    """A Zipf-distributed vocabulary: the domain words among thousands of pseudo-words, so that a
    query word appears in a realistic share of documents (not in all of them)."""
    rng = random.Random(seed)
    words = set()
    while len(words) < size - len(WORDS):
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    ranked = sorted(words)  # a set's order follows the process's hash seed: sorted, one corpus for every run
    rng.shuffle(ranked)
    for i, word in enumerate(WORDS):  # domain words spread over ranks 50..5000
        ranked.insert(50 + i * 45, word)
    cumulative, total = [], 0.0
    for rank in range(len(ranked)):
        total += 1 / (rank + 1)
        cumulative.append(total)
    return ranked, cumulative


VOCABULARY, WEIGHTS = vocabulary()


def sentence(rng, n):
    return " ".join(rng.choices(VOCABULARY, cum_weights=WEIGHTS, k=n)).capitalize() + "."


def document_url(n):
    return f"/{KINDS[n % 3]}/{n}/"


def documents(count, seed=42):
    from search.documents import fingerprint

    rng = random.Random(seed)
    for n in range(count):
        kind = KINDS[n % 3]
        doc = {
            "doc_id": f"{kind}-{n}",
            "kind": kind,
            "object_id": str(n),
            "slug": f"{kind}-{n}",
            "locale": "fr" if n % 5 else "en",
            "title": sentence(rng, rng.randint(3, 7)),
            "summary": sentence(rng, 20),
            "body": " ".join(sentence(rng, 15) for _ in range(8)),
            "organisation": rng.choice(ORGS),
            "organisation_name": "",
            "tags": rng.sample(WORDS[:20], 2),
            "status": rng.choice(["submitted", "accepted"]) if kind == "idea" else "",
            "maturity": rng.choice(["beta", "stable"]) if kind == "component" else "",
            "votes": rng.randint(0, 100) if kind == "idea" else 0,
            "adoptions": rng.randint(0, 20) if kind == "component" else 0,
            "published_at": None,
            "url": document_url(n),
        }
        doc["fingerprint"] = fingerprint(doc)
        yield doc


# Typo set (issue 15): words of 5+ letters found in no other generated text, each written into a
# few documents' titles or summaries, so that the document a misspelt word was meant to find is known.
TYPO_WORDS = """
abeille ablution abonnement abrasif absence accolade accordeon acrobate adhesion aeroport affiche
agrume aiguille alambic albatros alchimie almanach alpiniste amandier ambulance amphibie ananas
anchois anguille antenne aquarelle arbalete archipel ardoise argile armoire artichaut asperge
astronome atelier aubergine autruche avalanche aviron babouin baignoire balancoire baleine
bambou banquise barrage basilic batterie bergerie betterave bibelot biscuit blaireau boussole
bouteille brindille brouillard cabestan cactus calendrier camelia canapes caravane carillon
cartable cascade castor cerisier chaloupe chameau chandelle charrue chataigne chevalet chouette
citrouille clocher colibri concombre coquelicot corbeau cornichon crevette crocodile dauphin
dentelle dirigeable dromadaire ecureuil emeraude encrier epouvantail escargot escalier falaise
fanfare fauteuil flamant fougere framboise fromage gaufrette girafe glacier gondole grenouille
grillon guirlande harmonica hamster hibou horloge iceberg igloo jonquille kangourou lanterne
libellule licorne lucarne luciole mandarine manchot marmotte mimosa montgolfiere moustique
myrtille narcisse navette nenuphar noisette oreiller orchidee papillon parapluie pelican
perroquet pinceau pingouin pissenlit pistache poivron potiron quenouille raquette renard
rossignol sablier salamandre sapin sauterelle scaphandre serpentin sifflet squelette tambourin
tartine tatouage tempete tirelire toboggan tortue toucan trompette tulipe vautour violoncelle
volcan xylophone yaourt zeppelin
""".split()  # noqa: SIM905
TYPO_KINDS = ("substitution", "deletion", "insertion", "transposition")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def typo_words():
    """TYPO_WORDS of 5+ letters absent from the generated vocabulary (and the domain words)."""
    known = set(VOCABULARY) | set(WORDS)
    return [w for w in TYPO_WORDS if len(w) >= 5 and w not in known]


class TooFewDocuments(SystemExit):
    """--docs too small for the typo set: every typo word needs two French documents of its own."""


def typo_corpus(count, seed=15, words=None):
    """(documents, {word: urls of the documents containing it}): the bench documents, each typo
    word appended to the title of one French document and the summary of another (never the same
    document for two words), so that every word is distinctive to exactly two documents. `words`:
    the first so many typo words only (the tests' tiny size), all of them by default.

    The documents are a generator, made one at a time as the index or the table reads them, so
    that 100,000 of them never sit in memory at once. Which documents receive the words is drawn
    before any is made, from their numbers (`documents()` makes every fifth one English): the
    same draw, hence the same corpus, as drawing from the list of made documents."""
    from search.documents import fingerprint

    rng = random.Random(seed)
    words_ = typo_words()[:words]
    french = [n for n in range(count) if n % 5]
    if len(french) < 2 * len(words_):
        raise TooFewDocuments(
            f"--docs {count}: the typo set needs {2 * len(words_)} French documents, "
            f"at least --docs {(2 * len(words_) * 5 + 3) // 4}."
        )
    chosen = rng.sample(french, 2 * len(words_))
    edits, targets = {}, {}
    for i, word in enumerate(words_):
        in_title, in_summary = chosen[2 * i], chosen[2 * i + 1]
        edits[in_title], edits[in_summary] = ("title", word), ("summary", word)
        targets[word] = {document_url(in_title), document_url(in_summary)}

    def made():
        for n, doc in enumerate(documents(count)):
            if n in edits:
                field, word = edits[n]
                doc[field] = doc[field].rstrip(".") + f" {word}."
                doc["fingerprint"] = fingerprint(doc)
            yield doc

    return made(), targets


def one_typo(rng, word, kind):
    """`word` with one edit of `kind`, never on its first letter, and never `word` itself."""
    while True:
        if kind == "substitution":
            i = rng.randrange(1, len(word))
            typo = word[:i] + rng.choice(LETTERS.replace(word[i], "")) + word[i + 1 :]
        elif kind == "deletion":
            i = rng.randrange(1, len(word))
            typo = word[:i] + word[i + 1 :]
        elif kind == "insertion":
            i = rng.randrange(1, len(word) + 1)
            typo = word[:i] + rng.choice(LETTERS) + word[i:]
        else:  # transposition of two neighbours, the first letter kept
            i = rng.randrange(1, len(word) - 1)
            typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if typo != word:
            return typo


def typo_queries(targets, per_word=2, seed=1515):
    """[(typo, intended word)]: `per_word` one-typo queries per word, kinds in turn. A typo that is
    itself a word of the corpus is dropped (it is not a typo of *that* word any more); the number
    dropped is returned too."""
    rng = random.Random(seed)
    corpus_words = set(VOCABULARY) | set(WORDS) | set(targets)
    queries, dropped, n = [], 0, 0
    for word in sorted(targets):
        for _ in range(per_word):
            typo = one_typo(rng, word, TYPO_KINDS[n % len(TYPO_KINDS)])
            n += 1
            if typo in corpus_words:
                dropped += 1
                continue
            queries.append((typo, word, TYPO_KINDS[(n - 1) % len(TYPO_KINDS)]))
    return queries, dropped


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed_requests(client, url, params_list, repeat):
    latencies, tooks = [], []
    for _ in range(repeat):
        for params in params_list:
            start = time.perf_counter()
            response = client.get(url, params)
            latencies.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.content[:300]
            took = response.json().get("engine_took_ms")
            if took is not None:
                tooks.append(took)
    return latencies, tooks


def prepare_database():
    call_command("createcachetable", verbosity=0)
    call_command("migrate", verbosity=0, interactive=False)


def bench_engine(count, repeat):
    from search.documents import alias_name, index_body
    from search.engines.transport import get_transport
    from search.indexing import rebuild

    transport = get_transport()
    docs = list(documents(count))
    # raw bulk: same documents, same mapping, same chunk size, no hub code in between
    raw = f"{alias_name()}-raw"
    transport.create_index(raw, index_body(rules=[]))
    start = time.perf_counter()
    for i in range(0, len(docs), 500):
        transport.bulk(
            [line for d in docs[i : i + 500] for line in ({"index": {"_index": raw, "_id": d["doc_id"]}}, d)]
        )
    transport.refresh(raw)
    raw_rate = count / (time.perf_counter() - start)
    transport.delete_index(raw)
    start = time.perf_counter()
    rebuild(documents=iter(docs))
    rebuild_rate = count / (time.perf_counter() - start)
    client = Client()
    client.get("/api/v1/search/", {"q": "warm"})
    latencies, tooks = timed_requests(client, "/api/v1/search/", [{"q": q} for q in QUERIES], repeat)
    filtered, _ = timed_requests(
        client, "/api/v1/search/", [{"q": q, "kind": "idea", "organisation": "mcn"} for q in QUERIES], repeat
    )
    suggest, _ = timed_requests(client, "/api/v1/search/suggest/", [{"q": p} for p in PREFIXES], repeat)
    for index in transport.indices_matching(f"{alias_name()}*"):
        transport.delete_index(index)
    return {
        "docs": count,
        "api_p50": pct(latencies, 50),
        "api_p95": pct(latencies, 95),
        "took_p50": pct(tooks, 50),
        "took_p95": pct(tooks, 95),
        # per request: API time minus the engine's own time, i.e. what the hub adds (Django, JSON, HTTP)
        "overhead_p50": pct([api - took for api, took in zip(latencies, tooks, strict=True)], 50),
        "filtered_p95": pct(filtered, 95),
        "suggest_p95": pct(suggest, 95),
        "rebuild_rate": rebuild_rate,
        "raw_rate": raw_rate,
    }


def load_database(docs):
    """The documents straight into the database engine's table (bulk, one transaction), analysed."""
    from django.db import connection, transaction

    from search.models import SearchDocument, SearchDocumentTag
    from search.text import fold

    with transaction.atomic():
        rows = []
        for doc in docs:
            fields = {k: v for k, v in doc.items() if k not in {"doc_id"}}
            rows.append(
                SearchDocument(
                    doc_id=doc["doc_id"], tags_text=" ".join(doc["tags"]), title_folded=fold(doc["title"]), **fields
                )
            )
        created = SearchDocument.objects.bulk_create(rows, batch_size=500)
        SearchDocumentTag.objects.bulk_create(
            [SearchDocumentTag(document=row, tag=t) for row in created for t in row.tags], batch_size=1000
        )
    # The bulk load bypasses the write path: count the typo vocabulary as a rebuild does. Looked up by
    # name because bench/typo_before_after.sh runs this script on the code before issue 15 too.
    from search.engines import database

    rebuild_vocabulary = getattr(database, "rebuild_vocabulary", None)
    if rebuild_vocabulary is not None:
        rebuild_vocabulary()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE hubsearch_searchdocument")
            cursor.execute("ANALYZE hubsearch_searchdocumenttag")
            if rebuild_vocabulary is not None:
                cursor.execute("ANALYZE hubsearch_indexedword")


def bench_database(count, repeat):
    from django.db import connection

    from search.models import SearchDocument

    settings.OPENSEARCH_URL = settings.ELASTICSEARCH_URL = ""
    SearchDocument.objects.all().delete()
    start = time.perf_counter()
    load_database(documents(count))
    load_rate = count / (time.perf_counter() - start)
    client = Client()
    client.get("/api/v1/search/", {"q": "warm"})
    latencies, _ = timed_requests(client, "/api/v1/search/", [{"q": q} for q in QUERIES], repeat)
    filtered, _ = timed_requests(
        client, "/api/v1/search/", [{"q": q, "kind": "idea", "organisation": "mcn"} for q in QUERIES], repeat
    )
    suggest, _ = timed_requests(client, "/api/v1/search/suggest/", [{"q": p} for p in PREFIXES], repeat)
    SearchDocument.objects.all().delete()
    return {
        "docs": count,
        "vendor": connection.vendor,
        "api_p50": pct(latencies, 50),
        "api_p95": pct(latencies, 95),
        "filtered_p95": pct(filtered, 95),
        "suggest_p95": pct(suggest, 95),
        "load_rate": load_rate,
    }


def bench_typos(mode, count, repeat, words=None):
    """Top-3 share of the one-typo queries, and API latency of the exact words vs their typos
    (requests interleaved, so that both mixes see the same machine load)."""
    from django.db import connection

    docs, targets = typo_corpus(count, words=words)
    queries, dropped = typo_queries(targets)
    start = time.perf_counter()
    if mode == "typo-engine":
        from search.documents import alias_name
        from search.engines.transport import get_transport
        from search.indexing import rebuild

        rebuild(documents=docs)  # the rebuild command's path: a fresh index, bulk chunks, alias swap
        label = "engine"
    else:
        from search.models import SearchDocument

        settings.OPENSEARCH_URL = settings.ELASTICSEARCH_URL = ""
        SearchDocument.objects.all().delete()
        load_database(docs)
        label = f"database ({connection.vendor})"
    build_s = time.perf_counter() - start
    client = Client()
    client.get("/api/v1/search/", {"q": "warm"})
    hits, corrected, exact_hits, by_kind, misses = 0, 0, 0, {}, []
    exact_ms, typo_ms = [], []
    for n in range(repeat):
        for typo, word, kind in queries:
            for q, timings in ((word, exact_ms), (typo, typo_ms)):
                start = time.perf_counter()
                response = client.get("/api/v1/search/", {"q": q})
                timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, response.content[:300]
                if n:
                    continue
                answer = response.json()
                found = bool({hit["url"] for hit in answer["results"][:3]} & targets[word])
                if q == word:
                    exact_hits += found
                else:
                    hits += found
                    corrected += bool(answer.get("corrected_query"))
                    done, total = by_kind.get(kind, (0, 0))
                    by_kind[kind] = (done + found, total + 1)
                    if not found:
                        misses.append((typo, word, answer.get("corrected_query"), answer["total"]))
    if mode == "typo-engine":
        transport = get_transport()
        for index in transport.indices_matching(f"{alias_name()}*"):
            transport.delete_index(index)
    else:
        SearchDocument.objects.all().delete()
    return {
        "label": label,
        "docs": count,
        "queries": len(queries),
        "dropped": dropped,
        "words": len(targets),
        "top3": hits / len(queries),
        "exact_top3": exact_hits / len(queries),
        "corrected": corrected / len(queries),
        "by_kind": by_kind,
        "misses": misses,
        "exact_p50": pct(exact_ms, 50),
        "exact_p95": pct(exact_ms, 95),
        "typo_p50": pct(typo_ms, 50),
        "typo_p95": pct(typo_ms, 95),
        "requests": len(exact_ms),
        "build_s": build_s,
    }


def print_typos(r):
    kinds = ", ".join(f"{kind} {done}/{total}" for kind, (done, total) in sorted(r["by_kind"].items()))
    print(
        f"| {r['label']} | {r['docs']:,} | {r['queries']} ({r['words']} words, {r['dropped']} dropped) | "
        f"{r['top3']:.1%} | {r['exact_top3']:.1%} | {r['corrected']:.1%} | {r['exact_p50']:.1f} | "
        f"{r['exact_p95']:.1f} | {r['typo_p50']:.1f} | {r['typo_p95']:.1f} | {r['requests']} |",
        flush=True,
    )
    print(f"<!-- by kind: {kinds} -->")
    print(f"<!-- built {r['docs']:,} documents in {r['build_s']:.0f} s ({r['docs'] / r['build_s']:,.0f} docs/s) -->")
    for typo, word, correction, total in r["misses"]:
        print(f"<!-- miss: {typo!r} for {word!r}: corrected_query={correction!r}, total={total} -->")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["engine", "database", "typo-engine", "typo-database"])
    parser.add_argument("--docs", type=int, nargs="+", default=[10000])
    parser.add_argument("--repeat", type=int, default=10, help="passes over the query list")
    args = parser.parse_args()
    prepare_database()
    if args.mode.startswith("typo-"):
        print(
            "| engine | docs | one-typo queries | typo top 3 | exact top 3 | corrected_query set "
            "| exact p50 (ms) | exact p95 (ms) | typo p50 (ms) | typo p95 (ms) | requests per mix |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for count in args.docs:
            print_typos(bench_typos(args.mode, count, args.repeat))
    elif args.mode == "engine":
        print(
            "| docs | API p50 (ms) | engine took p50 (ms) | ratio p50 | overhead p50 (ms) | API p95 (ms) | took p95 (ms) "
            "| filtered API p95 (ms) | autocomplete p95 (ms) | rebuild (docs/s) | raw bulk (docs/s) | ratio |"
        )
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for count in args.docs:
            r = bench_engine(count, args.repeat)
            print(
                f"| {r['docs']:,} | {r['api_p50']:.1f} | {r['took_p50']:.0f} | "
                f"{r['api_p50'] / max(r['took_p50'], 1):.2f} | {r['overhead_p50']:.1f} | {r['api_p95']:.1f} | {r['took_p95']:.0f} | "
                f"{r['filtered_p95']:.1f} | {r['suggest_p95']:.1f} | {r['rebuild_rate']:,.0f} | "
                f"{r['raw_rate']:,.0f} | {r['rebuild_rate'] / r['raw_rate']:.0%} |",
                flush=True,
            )
    else:
        print("| database | docs | API p50 (ms) | API p95 (ms) | filtered API p95 (ms) | autocomplete p95 (ms) |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for count in args.docs:
            r = bench_database(count, args.repeat)
            print(
                f"| {r['vendor']} | {r['docs']:,} | {r['api_p50']:.1f} | {r['api_p95']:.1f} | "
                f"{r['filtered_p95']:.1f} | {r['suggest_p95']:.1f} |",
                flush=True,
            )


if __name__ == "__main__":
    setup()
    main()
