"""Every journey also completed with the keyboard alone: Tab to reach, type to write, keys to act.

Starting points may be opened by address (a bookmark, a link in an email); every step inside a
page is a key press, and the focus is checked visible wherever the journey acts.
"""

import json
import re
import uuid

import pytest
from playwright.sync_api import expect

from .actions import (
    CONFIRMATION_LINK,
    DEMO_PASSWORD,
    NEW_PASSWORD,
    create_idea,
    sign_in_as_moderator,
    sign_in_with_keyboard,
)
from .helpers import (
    assert_focus_visible,
    focused,
    follow,
    press,
    snap,
    tab_to,
    tab_until,
    totp,
    type_into,
    wait_for_page_explorer,
    wait_for_wagtail_controller,
)

pytestmark = pytest.mark.browser

ORGANISATION = "Ministère de la Cybersécurité et du Numérique"


def run_token():
    """A short token that keeps this run's accounts and titles apart from any other run's."""
    return uuid.uuid4().hex[:6]


def choose_with_arrows(page, selector, text, limit=80):
    """Reach a <select> with Tab, then move with the down arrow to the option containing `text`."""
    tab_to(page, selector)
    selected = "(selector) => { const s = document.querySelector(selector); return s.options[s.selectedIndex].text; }"
    for _ in range(limit):
        if text in page.evaluate(selected, selector):
            assert_focus_visible(page)
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"Aucune option « {text} » atteinte à la flèche dans {selector}.")


def vote_count(page):
    return page.locator("[data-vote-count] strong").inner_text().strip()


VOTE_BUTTON = "form[data-vote-form] button[type=submit]"


def test_newcomer_joins_proposes_and_votes_with_the_keyboard_alone(page, hub_server):
    token = run_token()
    email = f"clavier.{token}@gouv.qc.ca"
    title = f"Un tableau de bord public des projets numériques régionaux {token}"
    other = create_idea(hub_server, "membre2@gouv.qc.ca", f"Des rappels de rendez-vous par texto {token}")

    # Sign up: from the home page, through the sign-in page, to the sign-up form.
    page.goto("/")
    follow(page, ".account-links a[href*='/comptes/login/']")
    follow(page, "main a[href*='/comptes/signup/']")
    type_into(page, "#id_email", email)
    type_into(page, "#id_password1", NEW_PASSWORD)
    type_into(page, "#id_password2", NEW_PASSWORD)
    press(page)
    messages = hub_server.outbox.to(email)
    assert messages, f"Aucun courriel reçu par {email}"
    link = CONFIRMATION_LINK.search(hub_server.outbox.text(messages[-1]))
    assert link, hub_server.outbox.text(messages[-1])

    # The link from the email is opened as a mail client would; the confirmation is a key press.
    page.goto(link.group(0))
    follow(page, "main form button[type=submit]")
    assert "/confirm-email/" not in page.url, page.locator("main").inner_text()
    snap(page, "clavier-nouveau-membre-courriel-confirme")

    page.context.clear_cookies()
    page.goto("/")
    sign_in_with_keyboard(page, email, NEW_PASSWORD)

    # Profile: display name and organisation, the organisation chosen with the arrow keys.
    follow(page, ".account-links a[href='/compte/profil/']")
    type_into(page, "#id_display_name", f"Camille Clavier {token}")
    choose_with_arrows(page, "#id_organisation", ORGANISATION)
    follow(page, "main form[method=post] button[type=submit]")
    assert page.get_by_role("status").filter(has_text="Votre profil a été enregistré").is_visible()
    page.reload()
    assert ORGANISATION in page.locator("#id_organisation option:checked").inner_text()

    # Propose: the main navigation, the ideas page, the form; similar ideas appear while typing.
    follow(page, ".main-nav a[href='/idees/']")
    follow(page, "main a[href='/idees/proposer/']")
    tab_to(page, "#id_title")
    page.keyboard.type(title, delay=15)
    similar = page.locator("#idees-similaires")
    similar.get_by_role("link").first.wait_for()
    titles = similar.get_by_role("link").all_inner_texts()
    assert any("projets numériques" in found for found in titles), titles
    assert focused(page)["tag"] == "input", "Les idées semblables ont pris le focus du champ de titre."
    snap(page, "clavier-nouveau-membre-idees-semblables")
    type_into(page, "#id_problem", "Les régions ne savent pas où en sont les projets numériques.")
    type_into(page, "#id_solution", "Un tableau de bord par région, mis à jour chaque mois.")
    type_into(page, "#id_benefits", "Transparence et meilleure coordination régionale.")
    follow(page, "button[name=action][value=preview]")
    assert page.get_by_role("heading", name="Aperçu avant publication").is_visible()
    follow(page, "button[name=action][value=publish]")
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert ORGANISATION in page.locator("main").inner_text()
    snap(page, "clavier-nouveau-membre-idee-publiee")

    # Vote on another idea with Space, withdraw and vote again with Enter: no reload, no trap.
    page.goto(other["url"])
    assert vote_count(page) == "0"
    page.evaluate("() => { window.__sameDocument = true; }")
    tab_to(page, VOTE_BUTTON)
    assert page.locator(VOTE_BUTTON).get_attribute("aria-pressed") == "false"
    page.keyboard.press("Space")
    page.locator("[data-vote-count] strong", has_text=re.compile("^1$")).wait_for()
    expect(page.locator(VOTE_BUTTON)).to_have_attribute("aria-pressed", "true")
    expect(page.locator(VOTE_BUTTON), "Le vote a perdu le focus.").to_be_focused()
    assert_focus_visible(page)
    snap(page, "clavier-nouveau-membre-vote")

    page.keyboard.press("Tab")
    assert focused(page) is not None, "Le focus est perdu après le bouton de vote."
    assert not page.evaluate("(s) => document.activeElement.matches(s)", VOTE_BUTTON), "Piège au clavier."
    assert_focus_visible(page)
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("(s) => document.activeElement.matches(s)", VOTE_BUTTON)
    page.keyboard.press("Enter")
    page.locator("[data-vote-count] strong", has_text=re.compile("^0$")).wait_for()
    expect(page.locator(VOTE_BUTTON)).to_have_attribute("aria-pressed", "false")
    page.keyboard.press("Enter")
    page.locator("[data-vote-count] strong", has_text=re.compile("^1$")).wait_for()
    expect(page.locator(VOTE_BUTTON)).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("() => window.__sameDocument === true"), "Le vote a rechargé la page."

    page.reload()
    assert vote_count(page) == "1", "Le vote n'est pas enregistré."
    assert page.locator(VOTE_BUTTON).get_attribute("aria-pressed") == "true"


def test_moderator_answers_and_the_author_reads_the_notification_with_the_keyboard_alone(contexts, hub_server):
    token = run_token()
    title = f"Publier les délais de traitement des permis {token}"
    answer = f"Le CQEN retient cette idée ({token}) : un prototype sera présenté au printemps."
    idea = create_idea(hub_server, "membre6@gouv.qc.ca", title)

    # Moderation lives on the idea page itself (ideas:status); it needs the second factor.
    moderator = contexts.new_page()
    moderator.goto(idea["url"])
    sign_in_as_moderator(moderator, hub_server, keyboard=True)
    assert moderator.url.endswith(idea["url"]), moderator.url
    status_form = "section.idea-moderation form[action$='/statut/']"
    choose_with_arrows(moderator, f"{status_form} select[name=status]", "Retenue")
    type_into(moderator, f"{status_form} textarea[name=response]", answer)
    snap(moderator, "clavier-moderation-formulaire")
    follow(moderator, f"{status_form} button[type=submit]")
    assert answer in moderator.locator("section.official-response").inner_text()
    assert moderator.locator(".idea-detail .badge").first.inner_text().strip() == "Retenue"
    assert "Retenue" in moderator.locator("section.idea-timeline").inner_text()
    snap(moderator, "clavier-moderation-reponse-officielle")

    author = contexts.new_page()
    author.goto("/")
    sign_in_with_keyboard(author, "membre6@gouv.qc.ca", DEMO_PASSWORD)
    notifications = ".account-links a[href*='/notifications/']"
    tab_to(author, notifications)
    assert "non lues" in author.locator(notifications).inner_text()
    press(author)
    entry = f".notification-list a[href='{idea['url']}']"
    assert author.locator(entry).first.inner_text() == title
    snap(author, "clavier-moderation-notification-auteur")
    follow(author, entry)
    assert answer in author.locator("section.official-response").inner_text()


STAFF = ["editeur@cqen.gouv.qc.ca", "reviseur@cqen.gouv.qc.ca"]
FORGET_TOTP = f"""
from allauth.mfa.models import Authenticator
Authenticator.objects.filter(user__email__in={STAFF!r}).delete()
"""

GUIDE_INDEX = """
from hub.models import GuideIndexPage
print(GuideIndexPage.objects.get(locale__language_code="fr").pk)
"""

GUIDE_STATE = """
import json
from hub.models import GuidePage
pages = list(GuidePage.objects.filter(title={title!r}))
print(json.dumps([{{"pk": page.pk, "live": page.live, "url": page.url}} for page in pages]))
"""


def guides_titled(hub_server, title):
    return json.loads(hub_server.shell(GUIDE_STATE.format(title=title)).strip().splitlines()[-1])


def open_admin(page, email, secrets):
    """Sign in and pass TOTP with the keyboard alone, enrolling the authenticator at the first visit.

    `secrets` keeps the TOTP secret read from the activation page, as an authenticator app would.
    """
    page.goto("/admin/")
    type_into(page, "#id_login", email)
    type_into(page, "#id_password", DEMO_PASSWORD)
    press(page)
    # Up to: reauthentication, TOTP enrolment, the recovery codes page, then the admin itself.
    for _ in range(8):
        if "reauthenticate" in page.url:
            type_into(page, "#id_password", DEMO_PASSWORD)
            press(page)
        elif "totp/activate" in page.url or "2fa/authenticate" in page.url:
            if "totp/activate" in page.url:
                secrets[email] = page.locator("#authenticator_secret").input_value()
            type_into(page, "#id_code", totp(secrets[email]))
            press(page)
        elif not page.url.endswith("/admin/"):
            page.goto("/admin/")  # the recovery codes page: back to the admin by address
        else:
            return
    raise AssertionError(f"L'administration reste inaccessible : {page.url}")


def open_more_actions_and_choose(page, action):
    """The footer's « Plus d'actions » menu opened with Enter, the action (a regex) reached with Tab.

    The menu opens once its dropdown controller runs: a page reached by a keyboard press has its new
    URL before it has run its scripts, so wait for its load event first. The workflow buttons no
    longer need theirs (hub/page_editing.py: pressed before it, « Approuver » used to save instead
    of approving, as the stress run under load 20 saw)."""
    page.wait_for_load_state("load")
    tab_until(page, lambda state: state["tag"] == "button" and state["text"] == "Plus d'actions")
    page.keyboard.press("Enter")
    tab_until(page, lambda state: state["tag"] == "button" and re.fullmatch(action, state["text"]), limit=10)
    press(page)


@pytest.fixture
def staff_without_totp(hub_server):
    """Editor and reviewer enrol their authenticator in this journey, whatever another one did before.

    Other journeys keep the secrets they read to themselves; the enrolments are forgotten before
    and after so that no journey finds an authenticator whose secret it never saw.
    """
    hub_server.shell(FORGET_TOTP)
    yield
    hub_server.shell(FORGET_TOTP)


@pytest.mark.usefixtures("staff_without_totp")
def test_editor_writes_a_guide_and_reviewer_approves_it_with_the_keyboard_alone(contexts, hub_server):
    token = run_token()
    title = f"Guide de la signature électronique {token}"
    index_id = hub_server.shell(GUIDE_INDEX).strip().splitlines()[-1]
    secrets = {}

    editor = contexts.new_page()
    open_admin(editor, "editeur@cqen.gouv.qc.ca", secrets)
    # The sidebar's page explorer, opened and walked with the keyboard, down to the guides.
    tab_until(editor, lambda state: state["tag"] == "button" and state["text"] == "Pages")
    editor.keyboard.press("Enter")
    wait_for_page_explorer(editor, ".c-page-explorer__item")  # the sites' home pages
    tab_until(editor, lambda state: state["text"] == "Voir les sous-pages de 'Hub du CQEN'", limit=20)
    editor.keyboard.press("Enter")
    # The focus ends on the explorer's header or on <body>, depending on whether the pages or the
    # slide came first; from either, Tab goes on inside the explorer.
    guides_in_explorer = f"a[href='/admin/pages/{index_id}/']:not([aria-label])"
    wait_for_page_explorer(editor, guides_in_explorer)
    follow(editor, guides_in_explorer)
    follow(editor, f"main a[href='/admin/pages/{index_id}/add_subpage/']")
    assert "/admin/pages/add/hub/guidepage/" in editor.url, editor.url
    wait_for_wagtail_controller(editor, "#id_title", "w-sync")  # the title fills the slug (debounced)
    type_into(editor, "#id_title", title)
    type_into(editor, "#id_summary", "Les étapes pour signer un document en ligne en toute confiance.")
    expect(editor.locator("#id_slug")).not_to_have_value("")  # Ctrl+S before it: « Champ requis »
    assert_focus_visible(editor)
    # Save the draft with Wagtail's own shortcut. Autosave may have created the page already, or
    # be creating it right now: either way Ctrl+S lands on the edit view of one page
    # (hub/page_creation.py), with « créée » or « mise à jour » depending on who came first.
    with editor.expect_navigation(url=re.compile(r"/admin/pages/\d+/edit/")):
        editor.keyboard.press("ControlOrMeta+s")
    (draft,) = guides_titled(hub_server, title)
    assert editor.url.endswith(f"/admin/pages/{draft['pk']}/edit/"), editor.url
    expect(editor.locator("div.messages[role=status]")).to_contain_text(title)
    open_more_actions_and_choose(editor, "Soumettre à .+")
    expect(editor.locator("body")).to_contain_text("soumise pour modération")
    snap(editor, "clavier-editorial-soumission")

    reviewer = contexts.new_page()
    open_admin(reviewer, "reviseur@cqen.gouv.qc.ca", secrets)
    for step in ("Approuver", "Approuver et Publier"):  # peer review, then the CQEN's approval
        tab_until(reviewer, lambda state: state["tag"] == "a" and state["text"] == title)
        press(reviewer)
        assert re.search(r"/admin/pages/\d+/edit/", reviewer.url), reviewer.url
        open_more_actions_and_choose(reviewer, step)
        snap(reviewer, f"clavier-editorial-{step}")
        if not reviewer.url.endswith("/admin/"):
            follow(reviewer, "a[href='/admin/']")  # the sidebar's dashboard link

    (guide,) = guides_titled(hub_server, title)
    assert guide["live"], "Le guide approuvé n'est pas publié."
    public = contexts.new_page()
    public.goto(guide["url"])
    assert public.get_by_role("heading", level=1).inner_text() == title
