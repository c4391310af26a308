"""« Publier un guide » from the home: editors go straight to a new guide, everyone else learns how."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import EDITOR, ensure_roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(guide_index):
    ensure_roles()
    user = UserFactory(username="editeur@cqen.gouv.qc.ca")
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


def test_the_home_leads_to_the_publishing_path_not_to_the_bare_admin(client, home_page):
    html = client.get("/").content.decode()
    (target,) = re.findall(r'<a href="([^"]*)"><strong>Publier un guide</strong>', html)
    assert target == reverse("publish_guide")
    (first_guide,) = re.findall(r'<a href="([^"]*)">Rédiger le premier guide</a>', html)
    assert first_guide == reverse("publish_guide")


def test_an_editor_lands_on_a_new_guide_under_the_index_of_their_language(client, editor, index_pages):
    client.force_login(editor)
    response = client.get(reverse("publish_guide"))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailadmin_pages:add", args=["hub", "guidepage", index_pages["guides"]["fr"].pk]
    )
    english = client.get("/en/publier-un-guide/")
    assert english["Location"] == reverse(
        "wagtailadmin_pages:add", args=["hub", "guidepage", index_pages["guides"]["en"].pk]
    )


def test_a_visitor_reads_how_guides_are_written_and_is_offered_to_sign_in(client, guide_index):
    response = client.get(reverse("publish_guide"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "révision par les pairs" in html and "approuvés par le CQEN" in html
    assert f"{reverse('account_login')}?next=/publier-un-guide/" in html
    english = client.get("/en/publier-un-guide/").content.decode()
    assert "peer review" in english and "Sign in" in english


def test_a_member_without_the_editor_role_is_told_how_to_get_it(client, guide_index):
    client.force_login(UserFactory())
    response = client.get(reverse("publish_guide"))
    assert response.status_code == 200
    assert "n'a pas encore le rôle Éditeur" in response.content.decode().replace("&#x27;", "'")


def test_an_editor_without_a_guide_index_is_not_sent_to_a_broken_form(client, editor, guide_index):
    guide_index.unpublish()
    client.force_login(editor)
    response = client.get(reverse("publish_guide"))
    assert response.status_code == 200
