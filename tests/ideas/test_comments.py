from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ideas import services
from ideas.models import Comment, Follow, Idea
from ideas.templatetags.ideas_tags import linkify
from tests.ideas.helpers import page_text
from tests.sessions import sign_in_with_second_factor

pytestmark = pytest.mark.django_db


def test_comment_is_plain_text_with_safe_links():
    html = linkify('<script>alert(1)</script> voir https://quebec.ca/a?b=1&c=2. "ok"')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a href="https://quebec.ca/a?b=1&amp;c=2" rel="nofollow ugc noopener">' in html
    assert "</a>." in html


def test_javascript_urls_are_not_linked():
    assert "<a" not in linkify("javascript:alert(1) ftp://exemple.qc.ca")


def test_member_comments_and_replies_one_level_deep(client, idea, other_member):
    client.force_login(other_member)
    url = reverse("ideas:comment", args=[idea.pk])
    client.post(url, {"body": "Excellente idée, voir https://www.quebec.ca"})
    first = Comment.objects.get()
    client.post(url, {"body": "Je réponds", "parent": first.pk})
    reply = Comment.objects.get(parent=first)
    client.post(url, {"body": "Réponse à la réponse", "parent": reply.pk})
    assert Comment.objects.filter(parent=first).count() == 2  # attached to the thread, not nested deeper
    idea.refresh_from_db()
    assert idea.comment_count == 3
    text = page_text(client.get(idea.get_absolute_url()))
    assert 'rel="nofollow ugc noopener"' in text


def test_comment_edit_window_is_15_minutes(client, idea, other_member):
    comment = services.add_comment(other_member, idea, "Premier jet")
    client.force_login(other_member)
    url = reverse("ideas:comment_edit", args=[comment.pk])
    assert client.post(url, {"body": "Version corrigée"}).status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Version corrigée" and comment.edited_at

    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    assert client.post(url, {"body": "Trop tard"}).status_code == 403


def test_author_soft_deletes_a_comment(client, idea, other_member):
    comment = services.add_comment(other_member, idea, "À retirer")
    client.force_login(other_member)
    client.post(reverse("ideas:comment_remove", args=[comment.pk]))
    text = page_text(client.get(idea.get_absolute_url()))
    assert "Commentaire retiré" in text and "À retirer" not in text
    idea.refresh_from_db()
    assert idea.comment_count == 0
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_someone_else_cannot_remove_a_comment(client, idea, member, other_member):
    comment = services.add_comment(other_member, idea, "Le mien")
    client.force_login(member)
    assert client.post(reverse("ideas:comment_remove", args=[comment.pk])).status_code == 403


def test_moderator_hides_a_comment_from_the_public(client, idea, other_member, moderator):
    comment = services.add_comment(other_member, idea, "Propos déplacés")
    sign_in_with_second_factor(client, moderator)
    client.post(reverse("ideas:comment_moderate", args=[comment.pk]), {"decision": "hide"})
    client.logout()
    text = page_text(client.get(idea.get_absolute_url()))
    assert "Propos déplacés" not in text and "masqué par la modération" in text
    idea.refresh_from_db()
    assert idea.comment_count == 0


def test_member_cannot_hide_comments(client, idea, member, other_member):
    comment = services.add_comment(other_member, idea, "Reste visible")
    client.force_login(member)
    assert client.post(reverse("ideas:comment_moderate", args=[comment.pk]), {"decision": "hide"}).status_code == 403


def test_empty_comment_gets_a_clear_message(client, idea, other_member):
    client.force_login(other_member)
    response = client.post(reverse("ideas:comment", args=[idea.pk]), {"body": "   "})
    assert response.status_code == 400
    assert "Le commentaire est vide." in page_text(response)


def test_commenting_follows_the_idea_and_emails_other_followers(
    idea, member, other_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(other_member, idea, "Bonne idée")
    assert Follow.objects.filter(idea=idea, user=other_member).exists()
    assert [m.to for m in mail.outbox] == [[member.email]]
    message = mail.outbox[0]
    assert "Nouveau commentaire" in message.subject
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/idees/desabonnement/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_no_comments_on_merged_ideas(idea, other_member):
    Idea.objects.filter(pk=idea.pk).update(status=Idea.Status.MERGED)
    with pytest.raises(services.Conflict):
        services.add_comment(other_member, idea, "Trop tard")


def test_thirty_comments_an_hour_then_429(client, idea, other_member):
    client.force_login(other_member)
    url = reverse("ideas:comment", args=[idea.pk])
    for i in range(30):
        assert client.post(url, {"body": f"Commentaire {i}"}).status_code == 302
    assert client.post(url, {"body": "Un de trop"}).status_code == 429


def test_honeypot_on_comments_rejects_bots(client, idea, other_member):
    client.force_login(other_member)
    response = client.post(reverse("ideas:comment", args=[idea.pk]), {"body": "Promo", "website": "http://x.example"})
    assert response.status_code == 400
    assert not Comment.objects.exists()
