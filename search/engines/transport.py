"""The transport seam: one small interface over the Elasticsearch and OpenSearch clients.

Request bodies are always built with the elasticsearch DSL (`search/queries.py`,
`search/documents.py`) and sent as plain dicts through this seam. `OPENSEARCH_URL` selects
opensearch-py (the local `engine/` node is OpenSearch 2.19, see engine/NOTES.md);
`ELASTICSEARCH_URL` selects the `elasticsearch` 8 client (production, docker-compose).
Both raise `EngineUnavailable` when the node cannot be reached, so callers can fall back.
"""

from functools import cache

from django.conf import settings

# Statuses of a node that is up but cannot serve for now (shards recovering after a restart, disk
# flood stage, queues full): like an unreachable node, they trip the breaker and are retried.
BUSY = (429, 503)


class EngineUnavailable(Exception):
    """The search engine could not be reached or refused the request for transport reasons."""


class EngineError(Exception):
    """The engine answered with an error (bad request, missing index...)."""


class IndexMissing(EngineError):
    """The engine answered, but the index does not exist yet (never built: `search_index --rebuild`)."""


def _status(exc):
    """The HTTP status of a client error, for both clients (None when there is none)."""
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        return status
    meta = getattr(exc, "meta", None)
    return getattr(meta, "status", None)


class SearchTransport:
    """Common operations, delegated to an elasticsearch-py or opensearch-py client (same API shape)."""

    flavour = ""

    def __init__(self, url, timeout):
        self.url = url
        self.timeout = timeout
        self.client = self._make_client(url, timeout)

    def _make_client(self, url, timeout):
        raise NotImplementedError

    def _errors(self):
        """(connection error classes, api error classes) of the underlying client."""
        raise NotImplementedError

    def _client_with_timeout(self, timeout):
        """A client sharing this one's connections, with another request timeout."""
        raise NotImplementedError

    def _call(self, func, *args, **kwargs):
        connection_errors, api_errors = self._errors()
        try:
            return func(*args, **kwargs)
        except connection_errors as exc:
            raise EngineUnavailable(str(exc)) from exc
        except api_errors as exc:
            if _status(exc) == 404 and "index_not_found" in str(exc):
                raise IndexMissing(str(exc)) from exc
            if _status(exc) in BUSY:
                raise EngineUnavailable(str(exc)) from exc
            raise EngineError(str(exc)) from exc

    # --- documents ------------------------------------------------------------------------
    def search(self, index, body, timeout=None):
        """`timeout` (seconds) replaces the transport's own for this request (suggestions)."""
        client = self.client if timeout is None else self._client_with_timeout(timeout)
        return self._call(client.search, index=index, body=body)

    def count(self, index, body=None):
        return self._call(self.client.count, index=index, body=body)["count"]

    def index_document(self, index, doc_id, document, refresh=False):
        return self._call(self.client.index, index=index, id=doc_id, body=document, refresh=refresh)

    def delete_document(self, index, doc_id, refresh=False):
        connection_errors, api_errors = self._errors()
        try:
            return self.client.delete(index=index, id=doc_id, refresh=refresh)
        except connection_errors as exc:
            raise EngineUnavailable(str(exc)) from exc
        except api_errors as exc:
            if _status(exc) == 404:
                return None  # already gone: deleting is idempotent
            raise EngineError(str(exc)) from exc

    def bulk(self, operations, refresh=False, timeout=None):
        """`operations`: the NDJSON lines as dicts (action line, then source for index actions);
        `timeout` (seconds) replaces the transport's own for this request (rebuild chunks)."""
        if not operations:
            return {"errors": False, "items": []}
        client = self.client if timeout is None else self._client_with_timeout(timeout)
        result = self._call(client.bulk, body=operations, refresh=refresh)
        if result.get("errors"):
            failures = [item for item in result["items"] if next(iter(item.values())).get("error")]
            # 404: already gone (deleting is idempotent); 409: the index holds a newer version.
            real = [i for i in failures if next(iter(i.values())).get("status") not in (404, 409)]
            if real and all(next(iter(i.values())).get("status") in BUSY for i in real):
                raise EngineUnavailable(f"bulk: {len(real)} refused for now, first: {real[0]}")
            if real:
                raise EngineError(f"bulk: {len(real)} failures, first: {real[0]}")
        return result

    # --- indices and aliases --------------------------------------------------------------
    def create_index(self, name, body):
        return self._call(self.client.indices.create, index=name, body=body)

    def delete_index(self, name):
        return self._call(self.client.indices.delete, index=name, ignore_unavailable=True)

    def index_exists(self, name):
        return bool(self._call(self.client.indices.exists, index=name))

    def indices_for_alias(self, alias):
        """The concrete indices behind `alias` ([] when the alias does not exist)."""
        if not self._call(self.client.indices.exists_alias, name=alias):
            return []
        return sorted(self._call(self.client.indices.get_alias, name=alias).keys())

    def indices_matching(self, pattern):
        return sorted(self._call(self.client.indices.get, index=pattern, ignore_unavailable=True).keys())

    def update_aliases(self, actions):
        """Apply alias actions atomically (one `_aliases` call)."""
        return self._call(self.client.indices.update_aliases, body={"actions": actions})

    def mapping_meta(self, index):
        """The `_meta` of a concrete index's mapping ({} when it has none)."""
        mappings = self._call(self.client.indices.get_mapping, index=index)
        return mappings.get(index, {}).get("mappings", {}).get("_meta", {})

    def refresh(self, index):
        return self._call(self.client.indices.refresh, index=index)

    def ping(self, timeout=None):
        """True when the node answers within `timeout` seconds (the transport's own by default)."""
        client = self.client if timeout is None else self._client_with_timeout(timeout)
        try:
            return bool(client.ping())
        except Exception:  # noqa: BLE001 - ping means "answers or not", whatever the reason
            return False

    def close(self):
        self.client.close()


class _RequestTimeout:
    """opensearch-py takes a per-request `request_timeout` argument on every call."""

    def __init__(self, client, timeout):
        self.client = client
        self.timeout = timeout

    def search(self, **kwargs):
        return self.client.search(request_timeout=self.timeout, **kwargs)

    def ping(self, **kwargs):
        return self.client.ping(request_timeout=self.timeout, **kwargs)

    def bulk(self, **kwargs):
        return self.client.bulk(request_timeout=self.timeout, **kwargs)


class OpenSearchTransport(SearchTransport):
    flavour = "opensearch"

    def _make_client(self, url, timeout):
        from opensearchpy import OpenSearch

        return OpenSearch(hosts=[url], timeout=timeout, max_retries=0, retry_on_timeout=False)

    def _client_with_timeout(self, timeout):
        return _RequestTimeout(self.client, timeout)

    def _errors(self):
        from opensearchpy import exceptions

        return (exceptions.ConnectionError, exceptions.ConnectionTimeout), (exceptions.TransportError,)


class ElasticsearchTransport(SearchTransport):
    flavour = "elasticsearch"

    def _make_client(self, url, timeout):
        from elasticsearch import Elasticsearch

        return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)

    def _client_with_timeout(self, timeout):
        return self.client.options(request_timeout=timeout)

    def _errors(self):
        import elastic_transport
        from elasticsearch import exceptions

        return (
            (elastic_transport.ConnectionError, elastic_transport.ConnectionTimeout, exceptions.ConnectionError),
            (exceptions.ApiError, exceptions.UnsupportedProductError),
        )


def configured_url():
    """(flavour, url) of the configured engine, or (None, "") for the database engine."""
    if settings.OPENSEARCH_URL:
        return "opensearch", settings.OPENSEARCH_URL
    if settings.ELASTICSEARCH_URL:
        return "elasticsearch", settings.ELASTICSEARCH_URL
    return None, ""


@cache
def _transport_for(flavour, url, timeout):
    cls = OpenSearchTransport if flavour == "opensearch" else ElasticsearchTransport
    return cls(url, timeout)


def get_transport():
    """The transport for the configured engine, or None when search runs on the database."""
    flavour, url = configured_url()
    if flavour is None:
        return None
    return _transport_for(flavour, url, settings.SEARCH_ENGINE_TIMEOUT)
