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
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.browser.server import BASE_DIR, MailOutbox, PostgresDatabase, drop_indices, free_port, search_engine_url


class ProductionInstance:
    """gunicorn + db_worker on a fresh database; `manage()` runs operator commands against it."""

    def __init__(self, database_url, name=None):
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
        self.env = self._environment()

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
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} a échoué :\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def shell(self, code):
        """Operator set-up that has no web page (an invitation, a staff account): `manage.py shell`."""
        return self.manage("shell", "--no-imports", "-c", code).strip().splitlines()[-1]

    def _spawn(self, name, command):
        log = (self.workdir / f"{name}.log").open("w")
        self.processes[name] = subprocess.Popen(  # noqa: S603
            command, cwd=BASE_DIR, env=self.env, stdout=log, stderr=subprocess.STDOUT
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
        """Until /sante/ answers 200 (the compose healthcheck), or a process died."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} s'est arrêté au démarrage :\n{self.log(name)}")
            request = urllib.request.Request(self.url + "/sante/", headers={"X-Forwarded-Proto": "https"})  # noqa: S310
            try:
                with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)  # the server process is starting: nothing to wait on but its socket
        raise RuntimeError(f"gunicorn n'a pas répondu en {timeout} s :\n{self.log('web')}")

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
