"""Receivers: a profile for every new user, the Membre role at sign-up, roles and core pages after migrate."""

from allauth.account.signals import user_signed_up
from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_migrate, post_save
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


@receiver(post_migrate, dispatch_uid="accounts_after_migrate")
def after_migrate(sender, using="default", **kwargs):
    """Once every app has migrated (the signal for the last app): roles, then the core Wagtail pages.

    The home, privacy-policy and accessibility pages are created only on a database that has
    Wagtail's root page and no home page yet (a fresh install), never on a flushed test database.
    """
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender.label != with_models[-1].label or using != "default":
        return
    from accounts.roles import ensure_roles

    ensure_roles()
    from wagtail.models import Page

    from hub.models import HomePage

    if Page.objects.filter(depth=1).exists() and not HomePage.objects.exists():
        from django.core.management import call_command

        from hub.demo import ensure_site_structure

        call_command("createcachetable", database=using)  # publishing pages touches the cache
        ensure_site_structure()
