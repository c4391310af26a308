"""What a person does on the hub, written once for every journey: sign up, sign in, propose..."""

import json
import re

DEMO_PASSWORD = "demo-hub-cqen-2026"  # accounts.demo.DEMO_PASSWORD, for the local demo accounts only
NEW_PASSWORD = "Un-mot-de-passe-solide-2026"
CONFIRMATION_LINK = re.compile(r"https?://\S+/confirm-email/\S+/")


def submit(page, form_selector="main form"):
    """Click the form's submit button and wait for the next page."""
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").last.click()


def sign_in(page, email, password=DEMO_PASSWORD):
    page.goto("/comptes/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    submit(page, "main form[action*='login']")
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


def create_idea(hub_server, author_email, title, locale="fr"):
    """An idea proposed by a demo member, through the ideas service (set-up that needs no UI)."""
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
print(json.dumps({{"pk": idea.pk, "url": idea.get_absolute_url()}}))
"""
    return json.loads(hub_server.shell(code).strip().splitlines()[-1])
