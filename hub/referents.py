"""Writing to a component's referent through the hub: the message is relayed by email, the address never shown.

Who may write: signed-in members with a confirmed address (hub.permissions.can_contact_referent).
A referent is a named person; an open form would let anyone flood them anonymously. A confirmed
account gives the referent someone to answer (the relayed email's Reply-To is the sender's
address, which the form says) and lets the limit follow a person rather than an IP address.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from accounts.profiles import get_profile, public_name
from hub.plain_text import single_line
from hub.rate_limits import count_within_limit

logger = logging.getLogger(__name__)

CONTACT_LIMIT = 5  # messages per member...
CONTACT_WINDOW = 24 * 60 * 60  # ...per day, all referents together


class RelayFailed(Exception):
    """The mail server refused the message: nothing was sent."""


def referent_of(component):
    """The component's referent, when still an active account with an address; else None."""
    referent = component.referent
    if referent is None or not referent.is_active or not referent.email or get_profile(referent).is_deleted:
        return None
    return referent


def contact_allowed(user):
    """Count one message for `user` and say whether it is within the daily limit (`hub.rate_limits`)."""
    return count_within_limit(f"hub:referent-contact:{user.pk}", CONTACT_LIMIT, CONTACT_WINDOW)


def relay_to_referent(component, referent, sender, message, page_url):
    """Email `message` to the referent in their language; the sender is the Reply-To, the referent stays hidden."""
    language = get_profile(referent).preferred_language or settings.LANGUAGE_CODE
    organisation = get_profile(sender).organisation
    context = {
        "component": component,
        "referent_name": public_name(referent),
        "sender_name": public_name(sender),
        "sender_organisation": organisation.display_name if organisation else "",
        "message": message,
        "page_url": page_url,
    }
    with translation.override(language):
        subject = single_line(render_to_string("hub/emails/referent_message_subject.txt", context))
        body = render_to_string("hub/emails/referent_message.txt", context)
    email = EmailMessage(subject=" ".join(subject.split()), body=body, to=[referent.email], reply_to=[sender.email])
    try:
        email.send()
    except Exception as exc:  # a refusing mail server is the sender's problem to retry, never a 500
        logger.exception("Message to the referent of component %s not sent.", component.pk)
        raise RelayFailed from exc
