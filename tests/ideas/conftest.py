import pytest
from django.contrib.auth.models import Permission
from django.utils import translation

from hub.signals import search_document_changed, search_document_removed
from ideas import services
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _french_by_default():
    """The test client leaves the last request's language active in the thread; start each test in French."""
    with translation.override("fr"):
        yield


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
def search_events():
    """What the search index was told, in order: ("changed"|"removed", idea pk)."""
    events = []

    def changed(sender, instance, **kwargs):
        events.append(("changed", instance.pk))

    def removed(sender, instance, **kwargs):
        events.append(("removed", instance.pk))

    search_document_changed.connect(changed, weak=False)
    search_document_removed.connect(removed, weak=False)
    yield events
    search_document_changed.disconnect(changed)
    search_document_removed.disconnect(removed)
