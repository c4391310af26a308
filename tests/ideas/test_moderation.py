import pytest
from django.core import mail
from django.urls import reverse

from ideas import services
from ideas.models import Follow, Idea, IdeaMerge, Report, StatusChange, Vote
from tests.factories import UserFactory
from tests.ideas.factories import IdeaFactory
from tests.ideas.helpers import page_text
from tests.sessions import sign_in_with_second_factor

pytestmark = pytest.mark.django_db


def test_only_moderators_change_the_status(client, idea, member):
    client.force_login(member)
    response = client.post(reverse("ideas:status", args=[idea.pk]), {"status": Idea.Status.ACCEPTED})
    assert response.status_code == 403
    idea.refresh_from_db()
    assert idea.status == Idea.Status.SUBMITTED


def test_status_change_is_logged_and_shown_as_a_timeline(client, idea, moderator):
    sign_in_with_second_factor(client, moderator)
    client.post(reverse("ideas:status", args=[idea.pk]), {"status": "en_analyse", "note": "Analyse par l'équipe"})
    client.post(reverse("ideas:status", args=[idea.pk]), {"status": "retenue"})
    steps = list(StatusChange.objects.filter(idea=idea).values_list("from_status", "to_status", "changed_by"))
    assert steps[1:] == [("soumise", "en_analyse", moderator.pk), ("en_analyse", "retenue", moderator.pk)]
    text = page_text(client.get(idea.get_absolute_url()))
    assert "Analyse par l'équipe" in text and "En analyse" in text and "Retenue" in text


def test_official_response_is_highlighted_and_emailed_to_author_and_followers(
    client, idea, member, other_member, moderator, django_capture_on_commit_callbacks
):
    services.follow_idea(other_member, idea)
    with django_capture_on_commit_callbacks(execute=True):
        services.set_status(moderator, idea, "retenue", public_answer="Le CQEN retient cette idée pour 2027.")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, other_member.email])
    assert all("Réponse officielle" in m.subject for m in mail.outbox)
    text = page_text(client.get(idea.get_absolute_url()))
    assert "Réponse officielle du CQEN" in text and "Le CQEN retient cette idée pour 2027." in text


def test_status_change_is_sent_to_search(idea, moderator, search_events, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.set_status(moderator, idea, "en_analyse")
    assert search_events() == [("changed", idea.pk)]


def test_merge_moves_votes_without_double_counting(client, moderator):
    target, source = IdeaFactory(), IdeaFactory()
    both, only_source, only_target = UserFactory(), UserFactory(), UserFactory()
    for user in (both, only_source):
        services.cast_vote(user, source)
    for user in (both, only_target):
        services.cast_vote(user, target)

    services.merge_ideas(moderator, source, target, note="Doublon", response="Même besoin que l'idée conservée.")
    target.refresh_from_db()
    source.refresh_from_db()
    assert target.vote_count == 3 == Vote.objects.filter(idea=target).count()
    assert source.vote_count == 0 == Vote.objects.filter(idea=source).count()
    assert source.status == Idea.Status.MERGED and source.merged_into == target
    assert set(Follow.objects.filter(idea=target).values_list("user_id", flat=True)) == {
        both.pk,
        only_source.pk,
        only_target.pk,
    }
    assert target.follower_count == Follow.objects.filter(idea=target).count()
    merge = IdeaMerge.objects.get(source=source)
    assert (merge.target, merge.merged_by, merge.votes_moved) == (target, moderator, 1)
    assert StatusChange.objects.filter(idea=source, to_status="fusionnee", note="Doublon").exists()

    text = page_text(client.get(source.get_absolute_url()))
    assert "fusionnée" in text and target.get_absolute_url() in text


def test_merged_idea_refuses_votes(moderator, other_member):
    target, source = IdeaFactory(), IdeaFactory()
    services.merge_ideas(moderator, source, target, response="Même besoin.")
    with pytest.raises(services.Conflict):
        services.cast_vote(other_member, source)


def test_member_cannot_merge(client, member):
    target, source = IdeaFactory(), IdeaFactory()
    response = client.post(reverse("ideas:merge", args=[source.pk]), {"target": target.pk})
    assert response.status_code == 403
    client.force_login(member)
    response = client.post(reverse("ideas:merge", args=[source.pk]), {"target": target.pk})
    assert response.status_code == 403
    source.refresh_from_db()
    assert source.status == Idea.Status.SUBMITTED


def test_three_reports_hide_an_idea_until_a_moderator_decides(
    client, idea, moderator, search_events, django_capture_on_commit_callbacks
):
    reporters = [UserFactory() for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        for reporter in reporters:
            services.report(reporter, idea=idea, reason="spam")
    idea.refresh_from_db()
    assert idea.is_hidden
    assert ("removed", idea.pk) in search_events()
    assert client.get(idea.get_absolute_url()).status_code == 404
    assert idea.title not in page_text(client.get(reverse("ideas:list")))

    sign_in_with_second_factor(client, moderator)
    assert client.get(idea.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(moderator, decision="restore", idea=idea)
    idea.refresh_from_db()
    assert not idea.is_hidden
    assert search_events()[-1] == ("changed", idea.pk)
    assert not Report.objects.filter(idea=idea, resolution="").exists()


def test_an_idea_hidden_by_reports_leaves_the_cached_home_at_once(client, idea, django_capture_on_commit_callbacks):
    assert idea.title in page_text(client.get("/"))  # the home's cards are now in the cache
    with django_capture_on_commit_callbacks(execute=True):
        for reporter in [UserFactory() for _ in range(3)]:
            services.report(reporter, idea=idea, reason="spam")
    assert idea.title not in page_text(client.get("/"))


def test_two_reports_do_not_hide(idea):
    for _ in range(2):
        services.report(UserFactory(), idea=idea, reason="hors_sujet")
    idea.refresh_from_db()
    assert not idea.is_hidden


def test_member_reports_an_item_only_once(client, idea, other_member):
    client.force_login(other_member)
    url = reverse("ideas:report", args=[idea.pk])
    assert client.post(url, {"reason": "offensant", "note": "Insultes"}).status_code == 302
    response = client.post(url, {"reason": "offensant"})
    assert response.status_code == 409
    assert "déjà signalé" in page_text(response)
    assert Report.objects.count() == 1


def test_three_reports_hide_a_comment(client, idea, other_member):
    comment = services.add_comment(other_member, idea, "Achetez mes produits")
    for _ in range(3):
        services.report(UserFactory(), comment=comment, reason="spam")
    comment.refresh_from_db()
    idea.refresh_from_db()
    assert comment.is_hidden and idea.comment_count == 0
    assert "Achetez mes produits" not in page_text(client.get(idea.get_absolute_url()))


def test_unknown_report_reason_is_a_400(client, idea, other_member):
    client.force_login(other_member)
    response = client.post(reverse("ideas:report", args=[idea.pk]), {"reason": "nimporte"})
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_a_moderator_session_without_the_second_factor_is_sent_to_pass_it(client, moderator, idea):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=moderator, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    client.force_login(moderator)  # a session with no second-factor step
    response = client.post(reverse("ideas:status", args=[idea.pk]), {"status": "en_analyse"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Authentification à deux facteurs requise" in html
    assert f'href="/comptes/2fa/reauthenticate/?next=%2Fidees%2F{idea.pk}-' in html
    idea.refresh_from_db()
    assert idea.status == "soumise"


def test_rejecting_an_idea_requires_a_public_answer(client, idea, moderator, member):
    services.follow_idea(member, idea)
    sign_in_with_second_factor(client, moderator)
    response = client.post(reverse("ideas:status", args=[idea.pk]), {"status": "non_retenue", "note": "Hors mandat"})
    assert response.status_code == 400
    assert "exige une réponse publique" in page_text(response)
    idea.refresh_from_db()
    assert idea.status == Idea.Status.SUBMITTED
    assert not StatusChange.objects.filter(idea=idea, to_status="non_retenue").exists()
    response = client.post(
        reverse("ideas:status", args=[idea.pk]),
        {"status": "non_retenue", "response": "Une solution commune existe déjà : voir le guide."},
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == Idea.Status.REJECTED
    assert "Une solution commune existe déjà" in page_text(client.get(idea.get_absolute_url()))


def test_merging_requires_a_public_answer(client, moderator):
    target, source = IdeaFactory(), IdeaFactory()
    sign_in_with_second_factor(client, moderator)
    response = client.post(reverse("ideas:merge", args=[source.pk]), {"target": target.pk, "response": "  "})
    assert response.status_code == 400
    assert "exige une réponse publique" in page_text(response)
    source.refresh_from_db()
    assert source.status == Idea.Status.SUBMITTED
    with pytest.raises(services.IdeaActionError):
        services.merge_ideas(moderator, source, target)
