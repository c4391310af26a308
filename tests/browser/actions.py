"""What a person does on the hub, written once for every journey: sign up, sign in, propose..."""

import json
import re

from .helpers import follow, press, totp, type_into
from .server import refresh_indices

DEMO_PASSWORD = "demo-hub-cqen-2026"  # demo.accounts.DEMO_PASSWORD, for the local demo accounts only
NEW_PASSWORD = "Un-mot-de-passe-solide-2026"
CONFIRMATION_LINK = re.compile(r"https?://\S+/confirm-email/\S+/")


def submit(page, form_selector="main form"):
    """Click the form's submit button and wait for the next page."""
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").first.click()


def sign_in(page, email, password=DEMO_PASSWORD):
    page.goto("/comptes/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    submit(page, "main form[action*='login']")
    assert "/comptes/login/" not in page.url, page.locator("main").inner_text()


def sign_in_with_keyboard(page, email, password=DEMO_PASSWORD):
    """From the current page: the header's sign-in link, then the form, with keys only."""
    follow(page, ".account-links a[href*='/comptes/login/']")
    type_into(page, "#id_login", email)
    type_into(page, "#id_password", password)
    press(page)
    assert "/comptes/login/" not in page.url, page.locator("main").inner_text()


def sign_out(page):
    page.context.clear_cookies()


def sign_up_and_confirm(page, hub_server, email, password=NEW_PASSWORD):
    """Create an account, then follow the confirmation link the hub emailed."""
    page.goto("/comptes/signup/")
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill(password)
    page.locator("#id_password2").fill(password)
    submit(page, "main form[action*='signup']")
    messages = hub_server.outbox.to(email)
    assert messages, f"Aucun courriel reçu par {email}"
    link = CONFIRMATION_LINK.search(hub_server.outbox.text(messages[-1]))
    assert link, hub_server.outbox.text(messages[-1])
    page.goto(link.group(0))
    submit(page)
    return link.group(0)


def create_idea(hub_server, author_email, title, locale="fr", refresh=False):
    """An idea proposed by a demo member, through the ideas service (set-up that needs no UI).

    `refresh=True` makes the search index show it (and what was indexed before) to the next query.
    """
    code = f"""
import json
from django.contrib.auth import get_user_model
from ideas import services
from ideas.models import Idea
from accounts.profiles import get_profile
author = get_user_model().objects.get(email={author_email!r})
idea = Idea.objects.filter(title={title!r}).first()
if idea is None:
    idea = services.propose_idea(
        author,
        title={title!r},
        problem="Les équipes refont chacune leur propre formulaire d'authentification.",
        solution="Partager un composant commun, documenté et accessible.",
        benefits="Moins de coûts, une expérience uniforme pour la population.",
        organisation=get_profile(author).organisation,
        locale={locale!r},
    )
if {refresh!r}:
    from search.documents import alias_name
    from search.engines.transport import get_transport

    transport = get_transport()
    if transport is not None:
        transport.refresh(alias_name())
print(json.dumps({{"pk": idea.pk, "url": idea.get_absolute_url()}}))
"""
    return json.loads(hub_server.shell(code).strip().splitlines()[-1])


GUIDE_TITLE = "Réussir sa transformation numérique : guide de démarrage"
GUIDE_TITLE_EN = "Succeeding in digital transformation: a starter guide"
FRENCH_ONLY_GUIDE_TITLE = "Numériser un formulaire papier pas à pas"
COMPONENT_TITLE = "Gabarit numérique de formulaire accessible"

DEMO_GUIDES = f"""
import json
from wagtail.models import Locale
from hub.site_tree import index_pages
from hub.models import ComponentPage, GuidePage, Organisation
from tests.hub.factories import make_component, make_guide

indexes = index_pages()
guides_fr = indexes["guides"]["fr"]
mcn = Organisation.objects.get(slug="mcn")
body = [
    ("paragraph", "<p>La transformation numérique commence par les besoins de la population.</p>"),
    ("heading", {{"text": "Comprendre les besoins", "level": "h2"}}),
    ("paragraph", "<p>Rencontrez les personnes qui utilisent le service numérique avant de concevoir.</p>"),
    ("heading", {{"text": "Choisir les bons outils", "level": "h2"}}),
    ("paragraph", "<p>Réutilisez les composantes numériques existantes du gouvernement.</p>"),
    ("heading", {{"text": "Mesurer les résultats", "level": "h2"}}),
    ("paragraph", "<p>Suivez la satisfaction et le taux d'achèvement des démarches en ligne.</p>"),
]
guide = GuidePage.objects.filter(title={GUIDE_TITLE!r}).first()
if guide is None:
    guide = make_guide(guides_fr, title={GUIDE_TITLE!r}, body=body, owner_organisation=mcn,
                       summary="Les étapes pour lancer un projet numérique centré sur la population.")
english = guide.get_translation_or_none(Locale.objects.get(language_code="en"))
if english is None:
    english = guide.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = {GUIDE_TITLE_EN!r}
    english.slug = "digital-transformation-starter-guide"
    english.summary = "The steps to launch a digital project centred on the people it serves."
    english.body = [
        ("paragraph", "<p>Digital transformation starts with people's needs.</p>"),
        ("heading", {{"text": "Understand the needs", "level": "h2"}}),
        ("paragraph", "<p>Meet the people who use the digital service before designing it.</p>"),
    ]
    english.save_revision().publish()
french_only = GuidePage.objects.filter(title={FRENCH_ONLY_GUIDE_TITLE!r}).first()
if french_only is None:
    french_only = make_guide(guides_fr, title={FRENCH_ONLY_GUIDE_TITLE!r}, body=body[:3],
                             summary="Passer d'un formulaire papier à une démarche numérique.")
component = ComponentPage.objects.filter(title={COMPONENT_TITLE!r}).first()
if component is None:
    component = make_component(indexes["composantes"]["fr"], title={COMPONENT_TITLE!r},
                               summary="Un gabarit numérique de formulaire conforme au SGQRI 008.")
print(json.dumps({{
    "guide": guide.url, "guide_en": GuidePage.objects.get(pk=english.pk).url, "french_only": french_only.url,
    "component": component.url,
}}))
"""


def ensure_guides(hub_server):
    """A French guide with its English translation, a French-only guide and a component page,
    searchable as soon as this returns."""
    paths = json.loads(hub_server.shell(DEMO_GUIDES).strip().splitlines()[-1])
    if hub_server.index_prefix:
        refresh_indices(hub_server.index_prefix)
    return paths


def enter_totp(page, secret):
    page.locator("#id_code").fill(totp(secret))
    submit(page, "main form:has(#id_code)")


MODERATOR = "moderateur@cqen.gouv.qc.ca"

FRESH_TOTP = """
import base64, os
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
user = get_user_model().objects.get(email={email!r})
Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
secret = base64.b32encode(os.urandom(20)).decode()
Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={{"secret": secret}})
print(secret)
"""


FORGET_TOTP_OF = """
from allauth.mfa.models import Authenticator
Authenticator.objects.filter(user__email__in={emails!r}).delete()
"""


def forget_authenticators(hub_server, *emails):
    """Remove these staff members' authenticators: a journey that enrols TOTP at the first visit must not
    meet one whose secret another journey kept (the server and its accounts are shared by the session)."""
    hub_server.shell(FORGET_TOTP_OF.format(emails=list(emails)))


def sign_in_as_moderator(page, hub_server, email=MODERATOR, keyboard=False):
    """Sign a moderator in with their password and their authenticator's code, as moderation needs.

    The authenticator is made afresh for each sign-in (its secret kept as an app would keep it): a
    TOTP code is accepted once, and two journeys may sign in within the same 30 seconds.
    """
    secret = hub_server.shell(FRESH_TOTP.format(email=email)).strip().splitlines()[-1]
    if keyboard:
        sign_in_with_keyboard(page, email)
    else:
        sign_in(page, email)
    assert "2fa/authenticate" in page.url, page.url
    if keyboard:
        type_into(page, "#id_code", totp(secret))
        press(page)
    else:
        enter_totp(page, secret)
    assert "2fa/authenticate" not in page.url, page.locator("main").inner_text()


def open_admin_with_totp(page, email, secrets, password=DEMO_PASSWORD):
    """Sign in a staff member and reach the Wagtail admin, enrolling TOTP at the first visit.

    `secrets` maps emails to the TOTP secret read from the activation page, as an authenticator
    app would keep it.
    """
    sign_in(page, email, password)
    if "2fa/authenticate" in page.url:
        enter_totp(page, secrets[email])
    page.goto("/admin/")
    if "reauthenticate" in page.url:
        page.locator("#id_password").fill(password)
        submit(page, "main form[action*='reauthenticate']")
    if "totp/activate" in page.url:
        secrets[email] = page.locator("#authenticator_secret").input_value()
        enter_totp(page, secrets[email])
        assert "recovery-codes" in page.url or "/admin/" in page.url, page.url
        page.goto("/admin/")
    assert page.url.endswith("/admin/"), f"L'administration reste inaccessible : {page.url}"
