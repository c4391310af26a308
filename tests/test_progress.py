"""Long commands show progress: off a terminal, one line per interval and a last one, then the
command's own summary; `-v0` prints nothing but errors."""

import io
import json
import re
import time

import pytest
from django.core.management import call_command

from hub.progress import Progress
from ideas.models import Idea

pytestmark = pytest.mark.django_db

INTERVAL_LINE = re.compile(r"^Import : \d+/2000 \(\d+ %\), [\d.]+/s, reste environ \d+", re.MULTILINE)


def idea_records(count):
    return [
        {
            "kind": "idea",
            "slug": f"idee-{n}",
            "title": f"Idée importée numéro {n}",
            "problem": "Un problème.",
            "solution": "Une solution.",
            "benefits": "Moins de coûts.",
            "organisation": "Ministère de la Cybersécurité et du Numérique",
            "status": "soumise",
            "author_email": "auteur@gouv.qc.ca",
        }
        for n in range(count)
    ]


def test_import_of_2000_records_off_a_terminal_prints_progress_lines_and_the_summary(tmp_path):
    path = tmp_path / "idees.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in idea_records(2000)), encoding="utf-8")
    out = io.StringIO()  # not a terminal
    start = time.monotonic()
    call_command("import_content", str(path), "--progress-interval", "1", stdout=out)
    elapsed = time.monotonic() - start
    output = out.getvalue()
    assert Idea.objects.count() == 2000
    assert elapsed > 2, "the import must last more than one interval for this test to mean something"
    assert len(INTERVAL_LINE.findall(output)) >= 1
    assert re.search(r"^Import : 2000/2000 \(100 %\), terminé en \d+", output, re.MULTILINE)
    assert output.splitlines()[-1] == "2000 créé(s), 0 mis à jour(s), 0 inchangé(s)."


def test_progress_at_v0_prints_nothing():
    out = io.StringIO()
    with Progress("Travail", 3, stream=out, verbosity=0, interval=0) as progress:
        progress.advance(3)
    assert out.getvalue() == ""


def test_progress_off_a_terminal_prints_a_line_per_interval_with_rate_and_time_left():
    out = io.StringIO()
    with Progress("Travail", 4, stream=out, interval=0) as progress:
        progress.advance()
        progress.advance()
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Travail : 1/4 (25 %), ") and "reste environ" in lines[0]
    assert lines[1].startswith("Travail : 2/4 (50 %), ")
    assert lines[-1].startswith("Travail : 2/4 (50 %), terminé en ")
