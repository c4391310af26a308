"""The transport seam: both clients map their failures onto the hub's two errors, so the search
falls back to the database instead of failing. The Elasticsearch 8 client cannot talk to the
local OpenSearch node (it requires Elasticsearch's own media type): that refusal is exactly the
"engine answered with an error" case, and it must never reach a user as a 500."""

import pytest
from django.urls import reverse

from search.engines.transport import (
    ElasticsearchTransport,
    EngineError,
    EngineUnavailable,
    OpenSearchTransport,
    get_transport,
)

pytestmark = [pytest.mark.django_db, pytest.mark.search]


def test_elasticsearch_client_refused_by_the_node_is_an_engine_error(engine):
    transport = ElasticsearchTransport(engine.url, timeout=5)
    with pytest.raises(EngineError):
        transport.search("hub-inexistant", {"query": {"match_all": {}}})


@pytest.mark.parametrize("cls", [ElasticsearchTransport, OpenSearchTransport])
def test_a_closed_port_is_engine_unavailable_for_both_clients(cls):
    transport = cls("http://127.0.0.1:9", timeout=2)
    with pytest.raises(EngineUnavailable):
        transport.search("hub", {"query": {"match_all": {}}})
    assert transport.ping() is False


def test_elasticsearch_url_selects_the_elasticsearch_client_and_falls_back_on_refusal(client, engine, settings):
    settings.OPENSEARCH_URL = ""
    settings.ELASTICSEARCH_URL = engine.url
    assert isinstance(get_transport(), ElasticsearchTransport)
    response = client.get(reverse("search:api_search"), {"q": "numérique"})
    assert response.status_code == 200
    data = response.json()
    assert data["engine"] == "database"
    assert data["notice"]
