"""Members propose components: a draft enters the editors' workflow, the member is told at each step."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState

from accounts.profiles import get_profile
from accounts.roles import EDITOR, REVIEWER, ensure_roles
from hub.models import ComponentPage, ComponentProposal, ProposalNotice
from hub.proposals import PROPOSAL_LIMIT
from hub.workflows import ensure_review_workflow
from tests.factories import UserFactory
from tests.sessions import sign_in_with_second_factor

pytestmark = pytest.mark.django_db

MEMBER = "camille.proposante@mcn.gouv.qc.ca"
PROPOSAL = {
    "title": "Service de prise de rendez-vous",
    "summary": "Un service partagé de prise de rendez-vous en ligne pour les bureaux régionaux.",
    "component_type": "service-partage",
    "licence": "LiLiQ-P-1.1",
    "repository_url": "https://github.com/CQEN-QDCE/rendez-vous",
    "documentation_url": "",
}


def _staff(role, email):
    from allauth.mfa.models import Authenticator
    from django.contrib.auth.models import Group

    user = UserFactory(username=email)
    user.groups.add(Group.objects.get(name=role))
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


@pytest.fixture
def team(component_index):
    ensure_roles()
    ensure_review_workflow()
    return {"peer": _staff(EDITOR, "pair@cqen.gouv.qc.ca"), "reviewer": _staff(REVIEWER, "reviseur@cqen.gouv.qc.ca")}


@pytest.fixture
def member():
    user = UserFactory(username=MEMBER, email=MEMBER)
    profile = get_profile(user)
    profile.display_name = "Camille Proposante"
    profile.save()
    return user


def _propose(client, component_index, member, data=PROPOSAL):
    client.force_login(member)
    return client.post(component_index.url + "proposer/", data)


def _act(client, page, user, action, comment=""):
    sign_in_with_second_factor(client, user)
    state = WorkflowState.objects.get(object_id=str(page.pk), status__in=["in_progress"])
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.current_task_state.pk])
    return client.post(url, {"comment": comment})


def _emails_to_member():
    return [email for email in mail.outbox if MEMBER in email.to]


def test_a_member_proposal_becomes_a_draft_in_the_editors_workflow_and_the_member_is_told(
    client, component_index, team, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _propose(client, component_index, member)
    assert response.status_code == 302
    assert response["Location"].endswith("/composantes/mes-propositions/")

    proposal = ComponentProposal.objects.get()
    page = ComponentPage.objects.get(pk=proposal.page_id)
    assert proposal.proposed_by == member
    assert (page.title, page.live, page.owner, page.licence) == (PROPOSAL["title"], False, member, "LiLiQ-P-1.1")
    assert page.get_parent().pk == component_index.pk
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.requested_by == member
    assert state.workflow == component_index.get_workflow()
    assert state.current_task_state.task.name == "Révision par les pairs"

    [notice] = proposal.notices.all()
    assert (notice.kind, notice.step) == (ProposalNotice.Kind.IN_REVIEW, "Révision par les pairs")
    [email] = _emails_to_member()
    assert email.subject == "[Hub du CQEN] Votre proposition « Service de prise de rendez-vous »"
    assert "Bonjour Camille Proposante," in email.body
    assert "En révision : étape « Révision par les pairs »." in email.body
    assert "/composantes/mes-propositions/" in email.body

    listing = client.get(response["Location"]).content.decode()
    assert "Service de prise de rendez-vous" in listing
    assert "En révision : étape « Révision par les pairs »." in listing
    assert "Nouveau" in listing
    assert "Nouveau" not in client.get(response["Location"]).content.decode()  # read once shown


def test_the_member_is_notified_at_each_step_until_publication_and_never_gets_wagtail_admin_emails(
    client, component_index, team, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _propose(client, component_index, member)
    page = ComponentPage.objects.get(proposal__isnull=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert _act(client, page, team["peer"], "approve", "Bonne fiche").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert _act(client, page, team["reviewer"], "approve").status_code == 302

    page.refresh_from_db()
    assert page.live
    notices = list(ProposalNotice.objects.order_by("created_at", "pk").values_list("kind", "step"))
    assert notices == [
        ("en-revision", "Révision par les pairs"),
        ("en-revision", "Approbation CQEN"),
        ("publiee", ""),
    ]
    bodies = [email.body for email in _emails_to_member()]
    assert len(bodies) == 3
    assert "En révision : étape « Approbation CQEN »." in bodies[1]
    assert "Approuvée et publiée au catalogue." in bodies[2]
    assert not any("/admin/" in body for body in bodies)  # Wagtail's own workflow emails link the admin


def test_changes_requested_reach_the_member_with_the_editors_comment(
    client, component_index, team, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _propose(client, component_index, member)
    page = ComponentPage.objects.get(proposal__isnull=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert _act(client, page, team["peer"], "reject", "Précisez qui maintient le service.").status_code == 302
    notice = ProposalNotice.objects.get(kind=ProposalNotice.Kind.CHANGES_REQUESTED)
    assert notice.step == "Révision par les pairs"
    assert notice.comment == "Précisez qui maintient le service."
    last = _emails_to_member()[-1]
    assert "Modifications demandées à l'étape « Révision par les pairs »." in last.body
    assert "Précisez qui maintient le service." in last.body
    assert not any("/admin/" in email.body for email in _emails_to_member())


def test_an_english_speaking_member_is_told_in_english(
    client, component_index, team, member, django_capture_on_commit_callbacks
):
    profile = get_profile(member)
    profile.preferred_language = "en"
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        _propose(client, component_index, member)
    [email] = _emails_to_member()
    assert email.subject == "[Hub du CQEN] Your proposal “Service de prise de rendez-vous”"
    assert "In review: step “Révision par les pairs”." in email.body


def test_visitors_are_sent_to_sign_in_and_nothing_is_created(client, component_index, team):
    response = client.post(component_index.url + "proposer/", PROPOSAL)
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]
    assert not ComponentPage.objects.exists()


def test_an_incomplete_proposal_is_refused_in_french_and_nothing_is_written(client, component_index, team, member):
    response = _propose(client, component_index, member, {**PROPOSAL, "title": "", "licence": "WTFPL"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Donnez le nom de la composante." in html
    assert "Sélectionnez un choix valide" in html
    assert not ComponentPage.objects.exists()
    assert not ComponentProposal.objects.exists()


def test_proposals_are_rate_limited_per_member(client, component_index, team, member):
    for number in range(PROPOSAL_LIMIT):
        assert (
            _propose(client, component_index, member, {**PROPOSAL, "title": f"Composante {number}"}).status_code == 302
        )
    response = _propose(client, component_index, member, {**PROPOSAL, "title": "Une de trop"})
    assert response.status_code == 429
    assert ComponentProposal.objects.count() == PROPOSAL_LIMIT


def test_two_proposals_with_the_same_name_get_distinct_slugs(client, component_index, team, member):
    _propose(client, component_index, member)
    _propose(client, component_index, member)
    assert sorted(ComponentPage.objects.values_list("slug", flat=True)) == [
        "service-de-prise-de-rendez-vous",
        "service-de-prise-de-rendez-vous-2",
    ]
