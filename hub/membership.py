"""Who acts for which organisation: membership verified by email domain, or approved by an administrator.

A member's profile names the organisation they *say* they belong to. The hub trusts it only when
one of the member's verified addresses is in a domain the organisation lists, or when an
administrator approved the member's request. Adoption declarations and endorsements ask
`verified_organisation(user)`; nothing else decides.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.models import MembershipRequest, Organisation, OrganisationDomain
from hub.models.organisations import normalise_domain


class MembershipError(Exception):
    """A refused membership decision, with a French message."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def verified_domains(user):
    """The domains of the member's verified addresses (allauth), lower-cased."""
    if not getattr(user, "is_authenticated", False):
        return set()
    from allauth.account.models import EmailAddress

    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return {normalise_domain(address.rsplit("@", 1)[-1]) for address in addresses if "@" in address}


def domain_organisations(user):
    """The organisations the member may choose without approval: those listing a verified domain."""
    domains = verified_domains(user)
    if not domains:
        return Organisation.objects.none()
    ids = OrganisationDomain.objects.filter(domain__in=domains).values("organisation_id")
    return Organisation.objects.filter(pk__in=ids)


def approved_organisations(user):
    ids = MembershipRequest.objects.filter(user=user, decision=MembershipRequest.Decision.APPROVED).values(
        "organisation_id"
    )
    return Organisation.objects.filter(pk__in=ids)


def is_verified_member(user, organisation):
    """True when the member may act for `organisation`: verified domain, or approved request."""
    if organisation is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return (
        domain_organisations(user).filter(pk=organisation.pk).exists()
        or approved_organisations(user).filter(pk=organisation.pk).exists()
    )


def verified_members(organisation):
    """The active accounts that may act for `organisation` (verified domain or approved request), by name."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    users = get_user_model().objects.filter(is_active=True)
    if organisation is None:
        return users.none()
    by_domain = Q()
    for domain in OrganisationDomain.objects.filter(organisation=organisation).values_list("domain", flat=True):
        by_domain |= Q(email__iendswith=f"@{domain}")
    members = Q(
        pk__in=MembershipRequest.objects.filter(
            organisation=organisation, decision=MembershipRequest.Decision.APPROVED
        ).values("user_id")
    )
    if by_domain:
        members |= Q(pk__in=EmailAddress.objects.filter(by_domain, verified=True).values("user_id"))
    return users.filter(members).order_by("username")


def declared_organisation(user):
    """The organisation named in the member's profile, verified or not."""
    if not getattr(user, "is_authenticated", False):
        return None
    from accounts.profiles import get_profile

    return get_profile(user).organisation


def verified_organisation(user):
    """The organisation the member acts for, or None while it is unverified (or not chosen)."""
    organisation = declared_organisation(user)
    return organisation if is_verified_member(user, organisation) else None


def pending_request(user, organisation):
    if organisation is None or not getattr(user, "is_authenticated", False):
        return None
    return MembershipRequest.objects.filter(
        user=user, organisation=organisation, decision=MembershipRequest.Decision.PENDING
    ).first()


def choose_organisation(user, organisation):
    """Record the member's choice. Returns "verified", "pending" (request sent to administrators) or "none".

    An organisation outside the member's domains is kept in the profile as a declaration and a
    request goes to the approval queue; until approved, the member cannot act for it.
    """
    from accounts.profiles import get_profile

    with transaction.atomic():
        profile = get_profile(user)
        profile.organisation = organisation
        profile.save(update_fields=["organisation", "updated_at"])
        if organisation is None:
            return "none"
        if is_verified_member(user, organisation):
            return "verified"
        request, created = MembershipRequest.objects.get_or_create(user=user, organisation=organisation)
        if not created and request.decision == MembershipRequest.Decision.REFUSED:
            return "refused"
        return "pending"


def decide(administrator, request, approve):
    """Approve or refuse a pending request (administrators only)."""
    if not can_decide_memberships(administrator):
        raise MembershipError(_("Seuls les administrateurs approuvent les demandes d'adhésion."))
    with transaction.atomic():
        request = MembershipRequest.objects.select_for_update().get(pk=request.pk)
        if request.decision != MembershipRequest.Decision.PENDING:
            raise MembershipError(_("Cette demande a déjà été traitée."))
        request.decision = MembershipRequest.Decision.APPROVED if approve else MembershipRequest.Decision.REFUSED
        request.decided_by = administrator
        request.decided_at = timezone.now()
        request.save(update_fields=["decision", "decided_by", "decided_at"])
    return request


def can_decide_memberships(user):
    return bool(
        getattr(user, "is_authenticated", False) and user.is_active and user.has_perm("hub.change_membershiprequest")
    )
