"""`manage.py import_content` with hostile or conflicting records: safe links, clear errors, nothing written."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hub.models import GuidePage

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

GUIDE = {
    "kind": "guide",
    "slug": "guide-liens",
    "title": "Des liens dans un guide",
    "summary": "Un guide importé avec des liens.",
}


def _write(tmp_path, records):
    path = tmp_path / "contenu.jsonl"
    path.write_text("\n".join(json.dumps(record, ensure_ascii=False) for record in records) + "\n", encoding="utf-8")
    return path


def _body_html(page):
    return "".join(str(block.value.source) for block in page.body if block.block_type == "paragraph")


def test_markdown_links_follow_wagtail_rich_text_schemes(tmp_path, index_pages, client):
    body = (
        "[Cliquez](javascript:alert(document.cookie)) et [encore](JaVaScRiPt&#58;alert(1)) "
        "et [donnée](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
        "et [tabulé](jav\tascript:alert(1)) "
        "mais [le CQEN](https://www.quebec.ca/cqen) et [écrire](mailto:cqen@mcn.gouv.qc.ca) restent.\n\n"
        "![image](javascript:alert(2))"
    )
    call_command("import_content", str(_write(tmp_path, [{**GUIDE, "body": body}])), stdout=io.StringIO())
    page = GuidePage.objects.get(slug="guide-liens")
    stored = _body_html(page).lower()
    assert "javascript" not in stored.replace("\t", "")
    assert "data:text" not in stored
    assert 'href="https://www.quebec.ca/cqen"' in stored
    assert 'href="mailto:cqen@mcn.gouv.qc.ca"' in stored
    served = client.get(page.url).content.decode().lower()
    assert "javascript:" not in served and "data:text/html" not in served


def test_second_translation_of_one_original_is_reported_on_its_line(tmp_path, index_pages):
    call_command(
        "import_content",
        str(
            _write(
                tmp_path,
                [GUIDE, {**GUIDE, "locale": "en", "title": "Links in a guide", "translation_of": GUIDE["slug"]}],
            )
        ),
        stdout=io.StringIO(),
    )
    second = {**GUIDE, "slug": "autre-traduction", "locale": "en", "title": "Another", "translation_of": GUIDE["slug"]}
    other = {**GUIDE, "slug": "un-autre-guide", "title": "Un autre guide"}
    stderr = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_content", str(_write(tmp_path, [other, second])), stderr=stderr, stdout=io.StringIO())
    assert failure.value.returncode == 1
    assert "ligne 2 : champ translation_of : " in stderr.getvalue()
    assert "guide-liens" in stderr.getvalue()
    assert not GuidePage.objects.filter(slug__in=["un-autre-guide", "autre-traduction"]).exists()


def test_two_translations_of_one_original_in_one_file_are_reported(tmp_path, index_pages):
    first = {**GUIDE, "slug": "premiere", "locale": "en", "title": "First", "translation_of": GUIDE["slug"]}
    second = {**GUIDE, "slug": "seconde", "locale": "en", "title": "Second", "translation_of": GUIDE["slug"]}
    stderr = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_content", str(_write(tmp_path, [GUIDE, first, second])), stderr=stderr)
    assert failure.value.returncode == 1
    assert "ligne 3 : champ translation_of : " in stderr.getvalue()
    assert not GuidePage.objects.exists()


def test_title_with_a_line_break_is_reported_on_its_line(tmp_path, index_pages):
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_content", str(_write(tmp_path, [{**GUIDE, "title": "Deux\rlignes"}])), stderr=stderr)
    assert "ligne 1 : champ title : une seule ligne" in stderr.getvalue()
    assert not GuidePage.objects.exists()
