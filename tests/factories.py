"""Factories shared by every area of the suite. Area-specific ones live beside their tests."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from hub.models import Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organisme public numéro {n}")
    slug = factory.Sequence(lambda n: f"organisme-{n}")
    acronym = factory.Sequence(lambda n: f"OP{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True  # the hook below writes another table, not the user

    username = factory.Sequence(lambda n: f"membre{n}@gouv.qc.ca")
    email = factory.SelfAttribute("username")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Tremblay{n}")
    password = factory.django.Password("motdepasse-solide-123")

    @factory.post_generation
    def verified_address(self, create, extracted, **kwargs):
        """Members confirm their address at sign-up; `verified_address=False` leaves it unconfirmed."""
        if create and self.email and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email.lower(), defaults={"verified": True, "primary": True}
            )


def staff_member(role, username):
    """A member of the staff role `role` (accounts.roles), enrolled in two-factor authentication
    as the admin requires: sign them in with tests.sessions.sign_in_with_second_factor."""
    from allauth.mfa.models import Authenticator
    from django.contrib.auth.models import Group

    from accounts.roles import ensure_roles

    ensure_roles()
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=role))
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


def person(email, organisation=None, language="fr", **kwargs):
    """A member named after their address, whose profile declares `organisation` (verified only when
    the address's domain belongs to it) and reads the hub in `language`."""
    from accounts.profiles import get_profile

    user = UserFactory(username=email, email=email, **kwargs)
    profile = get_profile(user)
    profile.display_name = email.split("@")[0].replace(".", " ").title()
    profile.organisation = organisation
    profile.preferred_language = language
    profile.save()
    return user
