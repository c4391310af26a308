"""An editor writes a guide in the Wagtail admin, a reviewer approves it, the public finds it."""

import re

import pytest
from playwright.sync_api import expect

from .actions import forget_authenticators, open_admin_with_totp
from .helpers import snap

pytestmark = pytest.mark.browser

TITLE = "Guide de la téléconsultation sécurisée"
KEYWORD = "téléconsultation"

GUIDE_INDEX_ID = """
from hub.models import GuideIndexPage
print(GuideIndexPage.objects.get(locale__language_code="fr").pk)
"""


def approve_current_task(page, edit_url, button):
    page.goto(edit_url)
    page.get_by_role("button", name="Plus d'actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def test_editor_submits_a_guide_reviewer_approves_and_search_finds_it(contexts, hub_server):
    secrets = {}
    # Both enrol their authenticator here, whatever an earlier journey (the dashboard's) left behind.
    forget_authenticators(hub_server, "editeur@cqen.gouv.qc.ca", "reviseur@cqen.gouv.qc.ca")
    index_id = hub_server.shell(GUIDE_INDEX_ID).strip().splitlines()[-1]

    editor = contexts.new_page()
    open_admin_with_totp(editor, "editeur@cqen.gouv.qc.ca", secrets)
    editor.goto(f"/admin/pages/add/hub/guidepage/{index_id}/")
    editor.locator("#id_title").fill(TITLE)
    editor.locator("#id_summary").fill("Les précautions pour offrir la téléconsultation en toute confidentialité.")
    editor.get_by_role("button", name="Plus d'actions").click()
    with editor.expect_navigation():
        editor.get_by_role("button", name=re.compile("^Soumettre à")).click()
    expect(editor.locator("body")).to_contain_text("soumise pour modération")
    snap(editor, "editorial-soumission")

    public = contexts.new_page()
    public.goto(f"/recherche/?q={KEYWORD}")
    assert public.locator(".result-list").get_by_role("link", name=TITLE).count() == 0, "Brouillon visible !"

    reviewer = contexts.new_page()
    open_admin_with_totp(reviewer, "reviseur@cqen.gouv.qc.ca", secrets)
    task = reviewer.locator("a", has_text=TITLE).first
    edit_url = task.get_attribute("href")
    assert re.search(r"/admin/pages/\d+/edit/", edit_url), edit_url
    approve_current_task(reviewer, edit_url, "Approuver")  # peer review
    approve_current_task(reviewer, edit_url, "Approuver et Publier")  # CQEN approval
    snap(reviewer, "editorial-approbation")

    # The approval has answered: its index write is done and refreshed (SEARCH_REFRESH_ON_WRITE
    # in tests/browser/server.py), so the very next search finds the guide.
    public.goto(f"/recherche/?q={KEYWORD}")
    expect(public.locator(".result-list").get_by_role("link", name=TITLE)).to_be_visible()
    snap(public, "editorial-trouve-par-la-recherche")
    with public.expect_navigation():
        public.locator(".result-list").get_by_role("link", name=TITLE).click()
    assert public.get_by_role("heading", level=1).inner_text() == TITLE
