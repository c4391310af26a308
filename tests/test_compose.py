"""docker-compose.yml and its OpenSearch override cannot run here (no Docker engine): check their
structure, and the override merged onto the main file as Compose merges it."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Compose keeps these lists whole when an override gives them (command, healthcheck test...), and
# merges the others (volumes by target path, other lists by appending); mappings merge key by key.
REPLACED_LISTS = {"command", "entrypoint", "test"}


class ComposeLoader(yaml.SafeLoader):
    """YAML with Compose's `!override` (replace the base value) and `!reset` (remove it) tags."""


class Override:
    def __init__(self, value):
        self.value = value


class Reset:
    pass


def _override(loader, node):
    if isinstance(node, yaml.MappingNode):
        return Override(loader.construct_mapping(node, deep=True))
    if isinstance(node, yaml.SequenceNode):
        return Override(loader.construct_sequence(node, deep=True))
    return Override(loader.construct_scalar(node))


ComposeLoader.add_constructor("!override", _override)
ComposeLoader.add_constructor("!reset", lambda loader, node: Reset())


def _load(name):
    return yaml.load((ROOT / name).read_text(), Loader=ComposeLoader)  # noqa: S506 (a SafeLoader)


def _compose():
    return _load("docker-compose.yml")


def _volume_target(entry):
    return entry.split(":")[1] if isinstance(entry, str) else entry["target"]


def merge(base, override, key=None):
    """`override` on `base` by Compose's merge rules (docs.docker.com/compose/how-tos/multiple-compose-files/merge/)."""
    if isinstance(override, Override):
        return override.value
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for name, value in override.items():
            if isinstance(value, Reset):
                merged.pop(name, None)
            else:
                merged[name] = merge(base.get(name), value, name)
        return merged
    if isinstance(base, list) and isinstance(override, list) and key not in REPLACED_LISTS:
        if key == "volumes":
            targets = {_volume_target(entry) for entry in override}
            return [entry for entry in base if _volume_target(entry) not in targets] + override
        return base + [entry for entry in override if entry not in base]
    return override


def _with_opensearch():
    return merge(_compose(), _load("docker-compose.opensearch.yml"))


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
        assert "OPENSEARCH_URL" not in env  # Elasticsearch 8 stays the default engine
        assert env["DJANGO_SETTINGS_MODULE"] == "hub.settings.production"
        assert "SECRET_KEY" in env
    assert services["worker"]["command"] == "python manage.py db_worker"


def test_every_image_is_pinned_to_a_version():
    for path in ("docker-compose.yml", "docker-compose.opensearch.yml"):
        for name, service in _load(path)["services"].items():
            if "image" in service:
                assert re.search(r":\d+(\.\d+)*$", service["image"]), f"{path} : {name} sans version fixée"


def test_the_opensearch_override_runs_the_engine_version_of_the_tests():
    image = _with_opensearch()["services"]["elasticsearch"]["image"]
    tested = re.search(r"<opensearch.version>([\d.]+)</opensearch.version>", (ROOT / "engine/pom.xml").read_text())
    assert image == f"opensearchproject/opensearch:{tested.group(1)}"


def test_the_opensearch_override_points_the_app_at_opensearch_and_keeps_the_rest():
    base, merged = _compose()["services"], _with_opensearch()["services"]
    assert set(merged) == set(base)
    for name in ("web", "worker"):
        env = merged[name]["environment"]
        # OPENSEARCH_URL wins over ELASTICSEARCH_URL in the settings: the opensearch-py client.
        assert env["OPENSEARCH_URL"] == "http://elasticsearch:9200"
        assert {key: value for key, value in env.items() if key != "OPENSEARCH_URL"} == base[name]["environment"]
        assert merged[name]["depends_on"] == base[name]["depends_on"]
        assert merged[name]["command"] == base[name]["command"]
    assert merged["db"] == base["db"]


def test_the_opensearch_node_drops_elasticsearch_settings_and_data():
    merged = _with_opensearch()
    node = merged["services"]["elasticsearch"]
    assert not any(key.startswith("xpack.") for key in node["environment"])  # OpenSearch refuses them
    assert node["environment"]["discovery.type"] == "single-node"
    assert node["environment"]["DISABLE_SECURITY_PLUGIN"] == "true"
    assert "-Xmx" in node["environment"]["OPENSEARCH_JAVA_OPTS"]
    assert node["volumes"] == ["opensearchdata:/usr/share/opensearch/data"]
    assert "opensearchdata" in merged["volumes"]
    assert "_cluster/health" in " ".join(node["healthcheck"]["test"])
    assert node["healthcheck"]["retries"]  # the main file's timings still apply


def _interpolated(value):
    """Compose's `${VAR:-default}` gives the default, `${VAR:?message}` a stand-in (what .env would set)."""
    return re.sub(
        r"\$\{(\w+):([-?])([^}]*)\}",
        lambda m: m.group(3) if m.group(2) == "-" else f"{m.group(1)}-from-dot-env-" + "x" * 50,
        value,
    )


def test_production_settings_read_what_the_override_gives_the_app():
    """The production settings, imported with the merged environment of `web`: database and engine land
    (OPENSEARCH_URL selects the opensearch-py client, search/engines/transport.py)."""
    env = {
        key: _interpolated(str(value)) for key, value in _with_opensearch()["services"]["web"]["environment"].items()
    }
    probe = (
        "import json, hub.settings.production as s;"
        "print(json.dumps([s.DATABASES['default']['HOST'], s.DATABASES['default']['NAME'], s.OPENSEARCH_URL]))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == ["db", "hub", "http://elasticsearch:9200"]


def test_the_merge_helper_follows_composes_rules():
    """The rules the override relies on: a tag replaces or removes, mappings merge, volumes by target."""
    base = {"environment": {"A": "1", "xpack.x": "2"}, "volumes": ["data:/a"], "healthcheck": {"test": ["x"]}}
    assert merge(base, {"environment": {"B": "3"}})["environment"] == {"A": "1", "xpack.x": "2", "B": "3"}
    assert merge(base, {"environment": Override({"B": "3"})})["environment"] == {"B": "3"}
    assert merge(base, {"volumes": ["other:/a"]})["volumes"] == ["other:/a"]
    assert merge(base, {"volumes": ["other:/b"]})["volumes"] == ["data:/a", "other:/b"]
    assert merge(base, {"healthcheck": {"test": ["y"]}})["healthcheck"]["test"] == ["y"]
    assert "environment" not in merge(base, {"environment": Reset()})
