"""The editors' workflow: peer review then CQEN approval, and nobody approves their own work."""

from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import WorkflowState

from accounts.roles import EDITOR, REVIEWER, ensure_roles
from hub.models import GuidePage
from hub.workflows import WORKFLOW_NAME, ensure_review_workflow
from tests.factories import staff_member
from tests.form_fields import FormFields
from tests.hub.factories import make_guide
from tests.sessions import sign_in_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(guide_index):
    ensure_roles()
    ensure_review_workflow()
    return {
        "author": staff_member(EDITOR, "autrice@cqen.gouv.qc.ca"),
        "peer": staff_member(EDITOR, "pair@cqen.gouv.qc.ca"),
        "reviewer": staff_member(REVIEWER, "reviseur@cqen.gouv.qc.ca"),
    }


@pytest.fixture
def submitted_guide(guide_index, team):
    """A draft guide its author submitted through the admin's "Soumettre" action."""
    guide = make_guide(guide_index, title="Guide de la signature électronique", publish=False, user=team["author"])
    return guide


def _submit(client, guide, user):
    sign_in_with_second_factor(client, user)
    url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = {
        "title": guide.title,
        "slug": guide.slug,
        "summary": guide.summary,
        "audience": guide.audience,
        "themes": "",
        "body-count": "0",
        "change_note": "Première version",
        "action-submit": "1",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    return client.post(url, data)


def _act(client, guide, user, action):
    sign_in_with_second_factor(client, user)
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(guide.pk), status="in_progress")
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, action, task_state.pk])
    return client.post(url, {"comment": "Relu"})


def test_index_pages_carry_the_review_workflow(guide_index, component_index, team):
    assert guide_index.get_workflow().name.startswith("Révision par les pairs")
    assert component_index.get_workflow() == guide_index.get_workflow()
    assert [task.name for task in guide_index.get_workflow().tasks] == ["Révision par les pairs", "Approbation CQEN"]


def test_editor_submits_a_guide_without_publishing_it(client, submitted_guide, team):
    response = _submit(client, submitted_guide, team["author"])
    assert response.status_code == 302
    guide = GuidePage.objects.get(pk=submitted_guide.pk)
    assert guide.workflow_in_progress
    assert not guide.live


def test_editor_cannot_approve_their_own_submission(client, submitted_guide, team):
    _submit(client, submitted_guide, team["author"])
    guide = GuidePage.objects.get(pk=submitted_guide.pk)
    task = guide.current_workflow_task
    assert task.specific.get_actions(guide, team["author"]) == []
    refused = _act(client, guide, team["author"], "approve")
    assert refused.status_code == 302 and refused.url == "/admin/"  # Wagtail's "permission denied" redirect
    with pytest.raises(PermissionDenied):
        task.specific.on_action(guide.current_workflow_task_state, team["author"], "approve")
    assert GuidePage.objects.get(pk=guide.pk).current_workflow_task.name == "Révision par les pairs"


def test_peer_then_reviewer_approval_publishes_the_guide(client, submitted_guide, team):
    _submit(client, submitted_guide, team["author"])
    assert _act(client, submitted_guide, team["peer"], "approve").status_code in (200, 302)
    guide = GuidePage.objects.get(pk=submitted_guide.pk)
    assert guide.current_workflow_task.name == "Approbation CQEN"
    assert not guide.live
    # A mere editor cannot give the CQEN approval.
    refused = _act(client, guide, team["peer"], "approve")
    assert refused.status_code == 302 and refused.url == "/admin/"
    assert GuidePage.objects.get(pk=guide.pk).current_workflow_task.name == "Approbation CQEN"
    assert _act(client, guide, team["reviewer"], "approve").status_code in (200, 302)
    guide = GuidePage.objects.get(pk=submitted_guide.pk)
    assert guide.live
    assert not guide.workflow_in_progress
    response = client.get(guide.url)
    assert "Première version" in response.content.decode()


def test_reviewer_requesting_changes_sends_the_guide_back(client, submitted_guide, team):
    _submit(client, submitted_guide, team["author"])
    _act(client, submitted_guide, team["peer"], "approve")
    assert _act(client, submitted_guide, team["reviewer"], "reject").status_code in (200, 302)
    guide = GuidePage.objects.get(pk=submitted_guide.pk)
    assert not guide.live
    assert guide.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_editor_cannot_publish_directly(submitted_guide, team):
    permissions = submitted_guide.permissions_for_user(team["author"])
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert submitted_guide.permissions_for_user(team["reviewer"]).can_publish()


class SubmitButtons(HTMLParser):
    """The edit form's submit buttons as a browser sees them: label → the name/value pair it sends."""

    def __init__(self):
        super().__init__()
        self.buttons = {}
        self._in_form = False
        self._button = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "page-edit-form":
            self._in_form = True
        elif tag == "button" and self._in_form and attrs.get("type", "submit") == "submit":
            self._button = {"pair": {attrs["name"]: attrs.get("value") or ""} if attrs.get("name") else {}, "label": ""}

    def handle_data(self, data):
        if self._button is not None:
            self._button["label"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "button" and self._button is not None:
            self.buttons[" ".join(self._button["label"].split())] = self._button["pair"]
            self._button = None


def _edit_form(client, url):
    """The edit form as rendered: its fields (with the empty body's and comments' counters its
    scripts would add) and its submit buttons."""
    html = client.get(url).content.decode()
    fields, buttons = FormFields("page-edit-form"), SubmitButtons()
    fields.feed(html)
    buttons.feed(html)
    fields.data.setdefault("body-count", "0")
    for counter, value in (("TOTAL", "0"), ("INITIAL", "0"), ("MIN_NUM", "0"), ("MAX_NUM", "1000")):
        fields.data.setdefault(f"comments-{counter}_FORMS", value)
    return fields.data, buttons.buttons


def _press_without_javascript(client, guide, user, label):
    """`user` opens the guide's edit view and presses `label` before the admin's JavaScript is ready.

    The browser then sends the edit form as rendered (its fields, hidden ones included) and the
    name/value of the button pressed, nothing the scripts would have added on the click.
    """
    sign_in_with_second_factor(client, user)
    url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    fields, buttons = _edit_form(client, url)
    assert label in buttons, f"Aucun bouton « {label} » : {sorted(buttons)}"
    return client.post(url, {**fields, **buttons[label]})


def test_submit_pressed_before_the_admin_scripts_load_submits_the_guide(client, submitted_guide, team):
    answer = _press_without_javascript(client, submitted_guide, team["author"], f"Soumettre à {WORKFLOW_NAME}")
    assert answer.status_code == 302
    assert GuidePage.objects.get(pk=submitted_guide.pk).current_workflow_task.name == "Révision par les pairs"


def test_approve_pressed_before_the_admin_scripts_load_approves_the_task(client, submitted_guide, team):
    _submit(client, submitted_guide, team["author"])
    answer = _press_without_javascript(client, submitted_guide, team["peer"], "Approuver")
    assert answer.status_code == 302
    guide = GuidePage.objects.get(pk=submitted_guide.pk)
    assert guide.current_workflow_task.name == "Approbation CQEN", "Enregistré sans être approuvé."
    answer = _press_without_javascript(client, guide, team["reviewer"], "Approuver et Publier")
    assert answer.status_code == 302
    guide = GuidePage.objects.get(pk=submitted_guide.pk)
    assert guide.live and not guide.workflow_in_progress


def test_request_changes_pressed_before_the_admin_scripts_load_sends_the_guide_back(client, submitted_guide, team):
    _submit(client, submitted_guide, team["author"])
    answer = _press_without_javascript(client, submitted_guide, team["peer"], "Demander des modifications")
    assert answer.status_code == 302
    guide = GuidePage.objects.get(pk=submitted_guide.pk)
    assert guide.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES, "Enregistré sans être renvoyé."
    assert not guide.live


def test_save_draft_on_a_guide_under_review_saves_without_deciding(client, submitted_guide, team):
    _submit(client, submitted_guide, team["author"])
    revisions = submitted_guide.revisions.count()
    answer = _press_without_javascript(client, submitted_guide, team["peer"], "Enregistrer le brouillon")
    assert answer.status_code == 302
    guide = GuidePage.objects.get(pk=submitted_guide.pk)
    assert guide.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert guide.current_workflow_task.name == "Révision par les pairs"
    assert guide.revisions.count() == revisions + 1


def test_an_autosave_posted_while_a_decision_is_on_its_way_only_saves(client, submitted_guide, team):
    """Wagtail's script adds the decision's fields to the form on click; the autosave, which posts
    the form in the background, must not take the decision a second time (the CQEN's approval)."""
    _submit(client, submitted_guide, team["author"])
    assert _press_without_javascript(client, submitted_guide, team["peer"], "Approuver").status_code == 302
    sign_in_with_second_factor(client, team["reviewer"])
    url = reverse("wagtailadmin_pages:edit", args=[submitted_guide.pk])
    fields, _ = _edit_form(client, url)
    decision = {"action-workflow-action": "true", "workflow-action-name": "approve"}
    autosave = client.post(url, {**fields, **decision}, HTTP_ACCEPT="application/json")
    assert autosave.status_code == 200 and autosave.json()["success"], autosave.content[:500]
    guide = GuidePage.objects.get(pk=submitted_guide.pk)
    assert guide.current_workflow_task.name == "Approbation CQEN", "L'autosauvegarde a approuvé."
    assert not guide.live
