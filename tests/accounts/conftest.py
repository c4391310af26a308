import pytest

from accounts.roles import ensure_roles
from tests.factories import UserFactory

PASSWORD = "motdepasse-solide-123"


@pytest.fixture
def roles(db):
    return ensure_roles()


@pytest.fixture
def make_member(db, organisations):
    """A member with a verified address, a profile and an organisation."""

    def make(email="camille.roy@mcn.gouv.qc.ca", groups=(), **extra):
        user = UserFactory(username=email, email=email, **extra)  # with a confirmed address
        user.profile.display_name = "Camille Roy"
        user.profile.organisation = organisations.get(slug="mcn")
        user.profile.save()
        if groups:
            from django.contrib.auth.models import Group

            for name in groups:
                user.groups.add(Group.objects.get_or_create(name=name)[0])
        return user

    return make


@pytest.fixture
def member(make_member):
    return make_member()


def login(client, email, password=PASSWORD):
    return client.post("/comptes/login/", {"login": email, "password": password})
