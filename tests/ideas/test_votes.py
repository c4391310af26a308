import pytest
from django.urls import reverse

from ideas import services
from ideas.models import Follow, Idea, Vote
from tests.factories import UserFactory
from tests.ideas.helpers import page_text

pytestmark = pytest.mark.django_db


def test_member_vote_counts_once_and_can_be_withdrawn(idea, other_member):
    services.cast_vote(other_member, idea)
    _, created = services.cast_vote(other_member, idea)
    idea.refresh_from_db()
    assert created is False
    assert idea.vote_count == 1 == Vote.objects.filter(idea=idea).count()

    services.withdraw_vote(other_member, idea)
    idea.refresh_from_db()
    assert idea.vote_count == 0 == Vote.objects.filter(idea=idea).count()


def test_voting_makes_the_member_follow_the_idea(idea, other_member):
    services.cast_vote(other_member, idea)
    assert idea.follows.filter(user=other_member).exists()


@pytest.mark.parametrize("status", [Idea.Status.REJECTED, Idea.Status.DONE, Idea.Status.MERGED])
def test_closed_ideas_refuse_votes_with_409(client, idea, other_member, status):
    Idea.objects.filter(pk=idea.pk).update(status=status)
    client.force_login(other_member)
    response = client.post(reverse("ideas:vote", args=[idea.pk]), {"action": "vote"})
    assert response.status_code == 409
    assert "n'accepte plus de votes" in page_text(response)
    assert not Vote.objects.exists()


def test_anonymous_visitor_is_invited_to_sign_in_instead_of_voting(client, idea):
    page = page_text(client.get(idea.get_absolute_url()))
    assert "Connectez-vous pour voter." in page
    response = client.post(reverse("ideas:vote", args=[idea.pk]), {"action": "vote"})
    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_plain_form_vote_redirects_back_to_the_idea(client, idea, other_member):
    client.force_login(other_member)
    response = client.post(reverse("ideas:vote", args=[idea.pk]), {"action": "vote"})
    assert response.status_code == 302
    assert response["Location"].startswith(idea.get_absolute_url())
    page = page_text(client.get(idea.get_absolute_url()))
    assert "Retirer mon vote" in page


def test_vote_with_fetch_returns_the_new_count_as_json(client, idea, other_member):
    client.force_login(other_member)
    url = reverse("ideas:vote", args=[idea.pk])
    data = client.post(url, {"action": "vote"}, HTTP_ACCEPT="application/json").json()
    assert data["votes"] == 1 and data["voted"] is True
    data = client.post(url, {"action": "withdraw"}, HTTP_ACCEPT="application/json").json()
    assert data["votes"] == 0 and data["voted"] is False


def test_votes_are_rate_limited_to_60_per_minute(client, idea, other_member):
    client.force_login(other_member)
    url = reverse("ideas:vote", args=[idea.pk])
    for i in range(60):
        response = client.post(url, {"action": "withdraw" if i % 2 else "vote"}, HTTP_ACCEPT="application/json")
        assert response.status_code == 200
    response = client.post(url, {"action": "vote"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 429
    assert "Trop de votes" in response.json()["error"]


def test_vote_requires_post(client, idea, other_member):
    client.force_login(other_member)
    assert client.get(reverse("ideas:vote", args=[idea.pk])).status_code == 405


def test_vote_counter_follows_member_rows_for_many_members(idea):
    voters = [UserFactory() for _ in range(7)]
    for voter in voters:
        services.cast_vote(voter, idea)
    services.withdraw_vote(voters[0], idea)
    idea.refresh_from_db()
    assert idea.vote_count == Vote.objects.filter(idea=idea).count() == 6


def test_anonymous_fetch_vote_gets_a_json_403(client, idea):
    response = client.post(reverse("ideas:vote", args=[idea.pk]), {"action": "vote"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    assert "Connectez-vous" in response.json()["error"]


def test_hidden_idea_cannot_be_voted_on(client, idea, other_member):
    Idea.objects.filter(pk=idea.pk).update(is_hidden=True)
    client.force_login(other_member)
    assert client.post(reverse("ideas:vote", args=[idea.pk]), {"action": "vote"}).status_code == 404
    assert not Vote.objects.exists()


@pytest.mark.parametrize("accept", ["application/json", "text/html"])
def test_a_vote_on_an_idea_that_does_not_exist_answers_404_and_writes_nothing(client, other_member, accept):
    client.force_login(other_member)
    response = client.post(reverse("ideas:vote", args=[999999]), {"action": "vote"}, HTTP_ACCEPT=accept)
    assert response.status_code == 404
    assert not Vote.objects.exists()
    assert not Follow.objects.filter(user=other_member).exists()


def test_withdrawing_from_a_hidden_idea_answers_404_and_keeps_the_vote(client, idea, other_member):
    services.cast_vote(other_member, idea)
    Idea.objects.filter(pk=idea.pk).update(is_hidden=True)
    client.force_login(other_member)
    response = client.post(
        reverse("ideas:vote", args=[idea.pk]), {"action": "withdraw"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 404
    assert Idea.objects.get(pk=idea.pk).vote_count == 1 == Vote.objects.filter(idea=idea).count()


def test_a_second_vote_and_a_withdrawal_without_a_vote_answer_the_current_count(client, idea, other_member):
    services.cast_vote(UserFactory(), idea)
    client.force_login(other_member)
    url = reverse("ideas:vote", args=[idea.pk])
    for action, expected in (("vote", 2), ("vote", 2), ("withdraw", 1), ("withdraw", 1)):
        answer = client.post(url, {"action": action}, HTTP_ACCEPT="application/json").json()
        assert answer["votes"] == expected, (action, answer)
    assert Idea.objects.get(pk=idea.pk).vote_count == 1 == Vote.objects.filter(idea=idea).count()


def test_a_member_without_a_confirmed_address_gets_403_and_no_vote(client, idea):
    unconfirmed = UserFactory()
    unconfirmed.emailaddress_set.update(verified=False)
    client.force_login(unconfirmed)
    response = client.post(reverse("ideas:vote", args=[idea.pk]), {"action": "vote"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    assert "Confirmez" in response.json()["error"]
    assert not Vote.objects.filter(user=unconfirmed).exists()
    assert not idea.follows.filter(user=unconfirmed).exists()


def test_the_vote_service_tells_a_missing_idea_from_a_closed_one(other_member, idea):
    with pytest.raises(services.IdeaNotFound):
        services.cast_vote(other_member, 999999)
    Idea.objects.filter(pk=idea.pk).update(status=Idea.Status.DONE)
    with pytest.raises(services.Conflict):
        services.cast_vote(other_member, idea.pk)
    assert not Vote.objects.exists()
