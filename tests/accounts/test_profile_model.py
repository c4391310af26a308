import pytest

from accounts.profiles import get_profile, public_name
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_new_user_gets_a_profile_with_a_default_display_name():
    user = UserFactory(first_name="Camille", last_name="Roy")
    assert user.profile.display_name == "Camille Roy"
    assert get_profile(user) == user.profile


def test_public_name_is_the_display_name_until_the_account_is_removed():
    user = UserFactory()
    user.profile.display_name = "Camille du MCN"
    user.profile.save()
    assert public_name(user) == "Camille du MCN"
    user.profile.is_deleted = True
    user.profile.save()
    assert public_name(user) == "Membre retiré"
