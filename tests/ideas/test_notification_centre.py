"""One notification centre: a member's component proposal, moved through the editors' workflow, shows at
each step beside their idea notifications (page, header count, mark as read), by email as their
preference says, and in their Loi 25 export and erasure."""

import json
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from accounts.roles import EDITOR, REVIEWER
from hub.models import ComponentPage, ProposalNotice
from hub.site_tree import index_pages
from hub.workflows import ensure_review_workflow
from ideas import services
from ideas.models import Notification
from ideas.notifications import unsubscribe_url
from tests.accounts.conftest import PASSWORD
from tests.factories import staff_member
from tests.hub.test_component_proposals import PROPOSAL, _act

pytestmark = pytest.mark.django_db


@pytest.fixture
def component_index(home_page):
    return index_pages()["composantes"]["fr"]


@pytest.fixture
def team(component_index):
    ensure_review_workflow()
    return {
        "peer": staff_member(EDITOR, "pair@cqen.gouv.qc.ca"),
        "reviewer": staff_member(REVIEWER, "reviseur@cqen.gouv.qc.ca"),
    }


def _propose(client, component_index, member):
    client.force_login(member)
    response = client.post(component_index.url + "proposer/", PROPOSAL)
    assert response.status_code == 302
    return ComponentPage.objects.get(proposal__proposed_by=member)


def _centre(client, member, language="fr"):
    """The member's notification page: (html, unread count in the header, notice ids in page order)."""
    client.force_login(member)
    with translation.override(language):
        url = reverse("ideas:notifications")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html, response.context["unread_notifications"], re.findall(r'id="notification-(\w+-\d+)"', html)


def _keys(kind, queryset):
    return [f"{kind}-{pk}" for pk in queryset.values_list("pk", flat=True)]


def _mark_read(client, *keys):
    response = client.post(reverse("ideas:notifications"), {"notification": list(keys)} if keys else {})
    assert response.status_code == 302


def test_the_member_sees_each_step_of_their_proposal_beside_their_idea_notifications_and_marks_them_read(
    client, component_index, team, idea, member, other_member
):
    services.add_comment(other_member, idea, "Premier commentaire")
    page = _propose(client, component_index, member)
    services.add_comment(other_member, idea, "Deuxième commentaire")

    html, unread, order = _centre(client, member)
    assert unread == 3
    assert "Votre proposition de composante" in html and PROPOSAL["title"] in html
    assert "En révision : étape « Révision par les pairs »." in html
    assert "/composantes/mes-propositions/" in html  # a draft: the notice leads to « Mes propositions »
    [first_step] = ProposalNotice.objects.all()
    idea_notices = Notification.objects.filter(recipient=member).order_by("-created_at")
    assert order == [*_keys("idea", idea_notices[:1]), f"proposal-{first_step.pk}", *_keys("idea", idea_notices[1:])]

    assert _act(client, page, team["peer"], "approve", "Bonne fiche").status_code == 302
    html, unread, order = _centre(client, member)
    assert unread == 4
    assert "En révision : étape « Approbation CQEN »." in html
    assert order[0].startswith("proposal-")  # newest first, whatever its app

    assert _act(client, page, team["reviewer"], "approve").status_code == 302
    page.refresh_from_db()
    html, unread, order = _centre(client, member)
    assert unread == 5
    published = ProposalNotice.objects.get(kind=ProposalNotice.Kind.PUBLISHED)
    assert order[0] == f"proposal-{published.pk}"
    assert "Approuvée et publiée au catalogue. Merci !" in html
    assert f'href="{page.url}"' in html  # published: the notice leads to the component

    _mark_read(client, f"proposal:{published.pk}", f"idea:{idea_notices[0].pk}")
    html, unread, _order = _centre(client, member)
    assert unread == 3
    published.refresh_from_db()
    assert published.read_at is not None
    assert Notification.objects.filter(recipient=member, read_at__isnull=True).count() == 1

    _mark_read(client)  # « Tout marquer comme lu »: every app's notices
    html, unread, order = _centre(client, member)
    assert unread == 0 and len(order) == 5
    assert "notification-unread" not in html


def test_a_member_cannot_mark_someone_elses_notices_and_forged_keys_do_no_harm(
    client, component_index, team, idea, member, other_member
):
    _propose(client, component_index, other_member)
    [theirs] = ProposalNotice.objects.all()
    client.force_login(member)
    forged = [f"proposal:{theirs.pk}", "proposal:abc", "nothing:1", "proposal:", "proposal:99999999999999999999999"]
    response = client.post(reverse("ideas:notifications"), {"notification": forged})
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert _centre(client, other_member)[1] == 1


def test_changes_requested_reach_the_english_notification_centre(client, component_index, team, member):
    member.profile.preferred_language = "en"
    member.profile.save()
    page = _propose(client, component_index, member)
    assert _act(client, page, team["peer"], "reject", "Précisez qui maintient le service.").status_code == 302

    html, unread, order = _centre(client, member, language="en")
    assert unread == 2 and len(order) == 2
    assert "Your component proposal" in html
    assert "Changes requested at step “Révision par les pairs”." in html
    assert "Précisez qui maintient le service." in html
    assert "Mark as read" in html and "Mark all as read" in html
    assert "Votre proposition" not in html


def test_proposal_notices_follow_the_members_email_preference(
    client, component_index, team, member, other_member, django_capture_on_commit_callbacks
):
    member.profile.notification_preference = "digest"
    member.profile.save()
    other_member.profile.notification_preference = "none"
    other_member.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        page = _propose(client, component_index, member)
        _propose(client, component_index, other_member)
    with django_capture_on_commit_callbacks(execute=True):
        assert _act(client, page, team["peer"], "approve").status_code == 302
    assert [m for m in mail.outbox if {member.email, other_member.email} & set(m.to)] == []  # no email at once

    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [digest] = [m for m in mail.outbox if {member.email, other_member.email} & set(m.to)]
    assert digest.to == [member.email]
    assert "Résumé du jour : 2 nouveautés" in digest.subject
    assert "Votre proposition de composante « Service de prise de rendez-vous »" in digest.body
    assert "En révision : étape « Révision par les pairs »." in digest.body
    assert "En révision : étape « Approbation CQEN »." in digest.body
    assert "http://" in digest.body and "/composantes/mes-propositions/" in digest.body

    mail.outbox.clear()
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []  # told once
    assert _centre(client, other_member)[1] == 1  # no email, but in the centre

    with django_capture_on_commit_callbacks(execute=True):
        assert _act(client, page, team["reviewer"], "reject", "Précisez la licence.").status_code == 302  # waits
    client.post(unsubscribe_url(member).replace("http://testserver", ""), {"scope": "all"})  # one click, from any email
    assert not ProposalNotice.objects.filter(email_pending=True).exists()  # nothing waits for a digest
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []
    assert _centre(client, member)[1] == 3  # still in the centre


def test_the_export_holds_the_proposal_notices_and_deletion_erases_them(client, component_index, team, member):
    page = _propose(client, component_index, member)
    assert _act(client, page, team["peer"], "approve").status_code == 302
    client.force_login(member)

    data = json.loads(client.get("/compte/mes-donnees/telecharger/").content)
    assert [(n["kind"], n["step"]) for n in data["avis_propositions"]] == [
        ("en-revision", "Révision par les pairs"),
        ("en-revision", "Approbation CQEN"),
    ]

    response = client.post("/compte/supprimer/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not ProposalNotice.objects.exists()
    assert _act(client, page, team["reviewer"], "approve").status_code == 302  # published...
    assert not ProposalNotice.objects.exists()  # ...with no one left to tell


def test_the_notification_page_costs_the_same_queries_for_few_or_many_notices(client, component_index, idea, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hub.models import ComponentProposal
    from tests.hub.factories import make_component

    proposal = ComponentProposal.objects.create(
        page=make_component(component_index, "Service de paiement"), proposed_by=member
    )

    def add(count):
        for number in range(count):
            Notification.objects.create(recipient=member, idea=idea, kind=Notification.Kind.COMMENT, detail=f"{number}")
            ProposalNotice.objects.create(proposal=proposal, kind=ProposalNotice.Kind.IN_REVIEW, step=f"Étape {number}")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("ideas:notifications")).status_code == 200
        return len(captured)

    client.force_login(member)
    add(3)
    client.get(reverse("ideas:notifications"))  # warm up: the first request of a session saves it
    few = queries()
    add(12)  # 30 notices: one full page
    assert queries() == few
