"""Load benchmarks of the production stack (issue 21): votes under contention, pages, publish →
searchable, memory. Run by `make bench` (scripts/bench.sh starts PostgreSQL and the search node):

    make bench
    # or, services already up (DATABASE_URL of the PostgreSQL server, OPENSEARCH_URL of the node):
    .venv/bin/python bench/load.py --only votes pages --seconds 10
    .venv/bin/python bench/load.py --dry-run      # the plan, nothing started

A database of its own on that server, hub.settings.bench (production settings + the demo content +
two yardstick views, bench/views.py), `migrate`, `load_demo --force-demo`, a rebuilt index, then
gunicorn (sync workers) and the db_worker, as tests/smoke/ runs them. Every request goes to
127.0.0.1 over HTTP from threads of this process; every run is bounded in count and time.
Prints a Markdown table per part (copied into docs/benchmarks.md). Everything started is stopped.
"""

import argparse
import http.client
import itertools
import json
import os
import signal
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PARTS = ("votes", "pages", "publish", "hung", "memory")
REQUEST_TIMEOUT = 120  # seconds: a bound for a request that never answers, not a wait


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS), help="parts to run")
    parser.add_argument("--members", type=int, default=200, help="voting members (each sends two POSTs at once)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients per page")
    parser.add_argument("--seconds", type=float, default=30, help="duration of each page's run")
    parser.add_argument("--publishes", type=int, default=20, help="guides approved one after the other")
    parser.add_argument("--searches", type=int, default=100, help="searches one after the other, node hung")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8468")))
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL", ""),
        help="also measure the votes with the cache and sessions in this Redis (127.0.0.1 only); "
        "the pages, publications and memory then run with it",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the plan and start nothing")
    args = parser.parse_args(argv)
    for name in ("members", "clients", "publishes", "searches", "workers"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} doit être au moins 1.")
    if not 0 < args.seconds <= 600:
        parser.error("--seconds doit être entre 0 et 600.")
    if args.redis_url and urllib.parse.urlsplit(args.redis_url).hostname not in ("127.0.0.1", "localhost"):
        parser.error("--redis-url : le banc ne parle qu'à 127.0.0.1.")
    return args


def cache_configurations(args):
    return ["database", "redis"] if args.redis_url else ["database"]


def plan(args):
    """What the run will do, one line per part (also the dry run's output)."""
    lines = [f"gunicorn {args.workers} sync workers + db_worker on 127.0.0.1:{args.port}, hub.settings.bench"]
    if "votes" in args.only:
        lines.append(
            f"votes: {args.members} members × 2 POSTs at once, then {args.members // 2} withdraw and "
            f"{args.members - args.members // 2} re-vote (× 2); the same load on the minimal POST view; "
            f"cache and sessions: {', '.join(cache_configurations(args))}"
        )
    if "pages" in args.only:
        lines.append(f"pages: {len(PAGE_NAMES)} pages, {args.clients} clients × {args.seconds:g} s each")
    if "publish" in args.only:
        lines.append(f"publish: {args.publishes} guide approvals, each until the search API finds it")
    if "hung" in args.only:
        lines.append(
            f"hung: {args.searches} searches with the node answering, then hung (SIGSTOP): the first, "
            f"{args.searches} after it, {args.clients} clients × 5 s; then the time until the engine answers again"
        )
    if "memory" in args.only:
        lines.append("memory: RSS of each gunicorn worker, the db_worker and the search node")
    return lines


# --- HTTP from threads --------------------------------------------------------------------------


class Client:
    """Plain HTTP/1.1 to the instance, as the reverse proxy would forward it (X-Forwarded-Proto)."""

    def __init__(self, port, cookies=None, csrf=None):
        self.port = port
        self.cookies = cookies or {}
        self.csrf = csrf

    def request(self, method, path, data=None, accept="text/html"):
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https", "Accept": accept}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if method == "POST":
            body = urllib.parse.urlencode(data or {})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.csrf or ""
            headers["Referer"] = f"https://127.0.0.1:{self.port}/"
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status, content = 0, b""  # refused or reset: counted as an error
        finally:
            connection.close()
        return status, time.perf_counter() - started, content


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def burst(calls):
    """Run every call at the same instant (one thread each, released together): results, wall time."""
    results = [None] * len(calls)
    barrier = threading.Barrier(len(calls) + 1)

    def run(position, call):
        barrier.wait()
        results[position] = call()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def summarise(results, wall):
    statuses = {}
    for status, _elapsed, _content in results:
        statuses[status] = statuses.get(status, 0) + 1
    latencies = [elapsed for _status, elapsed, _content in results]
    ok = statuses.get(200, 0)
    return {
        "statuses": ", ".join(f"{code}×{count}" for code, count in sorted(statuses.items())),
        "ok": ok,
        "errors": len(results) - ok,
        "p50": percentile(latencies, 0.5),
        "p95": percentile(latencies, 0.95),
        "rate": ok / wall if wall else float("nan"),
    }


# --- The instance ---------------------------------------------------------------------------------


def start_instance(args):
    from tests.smoke.instance import ProductionInstance

    class BenchInstance(ProductionInstance):
        """The smoke's production instance with the bench settings, the demo content and N workers."""

        def __init__(self):
            super().__init__(os.environ["DATABASE_URL"], name=f"hub_bench_{os.getpid()}")
            self.port = args.port
            self.url = f"http://127.0.0.1:{self.port}"
            self.host = f"127.0.0.1:{self.port}"
            self.env.update(
                DJANGO_SETTINGS_MODULE="hub.settings.bench",
                WAGTAILADMIN_BASE_URL=f"https://{self.host}",
                LOG_LEVEL="WARNING",
            )
            self.env.pop("REDIS_URL", None)  # the first round uses the database cache, as by default

        def start(self):
            self.postgres.create()
            # Set-up commands create indices on a shared machine: a generous bound, not the 5 s of a search.
            setup_env, self.env = self.env, {**self.env, "SEARCH_ENGINE_TIMEOUT": "30"}
            for command in (
                ("collectstatic", "--no-input", "-v0"),
                ("migrate", "--no-input", "-v0"),
                ("createcachetable",),
                ("load_demo", "--force-demo"),  # the bootstrap, the demo content and its index
            ):
                started = time.perf_counter()
                self.manage(*command)
                print(f"# {command[0]}: {time.perf_counter() - started:.0f} s", flush=True)
            self.env = setup_env
            gunicorn = Path(sys.executable).with_name("gunicorn")
            self._spawn(
                "web", [str(gunicorn), "hub.wsgi:application", "--bind", self.host, "--workers", str(args.workers)]
            )
            self._spawn("worker", [sys.executable, "manage.py", "db_worker"])
            self._wait_until_ready()
            return self

        def restart(self, **environment):
            """gunicorn and the worker again, with `environment` added (another cache, say)."""
            for name in ("web", "worker"):
                process = self.processes.pop(name)
                process.terminate()
                process.wait(timeout=60)  # a bound for a process that ignores SIGTERM
            self.env.update(environment)
            gunicorn = Path(sys.executable).with_name("gunicorn")
            self._spawn(
                "web", [str(gunicorn), "hub.wsgi:application", "--bind", self.host, "--workers", str(args.workers)]
            )
            self._spawn("worker", [sys.executable, "manage.py", "db_worker"])
            self._wait_until_ready()

    return BenchInstance()


def setup_django(instance):
    """This process reads and writes the instance's database directly (members, sessions, checks)."""
    os.environ.update(instance.env)
    import django

    django.setup()


# --- Votes under contention ---------------------------------------------------------------------


def signed_in_members(count, prefix="banc"):
    """`count` members with a confirmed address, each with a session as if signed in, and a CSRF token.

    The session holds what a member's has once the page after sign-in was shown: its start and last
    activity times (`accounts.middleware`). Without them, each member's first POST of the bench wrote
    its session (three statements), which the vote paid and the minimal POST, measured later, did not.
    `active_again` renews the activity time before each wave, so that no wave pays that write."""
    from importlib import import_module

    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.utils.crypto import get_random_string

    from accounts.middleware import LAST_ACTIVITY_KEY, SESSION_START_KEY

    User = get_user_model()
    store = import_module(settings.SESSION_ENGINE).SessionStore
    members = []
    for number in range(count):
        email = f"{prefix}-{number:04d}@cqen.gouv.qc.ca"
        user = User.objects.create_user(username=email, email=email)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[SESSION_START_KEY] = session[LAST_ACTIVITY_KEY] = int(time.time())
        session.create()
        csrf = get_random_string(32)
        cookies = {settings.SESSION_COOKIE_NAME: session.session_key, settings.CSRF_COOKIE_NAME: csrf}
        members.append((user, cookies, csrf))
    return members


def active_again(members):
    """Each member's session as a member active a moment ago has it (the middleware writes the activity
    time at most once a minute): done before a wave, outside its timing."""
    from importlib import import_module

    from django.conf import settings

    from accounts.middleware import LAST_ACTIVITY_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore
    for _user, cookies, _csrf in members:
        session = store(cookies[settings.SESSION_COOKIE_NAME])
        session[LAST_ACTIVITY_KEY] = int(time.time())
        session.save()


def fresh_idea(title, author):
    from hub.models import Organisation
    from ideas.models import Idea

    return Idea.objects.create(
        title=title,
        problem="Mesurer le vote sous contention.",
        solution="Un banc d'essai.",
        benefits="Des chiffres.",
        organisation=Organisation.objects.first(),
        author=author,
    )


def count_queries(port, member, idea, minimal_idea):
    """Queries per request of the vote, the minimal POST and the smallest view, measured in this process."""
    from django.db import connection
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext

    user, _cookies, _csrf = member
    client = DjangoClient(HTTP_HOST=f"127.0.0.1:{port}", HTTP_X_FORWARDED_PROTO="https")
    client.force_login(user)
    client.get("/banc/minimal/")  # the page after sign-in: the session's start time is written then
    counts = {}
    for name, method, path, data in (
        ("vote (cast)", "post", f"/idees/{idea.pk}/voter/", {}),
        ("vote (withdraw)", "post", f"/idees/{idea.pk}/voter/", {"action": "withdraw"}),
        ("minimal POST", "post", f"/banc/vote-minimal/{minimal_idea.pk}/", {}),
        ("smallest view", "get", "/banc/minimal/", None),
    ):
        with CaptureQueriesContext(connection) as queries:
            status = getattr(client, method)(path, data, HTTP_ACCEPT="application/json").status_code
        counts[name] = (status, len(queries), [query["sql"][:90] for query in queries])
    from ideas.models import Idea

    Idea.objects.filter(pk=minimal_idea.pk).update(vote_count=0)
    return counts


def settle(limit=60):
    """Wait until the search outbox is applied and no task is due, then one second more: each wave
    starts on a quiet stack. A wave of votes pays the syncs it causes while it runs; the syncs left
    when it ends would otherwise slow the next wave (the minimal POST, the yardstick, follows the votes).
    Returns the seconds waited."""
    from django.db.models import Q
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from search.models import PendingIndexOperation

    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        due = Q(run_after__isnull=True) | Q(run_after__lte=timezone.now())
        busy = DBTaskResult.objects.filter(due, status__in=["READY", "RUNNING"])
        if not PendingIndexOperation.objects.exists() and not busy.exists():
            break
        time.sleep(0.2)
    time.sleep(1)
    return time.perf_counter() - started


def vote_counts(idea):
    from ideas.models import Vote

    idea.refresh_from_db(fields=["vote_count"])
    votes = Vote.objects.filter(idea=idea)
    return idea.vote_count, votes.count(), votes.values("user").distinct().count()


def redis_settings(redis_url):
    """The settings REDIS_URL gives (hub/settings/base.py), for counting queries in this process."""
    from django.conf import settings
    from django.test.utils import override_settings

    if not redis_url:
        return override_settings()
    # The database cache's OPTIONS (MAX_ENTRIES) mean nothing to Redis's client: base.py drops them too.
    database_only = ("OPTIONS",)
    cache = {key: value for key, value in settings.CACHES["default"].items() if key not in database_only}
    cache["BACKEND"] = "django.core.cache.backends.redis.RedisCache"
    return override_settings(
        CACHES={"default": {**cache, "LOCATION": redis_url}},
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
    )


def bench_votes(args, instance, cache_name, redis_url=""):
    from ideas.models import Idea

    port = args.port
    members = signed_in_members(args.members, prefix=f"banc-{cache_name}")
    author = members[0][0]
    idea = fresh_idea("Idée du banc : votes simultanés", author)
    minimal_idea = fresh_idea("Idée témoin du banc : vote minimal", author)
    with redis_settings(redis_url):
        queries = count_queries(port, members[0], idea, minimal_idea)
    print(f"\n### Requêtes SQL par requête HTTP (membre connecté ; cache et sessions : {cache_name})\n")
    print("| vue | statut | requêtes |")
    print("|---|---|---|")
    for name, (status, count, _sql) in queries.items():
        print(f"| {name} | {status} | {count} |")
    if os.environ.get("BENCH_SHOW_SQL"):
        for name, (_status, _count, sql) in queries.items():
            print(f"\n{name}:\n  " + "\n  ".join(sql))

    def vote(member, action=None):
        client = Client(port, member[1], member[2])
        data = {"action": action} if action else {}
        return lambda: client.request("POST", f"/idees/{idea.pk}/voter/", data, accept="application/json")

    def minimal(member):
        client = Client(port, member[1], member[2])
        return lambda: client.request("POST", f"/banc/vote-minimal/{minimal_idea.pk}/", accept="application/json")

    groups = process_groups(instance)
    cpu = {}

    def wave(name, calls):
        """One wave on a quiet stack: its results, wall time, and who used the cores meanwhile."""
        settle()
        active_again(members)
        before = cpu_reading(groups)
        results, wall = burst(calls)
        cpu[name] = cpu_shares(before, cpu_reading(groups), wall)
        return results, wall

    half = len(members) // 2
    rows = []
    first, wall = wave("vote : 2 POST par membre", [vote(member) for member in members for _twice in range(2)])
    rows.append(("vote : 2 POST par membre", len(first), summarise(first, wall), vote_counts(idea), len(members)))
    second, wall2 = wave(
        "vote : moitié retire, moitié revote",
        [vote(member, "withdraw") for member in members[:half] for _twice in range(2)]
        + [vote(member) for member in members[half:] for _twice in range(2)],
    )
    rows.append(
        (
            "vote : moitié retire, moitié revote",
            len(second),
            summarise(second, wall2),
            vote_counts(idea),
            len(members) - half,
        )
    )
    minimal_calls = [minimal(member) for member in members for _twice in range(2)]
    minimal_first, wall3 = wave("POST minimal (1re vague)", minimal_calls)
    minimal_second, wall4 = wave(
        "POST minimal (2e vague)", [minimal(member) for member in members for _twice in range(2)]
    )
    minimal_idea.refresh_from_db(fields=["vote_count"])
    minimal_ok = summarise(minimal_first, wall3)["ok"] + summarise(minimal_second, wall4)["ok"]
    rows.append(("POST minimal (1re vague)", len(minimal_first), summarise(minimal_first, wall3), None, None))
    rows.append(("POST minimal (2e vague)", len(minimal_second), summarise(minimal_second, wall4), None, None))

    print(f"\n### Votes sous contention ({len(members)} membres, {args.workers} workers, cache : {cache_name})\n")
    print("| vague | requêtes | statuts | p50 (s) | p95 (s) | réussies/s | compteur / votes / votants (attendu) |")
    print("|---|---|---|---|---|---|---|")
    for name, sent, summary, counts, expected in rows:
        counters = "—" if counts is None else f"{counts[0]} / {counts[1]} / {counts[2]} ({expected})"
        print(
            f"| {name} | {sent} | {summary['statuses']} | {summary['p50']:.2f} | {summary['p95']:.2f} "
            f"| {summary['rate']:.1f} | {counters} |"
        )
    names = list(next(iter(cpu.values())))
    print(f"\nPart des {os.cpu_count()} cœurs pendant chaque vague (%) :\n")
    print(f"| vague | {' | '.join(names)} |")
    print(f"|---|{'---|' * len(names)}")
    for name, shares in cpu.items():
        print(f"| {name} | {' | '.join(f'{shares[group]:.0f}' for group in names)} |")
    vote_rate = (summarise(first, wall)["ok"] + summarise(second, wall2)["ok"]) / (wall + wall2)
    minimal_rate = minimal_ok / (wall3 + wall4)
    # Exact: the counter equals the rows and the distinct voters. The expected figure assumes every
    # request was answered; a request the client gave up on (status 0) may leave a member out.
    exact_votes = all(counts[0] == counts[1] == counts[2] for *_r, counts, _expected in rows[:2])
    as_expected = all(counts[0] == expected for *_r, counts, expected in rows[:2])
    print(
        f"\nPOST minimal : compteur {minimal_idea.vote_count} pour {minimal_ok} réponses 200 "
        f"({'exact' if minimal_idea.vote_count == minimal_ok else 'ÉCART'})."
    )
    print(
        f"Votes/s ÷ POST minimal/s = {vote_rate:.1f} ÷ {minimal_rate:.1f} = **{vote_rate / minimal_rate:.2f}** "
        f"(cible ≥ 0,5) ; compteurs des votes {'exacts' if exact_votes else 'FAUX'} (compteur = lignes = votants)"
        f"{'' if as_expected else ', mais différents de l’attendu : des requêtes sans réponse'}."
    )
    Idea.objects.filter(pk__in=[idea.pk, minimal_idea.pk]).delete()
    return exact_votes


# --- Pages --------------------------------------------------------------------------------------

PAGE_NAMES = (
    "accueil",
    "guide",
    "catalogue",
    "liste des idées",
    "page d'une idée",
    "page de recherche",
    "API de recherche",
    "suggestions",
    "plus petite vue Django",
)


def page_paths():
    from hub.models import ComponentIndexPage, GuidePage
    from ideas.models import Idea

    guide = GuidePage.objects.live().filter(locale__language_code="fr").first()
    catalogue = ComponentIndexPage.objects.live().filter(locale__language_code="fr").first()
    idea = Idea.objects.filter(is_hidden=False).order_by("-vote_count").first()
    paths = [
        "/",
        guide.get_url(),
        catalogue.get_url(),
        "/idees/",
        idea.get_absolute_url(),
        "/recherche/?q=num%C3%A9rique",
        "/api/v1/search/?q=num%C3%A9rique",
        "/api/v1/search/suggest/?q=acc",
        "/banc/minimal/",
    ]
    return dict(zip(PAGE_NAMES, paths, strict=True))


def hammer(port, path, clients, seconds, accept="text/html"):
    """`clients` threads, each requesting `path` one request after the other for `seconds` (`path`
    may be a function giving each request its own path)."""
    results = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def run():
        client = Client(port)
        mine = []
        while time.perf_counter() < deadline:
            mine.append(client.request("GET", path() if callable(path) else path, accept=accept))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def bench_pages(args, port):
    print(f"\n### Pages : {args.clients} clients simultanés pendant {args.seconds:g} s par page\n")
    print("| page | chemin | requêtes | statuts | req/s | p50 (ms) | p95 (ms) |")
    print("|---|---|---|---|---|---|---|")
    for name, path in page_paths().items():
        status, _elapsed, _content = Client(port).request("GET", path)  # warm the workers' caches
        results, wall = hammer(port, path, args.clients, args.seconds)
        summary = summarise(results, wall)
        print(
            f"| {name} | `{path}` | {len(results)} | {summary['statuses']} | {summary['rate']:.1f} "
            f"| {summary['p50'] * 1000:.0f} | {summary['p95'] * 1000:.0f} |",
            flush=True,
        )


# --- Publish → searchable ---------------------------------------------------------------------


def bench_publish(args, port):
    """A guide submitted by an editor, approved by a peer, then by a reviewer: from that approval to
    its first appearance in the search API (the outbox, the db_worker, the node's refresh)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils.crypto import get_random_string

    from accounts.roles import EDITOR, REVIEWER
    from hub.models import GuideIndexPage, GuidePage

    User = get_user_model()

    def staff(email, role):
        user = User.objects.create_user(username=email, email=email)
        user.groups.add(Group.objects.get(name=role))
        return user

    author = staff("banc-autrice@cqen.gouv.qc.ca", EDITOR)
    peer = staff("banc-pair@cqen.gouv.qc.ca", EDITOR)
    reviewer = staff("banc-reviseur@cqen.gouv.qc.ca", REVIEWER)
    index = GuideIndexPage.objects.filter(locale__language_code="fr").first()
    workflow = index.get_workflow()
    client = Client(port)
    delays, misses = [], 0
    for number in range(args.publishes):
        word = "bancpub" + get_random_string(8, "abcdefghijklmnopqrstuvwxyz")
        guide = GuidePage(title=f"Guide {word}", slug=word, summary=f"Publication mesurée {word}.", live=False)
        index.add_child(instance=guide)
        guide.save_revision(user=author)
        state = workflow.start(guide, author)
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, peer, "approve")
        state.refresh_from_db()
        task_state = state.current_task_state
        started = time.perf_counter()
        task_state.task.specific.on_action(task_state, reviewer, "approve")  # publishes the guide
        found = False
        while time.perf_counter() - started < 30:  # a bound for an operation that never arrives
            status, _elapsed, content = client.request("GET", f"/api/v1/search/?q={word}", accept="application/json")
            if status == 200 and word in content.decode("utf-8", "replace"):
                found = True
                break
            time.sleep(0.02)  # polling from outside, as a reader would: there is nothing to wait on here
        if found:
            delays.append(time.perf_counter() - started)
        else:
            misses += 1
        assert GuidePage.objects.get(pk=guide.pk).live, f"guide {number} not published by the approval"
    print(f"\n### Publication → trouvable ({args.publishes} guides approuvés, db_worker)\n")
    print("| approbations | trouvés | p50 (s) | p95 (s) | max (s) |")
    print("|---|---|---|---|---|")
    print(
        f"| {args.publishes} | {len(delays)} | {percentile(delays, 0.5):.2f} | {percentile(delays, 0.95):.2f} "
        f"| {max(delays, default=float('nan')):.2f} |"
    )
    return misses == 0


# --- Node hung ---------------------------------------------------------------------------------


def engine_pid():
    """The search node's pid (engine/up.sh writes it in ENGINE_DATA), or None for a remote engine."""
    pid_file = Path(os.environ.get("ENGINE_DATA", "engine/.data")) / "engine.pid"
    text = pid_file.read_text().strip() if pid_file.exists() else ""
    return int(text) if text.isdigit() else None


def engine_of(content):
    """Which engine answered a search API response ("elasticsearch", "database"), or None."""
    try:
        return json.loads(content)["engine"]
    except (ValueError, KeyError, TypeError):
        return None


def bench_hung(args, port):
    """The node stopped with SIGSTOP (accepts connections, never answers): the first search waits
    for the engine's timeout and trips the breaker; the next ones answer from the database at once,
    in whichever gunicorn worker. SIGCONT, then the time until searches come from the engine again
    (the breaker's period, then its probe)."""
    pid = engine_pid()
    if pid is None:
        print("\n# hung: no local node (ENGINE_DATA/engine.pid): not measured", flush=True)
        return False
    client = Client(port)
    numbers = itertools.count()

    def path():
        """A query no page cache holds (hub.page_cache): every search reaches the engine or its fallback."""
        return "/api/v1/search/?" + urllib.parse.urlencode({"q": f"numérique {next(numbers)}"})

    def search():
        return client.request("GET", path(), accept="application/json")

    rows = [("nœud qui répond", [search() for _ in range(args.searches)])]
    os.kill(pid, signal.SIGSTOP)
    try:
        rows.append(("nœud figé : la première", [search()]))
        rows.append((f"nœud figé : les {args.searches} suivantes", [search() for _ in range(args.searches)]))
        results, _wall = hammer(port, path, args.clients, 5, accept="application/json")
        rows.append((f"nœud figé : {args.clients} clients × 5 s", results))
    finally:
        os.kill(pid, signal.SIGCONT)
    released = time.perf_counter()
    back = None
    while time.perf_counter() - released < 120:  # a bound for a breaker that never closes
        if engine_of(search()[2]) not in (None, "database"):
            back = time.perf_counter() - released
            break
        time.sleep(0.1)  # polling from outside, as a reader would: there is nothing to wait on here
    print("\n### Nœud de recherche figé (SIGSTOP), API de recherche\n")
    print("| phase | requêtes | statuts | moteur | p50 (ms) | p95 (ms) | max (ms) |")
    print("|---|---|---|---|---|---|---|")
    for name, results in rows:
        summary = summarise(results, 1)
        engines = sorted({str(engine_of(content)) for _status, _elapsed, content in results})
        latencies = [elapsed for _status, elapsed, _content in results]
        print(
            f"| {name} | {len(results)} | {summary['statuses']} | {', '.join(engines)} "
            f"| {summary['p50'] * 1000:.0f} | {summary['p95'] * 1000:.0f} | {max(latencies) * 1000:.0f} |"
        )
    print(
        f"\nMoteur de nouveau utilisé {back:.1f} s après SIGCONT."
        if back is not None
        else "\nMoteur non revenu en 120 s."
    )
    return back is not None and all(status == 200 for _name, results in rows for status, _e, _c in results)


# --- Memory -----------------------------------------------------------------------------------


def rss_mib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return float("nan")
    return float("nan")


def children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def cpu_ticks(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def process_groups(instance):
    """What shares the cores during a wave: pids by group, read again at each reading (backends and
    workers come and go)."""
    pg_dir = Path(os.environ.get("PG_DIR") or f"/tmp/hub-pg-{os.environ.get('PG_PORT', '5432')}")
    pid_file = pg_dir / "data" / "postmaster.pid"

    def postgres():
        try:
            postmaster = int(pid_file.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return []
        return [postmaster, *children(postmaster)]

    web, worker = instance.processes["web"].pid, instance.processes["worker"].pid
    node = engine_pid()
    return {
        "gunicorn": lambda: [web, *children(web)],
        "db_worker": lambda: [worker, *children(worker)],
        "nœud": lambda: [node] if node else [],
        "PostgreSQL": postgres,
        "clients du banc": lambda: [os.getpid()],
    }


def cpu_reading(groups):
    """CPU seconds used so far by each group's processes (living ones: a process gone takes its time)."""
    hertz = os.sysconf("SC_CLK_TCK")
    return {name: sum(cpu_ticks(pid) for pid in pids()) / hertz for name, pids in groups.items()}


def cpu_shares(before, after, wall):
    """Each group's share of the machine's cores during the wave, in %."""
    capacity = wall * (os.cpu_count() or 1)
    return {name: 100 * max(after[name] - before[name], 0) / capacity for name in before}


def bench_memory(instance):
    web = instance.processes["web"].pid
    rows = [("gunicorn (maître)", web)]
    rows += [(f"gunicorn worker {n}", pid) for n, pid in enumerate(children(web), 1)]
    rows.append(("db_worker", instance.processes["worker"].pid))
    node = engine_pid()
    if node is not None:
        rows.append(("nœud de recherche (JVM)", node))
    print("\n### Mémoire après le banc (RSS)\n")
    print("| processus | pid | RSS (Mio) |")
    print("|---|---|---|")
    for name, pid in rows:
        print(f"| {name} | {pid} | {rss_mib(pid):.0f} |")


def main(argv=None):
    args = parse_args(argv)
    for line in plan(args):
        print(f"# {line}")
    if args.dry_run:
        return 0
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("DATABASE_URL doit désigner un serveur PostgreSQL (scripts/bench.sh le démarre).", file=sys.stderr)
        return 2
    instance = start_instance(args)
    ok = True
    django_ready = False
    try:
        instance.start()
        setup_django(instance)
        django_ready = True
        print(f"# load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (start)")
        for cache_name in cache_configurations(args):
            if cache_name == "redis":
                instance.restart(REDIS_URL=args.redis_url)
            if "votes" in args.only:
                ok &= bench_votes(args, instance, cache_name, args.redis_url if cache_name == "redis" else "")
        if "pages" in args.only:
            bench_pages(args, args.port)
        if "publish" in args.only:
            ok &= bench_publish(args, args.port)
        if "hung" in args.only:
            ok &= bench_hung(args, args.port)
        if "memory" in args.only:
            bench_memory(instance)
        print(f"\n# load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (end)")
    except Exception:
        print(f"--- web log ---\n{instance.log('web')}\n--- worker log ---\n{instance.log('worker')}", file=sys.stderr)
        raise
    finally:
        if django_ready:
            from django.db import connections

            connections.close_all()  # before the database is dropped
        instance.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
