"""A page made private after publication leaves the search (API, page, suggestions); public again, it returns."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from hub.models import StandardPage
from search.models import SearchDocument
from tests.factories import UserFactory
from tests.sessions import sign_in_with_second_factor

pytestmark = [pytest.mark.django_db, pytest.mark.search]


def found(client, q):
    return [r["slug"] for r in client.get(reverse("search:api_search"), {"q": q}).json()["results"]]


def seen_anywhere(client, q):
    """What an anonymous visitor finds for `q`: API results, the search page, the suggestions."""
    client.logout()
    api = found(client, q)
    page = client.get(reverse("search:page"), {"q": q}).content.decode()
    suggestions = client.get(reverse("search:api_suggest"), {"q": q[:6]}).content.decode()
    return api, page, suggestions


@pytest.fixture
def admin_client(client):
    admin = UserFactory(username="admin@cqen.gouv.qc.ca", is_superuser=True, is_staff=True)
    Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={})
    return admin


def publish_page(parent, title, slug, body):
    page = StandardPage(title=title, slug=slug, body=f"<p>{body}</p>", live=False)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def set_privacy(client, admin, page, restriction_type):
    sign_in_with_second_factor(client, admin)
    response = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), {"restriction_type": restriction_type}
    )
    assert response.status_code == 200
    assert '"step": "set_privacy_done"' in response.content.decode()


def test_a_page_made_private_leaves_the_search_with_its_subtree(
    client, engine, home_page, standard_page_kind, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        section = publish_page(home_page, "Rubrique zygomatique", "rubrique-zygo", "Texte zygomatique public.")
        child = publish_page(section, "Annexe zygomatique", "annexe-zygo", "Annexe zygomatique confidentielle.")
    api, page, suggestions = seen_anywhere(client, "zygomatique")
    assert sorted(api) == ["annexe-zygo", "rubrique-zygo"]
    assert "/rubrique-zygo/annexe-zygo/" in page and "Annexe zygomatique" in suggestions

    with django_capture_on_commit_callbacks(execute=True):
        set_privacy(client, admin_client, section, "login")
    api, page, suggestions = seen_anywhere(client, "zygomatique")
    assert api == []
    assert "/rubrique-zygo/" not in page
    assert "Annexe zygomatique" not in suggestions
    assert not SearchDocument.objects.filter(title__icontains="zygomatique").exists()

    with django_capture_on_commit_callbacks(execute=True):
        set_privacy(client, admin_client, section, "none")
    assert sorted(seen_anywhere(client, "zygomatique")[0]) == ["annexe-zygo", "rubrique-zygo"]
    assert child.pk in {int(i) for i in SearchDocument.objects.values_list("object_id", flat=True)}


def test_a_page_moved_under_a_private_section_leaves_the_search(
    client, engine, home_page, standard_page_kind, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        private = publish_page(home_page, "Espace réservé", "espace-reserve", "Pour les membres.")
        set_privacy(client, admin_client, private, "login")
        page = publish_page(home_page, "Procédure ornithorynque", "ornithorynque", "Une procédure.")
    assert found(client, "ornithorynque") == ["ornithorynque"]
    with django_capture_on_commit_callbacks(execute=True):
        StandardPage.objects.get(pk=page.pk).move(StandardPage.objects.get(pk=private.pk), pos="last-child")
    assert found(client, "ornithorynque") == []
