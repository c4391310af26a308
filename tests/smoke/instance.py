"""A production instance on this machine, as docker-compose.yml runs it, for the smoke test.

An empty database of its own on the test PostgreSQL server, hub.settings.production with every
secret and endpoint from the environment, `migrate` alone (no demo), then gunicorn and the
django-tasks-db worker with the commands compose gives them. Only the mail backend differs: mail is
written to a folder (EMAIL_BACKEND and EMAIL_FILE_PATH from the environment) so that the smoke can
read the links a person would click.
"""

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.browser.server import (
    BASE_DIR,
    MailOutbox,
    PostgresDatabase,
    drop_indices,
    free_port,
    manage,
    search_engine_url,
    wait_until_healthy,
)


class ProductionInstance:
    """gunicorn + db_worker on a fresh database; `manage()` runs operator commands against it."""

    def __init__(self, database_url, name=None, environment=None):
        """`environment`: what differs from compose's (the fault tests' own engine node, timings)."""
        self.workdir = Path(tempfile.mkdtemp(prefix="hub-smoke-"))
        self.mail_dir = self.workdir / "mail"
        self.mail_dir.mkdir()
        self.outbox = MailOutbox(self.mail_dir)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.host = f"127.0.0.1:{self.port}"
        self.postgres = PostgresDatabase(database_url, name=name or f"hub_smoke_{os.getpid()}")
        self.index_prefix = f"{os.environ.get('SEARCH_INDEX_PREFIX', 'hub')}-smoke-{os.getpid()}".lower()
        self.processes = {}
        self.env = {**self._environment(), **(environment or {})}

    def _environment(self):
        env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "HUB_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="hub.settings.production",
            SECRET_KEY=secrets.token_urlsafe(48),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_URL=self.postgres.url,
            SEARCH_INDEX_PREFIX=self.index_prefix,
            WAGTAILADMIN_BASE_URL=f"https://{self.host}",
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(self.mail_dir),
            MEDIA_ROOT=str(self.workdir / "media"),
            PYTHONDONTWRITEBYTECODE="1",
            PYTHONUNBUFFERED="1",
        )
        # compose's TASKS_BACKEND is production.py's default: the worker, not the immediate backend.
        env.pop("TASKS_BACKEND", None)
        env.pop("SEARCH_REFRESH_ON_WRITE", None)
        assert search_engine_url(), "La fumée de production exige OPENSEARCH_URL ou ELASTICSEARCH_URL."
        return env

    def manage(self, *args, timeout=900):  # a bound for a stuck command, not a wait
        return manage(self.env, *args, timeout=timeout)

    def shell(self, code):
        """Operator set-up that has no web page (an invitation, a staff account): `manage.py shell`."""
        return self.manage("shell", "--no-imports", "-c", code).strip().splitlines()[-1]

    def _spawn(self, name, command):
        log = (self.workdir / f"{name}.log").open("a")
        # PGAPPNAME (libpq) names each process's connections in pg_stat_activity: `hub-web`, `hub-worker`.
        env = {**self.env, "PGAPPNAME": f"hub-{name}"}
        self.processes[name] = subprocess.Popen(  # noqa: S603
            command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )

    def start(self, fresh=True):
        if fresh:
            self.postgres.create()
        # What the image does at build time, then what compose's `web` command runs before gunicorn.
        self.manage("collectstatic", "--no-input", "-v0")
        self.manage("migrate", "--no-input", "-v0")
        self.manage("createcachetable")
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self._spawn("web", [str(gunicorn), "hub.wsgi:application", "--bind", self.host, "--workers", "2"])
        self._spawn("worker", [sys.executable, "manage.py", "db_worker"])
        self._wait_until_ready()
        return self

    def _wait_until_ready(self, timeout=300):  # a bound for a server that never comes up
        wait_until_healthy(self.url, self.processes, self.log, timeout, headers={"X-Forwarded-Proto": "https"})

    def restart_worker(self):
        """The worker as compose's `restart: unless-stopped` would bring it back after a crash."""
        self._spawn("worker", [sys.executable, "manage.py", "db_worker"])

    def web_pids(self):
        """gunicorn's master and its workers: the same pids before and after a fault mean no restart."""
        master = self.processes["web"].pid
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        return {master, *map(int, children)}

    def log(self, name):
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace")[-5000:] if path.exists() else ""

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        drop_indices(self.index_prefix)
        self.postgres.drop()
        shutil.rmtree(self.workdir, ignore_errors=True)
