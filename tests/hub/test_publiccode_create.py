"""A publiccode.yml creates a new component draft under the catalogue, not only fills an existing one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hub.models import ComponentPage
from tests.hub.test_publiccode_hostile import VALID

pytestmark = pytest.mark.django_db


def _create(client, index, text):
    url = reverse("hub_create_from_publiccode", args=[index.pk])
    return client.post(url, {"file": SimpleUploadedFile("publiccode.yml", text.encode())})


def test_a_publiccode_file_creates_a_new_draft_component(admin_client_with_mfa, component_index):
    page_html = admin_client_with_mfa.get(reverse("wagtailadmin_pages:edit", args=[component_index.pk]))
    assert "Nouvelle composante depuis un publiccode.yml" in page_html.content.decode()
    response = _create(admin_client_with_mfa, component_index, VALID)
    page = ComponentPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.get_parent().pk == component_index.pk
    assert (page.title, page.slug, page.live) == ("Calendrier des jours feries", "calendrier-des-jours-feries", False)
    assert (page.licence, page.maturity, page.component_type) == ("MIT", "stable", "bibliotheque")
    assert page.repository_url == "https://github.com/CQEN-QDCE/jours-feries"
    assert page.summary == "Calcul des jours feries et ouvrables du Quebec."
    assert page.get_latest_revision() is not None
    again = _create(admin_client_with_mfa, component_index, VALID)
    assert again.status_code == 302
    assert ComponentPage.objects.filter(slug="calendrier-des-jours-feries-2").exists()


def test_a_wrong_file_creates_nothing_and_says_why_per_field(admin_client_with_mfa, component_index):
    response = _create(admin_client_with_mfa, component_index, VALID.replace("license: MIT", "license: WTFPL"))
    assert response.status_code == 400
    assert "champ legal.license" in response.content.decode()
    assert not ComponentPage.objects.exists()


def test_a_member_without_admin_rights_cannot_create_from_a_file(client, component_index):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = _create(client, component_index, VALID)
    assert response.status_code in (302, 403)
    assert not ComponentPage.objects.exists()
