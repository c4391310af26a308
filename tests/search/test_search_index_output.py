"""`search_index --check` ends with a table of missing, extra and stale documents per store and
kind; off a terminal its progress is plain lines; `-v0` prints nothing."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search.documents import available_kinds
from search.engines.database import store
from tests.search.conftest import make_document

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def test_check_ends_with_a_table_per_store_and_kind(database_engine):
    store("guide-999999", make_document("guide", 999999, "Fantôme"))  # in the table, not in the content
    out = io.StringIO()
    with pytest.raises(CommandError, match="--repair"):
        call_command("search_index", "--check", "--progress-interval", "0", stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.startswith("Vérification : ") and "terminé en" in line for line in lines)
    header = next(
        i for i, line in enumerate(lines) if line.split() == ["Magasin", "Type", "Manquants", "En", "trop", "Périmés"]
    )
    rows = [line.split() for line in lines[header + 1 :] if line.startswith("base ")]
    assert ["base", "guide", "0", "1", "0"] in rows
    assert {row[1] for row in rows} >= {kind.name for kind in available_kinds()}
    assert "base extra: 1 (guide-999999)" in lines


def test_check_at_v0_prints_nothing(database_engine):
    out = io.StringIO()
    call_command("search_index", "--check", "--progress-interval", "0", verbosity=0, stdout=out)
    assert out.getvalue() == ""
