import pytest
from django.contrib.auth.models import Permission

from ideas import services
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Ministère de la Cybersécurité et du Numérique", slug="mcn")


@pytest.fixture
def member(db, organisation):
    user = UserFactory(username="membre@gouv.qc.ca")
    user.profile.organisation = organisation
    user.profile.save()
    return user


@pytest.fixture
def other_member(db):
    return UserFactory(username="autre@gouv.qc.ca")


@pytest.fixture
def moderator(db):
    user = UserFactory(username="moderateur@cqen.gouv.qc.ca")
    user.user_permissions.add(Permission.objects.get(codename="moderate_idea", content_type__app_label="ideas"))
    return type(user).objects.get(pk=user.pk)  # fresh instance: no stale permission cache


@pytest.fixture
def idea(member, organisation):
    return services.propose_idea(
        member,
        title="Signature électronique pour tous les formulaires",
        problem="Il faut imprimer, signer et numériser les formulaires.",
        solution="Offrir une signature électronique gouvernementale commune.",
        benefits="Des démarches entièrement en ligne.",
        organisation=organisation,
    )


@pytest.fixture
def search_events(index_announcements):
    """What search was told about ideas so far, in order: ("changed"|"removed", idea pk)."""
    return lambda: [(event, pk) for kind, event, pk in index_announcements if kind == "idea"]
