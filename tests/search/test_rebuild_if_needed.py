"""The deployment's `search_index --rebuild-if-needed`: it rebuilds when the engine's index was built
with another mapping than this code's (or there is none), and leaves an up-to-date index alone."""

import pytest
from django.core.management import call_command

from search.documents import alias_name, index_body, mapping_fingerprint

pytestmark = [pytest.mark.django_db, pytest.mark.search]


def run(capsys):
    call_command("search_index", "--rebuild-if-needed")
    return capsys.readouterr().out


def test_first_deployment_builds_the_index_then_leaves_it(engine, capsys):
    assert "aucun index" in run(capsys)
    built = engine.indices_for_alias(alias_name())
    assert engine.mapping_meta(built[0]) == {"mapping_fingerprint": mapping_fingerprint()}
    assert "Index à jour" in run(capsys)
    assert engine.indices_for_alias(alias_name()) == built


def test_an_index_built_with_an_older_mapping_is_rebuilt(engine, capsys):
    old = f"{alias_name()}-ancien"
    body = index_body(rules=[])
    body["mappings"].pop("_meta")  # as built before the fingerprint, or by another version
    body["mappings"]["properties"].pop("title")
    engine.create_index(old, body)
    engine.update_aliases([{"add": {"index": old, "alias": alias_name()}}])
    assert "mapping modifié (sans empreinte" in run(capsys)
    (current,) = engine.indices_for_alias(alias_name())
    assert current != old
    assert engine.mapping_meta(current)["mapping_fingerprint"] == mapping_fingerprint()


def test_database_engine_has_nothing_to_rebuild(database_engine, capsys):
    assert "rien à reconstruire" in run(capsys)
