from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ideas import services
from ideas.models import Idea, StatusChange, Theme
from tests.factories import UserFactory
from tests.ideas.helpers import page_text

pytestmark = pytest.mark.django_db


def _form(org, **extra):
    data = {
        "title": "Guichet unique pour les changements d'adresse",
        "problem": "Un citoyen qui déménage prévient chaque organisme séparément.",
        "solution": "Un seul avis, transmis aux organismes avec son consentement.",
        "benefits": "Moins de démarches et des dossiers à jour.",
        "organisation": org.pk,
        "locale": "fr",
    }
    data.update(extra)
    return data


def test_member_previews_then_publishes_an_idea(client, member, organisation):
    client.force_login(member)
    theme = Theme.objects.create(name="Dites-le-nous une fois", slug="dites-le-nous-une-fois")
    url = reverse("ideas:propose")
    preview = client.post(url, _form(organisation, themes=[theme.pk], action="preview"))
    assert preview.status_code == 200
    assert "Aperçu avant publication" in page_text(preview)
    assert not Idea.objects.exists()

    published = client.post(url, _form(organisation, themes=[theme.pk], action="publish"))
    idea = Idea.objects.get()
    assert published["Location"] == idea.get_absolute_url()
    assert idea.author == member and idea.status == Idea.Status.SUBMITTED
    assert list(idea.themes.all()) == [theme]
    assert idea.follows.filter(user=member).exists() and idea.follower_count == 1
    assert StatusChange.objects.filter(idea=idea, to_status=Idea.Status.SUBMITTED).exists()


def test_propose_form_defaults_to_the_member_organisation(client, member, organisation):
    client.force_login(member)
    page = page_text(client.get(reverse("ideas:propose")))
    assert f'<option value="{organisation.pk}" selected>' in page


def test_member_without_organisation_must_pick_one(client, organisation):
    client.force_login(UserFactory())
    response = client.post(reverse("ideas:propose"), _form(organisation, organisation="", action="publish"))
    assert response.status_code == 400
    text = page_text(response)
    assert "Choisissez l'organisation qui propose l'idée." in text
    assert 'aria-describedby="organisation-errors"' in text
    assert not Idea.objects.exists()


def test_honeypot_filled_by_a_bot_rejects_the_idea(client, member, organisation):
    client.force_login(member)
    response = client.post(
        reverse("ideas:propose"), _form(organisation, website="http://spam.example", action="publish")
    )
    assert response.status_code == 400
    assert not Idea.objects.exists()


def test_anonymous_visitor_is_sent_to_sign_in_and_cannot_propose(client, organisation):
    assert client.get(reverse("ideas:propose"))["Location"].startswith(reverse("account_login"))
    response = client.post(reverse("ideas:propose"), _form(organisation, action="publish"))
    assert response.status_code == 403
    assert not Idea.objects.exists()


def test_sixth_idea_in_an_hour_is_refused_with_429(client, member, organisation):
    client.force_login(member)
    for i in range(5):
        response = client.post(
            reverse("ideas:propose"), _form(organisation, title=f"Idée numéro {i} du jour", action="publish")
        )
        assert response.status_code == 302
    response = client.post(reverse("ideas:propose"), _form(organisation, title="Une idée de trop", action="publish"))
    assert response.status_code == 429
    assert "trop d'idées" in page_text(response)
    assert Idea.objects.count() == 5


def test_author_edits_within_30_minutes_and_before_the_first_vote(client, member, other_member, idea, organisation):
    client.force_login(member)
    url = reverse("ideas:edit", args=[idea.pk])
    response = client.post(url, _form(organisation, title="Signature électronique partout", action="publish"))
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.title == "Signature électronique partout"

    services.cast_vote(other_member, idea)
    response = client.post(url, _form(organisation, title="Trop tard pour changer", action="publish"))
    assert response.status_code == 403
    idea.refresh_from_db()
    assert idea.title == "Signature électronique partout"


def test_author_cannot_edit_after_30_minutes(client, member, idea, organisation):
    Idea.objects.filter(pk=idea.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    client.force_login(member)
    response = client.post(reverse("ideas:edit", args=[idea.pk]), _form(organisation, action="publish"))
    assert response.status_code == 403


def test_other_member_cannot_edit_someone_elses_idea(client, other_member, idea, organisation):
    client.force_login(other_member)
    response = client.post(reverse("ideas:edit", args=[idea.pk]), _form(organisation, action="publish"))
    assert response.status_code == 403


def test_idea_page_shows_share_link_status_and_timeline(client, idea):
    text = page_text(client.get(idea.get_absolute_url()))
    assert "http://testserver" + idea.get_absolute_url() in text
    assert "Soumise" in text and "Historique" in text
    assert text.count("<h1") == 1


def test_short_idea_url_redirects_to_the_canonical_one(client, idea):
    response = client.get(reverse("ideas:detail_short", args=[idea.pk]))
    assert response.status_code == 301
    assert response["Location"] == idea.get_absolute_url()


def test_removed_author_shows_as_membre_retire(client, idea):
    idea.author.delete()
    assert "Membre retiré" in page_text(client.get(idea.get_absolute_url()))
