"""Receivers: a profile for every new user, the Membre role at sign-up, enrolment as a second-factor step.

Roles after `migrate` are the accounts step of the bootstrap (accounts/apps.py, hub/bootstrap.py)."""

from allauth.account.signals import user_signed_up
from allauth.mfa.signals import authenticator_added
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts_create_profile")
def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from accounts.profiles import get_profile

        get_profile(instance)


@receiver(user_signed_up, dispatch_uid="accounts_new_member")
def welcome_new_member(sender, request, user, **kwargs):
    """Every new account is a Membre; an invitation used to sign up is marked accepted."""
    from accounts.models import Invitation
    from accounts.roles import MEMBER, add_to_role

    add_to_role(user, MEMBER)
    Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).update(accepted_at=timezone.now())


@receiver(authenticator_added, dispatch_uid="accounts_enrolment_counts_for_the_session")
def enrolment_counts_for_the_session(sender, request, user, authenticator, **kwargs):
    """Whoever just enrolled an authenticator typed its code: no second prompt in this session."""
    from accounts import second_factor

    if request is not None and authenticator.type in second_factor.SECOND_FACTORS:
        second_factor.record_enrolment(request, user, authenticator)
