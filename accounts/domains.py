"""Who may sign up: addresses in the allowed public-body domains, or personally invited."""

from django.conf import settings


def email_domain(email):
    return (email or "").rsplit("@", 1)[-1].strip().lower().rstrip(".")


def is_allowed_domain(email):
    """True when the address belongs to an allowed domain or one of its subdomains."""
    domain = email_domain(email)
    if not domain:
        return False
    for allowed in settings.ACCOUNT_ALLOWED_EMAIL_DOMAINS:
        allowed = allowed.strip().lower().lstrip(".")
        if domain == allowed or domain.endswith("." + allowed):
            return True
    return False


def pending_invitation(email):
    from accounts.models import Invitation

    return Invitation.objects.filter(email__iexact=(email or "").strip(), accepted_at__isnull=True).first()


def may_sign_up(email):
    return is_allowed_domain(email) or pending_invitation(email) is not None
