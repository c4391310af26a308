"""Browser fixtures: one hub server per session, one Chromium per module, one context per journey.

Chromium is Debian's (/usr/bin/chromium, installed by scripts/browser-deps.sh); Playwright never
downloads a browser here. A browser test fails, never skips, when Chromium cannot start.
"""

import pytest
from playwright.sync_api import expect

from .helpers import ARTIFACTS, DESKTOP, NetworkLog, slug
from .server import HubServer

CHROMIUM = "/usr/bin/chromium"
# How long a locator, a navigation or an `expect` may wait for its state: a bound, never a pause (a passing
# step goes on as soon as its state is there). 10 s was too short for a navigation at load 10+ on 2 cores
# (the stress run of 2026-12-01, run 4: `Page.goto: Timeout 10000ms exceeded` on an admin edit view).
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def hub_server():
    """The hub with the demo content, served by a real process on 127.0.0.1."""
    server = HubServer()
    try:
        server.start()
    except Exception as exc:
        server.stop()
        pytest.fail(f"Le serveur du hub n'a pas démarré : {exc}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def chromium():
    """One Chromium per test module.

    Module scope on purpose: Playwright's sync API keeps an asyncio loop marked as running while
    it lives, which would trip Django's async-unsafe guard in the database tests that follow.
    """
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as exc:
        playwright.stop()
        pytest.fail(
            f"Chromium ne démarre pas ({CHROMIUM}) : lancez `bash scripts/browser-deps.sh`.\n{exc}", pytrace=False
        )
    yield browser
    browser.close()
    playwright.stop()


class Contexts:
    """Opens browser contexts for one test, records their traffic and console, closes them after."""

    def __init__(self, browser, base_url, node):
        self.browser = browser
        self.base_url = base_url
        self.node = node
        self.opened = []
        self.network = NetworkLog()
        self.console_errors = []
        node._browser_contexts = self

    def new(self, *, javascript=True, bypass_csp=False, locale="fr-CA", viewport=None):
        context = self.browser.new_context(
            base_url=self.base_url,
            viewport=viewport or DESKTOP,
            locale=locale,
            java_script_enabled=javascript,
            bypass_csp=bypass_csp,
        )
        context.set_default_timeout(TIMEOUT_MS)
        self.network.attach(context)
        context.on("console", self._console)
        self.opened.append(context)
        return context

    def new_page(self, **options):
        return self.new(**options).new_page()

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def pages(self):
        return [page for context in self.opened for page in context.pages]

    def close(self):
        for context in self.opened:
            context.close()


@pytest.fixture
def contexts(chromium, hub_server, request):
    """Factory of browser contexts; after the test, asserts nothing left 127.0.0.1 and CSP held."""
    opened = Contexts(chromium, hub_server.url, request.node)
    yield opened
    foreign = opened.network.foreign_requests()
    csp_errors = [text for text in opened.console_errors if "Content Security Policy" in text]
    opened.close()
    assert not foreign, f"Requêtes sorties de 127.0.0.1 : {foreign}"
    assert not csp_errors, f"Violations de la politique CSP : {csp_errors}"


@pytest.fixture
def page(contexts):
    """A French-speaking visitor's tab, JavaScript on, desktop size."""
    return contexts.new_page()


@pytest.fixture
def axe_page(contexts):
    """A tab whose context bypasses CSP so that axe-core can be injected."""
    return contexts.new_page(bypass_csp=True)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """On failure keep a screenshot and the HTML of every open tab in artifacts/browser/failures/."""
    report = yield
    opened = getattr(item, "_browser_contexts", None)
    if report.failed and report.when in ("setup", "call") and opened is not None:
        folder = ARTIFACTS / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        for index, browser_page in enumerate(opened.pages()):
            name = f"{slug(item.nodeid)}-{index}"
            try:
                browser_page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
                (folder / f"{name}.html").write_text(browser_page.content())
            except Exception as exc:  # noqa: BLE001 - a crashed tab must not hide the real failure
                (folder / f"{name}.txt").write_text(f"{browser_page.url}\n{exc}")
    return report


@pytest.fixture(scope="session")
def guides(hub_server):
    """Paths of the guides and component the journeys read (see actions.ensure_guides)."""
    from .actions import ensure_guides

    return ensure_guides(hub_server)
