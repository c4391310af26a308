"""« Mon organisation appuie cette idée »: verified members, one endorsement per organisation."""

import pytest
from django.urls import reverse

from hub.models import OrganisationDomain
from ideas import services
from ideas.models import Endorsement, Idea
from tests.factories import OrganisationFactory, UserFactory
from tests.ideas.factories import IdeaFactory
from tests.ideas.helpers import page_text

pytestmark = pytest.mark.django_db


def verified_member(email, organisation):
    """A member whose verified address is in a domain the organisation lists."""
    user = UserFactory(username=email, email=email)
    OrganisationDomain.objects.get_or_create(organisation=organisation, domain=email.rsplit("@", 1)[1])
    user.profile.organisation = organisation
    user.profile.save()
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def ramq(db):
    return OrganisationFactory(name="Régie de l'assurance maladie du Québec", slug="ramq-test")


def test_verified_member_endorses_for_their_organisation_and_withdraws(client, ramq):
    idea = IdeaFactory(title="Dossier santé unique")
    client.force_login(verified_member("analyste@ramq.gouv.qc.ca", ramq))
    response = client.post(reverse("ideas:endorse", args=[idea.pk]))
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.endorsement_count == 1
    page = page_text(client.get(idea.get_absolute_url()))
    assert "1 organisation appuie cette idée." in page and "Régie de l'assurance maladie du Québec" in page

    client.force_login(verified_member("collegue@ramq.gouv.qc.ca", ramq))
    client.post(reverse("ideas:endorse", args=[idea.pk]))  # the same organisation: still one endorsement
    assert Endorsement.objects.filter(idea=idea).count() == 1
    assert client.post(reverse("ideas:endorse", args=[idea.pk]), {"action": "withdraw"}).status_code == 302
    idea.refresh_from_db()
    assert idea.endorsement_count == 0 and not Endorsement.objects.exists()


def test_member_of_domain_x_cannot_endorse_for_an_organisation_outside_x(client, ramq):
    idea = IdeaFactory()
    outsider = verified_member("intrus@saaq.gouv.qc.ca", OrganisationFactory(slug="saaq-test"))
    outsider.profile.organisation = ramq  # picked in the profile, never approved
    outsider.profile.save()
    client.force_login(outsider)
    response = client.post(reverse("ideas:endorse", args=[idea.pk]))
    assert response.status_code == 403
    assert "pas encore vérifiée" in page_text(response)
    assert not Endorsement.objects.exists()


def test_unverified_address_cannot_endorse(client, ramq):
    idea = IdeaFactory()
    user = UserFactory(username="nouveau@ramq.gouv.qc.ca", email="nouveau@ramq.gouv.qc.ca", verified_address=False)
    OrganisationDomain.objects.create(organisation=ramq, domain="ramq.gouv.qc.ca")
    user.profile.organisation = ramq
    user.profile.save()
    client.force_login(user)
    assert client.post(reverse("ideas:endorse", args=[idea.pk])).status_code == 403
    assert client.post(reverse("ideas:endorse", args=[idea.pk])).status_code == 403
    assert Idea.objects.get(pk=idea.pk).endorsement_count == 0


def test_closed_ideas_take_no_endorsement(client, ramq):
    idea = IdeaFactory(status=Idea.Status.DONE)
    client.force_login(verified_member("analyste@ramq.gouv.qc.ca", ramq))
    assert client.post(reverse("ideas:endorse", args=[idea.pk])).status_code == 409


def test_board_sorts_and_filters_by_endorsements(client, ramq):
    IdeaFactory(title="Idée sans appui")
    popular = IdeaFactory(title="Idée très appuyée")
    saaq = OrganisationFactory(slug="saaq-test")
    services.endorse(verified_member("a@ramq.gouv.qc.ca", ramq), popular)
    services.endorse(verified_member("b@saaq.gouv.qc.ca", saaq), popular)
    listing = page_text(client.get(reverse("ideas:list"), {"tri": "appuis"}))
    assert listing.index("Idée très appuyée") < listing.index("Idée sans appui")
    assert "2 appuis" in listing
    filtered = page_text(client.get(reverse("ideas:list"), {"appuyee_par": "saaq-test"}))
    assert "Idée très appuyée" in filtered and "Idée sans appui" not in filtered


def test_merge_moves_endorsements_once_per_organisation(moderator, ramq):
    source, target = IdeaFactory(), IdeaFactory()
    member = verified_member("a@ramq.gouv.qc.ca", ramq)
    services.endorse(member, source)
    services.endorse(member, target)
    services.endorse(verified_member("b@saaq.gouv.qc.ca", OrganisationFactory(slug="saaq-test")), source)
    services.merge_ideas(moderator, source, target, response="Même besoin.")
    target.refresh_from_db()
    assert target.endorsement_count == 2 == Endorsement.objects.filter(idea=target).count()
