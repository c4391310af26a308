"""A new page's creation form lands on one page however its saves race (autosave against Ctrl+S).

Wagtail 8's autosave creates the page with a background request and only then points the form at
the edit view; a Ctrl+S pressed while that request runs still posts the form to the creation
address. Both requests carry what the browser sent from the one form the editor filled in.
"""

import threading

import pytest
from django.urls import reverse
from django.utils.text import slugify

from accounts.roles import EDITOR
from hub.models import GuidePage
from hub.workflows import ensure_review_workflow
from tests.factories import staff_member
from tests.form_fields import FormFields
from tests.sessions import sign_in_with_second_factor

pytestmark = pytest.mark.django_db

TITLE = "Guide de la signature électronique"
SUMMARY = "Les étapes pour signer un document en ligne en toute confiance."
AS_AUTOSAVE = {"HTTP_ACCEPT": "application/json"}  # what Wagtail's autosave controller sends


@pytest.fixture
def editor(client, guide_index):
    """An editor signed in to the admin, two-factor authentication set up."""
    ensure_review_workflow()
    user = staff_member(EDITOR, "editrice@cqen.gouv.qc.ca")
    sign_in_with_second_factor(client, user)
    return user


@pytest.fixture
def filled_in_form(client, editor, guide_index):
    """The creation address and what the browser sends once the editor typed a title and summary."""
    url = reverse("wagtailadmin_pages:add", args=["hub", "guidepage", guide_index.pk])
    response = client.get(url)
    assert response.status_code == 200
    fields = FormFields("page-edit-form")
    fields.feed(response.content.decode())
    assert "title" in fields.data, "Formulaire de création introuvable."
    # What the admin's JavaScript adds: the StreamField's and the comments' counters, the slug.
    fields.data.setdefault("body-count", "0")
    for counter, value in (("TOTAL", "0"), ("INITIAL", "0"), ("MIN_NUM", "0"), ("MAX_NUM", "1000")):
        fields.data.setdefault(f"comments-{counter}_FORMS", value)
    fields.data.update(title=TITLE, slug=slugify(TITLE), summary=SUMMARY)
    return url, fields.data


def created_guides():
    return list(GuidePage.objects.filter(title=TITLE))


def test_ctrl_s_during_autosave_lands_on_the_edit_view_of_the_autosaved_page(client, filled_in_form):
    url, data = filled_in_form
    autosave = client.post(url, data, **AS_AUTOSAVE)
    assert autosave.status_code == 200 and autosave.json()["success"], autosave.content[:500]
    autosaved_pk = autosave.json()["pk"]

    # Ctrl+S pressed while the autosave ran: the form still posted to the creation address.
    saved = client.post(url, data)

    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert saved.url.startswith(reverse("wagtailadmin_pages:edit", args=[autosaved_pk]))
    assert [guide.pk for guide in created_guides()] == [autosaved_pk]


def test_autosave_sent_before_ctrl_s_never_overwrites_what_ctrl_s_saved(client, filled_in_form):
    """The autosave timer fired, then the editor typed a last sentence and pressed Ctrl+S: the
    autosave was sent first but reaches the server last. Its content is older than the page's:
    saving it would lose the last sentence, and make the edit view loaded on Ctrl+S say « une
    nouvelle version dans une autre fenêtre » (the browser stress run of the keyboard journey)."""
    url, data = filled_in_form
    saved = client.post(url, {**data, "summary": SUMMARY + " Dernière phrase."})
    assert saved.status_code == 302
    (guide,) = created_guides()
    revisions = guide.revisions.count()

    late = client.post(url, data, **AS_AUTOSAVE)

    assert late.status_code == 200 and late.json()["success"], late.content[:500]
    assert late.json()["pk"] == guide.pk
    assert late.json()["revision_id"] == guide.revisions.order_by("-pk").first().pk
    assert guide.revisions.count() == revisions
    latest = GuidePage.objects.get(pk=guide.pk).get_latest_revision_as_object()
    assert latest.summary == SUMMARY + " Dernière phrase."


def test_autosave_arriving_after_ctrl_s_with_nothing_new_writes_no_revision(client, filled_in_form):
    """The autosave of the form Ctrl+S has just saved carries the same content: a second revision
    would make the edit view, loaded on the first, say « nouvelle version dans une autre fenêtre »
    and stand in front of the editor's next action (the stress run of the keyboard journey)."""
    url, data = filled_in_form
    assert client.post(url, data).status_code == 302
    (guide,) = created_guides()
    revisions = guide.revisions.count()

    late = client.post(url, data, **AS_AUTOSAVE)

    assert late.status_code == 200 and late.json()["success"], late.content[:500]
    assert late.json()["pk"] == guide.pk
    assert late.json()["revision_id"] == guide.revisions.order_by("-pk").first().pk
    assert guide.revisions.count() == revisions


def test_submitting_twice_for_moderation_from_the_creation_form_starts_one_workflow(client, filled_in_form):
    url, data = filled_in_form
    first = client.post(url, {**data, "action-submit": "1"})
    second = client.post(url, {**data, "action-submit": "1"})

    assert first.status_code == 302 and second.status_code == 302, second.content.decode()[:2000]
    (guide,) = created_guides()
    assert guide.workflow_states.count() == 1


@pytest.mark.postgres(reason="Ce test de concurrence exige PostgreSQL (DATABASE_URL).")
@pytest.mark.django_db(transaction=True)
def test_autosave_and_ctrl_s_arriving_together_create_one_page(filled_in_form, editor):
    """The two requests overlap on the server: the row lock makes the second wait for the first."""
    from django.db import connections
    from django.test import Client

    url, data = filled_in_form
    barrier = threading.Barrier(2)
    answers = {}

    def save(kind, headers):
        client = Client()
        sign_in_with_second_factor(client, editor)
        try:
            barrier.wait(timeout=30)
            answers[kind] = client.post(url, data, **headers)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=("autosave", AS_AUTOSAVE)),
        threading.Thread(target=save, args=("ctrl_s", {})),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    (guide,) = created_guides()
    assert answers["autosave"].status_code == 200 and answers["autosave"].json()["pk"] == guide.pk
    assert answers["ctrl_s"].status_code == 302
    assert answers["ctrl_s"].url.startswith(reverse("wagtailadmin_pages:edit", args=[guide.pk]))
