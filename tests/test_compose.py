"""docker-compose.yml cannot run here (no Docker engine): check its structure instead."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_declares_the_four_services_with_named_volumes():
    compose = _compose()
    assert set(compose["services"]) == {"web", "worker", "db", "elasticsearch"}
    assert {"pgdata", "esdata", "media"} <= set(compose["volumes"])
    assert compose["services"]["db"]["image"].startswith("postgres:16")
    assert compose["services"]["elasticsearch"]["image"].split(":")[-1].startswith("8.")


def test_stateful_services_have_healthchecks_and_app_waits_for_them():
    services = _compose()["services"]
    for name in ("db", "elasticsearch", "web"):
        assert services[name]["healthcheck"]["test"], name
    for name in ("web", "worker"):
        assert services[name]["depends_on"] == {
            "db": {"condition": "service_healthy"},
            "elasticsearch": {"condition": "service_healthy"},
        }


def test_elasticsearch_security_is_explicit_and_single_node():
    env = _compose()["services"]["elasticsearch"]["environment"]
    assert env["discovery.type"] == "single-node"
    assert "xpack.security.enabled" in env


def test_app_containers_get_database_and_search_from_the_environment():
    services = _compose()["services"]
    for name in ("web", "worker"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://hub:") and "@db:5432/hub" in env["DATABASE_URL"]
        assert env["ELASTICSEARCH_URL"] == "http://elasticsearch:9200"
        assert env["DJANGO_SETTINGS_MODULE"] == "hub.settings.production"
        assert "SECRET_KEY" in env
    assert services["worker"]["command"] == "python manage.py db_worker"
