"""Verified organisation membership, tried as members, outsiders and administrators would."""

from html import unescape

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Permission

from accounts.profiles import get_profile
from hub import membership
from hub.models import ComponentUsage, MembershipRequest, OrganisationDomain
from tests.factories import UserFactory
from tests.hub.factories import make_component
from tests.sessions import sign_in_with_second_factor

pytestmark = pytest.mark.django_db


def _verified_member(email):
    user = UserFactory(username=email, email=email)
    return user


def _enrolled(user):
    """The admin requires two-factor authentication: the account already enrolled."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


def _fresh(user):
    """The user as the next request sees it (the profile cached on the instance is stale after a POST)."""
    return type(user).objects.get(pk=user.pk)


def _choose(client, organisation):
    return client.post(
        "/compte/profil/",
        {
            "display_name": "Camille",
            "organisation": organisation.pk,
            "notification_preference": "immediate",
            "preferred_language": "fr",
        },
    )


@pytest.fixture
def component(component_index):
    return make_component(component_index)


@pytest.fixture
def domains(organisations):
    """RAMQ on its own domain; two health bodies sharing the network's domain."""
    ramq, saaq, mcn = (organisations.get(slug=slug) for slug in ("ramq", "saaq", "mcn"))
    OrganisationDomain.objects.get_or_create(organisation=ramq, domain="ramq.gouv.qc.ca")
    OrganisationDomain.objects.get_or_create(organisation=saaq, domain="ssss.gouv.qc.ca")
    OrganisationDomain.objects.create(organisation=mcn, domain="SSSS.gouv.qc.ca.")  # normalised on save
    return {"ramq": ramq, "saaq": saaq, "mcn": mcn}


def test_member_of_another_domain_cannot_withdraw_an_organisations_declaration(client, component, domains):
    ramq = domains["ramq"]
    ComponentUsage.objects.create(component=component, organisation=ramq, use_case="Portail des citoyens")
    outsider = _verified_member("intrus@saaq.gouv.qc.ca")
    client.force_login(outsider)

    _choose(client, ramq)
    response = client.post(component.url + "adoption/retirer/")

    assert response.status_code == 403
    assert "attend l'approbation" in response.content.decode()
    assert ComponentUsage.objects.filter(component=component, organisation=ramq).exists()
    assert MembershipRequest.objects.get(user=outsider).decision == MembershipRequest.Decision.PENDING


def test_a_shared_domain_lets_the_member_choose_among_its_organisations(client, component, domains):
    nurse = _verified_member("infirmiere@ssss.gouv.qc.ca")
    client.force_login(nurse)
    html = unescape(client.get("/compte/profil/").content.decode())
    mine = html.split("Organisations de votre domaine", 1)[1].split("</optgroup>", 1)[0]
    assert domains["saaq"].name in mine and domains["mcn"].name in mine and domains["ramq"].name not in mine

    assert _choose(client, domains["mcn"]).status_code == 302
    assert membership.verified_organisation(_fresh(nurse)) == domains["mcn"]
    assert not MembershipRequest.objects.exists()
    assert client.post(component.url + "adoption/", {"use_case": "Dossier santé"}).status_code == 302
    assert ComponentUsage.objects.get().organisation == domains["mcn"]


def test_an_unverified_address_gives_no_membership(client, domains):
    user = UserFactory(
        username="pas-encore@ramq.gouv.qc.ca", email="pas-encore@ramq.gouv.qc.ca", verified_address=False
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.force_login(user)
    _choose(client, domains["ramq"])
    assert get_profile(_fresh(user)).organisation == domains["ramq"]  # declared...
    assert membership.verified_organisation(_fresh(user)) is None  # ...but not verified
    assert MembershipRequest.objects.filter(user=user, organisation=domains["ramq"]).exists()


def test_administrator_approves_a_request_from_the_queue(client, component, domains):
    outsider = _verified_member("consultante@exemple.gouv.qc.ca")
    client.force_login(outsider)
    response = _choose(client, domains["ramq"])
    assert response.status_code == 302
    assert "attend l'approbation" in unescape(client.get(response.url).content.decode())
    assert client.post(component.url + "adoption/", {"use_case": "Essai"}).status_code == 403
    request = MembershipRequest.objects.get(user=outsider)

    admin = _enrolled(UserFactory(username="admin@cqen.gouv.qc.ca", is_superuser=True, is_staff=True))
    sign_in_with_second_factor(client, admin)
    queue = client.get("/admin/demandes-adhesion/")
    assert queue.status_code == 200 and "consultante@exemple.gouv.qc.ca" in queue.content.decode()
    assert client.post(f"/admin/demandes-adhesion/{request.pk}/", {"decision": "approve"}).status_code == 302
    request.refresh_from_db()
    assert request.decision == MembershipRequest.Decision.APPROVED and request.decided_by == admin

    client.force_login(outsider)
    assert client.post(component.url + "adoption/", {"use_case": "Essai"}).status_code == 302
    assert ComponentUsage.objects.get().organisation == domains["ramq"]


def test_a_refused_request_grants_nothing_and_is_decided_once(client, domains):
    outsider = _verified_member("curieux@exemple.gouv.qc.ca")
    client.force_login(outsider)
    _choose(client, domains["ramq"])
    request = MembershipRequest.objects.get(user=outsider)
    admin = _enrolled(UserFactory(username="admin2@cqen.gouv.qc.ca", is_superuser=True, is_staff=True))
    sign_in_with_second_factor(client, admin)
    client.post(f"/admin/demandes-adhesion/{request.pk}/", {"decision": "refuse"})
    client.post(f"/admin/demandes-adhesion/{request.pk}/", {"decision": "approve"})  # already decided
    request.refresh_from_db()
    assert request.decision == MembershipRequest.Decision.REFUSED
    assert membership.verified_organisation(_fresh(outsider)) is None


def test_only_administrators_decide_membership_requests(client, domains):
    outsider = _verified_member("autre@exemple.gouv.qc.ca")
    client.force_login(outsider)
    _choose(client, domains["ramq"])
    request = MembershipRequest.objects.get(user=outsider)
    editor = _enrolled(UserFactory(username="editeur@cqen.gouv.qc.ca", is_staff=True))
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in_with_second_factor(client, editor)
    for response in (
        client.get("/admin/demandes-adhesion/"),
        client.post(f"/admin/demandes-adhesion/{request.pk}/", {"decision": "approve"}),
    ):  # Wagtail turns a refusal into a redirect to the dashboard with a message
        assert (response.status_code, response.url) == (302, "/admin/")
    request.refresh_from_db()
    assert request.decision == MembershipRequest.Decision.PENDING
