import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from ideas.models import Idea, StatusChange

pytestmark = pytest.mark.django_db

IDEA = {
    "kind": "idea",
    "slug": "signature-unique",
    "title": "Une signature électronique unique",
    "problem": "Chaque organisme a son propre outil de signature.",
    "solution": "Un service commun.",
    "benefits": "Moins de coûts.",
    "organisation": "Ministère de la Cybersécurité et du Numérique",
    "tags": ["Signature électronique"],
    "status": "en_analyse",
    "author_email": "nouvelle.personne@gouv.qc.ca",
}


def _import(tmp_path, records, stderr=None):
    path = tmp_path / "idees.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    call_command("import_content", str(path), stdout=io.StringIO(), stderr=stderr or io.StringIO())


def test_import_creates_an_idea_waiting_for_its_author_and_is_idempotent(tmp_path):
    _import(tmp_path, [IDEA])
    idea = Idea.objects.get(slug="signature-unique")
    assert idea.status == "en_analyse" and idea.themes.get().name == "Signature électronique"
    assert idea.author is None and idea.imported_author_email == "nouvelle.personne@gouv.qc.ca"
    assert not get_user_model().objects.filter(email__iexact="nouvelle.personne@gouv.qc.ca").exists()

    _import(tmp_path, [IDEA])
    assert Idea.objects.count() == 1 and StatusChange.objects.filter(idea=idea).count() == 1

    _import(tmp_path, [{**IDEA, "status": "retenue"}])
    idea.refresh_from_db()
    assert idea.status == "retenue"
    assert StatusChange.objects.filter(idea=idea, from_status="en_analyse", to_status="retenue").exists()


def test_invalid_idea_records_are_refused_before_anything_is_written(tmp_path):
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        bad = {**IDEA, "slug": "autre", "status": "peut-etre", "author_email": "pas-un-courriel"}
        _import(tmp_path, [IDEA, bad], stderr=stderr)
    assert "ligne 2 : champ status" in stderr.getvalue()
    assert "ligne 2 : champ author_email" in stderr.getvalue()
    assert not Idea.objects.exists()


def test_an_imported_idea_goes_to_the_member_who_already_has_that_address(tmp_path):
    member = get_user_model().objects.create_user("nouvelle.personne@gouv.qc.ca", "Nouvelle.Personne@gouv.qc.ca")
    _import(tmp_path, [IDEA])
    idea = Idea.objects.get(slug="signature-unique")
    assert idea.author == member and idea.imported_author_email == ""
