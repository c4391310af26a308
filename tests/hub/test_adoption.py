"""The adoption registry: "Mon organisation utilise cette composante"."""

from html import unescape

import pytest
from allauth.account.models import EmailAddress

from accounts.profiles import get_profile
from hub.models import ComponentPage, ComponentUsage, OrganisationDomain
from tests.factories import UserFactory
from tests.hub.factories import make_component

pytestmark = pytest.mark.django_db


@pytest.fixture
def component(component_index):
    return make_component(component_index)


def _member(organisation=None, email="membre@ramq.gouv.qc.ca"):
    """A member whose verified address is in a domain the organisation lists (a verified membership)."""
    user = UserFactory(username=email, email=email)
    if organisation is not None:
        OrganisationDomain.objects.get_or_create(organisation=organisation, domain=email.rsplit("@", 1)[1])
    profile = get_profile(user)
    profile.organisation = organisation
    profile.save()
    return user


def _declare(client, component, use_case="Connexion des citoyens à notre portail"):
    return client.post(component.url + "adoption/", {"use_case": use_case})


def test_member_declares_their_organisation_uses_a_component(client, component, organisations, index_announcements):
    ramq = organisations.get(slug="ramq")
    client.force_login(_member(ramq))
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = _declare(client, component)
    assert response.status_code == 302
    assert ComponentUsage.objects.get().organisation == ramq
    assert ComponentPage.objects.get(pk=component.pk).adoption_count == 1
    assert index_announcements == [("component", "changed", component.pk)]
    html = client.get(component.url).content.decode()
    assert "1 organisation utilise cette composante." in html
    assert "Régie de l&#x27;assurance maladie du Québec" in html


def test_an_organisation_declares_a_component_only_once(client, component, organisations):
    ramq = organisations.get(slug="ramq")
    client.force_login(_member(ramq))
    _declare(client, component)
    client.force_login(_member(ramq, email="collegue@ramq.gouv.qc.ca"))
    response = _declare(client, component)
    assert response.status_code == 409
    assert "déjà déclaré" in response.content.decode()
    assert ComponentUsage.objects.count() == 1
    assert ComponentPage.objects.get(pk=component.pk).adoption_count == 1


def test_member_without_organisation_is_sent_to_their_profile(client, component):
    client.force_login(_member(None))
    assert "indiquez d'abord votre organisation" in client.get(component.url).content.decode()
    response = _declare(client, component)
    assert response.status_code == 400
    assert not ComponentUsage.objects.exists()


def test_visitors_must_sign_in_to_declare(client, component):
    response = _declare(client, component)
    assert response.status_code == 302
    assert "next=" in response.url
    assert not ComponentUsage.objects.exists()


def test_withdrawing_moves_the_counter_back(client, component, organisations):
    client.force_login(_member(organisations.get(slug="saaq")))
    _declare(client, component)
    assert client.post(component.url + "adoption/retirer/").status_code == 302
    assert not ComponentUsage.objects.exists()
    assert ComponentPage.objects.get(pk=component.pk).adoption_count == 0


def test_publishing_an_old_revision_keeps_the_adoption_count(client, component, organisations):
    client.force_login(_member(organisations.get(slug="saaq")))
    _declare(client, component)
    component = ComponentPage.objects.get(pk=component.pk)
    component.get_latest_revision().publish()
    assert ComponentPage.objects.get(pk=component.pk).adoption_count == 1


def test_french_and_english_pages_share_one_adoption_registry(client, component, index_pages, organisations):
    english = ComponentPage(
        title="Government design system",
        slug=component.slug,
        summary="In English.",
        licence="MIT",
        locale=index_pages["composantes"]["en"].locale,
        translation_key=component.translation_key,
    )
    index_pages["composantes"]["en"].add_child(instance=english)
    english.save_revision().publish()
    client.force_login(_member(organisations.get(slug="meq")))
    assert client.post(english.url + "adoption/", {"use_case": "Portails"}).status_code == 302
    assert ComponentUsage.objects.get().component_id == component.pk  # attached to the French original
    assert ComponentPage.objects.get(pk=english.pk).adoption_count == 1
    assert ComponentPage.objects.get(pk=component.pk).adoption_count == 1
    assert "Portails" in client.get(component.url).content.decode()


def test_an_unconfirmed_address_cannot_declare_an_adoption(client, component, organisations):

    user = _member(organisations.get(slug="ramq"))
    EmailAddress.objects.filter(user=user).delete()
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.force_login(user)
    response = _declare(client, component)
    assert response.status_code == 403
    html = unescape(response.content.decode())
    assert "Confirmez d'abord votre adresse courriel" in html and 'href="/comptes/email/"' in html
    assert not ComponentUsage.objects.exists()
