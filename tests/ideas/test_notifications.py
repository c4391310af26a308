import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from ideas import members, services
from ideas.models import Follow, Notification
from ideas.notifications import unsubscribe_url
from tests.ideas.factories import IdeaFactory
from tests.ideas.helpers import page_text
from tests.sessions import sign_in_with_second_factor

pytestmark = pytest.mark.django_db


def test_header_shows_unread_count_and_page_marks_them_read(client, idea, member, other_member):
    services.add_comment(other_member, idea, "Bonjour")
    client.force_login(member)
    response = client.get(reverse("ideas:list"))
    assert response.context["unread_notifications"] == 1
    page = page_text(client.get(reverse("ideas:notifications")))
    assert "Nouveau commentaire" in page and idea.title in page
    client.post(reverse("ideas:notifications"))
    assert client.get(reverse("ideas:list")).context["unread_notifications"] == 0


def test_anonymous_header_costs_no_notification_query(client, idea, django_assert_num_queries):
    from ideas.context_processors import notifications

    class Anonymous:
        is_authenticated = False

    class Request:
        user = Anonymous()

    with django_assert_num_queries(0):
        assert notifications(Request()) == {"unread_notifications": 0}


def test_notifications_page_sends_visitors_to_sign_in(client):
    response = client.get(reverse("ideas:notifications"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=" + reverse("ideas:notifications")
    assert client.post(reverse("ideas:notifications")).status_code == 403


def test_one_click_unsubscribe_works_without_login(
    client, idea, member, other_member, django_capture_on_commit_callbacks
):
    link = unsubscribe_url(member, idea).replace("http://testserver", "")
    response = client.post(link, {"scope": "idea"})
    assert response.status_code == 200
    assert Follow.objects.get(idea=idea, user=member).email is False
    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(other_member, idea, "Personne ne sera dérangé")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=member).exists()  # still visible in the site


def test_unsubscribe_everything_sets_the_profile_preference(client, idea, member):
    client.post(unsubscribe_url(member, idea).replace("http://testserver", ""), {"scope": "all"})
    member.profile.refresh_from_db()
    assert member.profile.notification_preference == "none"


def test_forged_unsubscribe_token_is_refused(client):
    response = client.post(reverse("ideas:unsubscribe", args=["pas-un-jeton"]))
    assert response.status_code == 400


def test_unsubscribe_link_from_the_email_works(client, idea, member, other_member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(other_member, idea, "Salut")
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>").replace("http://testserver", "")
    assert link in mail.outbox[0].body.replace("http://testserver", "")
    assert client.get(link).status_code == 200
    client.post(link, {"scope": "idea"})
    assert Follow.objects.get(idea=idea, user=member).email is False


def test_digest_members_get_one_daily_email(idea, member, other_member, moderator, django_capture_on_commit_callbacks):
    member.profile.notification_preference = "digest"
    member.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(other_member, idea, "Un")
        services.set_status(moderator, idea, "en_analyse")
    assert [m for m in mail.outbox if member.email in m.to] == []
    mail.outbox.clear()  # other_member is on immediate emails

    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [member.email] and "Résumé du jour" in digest.subject
    assert "Nouveau commentaire" in digest.body and "Changement de statut" in digest.body
    assert "List-Unsubscribe" in digest.extra_headers

    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1  # nothing new, nothing sent


def test_members_who_chose_none_get_no_email(idea, member, other_member, django_capture_on_commit_callbacks):
    member.profile.notification_preference = "none"
    member.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(other_member, idea, "Silence")
    assert mail.outbox == []


def test_email_is_written_in_the_recipient_language(idea, member, other_member, django_capture_on_commit_callbacks):
    member.profile.preferred_language = "en"
    member.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(other_member, idea, "Hello")
    assert "/en/idees/" in mail.outbox[0].body


def test_manual_follow_and_unfollow(client, idea, other_member):
    client.force_login(other_member)
    client.post(reverse("ideas:follow", args=[idea.pk]), {"action": "follow"})
    idea.refresh_from_db()
    assert idea.follower_count == 2
    client.post(reverse("ideas:follow", args=[idea.pk]), {"action": "unfollow"})
    idea.refresh_from_db()
    assert idea.follower_count == 1 == Follow.objects.filter(idea=idea).count()


def test_mail_client_one_click_post_without_scope_unsubscribes_from_the_idea(client, idea, member):
    link = unsubscribe_url(member, idea).replace("http://testserver", "")
    response = client.post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Follow.objects.get(idea=idea, user=member).email is False


def test_status_change_with_an_official_answer_emails_each_follower_once(
    client, idea, moderator, other_member, django_capture_on_commit_callbacks
):
    services.follow_idea(other_member, idea)
    sign_in_with_second_factor(client, moderator)
    form = {"status": "retenue", "note": "Vu en comité", "response": "Le CQEN retient cette idée pour 2027."}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("ideas:status", args=[idea.pk]), form)
        client.post(reverse("ideas:status", args=[idea.pk]), form)  # the same form sent again (double click, reload)
    to_follower = [message for message in mail.outbox if message.to == [other_member.email]]
    assert len(to_follower) == 1
    assert Notification.objects.filter(recipient=other_member).count() == 1


def test_one_status_change_names_who_acted_and_the_old_and_new_status(
    client, idea, member, moderator, other_member, django_capture_on_commit_callbacks
):
    services.follow_idea(other_member, idea)
    sign_in_with_second_factor(client, moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("ideas:status", args=[idea.pk]),
            {"status": "retenue", "current": "soumise", "response": "Retenue pour la feuille de route 2027."},
        )
    assert response.status_code == 302
    moderator_name = members.display_name(moderator)
    for user in (member, other_member):  # the author and a follower
        emails = [message for message in mail.outbox if message.to == [user.email]]
        assert len(emails) == 1
        assert f"{moderator_name} a fait passer l'idée de « Soumise » à « Retenue »." in emails[0].body
        assert "Retenue pour la feuille de route 2027." in emails[0].body
        assert Notification.objects.filter(recipient=user, idea=idea).count() == 1
    client.force_login(other_member)
    page = page_text(client.get(reverse("ideas:notifications")))
    assert f"{moderator_name} a fait passer l'idée de « Soumise » à « Retenue »." in page


def test_a_stale_status_form_is_refused_without_emails(
    client, idea, moderator, other_member, django_capture_on_commit_callbacks
):
    services.follow_idea(other_member, idea)
    services.set_status(moderator, idea, "en_analyse")
    mail.outbox.clear()
    sign_in_with_second_factor(client, moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ideas:status", args=[idea.pk]), {"status": "retenue", "current": "soumise"})
    assert response.status_code == 409
    assert "rechargez la page" in page_text(response)
    assert mail.outbox == []


def test_merge_tells_each_follower_of_the_duplicate_once(
    client, moderator, other_member, django_capture_on_commit_callbacks
):
    target, source = IdeaFactory(title="Idée conservée ici"), IdeaFactory(title="Doublon à fusionner")
    services.follow_idea(other_member, source)
    sign_in_with_second_factor(client, moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("ideas:merge", args=[source.pk]),
            {"target": target.pk, "response": "Même besoin : la discussion continue sur l'idée conservée."},
        )
    assert response.status_code == 302
    for user in (source.author, other_member):
        emails = [message for message in mail.outbox if message.to == [user.email]]
        assert len(emails) == 1, user
        assert "« Fusionnée »" in emails[0].body and "la discussion continue" in emails[0].body
        assert Notification.objects.filter(recipient=user).count() == 1
