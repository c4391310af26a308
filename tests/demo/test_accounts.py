"""Demo accounts: one per role, idempotent, verified addresses, the public password said to be local only."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts.roles import ADMINISTRATOR, MEMBER, MODERATOR
from demo import accounts as demo

pytestmark = pytest.mark.django_db


def test_demo_accounts_are_idempotent_with_roles_and_verified_addresses(organisations):
    out = StringIO()
    demo.load(out)
    demo.load(out)
    User = get_user_model()
    assert User.objects.filter(email="membre@gouv.qc.ca").count() == 1
    for n in range(1, 11):
        assert User.objects.filter(email=f"membre{n}@gouv.qc.ca").exists()
    moderator = User.objects.get(email="moderateur@cqen.gouv.qc.ca")
    assert moderator.groups.filter(name=MODERATOR).exists()
    admin = User.objects.get(email="admin@cqen.gouv.qc.ca")
    assert admin.is_superuser and admin.groups.filter(name=ADMINISTRATOR).exists()
    member = User.objects.get(email="membre@gouv.qc.ca")
    assert member.groups.filter(name=MEMBER).exists()
    assert member.profile.organisation is not None
    assert EmailAddress.objects.get(email="membre@gouv.qc.ca").verified
    assert "pour usage local seulement" in out.getvalue()
