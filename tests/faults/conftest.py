"""A production stack the fault tests may break: its own PostgreSQL cluster, its own search node, and
gunicorn + db_worker on them (tests/smoke/instance.py, production settings, from an empty database).

Nothing here touches the session's PostgreSQL or node, which the other tests use: every process a
fault test kills, pauses or restarts belongs to this stack, on ports of its own. Each test leaves
the stack as it found it (`healthy_stack` checks that before the next one).
"""

import json
import os
import signal
import subprocess
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.browser.server import BASE_DIR, free_port
from tests.smoke.instance import ProductionInstance
from tests.smoke.visitor import Visitor, sign_in_as

PASSWORD = "Un-mot-de-passe-solide-2026"
RUN = uuid.uuid4().hex[:6]


def _as_postgres(command):
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _pg_ctl():
    versions = sorted(Path("/usr/lib/postgresql").iterdir(), key=lambda path: [int(p) for p in path.name.split(".")])
    return str(versions[-1] / "bin" / "pg_ctl")


class PostgresCluster:
    """A PostgreSQL cluster of the stack's own (scripts/postgres.sh on a free port and folder)."""

    def __init__(self):
        self.port = free_port()
        self.folder = Path(tempfile.gettempdir()) / f"hub-faults-pg-{self.port}"
        self.env = {**os.environ, "PG_PORT": str(self.port), "PG_DIR": str(self.folder)}
        self.url = ""

    def up(self):
        self.url = subprocess.run(
            ["bash", "scripts/postgres.sh", "up"],
            cwd=BASE_DIR,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        return self

    def pg_ctl(self, *args):
        subprocess.run(
            _as_postgres([_pg_ctl(), "-D", str(self.folder / "data"), "-w", "-t", "60", *args]),
            check=True,
            capture_output=True,
            timeout=90,
        )

    def down(self):
        subprocess.run(["bash", "scripts/postgres.sh", "down"], cwd=BASE_DIR, env=self.env, capture_output=True)


class SearchNode:
    """An OpenSearch node of the stack's own (engine/up.sh on free ports, its own data folder)."""

    def __init__(self):
        self.port = free_port()
        self.data = tempfile.mkdtemp(prefix="hub-faults-node-")
        self.env = {
            **os.environ,
            "ENGINE_PORT": str(self.port),
            "ENGINE_TRANSPORT_PORT": str(free_port()),
            "ENGINE_DATA": self.data,
            "ENGINE_HEAP_MIN": "256m",
            "ENGINE_HEAP": "512m",
        }
        self.url = f"http://127.0.0.1:{self.port}"

    def up(self):
        subprocess.run(
            ["bash", "engine/up.sh"], cwd=BASE_DIR, env=self.env, check=True, capture_output=True, timeout=240
        )
        return self

    @property
    def pid(self):
        return int((Path(self.data) / "engine.pid").read_text().strip())

    def signal(self, number):
        os.kill(self.pid, number)

    def killed(self):
        """SIGKILL, and wait until the process is gone (its port closed)."""
        pid = self.pid
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while Path(f"/proc/{pid}").exists() and _state(pid) != "Z" and time.monotonic() < deadline:
            time.sleep(0.05)  # the kernel tears the process down: nothing else to wait on

    def refresh(self):
        """Make every write the node received searchable now (no waiting on its refresh interval)."""
        request = urllib.request.Request(f"{self.url}/_refresh", method="POST")  # noqa: S310
        urllib.request.urlopen(request, timeout=30).close()  # noqa: S310

    def answers(self):
        try:
            with urllib.request.urlopen(f"{self.url}/_cluster/health", timeout=2) as response:  # noqa: S310
                return json.load(response)["status"] in ("yellow", "green")
        except OSError:
            return False

    def down(self):
        subprocess.run(["bash", "engine/down.sh"], cwd=BASE_DIR, env=self.env, capture_output=True)


def _state(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


MEMBERS_SETUP = """
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from hub.models import Organisation
from ideas import services

organisation, _ = Organisation.objects.get_or_create(
    slug="mcn", defaults={{"name": "Ministère de la Cybersécurité et du Numérique", "acronym": "MCN"}}
)
members = []
for email in {emails!r}:
    user = get_user_model().objects.create_user(username=email, email=email, password={password!r})
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    members.append(user)
with services.bulk_load():
    ideas = [
        services.propose_idea(
            members[index % len(members)], title=f"Idée à appuyer numéro {{index}} {run}", problem="Un problème.",
            solution="Une solution.", benefits="Des bénéfices.", organisation=organisation,
        ).pk
        for index in range({seed_ideas})
    ]
print(json.dumps({{"organisation": organisation.pk, "ideas": ideas}}))
"""


class Stack:
    def __init__(self, cluster, node, instance):
        self.cluster, self.node, self.instance = cluster, node, instance
        self.organisation = None
        self._members = 0

    def members(self, count, seed_ideas=0):
        """`count` members with confirmed addresses, signed in through the sign-in page (one Visitor
        each), and `seed_ideas` published ideas to vote on. Returns (visitors, idea pks)."""
        first = self._members
        self._members += count
        emails = [f"membre{first + number}.{RUN}@mcn.gouv.qc.ca" for number in range(count)]
        code = MEMBERS_SETUP.format(emails=emails, password=PASSWORD, run=RUN, seed_ideas=seed_ideas)
        setup = json.loads(self.instance.shell(code))
        self.organisation = setup["organisation"]
        visitors = []
        for email in emails:
            visitor = Visitor(self.instance.host)
            sign_in_as(visitor, email, PASSWORD)
            visitors.append(visitor)
        return visitors, setup["ideas"]

    def propose(self, visitor, title):
        """A member's idea, published from the proposal form (302 to the idea when it is saved)."""
        return visitor.post(
            "/idees/proposer/",
            {
                "title": title,
                "problem": "Chaque région fait autrement.",
                "solution": "Une façon commune.",
                "benefits": "Moins de délais.",
                "organisation": self.organisation,
                "locale": "fr",
                "action": "publish",
            },
        )

    def search(self, query):
        answer = Visitor(self.instance.host).get("/api/v1/search/?" + urllib.parse.urlencode({"q": query}))
        return answer, (json.loads(answer.text) if answer.status == 200 else None)

    def index_drift(self):
        """`search_index --check`'s report, or None when it finds nothing to repair."""
        try:
            self.instance.manage("search_index", "--check", timeout=120)
        except RuntimeError as exc:
            return str(exc)
        return None


@pytest.fixture(scope="session")
def stack():
    database_url = os.environ.get("DATABASE_URL", "")
    assert database_url.startswith(("postgres://", "postgresql://")), "Les pannes exigent PostgreSQL (DATABASE_URL)."
    cluster, node, instance = PostgresCluster(), SearchNode(), None
    try:
        # The node takes the longest to start: it starts while PostgreSQL does.
        starting = threading.Thread(target=node.up)
        starting.start()
        cluster.up()
        starting.join()
        assert node.answers(), "le nœud de recherche des pannes n'a pas démarré"
        instance = ProductionInstance(
            cluster.url,
            name="hub_faults",
            environment={
                "OPENSEARCH_URL": node.url,
                "ELASTICSEARCH_URL": "",
                # After a failure the breaker probes again in 2 s (30 s in production): the test
                # sees the recovery without waiting out a production period.
                "SEARCH_BREAKER_SECONDS": "2",
            },
        )
        instance.start()
        yield Stack(cluster, node, instance)
    finally:
        try:
            if instance is not None:
                instance.stop()
        finally:
            node.down()
            cluster.down()


@pytest.fixture
def healthy_stack(stack):
    """The stack as a test may expect it: everything running, the node answering."""
    for name, process in stack.instance.processes.items():
        assert process.poll() is None, f"{name} ne tourne plus :\n{stack.instance.log(name)}"
    assert stack.node.answers()
    return stack
