"""The hub under test: one real server process with its own database, mail outbox and index prefix.

The server runs in a subprocess so that Playwright's event loop never meets Django's
async-unsafe guards, and so that the browser talks to the hub exactly as a visitor would: HTTP.
"""

import email
import email.policy
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
SERVER_SETTINGS = "tests.browser.server_settings"
MAIL_SEPARATOR = "\n" + "-" * 79 + "\n"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def search_engine_url():
    return os.environ.get("OPENSEARCH_URL") or os.environ.get("ELASTICSEARCH_URL") or ""


def manage(env, *args, timeout=1800):  # a bound for a stuck command: a loaded machine takes minutes
    """`manage.py <args>` with `env` (a server's database, prefix, settings); return its standard output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} a échoué :\n{result.stdout}\n{result.stderr}")
    return result.stdout


def wait_until_healthy(url, processes, log, timeout, headers=None, request_timeout=2):
    """Until `url`/sante/ answers 200 (the compose healthcheck), or one of `processes` died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} s'est arrêté au démarrage :\n{log(name)}")
        request = urllib.request.Request(url + "/sante/", headers=headers or {})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=request_timeout) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)  # the server process is starting: nothing to wait on but its socket
    raise RuntimeError(f"Le serveur n'a pas répondu en {timeout} s :\n{log(next(iter(processes)))}")


def drop_indices(prefix):
    """Delete the search indices whose names start with `prefix` (a test run's own)."""
    base = search_engine_url().rstrip("/")
    try:
        listing = urllib.request.Request(f"{base}/_cat/indices/{prefix}*?format=json")  # noqa: S310
        with urllib.request.urlopen(listing, timeout=10) as response:  # noqa: S310
            names = [row["index"] for row in json.load(response)]
        for name in names:
            deletion = urllib.request.Request(f"{base}/{name}", method="DELETE")  # noqa: S310
            urllib.request.urlopen(deletion, timeout=10).close()  # noqa: S310
    except (urllib.error.URLError, OSError, ValueError, KeyError):
        pass  # a stopped engine has nothing left to clean


def refresh_indices(prefix):
    """Make every write to the indices whose names start with `prefix` searchable now."""
    base = search_engine_url().rstrip("/")
    request = urllib.request.Request(f"{base}/{prefix}*/_refresh", method="POST")  # noqa: S310
    urllib.request.urlopen(request, timeout=30).close()  # noqa: S310


class PostgresDatabase:
    """A database of its own on the PostgreSQL server DATABASE_URL points to, dropped at the end."""

    def __init__(self, url, name=None):
        self.admin_url = url
        self.name = name or f"hub_browser_{os.getpid()}"
        parts = urllib.parse.urlsplit(url)
        self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.name))

    def _execute(self, sql):
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(sql)

    def create(self):
        self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self._execute(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class MailOutbox:
    """The messages the server sent, read from the file-based mail backend's folder."""

    def __init__(self, folder):
        self.folder = Path(folder)

    def messages(self):
        found = []
        for path in sorted(self.folder.glob("*.log"), key=lambda p: p.stat().st_mtime_ns):
            for chunk in path.read_bytes().split(MAIL_SEPARATOR.encode()):
                if chunk.strip():
                    found.append(email.message_from_bytes(chunk.lstrip(), policy=email.policy.default))
        return found

    def to(self, address):
        return [message for message in self.messages() if address in (message.get("To") or "")]

    @staticmethod
    def text(message):
        part = message.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part is not None else ""


class HubServer:
    """Starts `manage.py runserver` on a free port after migrate, createcachetable and load_demo."""

    def __init__(self):
        self.workdir = Path(tempfile.mkdtemp(prefix="hub-browser-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.mail_dir = self.workdir / "mail"
        self.mail_dir.mkdir()
        (self.workdir / "media").mkdir()
        self.log_path = self.workdir / "server.log"
        self.process = None
        self.postgres = None
        self.index_prefix = ""
        self.outbox = MailOutbox(self.mail_dir)
        self.env = self._environment()

    def _environment(self):
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE=SERVER_SETTINGS,
            HUB_BROWSER_MAIL_DIR=str(self.mail_dir),
            HUB_BROWSER_MEDIA_ROOT=str(self.workdir / "media"),
            HUB_BROWSER_BASE_URL=self.url,
            PYTHONDONTWRITEBYTECODE="1",
            PYTHONUNBUFFERED="1",
        )
        database_url = os.environ.get("DATABASE_URL", "")
        if database_url.startswith(("postgres://", "postgresql://")):
            self.postgres = PostgresDatabase(database_url)
            env["DATABASE_URL"] = self.postgres.url
        else:
            env["DATABASE_URL"] = f"sqlite:///{self.workdir / 'hub.sqlite3'}"
        if search_engine_url():
            base = os.environ.get("SEARCH_INDEX_PREFIX", "hub")
            self.index_prefix = f"{base}-browser-{os.getpid()}".lower()
            env["SEARCH_INDEX_PREFIX"] = self.index_prefix
        return env

    def manage(self, *args, timeout=1800):  # a bound for a stuck command: a loaded machine takes minutes
        """Run a management command against the server's database; return its standard output."""
        return manage(self.env, *args, timeout=timeout)

    def shell(self, code):
        """Run Python code in `manage.py shell` (test set-up that has no UI); return what it prints."""
        return self.manage("shell", "--no-imports", "-c", code)

    def _has_command(self, name):
        return name in self.manage("help", "--commands").split()

    def start(self):
        if self.postgres is not None:
            self.postgres.create()
        self.manage("migrate", "--no-input", "-v0")
        self.manage("createcachetable")
        self.manage("load_demo", "--force-demo")  # DEBUG is off here, as in production
        if self.index_prefix and self._has_command("search_index"):
            self.manage("search_index", "--rebuild")
        log = self.log_path.open("w")
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=BASE_DIR,
            # A write is searchable once the request that made it has answered: the journeys wait
            # on that answer, never on the engine's one-second refresh.
            env={**self.env, "SEARCH_REFRESH_ON_WRITE": "true"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_ready()
        return self

    def _wait_until_ready(self, timeout=900):
        """The bound only catches a server that never comes up: on a loaded machine its first request
        (URLconf, Wagtail's imports) takes minutes."""
        wait_until_healthy(
            self.url, {"server": self.process}, lambda name: self.log(), timeout=timeout, request_timeout=60
        )

    def log(self):
        return self.log_path.read_text(errors="replace")[-5000:] if self.log_path.exists() else ""

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.index_prefix:
            drop_indices(self.index_prefix)
        if self.postgres is not None:
            self.postgres.drop()
        shutil.rmtree(self.workdir, ignore_errors=True)
