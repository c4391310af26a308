"""An editor writes a guide in the Wagtail admin, a reviewer approves it, the public finds it."""

import json
import re
import uuid

import pytest
from playwright.sync_api import expect

from .actions import forget_authenticators, open_admin_with_totp
from .helpers import snap, wait_for_wagtail_controller

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
    wait_for_wagtail_controller(editor, "#id_title", "w-sync")  # the title fills the slug
    editor.locator("#id_title").fill(TITLE)
    editor.locator("#id_summary").fill("Les précautions pour offrir la téléconsultation en toute confidentialité.")
    expect(editor.locator("#id_slug")).not_to_have_value("")
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


SUBMITTED_GUIDES = """
import json
from django.contrib.auth import get_user_model
from hub.models import GuideIndexPage, GuidePage
index = GuideIndexPage.objects.get(locale__language_code="fr")
author = get_user_model().objects.get(email="editeur@cqen.gouv.qc.ca")
pks = []
for title in {titles!r}:
    guide = index.add_child(instance=GuidePage(title=title, summary="Un guide soumis à la révision.", live=False))
    guide.save_revision(user=author)
    guide.get_workflow().start(guide, author)
    pks.append(guide.pk)
print(json.dumps(pks))
"""

WORKFLOW_STEP = """
import json
from hub.models import GuidePage
guide = GuidePage.objects.get(pk={pk})
state = guide.current_workflow_state
task = state.current_task_state if state else None
comments = [ts.comment for ts in guide.workflow_states.get().task_states.order_by("pk") if ts.comment]
print(json.dumps({{"status": state.status if state else None, "task": task.task.name if task else None,
                  "comments": comments}}))
"""


def workflow_step(hub_server, pk):
    return json.loads(hub_server.shell(WORKFLOW_STEP.format(pk=pk)).strip().splitlines()[-1])


def without_workflow_script(page):
    """The tab never gets Wagtail's workflow-action script: as if pressed before it has run."""
    page.route(lambda url: "/wagtailadmin/js/workflow-action" in url, lambda route: route.abort())
    return page


def open_more_actions(page, edit_url):
    """The edit view's footer menu « Plus d'actions », opened."""
    page.goto(edit_url)
    page.get_by_role("button", name="Plus d'actions").click()


def test_workflow_buttons_pressed_before_their_script_runs_do_their_action(contexts, hub_server):
    token = uuid.uuid4().hex[:6]
    titles = [f"Guide de l'archivage numérique {token}", f"Guide des formulaires accessibles {token}"]
    approved_then_sent_back, sent_back = json.loads(
        hub_server.shell(SUBMITTED_GUIDES.format(titles=titles)).strip().splitlines()[-1]
    )
    forget_authenticators(hub_server, "reviseur@cqen.gouv.qc.ca")
    reviewer = contexts.new_page()
    open_admin_with_totp(reviewer, "reviseur@cqen.gouv.qc.ca", {})
    without_workflow_script(reviewer)

    open_more_actions(reviewer, f"/admin/pages/{approved_then_sent_back}/edit/")
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Approuver", exact=True).click()
    assert workflow_step(hub_server, approved_then_sent_back)["task"] == "Approbation CQEN", "Enregistré, pas approuvé."

    # « Demander des modifications » asks for a comment in a dialog; without its script, it sends
    # the guide back without one rather than saving it.
    open_more_actions(reviewer, f"/admin/pages/{sent_back}/edit/")
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Demander des modifications").click()
    assert workflow_step(hub_server, sent_back)["status"] == "needs_changes", "Enregistré, pas renvoyé."

    # With its script, the same button opens the dialog and the comment goes with the decision.
    with_script = reviewer.context.new_page()
    open_more_actions(with_script, f"/admin/pages/{approved_then_sent_back}/edit/")
    with_script.get_by_role("button", name="Demander des modifications").click()
    dialog = with_script.get_by_role("dialog")
    dialog.get_by_label("Commenter").fill("Ajouter la durée de conservation.")
    with with_script.expect_navigation():
        dialog.get_by_role("button", name="Demander des modifications").click()
    step = workflow_step(hub_server, approved_then_sent_back)
    assert step["status"] == "needs_changes" and step["comments"] == ["Ajouter la durée de conservation."], step
