"""`manage.py import_content`: validation first, atomic writes, idempotent upserts, Markdown to blocks."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Revision

from hub.importer import _REGISTRY, markdown_to_blocks, register_kind
from hub.models import ComponentPage, GuidePage, Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

GUIDE = {
    "kind": "guide",
    "slug": "guide-infonuagique",
    "title": "Adopter l'infonuagique",
    "summary": "Les étapes pour migrer un service vers l'infonuagique gouvernementale.",
    "body": "Intro **importante**.\n\n## Évaluer\n\nTexte.\n\n```bash\nmake deploy\n```\n\n### Détails\n\n> Le nuage d'abord.\n",
    "organisation": "Organisme importé",
    "tags": ["infonuagique", "gouvernance"],
}
COMPONENT = {
    "kind": "component",
    "slug": "authentification-gouv",
    "title": "Service d'authentification gouvernementale",
    "summary": "Connexion unique des citoyens.",
    "body": "Un service partagé.",
    "organisation": "Ministère de la Cybersécurité et du Numérique",
    "tags": ["OpenID Connect", "Keycloak"],
    "component_type": "service-partage",
    "licence": "LiLiQ-P-1.1",
    "maturity": "stable",
    "repository_url": "https://git.example.gouv.qc.ca/auth",
    "version": "2.3.0",
}


def _write(tmp_path, records, name="contenu.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(record, ensure_ascii=False) for record in records) + "\n", encoding="utf-8")
    return path


def test_markdown_becomes_headings_code_quotes_and_rich_text():
    blocks = markdown_to_blocks(GUIDE["body"] + "\n<script>alert(1)</script>")
    assert [block["type"] for block in blocks] == [
        "paragraph",
        "heading",
        "paragraph",
        "code",
        "heading",
        "quote",
        "paragraph",
    ]
    assert blocks[0]["value"] == "<p>Intro <strong>importante</strong>.</p>"
    assert blocks[1]["value"] == {"text": "Évaluer", "level": "h2"}
    assert blocks[3]["value"] == {"language": "bash", "code": "make deploy"}
    assert blocks[4]["value"]["level"] == "h3"
    assert "<script>" not in blocks[-1]["value"]


def test_import_creates_published_pages_and_running_it_twice_changes_nothing(tmp_path, index_pages, organisations):
    path = _write(
        tmp_path,
        [GUIDE, COMPONENT, {**GUIDE, "locale": "en", "title": "Adopting the cloud", "translation_of": GUIDE["slug"]}],
    )
    call_command("import_content", str(path))
    guide = GuidePage.objects.get(slug="guide-infonuagique", locale__language_code="fr")
    assert guide.live
    assert [block.block_type for block in guide.body][:2] == ["paragraph", "heading"]
    assert sorted(guide.themes.names()) == ["gouvernance", "infonuagique"]
    assert guide.owner_organisation.name == "Organisme importé"
    english = GuidePage.objects.get(slug="guide-infonuagique", locale__language_code="en")
    assert english.translation_key == guide.translation_key
    component = ComponentPage.objects.get(slug="authentification-gouv")
    assert component.live and component.licence == "LiLiQ-P-1.1" and component.version == "2.3.0"
    assert component.owner_organisation == Organisation.objects.get(slug="mcn")

    revisions = Revision.objects.count()
    call_command("import_content", str(path))
    assert Revision.objects.count() == revisions
    assert GuidePage.objects.count() == 2


def test_a_changed_record_gets_a_new_revision_and_is_republished(tmp_path, index_pages):
    call_command("import_content", str(_write(tmp_path, [GUIDE])))
    call_command("import_content", str(_write(tmp_path, [{**GUIDE, "title": "Adopter l'infonuagique (2e édition)"}])))
    guide = GuidePage.objects.get(slug="guide-infonuagique")
    assert guide.title == "Adopter l'infonuagique (2e édition)"
    assert guide.live and not guide.has_unpublished_changes


def test_unpublished_records_stay_drafts(tmp_path, index_pages):
    call_command("import_content", str(_write(tmp_path, [{**GUIDE, "published": False}])))
    assert not GuidePage.objects.get(slug="guide-infonuagique").live


def test_a_bad_line_fails_the_whole_file_with_exit_code_1(tmp_path, index_pages):
    bad = {**COMPONENT, "slug": "mauvaise", "licence": "GPL-Maison"}
    path = _write(tmp_path, [GUIDE, bad, {"kind": "guide", "slug": "sans-titre"}])
    with pytest.raises(CommandError, match="rien n'a été importé"):
        call_command("import_content", str(path))
    assert not GuidePage.objects.exists()
    assert not Organisation.objects.filter(name="Organisme importé").exists()

    # From the command line, Django exits with CommandError.returncode (1); one message per problem.
    stderr = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_content", str(path), stderr=stderr)
    assert failure.value.returncode == 1
    stderr = stderr.getvalue()
    assert "ligne 2 : champ licence : « GPL-Maison » n'est pas un identifiant SPDX reconnu" in stderr
    assert "ligne 3 : champ title : obligatoire" in stderr
    assert not GuidePage.objects.exists()


def test_json_array_files_and_unknown_kinds(tmp_path, index_pages):
    path = tmp_path / "contenu.json"
    path.write_text(json.dumps([GUIDE, {**GUIDE, "kind": "recette", "slug": "autre"}]), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_content", str(path))
    path.write_text(json.dumps([GUIDE]), encoding="utf-8")
    call_command("import_content", str(path))
    assert GuidePage.objects.filter(slug="guide-infonuagique").exists()


def test_other_apps_plug_their_own_kind_into_the_importer(tmp_path, index_pages):
    written = []
    register_kind(
        "note-test",
        lambda record: [] if record.data.get("title") else [("title", "obligatoire")],
        lambda record: written.append(record.slug) or "créé",
    )
    try:
        call_command(
            "import_content", str(_write(tmp_path, [{"kind": "note-test", "slug": "une-note", "title": "Note"}]))
        )
    finally:
        _REGISTRY.pop("note-test")
    assert written == ["une-note"]
