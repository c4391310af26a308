"""Write paths of guides and components: reader feedback and the adoption registry.

Views parse and authorise; these functions do the work in one transaction.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

import search
from hub.models import ComponentPage, ComponentUsage, PageFeedback
from hub.rate_limits import count_within_limit

FEEDBACK_LIMIT = 10  # submissions per IP address...
FEEDBACK_WINDOW = 60 * 60  # ...per hour


class FeedbackRateLimited(Exception):
    """Too many feedback submissions from one address."""


class DuplicateUsage(Exception):
    """This organisation already declared it uses this component."""


def feedback_allowed(client_key):
    """Count one submission for `client_key` (a hashed IP, never the IP itself) and say whether it is
    within the hourly limit (`hub.rate_limits`)."""
    return count_within_limit(f"hub:feedback:{client_key}", FEEDBACK_LIMIT, FEEDBACK_WINDOW)


@transaction.atomic
def record_feedback(page, kind, message="", language="fr"):
    return PageFeedback.objects.create(page=page, kind=kind, message=message.strip(), language=language[:5])


def registry_component(component):
    """The page declarations are attached to: the component in the default (French) language."""
    from wagtail.models import Locale

    default_locale = Locale.get_default()
    if component.locale_id == default_locale.pk:
        return component
    original = ComponentPage.objects.filter(translation_key=component.translation_key, locale=default_locale).first()
    return original or component


def declare_usage(component, organisation, user, use_case):
    """Record that `organisation` uses `component` and move every translation's counter with F().

    Raises DuplicateUsage when the organisation already declared it (UniqueConstraint).
    """
    target = registry_component(component)
    try:
        with transaction.atomic():
            usage = ComponentUsage.objects.create(
                component=target, organisation=organisation, declared_by=user, use_case=use_case.strip()
            )
            ComponentPage.objects.filter(translation_key=target.translation_key).update(
                adoption_count=F("adoption_count") + 1
            )
            _announce(target)
    except IntegrityError as exc:
        raise DuplicateUsage(_("Votre organisation a déjà déclaré utiliser cette composante.")) from exc
    return usage


def withdraw_usage(component, organisation):
    """Remove an organisation's declaration; returns False when there was none."""
    target = registry_component(component)
    with transaction.atomic():
        deleted, _details = ComponentUsage.objects.filter(component=target, organisation=organisation).delete()
        if deleted:
            ComponentPage.objects.filter(translation_key=target.translation_key, adoption_count__gt=0).update(
                adoption_count=F("adoption_count") - 1
            )
            _announce(target)
    return bool(deleted)


def _announce(component):
    """Tell search, in the caller's transaction, that every translation's adoption count moved."""
    for page in ComponentPage.objects.filter(translation_key=component.translation_key):
        search.announce(page)
