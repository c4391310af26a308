"""The local search-engine node (engine/up.sh) really analyses French text.

Runs against the node at OPENSEARCH_URL (or ELASTICSEARCH_URL) (``make engine-up`` / ``bash engine/up.sh``
prints it). No mock: a uniquely-named index is created, fed and queried over HTTP, then
deleted.

It talks through ``elastic_transport``, the HTTP layer of the ``elasticsearch`` client, with
plain ``application/json``: the node is OpenSearch 2.19 (no Elasticsearch 8 server modules
are published on Maven Central, see engine/NOTES.md), and the high-level
``elasticsearch.Elasticsearch`` 8.x class refuses any server that does not send
``X-Elastic-Product: Elasticsearch`` and sends ``compatible-with=8`` media types that
OpenSearch answers with 406. These requests work the same against Elasticsearch 8.
"""

import os
import uuid
from urllib.parse import urlsplit

import pytest
from elastic_transport import NodeConfig, Transport

JSON = {"accept": "application/json", "content-type": "application/json"}
pytestmark = pytest.mark.search

NDJSON = {"accept": "application/json", "content-type": "application/x-ndjson"}

SETTINGS = {
    "number_of_shards": 1,
    "number_of_replicas": 0,
    "analysis": {
        "filter": {
            "fr_elision": {
                "type": "elision",
                "articles_case": True,
                "articles": ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
            },
            "fr_stop": {"type": "stop", "stopwords": "_french_"},
            "fr_synonym": {"type": "synonym", "synonyms": ["ia, intelligence artificielle"]},
            "fr_stemmer": {"type": "stemmer", "language": "light_french"},
        },
        "tokenizer": {
            "fr_edge": {
                "type": "edge_ngram",
                "min_gram": 2,
                "max_gram": 15,
                "token_chars": ["letter", "digit"],
            },
        },
        "analyzer": {
            "fr": {
                "tokenizer": "standard",
                "filter": ["fr_elision", "lowercase", "fr_stop", "asciifolding", "fr_synonym", "fr_stemmer"],
            },
            "fr_prefix": {"tokenizer": "fr_edge", "filter": ["lowercase", "asciifolding"]},
            "fr_prefix_search": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},
        },
    },
}

MAPPINGS = {
    "properties": {
        "title": {
            "type": "text",
            "analyzer": "fr",
            "fields": {
                "prefix": {"type": "text", "analyzer": "fr_prefix", "search_analyzer": "fr_prefix_search"},
                "sayt": {"type": "search_as_you_type", "analyzer": "fr_prefix_search"},
            },
        },
        "body": {"type": "text", "analyzer": "fr"},
    }
}

DOCS = {
    "1": {"title": "Transformation numérique de l'État", "body": "La transformation Numérique de l'État québécois."},
    "2": {"title": "Virage des ministères", "body": "Le virage NUMÉRIQUE des ministères."},
    "3": {"title": "Formulaires en ligne", "body": "Apposer une signature électronique."},
    "4": {"title": "Usages responsables", "body": "L'intelligence artificielle générative au service du public."},
    "5": {"title": "Cybersécurité", "body": "Politique de sécurité de l'information."},
}


@pytest.fixture(scope="module")
def transport():
    url = (os.environ.get("OPENSEARCH_URL") or os.environ.get("ELASTICSEARCH_URL") or "").strip()
    if not url:
        pytest.fail(
            "Neither OPENSEARCH_URL nor ELASTICSEARCH_URL is set: start the search engine with `make engine-up` "
            "(or `bash engine/up.sh`) and export OPENSEARCH_URL=http://127.0.0.1:9200",
            pytrace=False,
        )
    parts = urlsplit(url)
    node = NodeConfig(
        parts.scheme or "http",
        parts.hostname or "127.0.0.1",
        parts.port or (443 if parts.scheme == "https" else 9200),
        path_prefix=parts.path.rstrip("/"),
        request_timeout=30,
    )
    t = Transport([node])
    yield t
    t.close()


def call(transport, method, target, body=None, headers=JSON):
    return transport.perform_request(method, target, headers=headers, body=body).body


@pytest.fixture()
def index(transport):
    name = f"test-engine-{uuid.uuid4().hex}"
    call(transport, "PUT", f"/{name}", {"settings": SETTINGS, "mappings": MAPPINGS})
    try:
        lines = []
        for doc_id, doc in DOCS.items():
            lines += [{"index": {"_index": name, "_id": doc_id}}, doc]
        result = call(transport, "POST", "/_bulk?refresh=true", lines, headers=NDJSON)
        assert result["errors"] is False, result
        yield name
    finally:
        transport.perform_request("DELETE", f"/{name}", headers=JSON)
        exists = transport.perform_request("HEAD", f"/{name}", headers=JSON)
        assert exists.meta.status == 404


def hits(transport, index, query):
    body = call(transport, "POST", f"/{index}/_search", {"query": query, "size": 20, "_source": False})
    return {hit["_id"] for hit in body["hits"]["hits"]}


def match(transport, index, field, text):
    return hits(transport, index, {"match": {field: text}})


def test_node_is_healthy(transport):
    health = call(transport, "GET", "/_cluster/health")
    assert health["status"] in {"green", "yellow"}
    info = call(transport, "GET", "/")
    assert info["version"]["number"]


def test_accents_and_case_are_folded(transport, index):
    # "Numérique" (doc 1) and "NUMÉRIQUE" (doc 2) are both found without accent or capitals.
    assert match(transport, index, "body", "numerique") == {"1", "2"}
    assert match(transport, index, "body", "NUMÉRIQUE") == {"1", "2"}


def test_elision(transport, index):
    # "l'État" is indexed as "etat", "l'information" as "information".
    assert match(transport, index, "body", "etat") == {"1"}
    assert match(transport, index, "body", "information") == {"5"}


def test_light_french_stemmer(transport, index):
    assert match(transport, index, "body", "signatures") == {"3"}
    assert match(transport, index, "body", "électroniques") == {"3"}


def test_synonym(transport, index):
    assert match(transport, index, "body", "IA") == {"4"}
    assert match(transport, index, "body", "intelligence artificielle") == {"4"}


def test_stop_words_do_not_match(transport, index):
    assert match(transport, index, "body", "les des") == set()


def test_edge_ngram_prefix_on_title(transport, index):
    assert match(transport, index, "title.prefix", "num") == {"1"}
    assert match(transport, index, "title.prefix", "Cyber") == {"5"}
    tokens = call(transport, "POST", f"/{index}/_analyze", {"analyzer": "fr_prefix", "text": "Numérique"})["tokens"]
    assert [t["token"] for t in tokens][:3] == ["nu", "num", "nume"]


def test_search_as_you_type(transport, index):
    query = {
        "multi_match": {
            "query": "transformation num",
            "type": "bool_prefix",
            "fields": ["title.sayt", "title.sayt._2gram", "title.sayt._3gram"],
        }
    }
    assert hits(transport, index, query) == {"1"}


def test_aliases_and_reindex(transport, index):
    # What the hub relies on for zero-downtime rebuilds: _reindex into a new index, alias swap.
    target = f"{index}-v2"
    alias = f"{index}-alias"
    try:
        call(transport, "PUT", f"/{target}", {"settings": SETTINGS, "mappings": MAPPINGS})
        result = call(
            transport, "POST", "/_reindex?refresh=true", {"source": {"index": index}, "dest": {"index": target}}
        )
        assert result["created"] == len(DOCS)
        call(transport, "POST", "/_aliases", {"actions": [{"add": {"index": target, "alias": alias}}]})
        assert match(transport, alias, "body", "signatures") == {"3"}
    finally:
        transport.perform_request("DELETE", f"/{target}", headers=JSON)
