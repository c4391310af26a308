"""The embedded SQLite database (no DATABASE_URL, `make run`) commits without an fsync per write.

Every counted search writes its day's count (`search.insight`); with SQLite's default rollback
journal and full sync, that commit's fsync cost most of a search's time (docs/benchmarks.md,
« Tolérance aux fautes de frappe »). A fresh process with a SQLite DATABASE_URL, as an operator
starts one, must open its connections in write-ahead-log mode, synced at checkpoints (NORMAL = 1).
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRAGMAS = (
    "import django; django.setup(); from django.db import connection; cursor = connection.cursor(); "
    "print(cursor.execute('PRAGMA journal_mode').fetchone()[0], cursor.execute('PRAGMA synchronous').fetchone()[0])"
)


def test_sqlite_database_uses_write_ahead_log_synced_at_checkpoints(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'hub.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "hub.settings.test",
    }
    done = subprocess.run(
        [sys.executable, "-c", PRAGMAS], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["wal", "1"]
