"""Fixtures of the guides and components area: index pages, pages with blocks, members."""

import pytest

from hub.site_tree import index_pages as bootstrap_index_pages
from tests.sessions import sign_in_with_second_factor


@pytest.fixture
def index_pages(home_page):
    """{"guides": {"fr", "en"}, "composantes": {"fr", "en"}}: the bootstrap's, under both homes."""
    return bootstrap_index_pages()


@pytest.fixture
def guide_index(index_pages):
    return index_pages["guides"]["fr"]


@pytest.fixture
def component_index(index_pages):
    return index_pages["composantes"]["fr"]


@pytest.fixture
def admin_client_with_mfa(client, django_user_model):
    """A client signed in to the admin as a superuser, past its second factor."""
    from allauth.mfa.models import Authenticator

    user = django_user_model.objects.create_superuser(
        "admin-test@cqen.gouv.qc.ca", "admin-test@cqen.gouv.qc.ca", "x" * 12
    )
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    sign_in_with_second_factor(client, user)
    return client
