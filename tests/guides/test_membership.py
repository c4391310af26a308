"""Verified organisation membership, tried as an outsider would: the profile and the adoption registry."""

import pytest
from allauth.account.models import EmailAddress

from hub.models import ComponentUsage
from tests.factories import UserFactory
from tests.guides.factories import make_component

pytestmark = pytest.mark.django_db


def _verified_member(email):
    user = UserFactory(username=email, email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.mark.xfail(strict=True, reason="issue 18: any member picks any organisation in their profile")
def test_member_of_another_domain_cannot_withdraw_an_organisations_declaration(client, component_index, organisations):
    component = make_component(component_index)
    ramq = organisations.get(slug="ramq")
    ComponentUsage.objects.create(component=component, organisation=ramq, use_case="Portail des citoyens")
    outsider = _verified_member("intrus@saaq.gouv.qc.ca")
    client.force_login(outsider)

    client.post(
        "/compte/profil/",
        {
            "display_name": "Intrus",
            "organisation": ramq.pk,
            "notification_preference": "immediate",
            "preferred_language": "fr",
        },
    )
    client.post(component.url + "adoption/retirer/")

    assert ComponentUsage.objects.filter(component=component, organisation=ramq).exists()
