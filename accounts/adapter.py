"""Extension points for django-allauth: who may sign up, what a new account looks like."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _

from accounts import domains

logger = logging.getLogger(__name__)


def refused_domain_message():
    return _(
        "Les inscriptions sont réservées aux adresses courriel des organisations publiques québécoises "
        "(par exemple : @gouv.qc.ca et ses sous-domaines). Si votre organisation n'y figure pas, écrivez à "
        "%(contact)s pour demander une invitation."
    ) % {"contact": settings.ACCOUNT_ACCESS_CONTACT_EMAIL}


class _HubSite:
    """What allauth's emails call "the site": the hub's name rather than the bare host name."""

    def __init__(self, request):
        self.name = settings.WAGTAIL_SITE_NAME
        self.domain = request.get_host() if request is not None else settings.WAGTAILADMIN_BASE_URL.split("//")[-1]

    def __str__(self):
        return self.name


class HubAccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        from allauth.core import context as allauth_context

        context = {"current_site": _HubSite(allauth_context.request), **context}
        super().send_mail(template_prefix, email, context)

    def validate_signup_email(self, email):
        """Refuse addresses outside the allowed domains unless an administrator invited them."""
        if not domains.may_sign_up(email):
            raise ValidationError(refused_domain_message(), code="domain_not_allowed")
        return email

    def populate_username(self, request, user):
        """The username is the email address (lower case) whenever it is free."""
        from django.contrib.auth import get_user_model

        email = (user.email or "").strip().lower()
        if email and not get_user_model().objects.filter(username__iexact=email).exists():
            user.username = email
        super().populate_username(request, user)

    def get_client_ip(self, request):
        """The client's address as our trusted proxies report it (settings ALLAUTH_TRUSTED_*).

        Every per-address limit of the hub asks here. A request whose X-Forwarded-For holds fewer
        addresses than there are trusted proxies did not come through them: its peer is the client.
        """
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            logger.warning("X-Forwarded-For is shorter than ALLAUTH_TRUSTED_PROXY_COUNT: using the peer address.")
            return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a rate-limit key, not a bind

    def is_reauthentication_required(self, *, app, **kwargs):
        """No password prompt seconds after signing in: the sign-in itself is within allauth's window."""
        from allauth.core import context as allauth_context

        from accounts.second_factor import signed_in_moments_ago

        if signed_in_moments_ago(allauth_context.request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def get_login_redirect_url(self, request):
        """Without a `next`, members land on the home page in their preferred language."""
        from accounts.profiles import get_profile

        url = super().get_login_redirect_url(request)
        if url == "/" and get_profile(request.user).preferred_language == "en":
            return "/en/"
        return url


class HubSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Accounts created through the government sign-on: the identity provider vouches for the person."""

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        if user.email:
            user.username = user.email.strip().lower()
        return user
