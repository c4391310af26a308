"""What the browser journeys share: axe-core, budgets, focus checks, screenshots, TOTP codes."""

import base64
import gzip
import hashlib
import hmac
import re
import struct
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS = BASE_DIR / "artifacts" / "browser"
AXE_SCRIPT = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LOCAL_HOSTS = {"127.0.0.1"}

HTML_BUDGET = 50 * 1024
JS_GZIP_BUDGET = 100 * 1024
CSS_GZIP_BUDGET = 100 * 1024
PAGE_WEIGHT_BUDGET = 500 * 1024

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}
# WCAG 1.4.10 (reflow): 320 CSS px is 1280 px zoomed to 400 %; 390 px is a common phone.
REFLOW_WIDTHS = (1280, 390, 320)


def slug(text):
    return re.sub(r"[^a-zA-Z0-9_.-]+", "-", text).strip("-")[:120] or "page"


# Screenshots -----------------------------------------------------------------------------------


def snap(page, name):
    """Full-page screenshots at 1280 px and 390 px wide, kept in artifacts/browser/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size or DESKTOP
    for label, size in (("desktop", DESKTOP), ("mobile", MOBILE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(ARTIFACTS / f"{slug(name)}-{label}.png"), full_page=True)
    page.set_viewport_size(original)


# Reflow ----------------------------------------------------------------------------------------

OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter((el) => {
      const box = el.getBoundingClientRect();  // an element, or text (a long address) overflowing its element
      return Math.max(box.right, box.left + el.scrollWidth) > width + 1 && getComputedStyle(el).position !== 'fixed';
    })
    .slice(0, 8)
    .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> ${Math.round(el.getBoundingClientRect().right)} px`);
}"""


def sideways_scroll(page):
    """How many CSS px the page scrolls sideways (0 when it reflows), with the elements that stick out."""
    extra = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    return max(extra, 0), (page.evaluate(OVERFLOWING) if extra > 0 else [])


def check_every_width(page, path, label, widths=REFLOW_WIDTHS):
    """Load `path` once, then at each width (the window resized, as a person zooms or turns a phone):
    no sideways scroll, no axe-core violation, a screenshot each.

    Returns the problems found at every width (an empty list when the page passes), so that one
    run reports them all.
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems = []
    page.set_viewport_size({"width": widths[0], "height": 900})
    page.goto(path)
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"{slug(label)}-{width}.png"), full_page=True)
        extra, culprits = sideways_scroll(page)
        if extra:
            problems.append(f"{label} à {width} px : défilement horizontal de {extra} px ; {culprits}")
        violations = axe_violations(page)
        if violations:
            problems.append(f"{label} à {width} px : axe-core\n{format_violations(violations)}")
    return problems


# axe-core --------------------------------------------------------------------------------------


def _axe_source():
    if not AXE_SCRIPT.exists():
        raise AssertionError(f"axe-core est absent ({AXE_SCRIPT}) : lancez `bash scripts/browser-deps.sh` (npm ci).")
    return AXE_SCRIPT.read_text()


def axe_violations(page, tags=WCAG_TAGS):
    """Run axe-core on the page as it is now; return its violations (the context must bypass CSP)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=_axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        list(tags),
    )
    return result["violations"]


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node.get('failureSummary', '').strip()}")
            lines.append(f"        {node['html'][:200]}")
    return "\n".join(lines)


def assert_no_axe_violations(page, label=""):
    violations = axe_violations(page)
    report = format_violations(violations)
    if report:
        print(f"\naxe-core — {label or page.url}\n{report}")
    assert not violations, f"axe-core : {len(violations)} violation(s) sur {label or page.url}\n{report}"


# Keyboard and focus ----------------------------------------------------------------------------

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 80),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
    boxShadow: style.boxShadow,
  };
}"""


def focused(page):
    """Tag, text and computed focus style of the focused element (None when nothing is focused)."""
    return page.evaluate(FOCUS_STYLE)


def assert_focus_visible(page, state=None):
    """The focused element (`state`, or read now) shows a visible focus indicator."""
    state = focused(page) if state is None else state
    assert state is not None, "Aucun élément n'a le focus."
    visible = (state["outlineStyle"] != "none" and state["outlineWidth"] >= 1) or state["boxShadow"] not in (
        "none",
        "",
    )
    assert visible, f"Le focus n'est pas visible sur <{state['tag']}> « {state['text']} » : {state}"
    return state


def tab_until(page, predicate, limit=80, key="Tab"):
    """Press Tab until `predicate(state)` holds for the focused element, checking focus stays visible."""
    for _ in range(limit):
        page.keyboard.press(key)
        state = focused(page)
        if state is not None:
            assert_focus_visible(page, state)
            if predicate(state):
                return state
    raise AssertionError(f"Élément jamais atteint au clavier après {limit} pressions de {key}.")


def tab_to(page, selector, limit=80):
    """Reach `selector` with the Tab key alone, checking the focus is visible on the way."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        # One reading per key: the page may move the focus between two (Wagtail's page explorer
        # renders its list again after it focused its header, and the focus falls back to <body>;
        # reading twice failed « Aucun élément n'a le focus » on a fresh run). The next Tab goes on.
        state = focused(page)
        if state is not None:
            assert_focus_visible(page, state)
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} n'est pas atteignable au clavier.")


EXPLORER_SETTLED = """(showing) => {
  const groups = document.querySelectorAll('.c-page-explorer > .w-transition-group');
  return groups.length === 1
    && !/-(enter|leave)\\b/.test(groups[0].className)
    && !groups[0].querySelector('.w-spinner')
    && groups[0].querySelector(showing) !== null;
}"""


def wait_for_page_explorer(page, showing):
    """Wait until Wagtail's page explorer shows one panel, its slide over, its pages loaded,
    `showing` (a selector) among them.

    Moving down a level slides the old panel out while the children load. When they arrive
    first, the explorer gives the focus back to the old panel's link, which then leaves the
    page: the focus is on <body> for good (a wait for « something has the focus » timed out in
    CI). Either way, the explorer's focus trap takes the next Tab to its first link, so the
    journey goes on with the keyboard from there. `showing` tells the new panel from the old
    one, which may still be alone on the page just after the key press.
    """
    page.wait_for_function(EXPLORER_SETTLED, arg=showing)


def press(page, key="Enter"):
    """Press `key` on the focused element, checked visible, and wait for the page it opens."""
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press(key)


def follow(page, selector, key="Enter"):
    """Reach a link or button with Tab, then activate it with a key."""
    tab_to(page, selector)
    press(page, key)


def wait_for_wagtail_controller(page, selector, identifier):
    """Wait until the admin's script has connected the Stimulus controller `identifier` to the element:
    keys typed before that reach no listener.

    The title fills the page's slug through `w-sync`, 100 ms after the last key or the blur
    (debounced). The editor journeys type the title, then wait for that slug before they save: on a
    fresh machine Ctrl+S once left before it, with an empty slug, and the form came back with
    « Champ requis » instead of the edit view (a 30 s navigation timeout)."""
    page.wait_for_function(
        """([selector, identifier]) => {
            const app = window.wagtail && window.wagtail.app;
            const element = document.querySelector(selector);
            return Boolean(app && element && app.getControllerForElementAndIdentifier(element, identifier));
        }""",
        arg=[selector, identifier],
    )


def type_into(page, selector, text):
    """Reach a field with Tab and type `text` over whatever it held (a retried TOTP code, say)."""
    tab_to(page, selector)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)


# Network and budgets ---------------------------------------------------------------------------


class NetworkLog:
    """Every request a browser context makes, and the responses' bodies for the weight budgets."""

    def __init__(self):
        self.requests = []
        self.responses = []

    def attach(self, context):
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("response", lambda response: self.responses.append(response))

    def foreign_requests(self):
        foreign = []
        for url in self.requests:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.hostname not in LOCAL_HOSTS:
                foreign.append(url)
        return foreign

    def reset(self):
        self.requests.clear()
        self.responses.clear()


def page_weight(network):
    """Sizes (bytes) of what the page loaded: main HTML, scripts and stylesheets gzipped, everything uncompressed."""
    html = 0
    js_gzip = 0
    css_gzip = 0
    total = 0
    details = []
    for response in network.responses:
        try:
            body = response.body()
        except Exception:  # noqa: BLE001, S112 - redirects and aborted requests have no body
            continue
        kind = response.request.resource_type
        total += len(body)
        details.append((kind, len(body), response.url))
        if kind == "document" and not html:
            html = len(body)
        elif kind == "script":
            js_gzip += len(gzip.compress(body, compresslevel=9))
        elif kind == "stylesheet":
            css_gzip += len(gzip.compress(body, compresslevel=9))
    return {"html": html, "js_gzip": js_gzip, "css_gzip": css_gzip, "total": total, "details": details}


# TOTP (RFC 6238), as an authenticator app computes it ----------------------------------------


def totp(secret, at=None, step=30, digits=6):
    """The current code, as an authenticator app shows it.

    The one wait on the clock in this suite, because TOTP is the clock: in a period's last seconds,
    wait for the next one, as a person would, so that the code stays valid (the hub accepts one
    period either side) however slowly a loaded machine carries it to the hub."""
    key = base64.b32decode(secret.replace(" ", "").upper() + "=" * (-len(secret.replace(" ", "")) % 8))
    if at is None:
        remaining = step - time.time() % step
        if remaining < 3:
            time.sleep(remaining + 0.2)
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return str(code).zfill(digits)
