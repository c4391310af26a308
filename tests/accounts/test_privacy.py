"""Loi 25: "Mes données" export and account deletion."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db.models import F

from accounts.models import DeletionLog
from accounts.profiles import public_name
from tests.accounts.conftest import PASSWORD, login

pytestmark = pytest.mark.django_db

Idea = apps.get_model("ideas", "Idea")
Vote = apps.get_model("ideas", "Vote")
Follow = apps.get_model("ideas", "Follow")
Comment = apps.get_model("ideas", "Comment")
Report = apps.get_model("ideas", "Report")
Notification = apps.get_model("ideas", "Notification")


def make_idea(author, organisation, title):
    return Idea.objects.create(
        title=title,
        problem="Un problème",
        solution="Une solution",
        benefits="Des bénéfices",
        organisation=organisation,
        author=author,
    )


def vote(user, idea):
    Vote.objects.create(user=user, idea=idea)
    Idea.objects.filter(pk=idea.pk).update(vote_count=F("vote_count") + 1)


@pytest.fixture
def activity(make_member):
    """Two members who both propose, vote, comment, follow, report and get notified."""
    me = make_member("camille.roy@mcn.gouv.qc.ca")
    other = make_member("autre.personne@ramq.gouv.qc.ca")
    org = me.profile.organisation
    mine = make_idea(me, org, "Mon idée de portail unifié")
    theirs = make_idea(other, org, "Idée de l'autre membre")
    for user, idea in [(me, theirs), (other, mine), (me, mine)]:
        vote(user, idea)
    Follow.objects.create(user=me, idea=theirs)
    Follow.objects.create(user=other, idea=mine)
    Comment.objects.create(idea=theirs, author=me, body="Mon commentaire personnel")
    Comment.objects.create(idea=mine, author=other, body="Commentaire de l'autre")
    Report.objects.create(reporter=me, idea=theirs, reason=Report.Reason.choices[0][0], note="Mon signalement")
    Report.objects.create(reporter=other, idea=mine, reason=Report.Reason.choices[0][0], note="Son signalement")
    Notification.objects.create(recipient=me, idea=mine, kind=Notification.Kind.COMMENT, detail="Pour moi")
    Notification.objects.create(recipient=other, idea=theirs, kind=Notification.Kind.COMMENT, detail="Pour l'autre")
    return me, other, mine, theirs


def test_my_data_page_offers_a_one_click_download(client, member):
    login(client, member.email)
    response = client.get("/compte/mes-donnees/")
    assert response.status_code == 200
    assert "/compte/mes-donnees/telecharger/" in response.content.decode()


def test_export_contains_every_kind_of_my_data_and_nothing_of_other_members(client, activity):
    me, other, mine, theirs = activity
    login(client, me.email)
    response = client.get("/compte/mes-donnees/telecharger/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)

    assert data["compte"]["adresse_courriel"] == me.email
    assert data["profil"]["nom_affiche"] == "Camille Roy"
    assert data["profil"]["organisation"]
    assert [e["adresse"] for e in data["adresses_courriel"]] == [me.email]
    assert len(data["sessions"]) == 1
    assert [i["title"] for i in data["idees"]] == ["Mon idée de portail unifié"]
    assert [c["body"] for c in data["commentaires"]] == ["Mon commentaire personnel"]
    assert sorted(v["idea_id"] for v in data["votes"]) == sorted([mine.pk, theirs.pk])
    assert [f["idea_id"] for f in data["abonnements"]] == [theirs.pk]
    assert [r["note"] for r in data["signalements"]] == ["Mon signalement"]
    assert [n["detail"] for n in data["notifications"]] == ["Pour moi"]
    for section in (
        "declarations_utilisation",
        "authentification_a_deux_facteurs",
        "comptes_externes",
        "changements_de_statut",
        "fusions",
        "revisions_administration",
    ):
        assert section in data
    assert "retroactions" not in data  # page feedback stores no member: no dead section

    raw = response.content.decode()
    for foreign in (other.email, "Commentaire de l'autre", "Son signalement", "Pour l'autre", "Idée de l'autre membre"):
        assert foreign not in raw


def test_export_requires_login(client):
    response = client.get("/compte/mes-donnees/telecharger/")
    assert response.status_code == 302


def test_deletion_needs_the_right_password(client, member):
    login(client, member.email)
    response = client.post("/compte/supprimer/", {"password": "pas-le-bon"})
    assert response.status_code == 400
    assert "Le mot de passe est incorrect" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active


def test_deletion_erases_personal_data_keeps_counters_and_reindexes_ideas(
    client, activity, django_capture_on_commit_callbacks, index_announcements
):
    me, other, mine, theirs = activity
    Authenticator.objects.create(user=me, type=Authenticator.Type.RECOVERY_CODES, data={})
    login(client, me.email)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/compte/supprimer/", {"password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session

    me.refresh_from_db()
    assert not me.is_active
    assert me.email == ""
    assert me.first_name == me.last_name == ""
    assert "camille" not in me.username
    assert not me.has_usable_password()
    assert not me.groups.exists()
    assert me.profile.display_name == ""
    assert me.profile.organisation is None
    assert public_name(me) == "Membre retiré"
    assert not EmailAddress.objects.filter(user=me).exists()
    assert not Authenticator.objects.filter(user=me).exists()
    assert not Notification.objects.filter(recipient=me).exists()
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(me.pk)]
    assert not get_user_model().objects.filter(email__icontains="camille.roy").exists()

    # What was published stays, and every counter still equals its rows.
    for idea in (mine, theirs):
        idea.refresh_from_db()
        assert idea.vote_count == idea.votes.count()
    assert Idea.objects.get(pk=mine.pk).author == me
    assert Comment.objects.filter(author=me).count() == 1

    assert [pk for kind, _event, pk in index_announcements if kind == "idea"] == [mine.pk]
    log = DeletionLog.objects.get()
    assert log.anonymous_id in me.username
    assert "camille" not in str(log)


def test_deleted_member_cannot_log_in(client, member):
    login(client, member.email)
    client.post("/compte/supprimer/", {"password": PASSWORD})
    response = login(client, "camille.roy@mcn.gouv.qc.ca")
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_sign_on_member_without_password_confirms_deletion_with_their_address(client, member):
    member.set_unusable_password()
    member.save()
    client.force_login(member)
    page = client.get("/compte/supprimer/").content.decode()
    assert 'name="email"' in page and 'name="password"' not in page
    assert client.post("/compte/supprimer/", {"email": "autre@gouv.qc.ca"}).status_code == 400
    assert client.post("/compte/supprimer/", {"email": member.email}).status_code == 302
    member.refresh_from_db()
    assert not member.is_active


def test_export_lists_my_component_usage_declarations_only(client, make_member, home_page):
    from hub.models.components import ComponentUsage
    from hub.site_tree import index_pages
    from tests.hub.factories import make_component

    me = make_member("camille.roy@mcn.gouv.qc.ca")
    other = make_member("autre.personne@ramq.gouv.qc.ca")
    component = make_component(index_pages()["composantes"]["fr"])
    ComponentUsage.objects.create(
        component=component, organisation=me.profile.organisation, declared_by=me, use_case="Notre portail"
    )
    other_org = type(me.profile.organisation).objects.get(slug="ramq")
    ComponentUsage.objects.create(component=component, organisation=other_org, declared_by=other, use_case="Leur usage")
    login(client, me.email)
    data = json.loads(client.get("/compte/mes-donnees/telecharger/").content)
    assert [u["use_case"] for u in data["declarations_utilisation"]] == ["Notre portail"]
