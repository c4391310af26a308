"""Member actions need a confirmed address: others are told so in French, with the way to confirm it."""

from html import unescape

import pytest
from allauth.account.models import EmailAddress

from ideas import services
from ideas.models import Comment, Idea, Report, Vote

pytestmark = pytest.mark.django_db

UNCONFIRMED = "Confirmez d'abord votre adresse courriel"


@pytest.fixture
def idea(make_member, organisations):
    author = make_member("autrice@mcn.gouv.qc.ca")
    return services.propose_idea(
        author,
        title="Un formulaire commun pour les demandes d'accès",
        problem="Chaque organisme a son propre formulaire.",
        solution="Un seul formulaire partagé.",
        benefits="Moins de temps perdu.",
        organisation=organisations.get(slug="mcn"),
    )


@pytest.fixture
def unconfirmed(client, make_member):
    """A session of an account whose address was never confirmed (an older session, a sign-on account...)."""
    user = make_member("pas.confirme@mcn.gouv.qc.ca")
    EmailAddress.objects.filter(user=user).update(verified=False)
    client.force_login(user)
    return user


def assert_told_to_confirm(response):
    html = unescape(response.content.decode())
    assert response.status_code == 403
    assert UNCONFIRMED in html
    assert 'href="/comptes/email/"' in html  # where to send the confirmation again


def test_an_unconfirmed_address_cannot_propose_vote_comment_or_report(client, unconfirmed, idea, organisations):
    proposal = {
        "title": "Une idée d'un compte non confirmé",
        "problem": "Un problème.",
        "solution": "Une solution.",
        "benefits": "Des bénéfices.",
        "organisation": organisations.get(slug="mcn").pk,
        "locale": "fr",
        "action": "publish",
    }
    assert_told_to_confirm(client.get("/idees/proposer/"))
    assert_told_to_confirm(client.post("/idees/proposer/", proposal))
    assert_told_to_confirm(client.post(f"/idees/{idea.pk}/voter/"))
    assert_told_to_confirm(client.post(f"/idees/{idea.pk}/commenter/", {"body": "Bonne idée !"}))
    assert_told_to_confirm(client.post(f"/idees/{idea.pk}/signaler/", {"reason": "spam", "note": ""}))
    assert Idea.objects.count() == 1
    assert not Vote.objects.exists() and not Comment.objects.exists() and not Report.objects.exists()


def test_a_vote_asked_for_in_json_explains_the_address_must_be_confirmed(client, unconfirmed, idea):
    response = client.post(f"/idees/{idea.pk}/voter/", HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    assert UNCONFIRMED in response.json()["error"]
    assert response.json()["confirm_url"] == "/comptes/email/"
