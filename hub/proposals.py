"""Members propose components: a draft page in the editors' review workflow, the member kept informed.

`propose_component` creates the draft under the catalogue index (in the form's language), credits the
member (page owner, workflow requester, `ComponentProposal.proposed_by`) and starts the workflow
assigned to the catalogue. The member has no admin access, so Wagtail's workflow emails (which
link to the admin) are switched off for them; instead the receivers below turn each step of the
workflow into a `ProposalNotice`, listed on « Mes propositions » and in the member's notification
centre (`hub.notification_centre`, source "proposal"), and emailed in the member's language as their
notification preference says: at once after the step's transaction commits, in the daily digest, or
not at all.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from wagtail.models import Locale
from wagtail.signals import task_rejected, task_submitted, workflow_approved, workflow_cancelled

from accounts.models import Profile
from accounts.profiles import get_profile, is_removed, profile_or_none, public_name
from hub.membership import verified_organisation
from hub.models import ComponentIndexPage, ComponentPage, ComponentProposal, ProposalNotice
from hub.notification_centre import Notice, NotificationSource
from hub.plain_text import single_line
from hub.rate_limits import count_within_limit

logger = logging.getLogger(__name__)

PROPOSAL_LIMIT = 5  # proposals per member...
PROPOSAL_WINDOW = 24 * 60 * 60  # ...per day


def proposal_allowed(user):
    """Count one proposal for `user` and say whether it is within the daily limit (`hub.rate_limits`)."""
    return count_within_limit(f"hub:component-proposal:{user.pk}", PROPOSAL_LIMIT, PROPOSAL_WINDOW)


def free_slug(index, title):
    """A slug for a new child of `index` that no sibling uses yet (« nom », « nom-2 »...)."""
    base = slugify(title)[:70] or "composante"
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _quiet_wagtail_emails(user):
    """Wagtail mails the requester admin links on approval or rejection: not for a member without admin access."""
    if user.has_perm("wagtailadmin.access_admin"):
        return
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.approved_notifications = False
    profile.rejected_notifications = False
    profile.updated_comments_notifications = False
    profile.save(update_fields=["approved_notifications", "rejected_notifications", "updated_comments_notifications"])


@transaction.atomic
def propose_component(index, user, fields):
    """Create the draft component from `fields`, credit `user` and submit it to the catalogue's workflow."""
    page = ComponentPage(
        slug=free_slug(index, fields["title"]),
        live=False,
        owner=user,
        owner_organisation=verified_organisation(user),
        locale=index.locale,
        change_note=fields.pop("change_note", "") or "",
        **fields,
    )
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    proposal = ComponentProposal.objects.create(page=page, proposed_by=user)
    _quiet_wagtail_emails(user)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)  # its first step's task_submitted records the member's first notice
    else:
        record_notice(proposal, ProposalNotice.Kind.RECEIVED)
    return proposal


def _email_preference(member):
    """How the member wants to be told (the same preference as the idea board's notifications); None: no email."""
    if member is None or not member.is_active or not member.email:
        return None
    profile = profile_or_none(member)
    if profile is None:
        return Profile.NotificationPreference.IMMEDIATE
    if profile.is_deleted or profile.notification_preference == Profile.NotificationPreference.NONE:
        return None
    return profile.notification_preference


def record_notice(proposal, kind, step="", comment=""):
    """One notice for the member: emailed after the step's transaction commits, or kept for their daily digest.
    Nothing once the member's account is erased (Loi 25): no one is left to tell."""
    if is_removed(proposal.proposed_by):
        return None
    preference = _email_preference(proposal.proposed_by)
    notice = ProposalNotice.objects.create(
        proposal=proposal,
        kind=kind,
        step=step[:255],
        comment=comment,
        email_pending=preference == Profile.NotificationPreference.DIGEST,
    )
    if preference == Profile.NotificationPreference.IMMEDIATE:
        transaction.on_commit(partial(_email_notice, notice.pk))
    return notice


def _email_notice(notice_id):
    """Email a notice to the member in their language; a failing mail server never fails the step."""
    notice = ProposalNotice.objects.select_related("proposal__page", "proposal__proposed_by").get(pk=notice_id)
    member = notice.proposal.proposed_by
    if _email_preference(member) != Profile.NotificationPreference.IMMEDIATE:
        return
    profile = get_profile(member)
    with translation.override(profile.preferred_language or settings.LANGUAGE_CODE):
        context = {"notice": notice, "name": public_name(member), "title": notice.proposal.page.title}
        context["proposals_url"] = _proposals_url(notice.proposal.page)
        subject = single_line(render_to_string("hub/emails/proposal_notice_subject.txt", context))
        body = render_to_string("hub/emails/proposal_notice.txt", context)
    try:
        EmailMessage(subject=" ".join(subject.split()), body=body, to=[member.email]).send()
    except Exception:
        logger.exception("Email of proposal notice %s not sent; the notice stays on the member's page.", notice_id)
        return
    ProposalNotice.objects.filter(pk=notice_id).update(emailed_at=timezone.now())


def _proposals_url(page):
    index = page.get_parent().specific
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + index.url + index.reverse_subpage("my_proposals")


def proposals_of(user):
    """The member's proposals with their notices, newest first (two queries)."""
    return (
        ComponentProposal.objects.filter(proposed_by=user)
        .select_related("page")
        .prefetch_related("notices")
        .order_by("-created_at", "-pk")
    )


def notices_of(user):
    return ProposalNotice.objects.filter(proposal__proposed_by=user)


def mark_notices_read(user, pks=None):
    """Mark read the member's unread notices (those among `pks`, or all); returns how many."""
    unread = notices_of(user).filter(read_at__isnull=True)
    if pks is not None:
        unread = unread.filter(pk__in=pks)
    return unread.update(read_at=timezone.now())


# The member's notification centre (hub.notification_centre): the proposal notices beside the idea board's.

NOTICE_TEMPLATE = "hub/includes/proposal_notice_centre.html"
NOTICE_EMAIL_TEMPLATE = "hub/emails/proposal_notice_digest.txt"


def _notice_urls(notices):
    """Where each notice leads: the published component, else « Mes propositions » in the active language."""
    indexes = ComponentIndexPage.objects.live()
    index = indexes.filter(locale=Locale.get_active()).first() or indexes.first()
    my_proposals = index.url + index.reverse_subpage("my_proposals") if index is not None else ""
    return {
        notice.pk: notice.proposal.page.url
        if notice.kind == ProposalNotice.Kind.PUBLISHED and notice.proposal.page.live
        else my_proposals
        for notice in notices
    }


def _as_notices(rows):
    rows = list(rows)
    urls = _notice_urls(rows)
    return [
        Notice(
            source="proposal",
            pk=row.pk,
            created_at=row.created_at,
            read=row.read_at is not None,
            template=NOTICE_TEMPLATE,
            email_template=NOTICE_EMAIL_TEMPLATE,
            item=row,
            url=urls[row.pk],
        )
        for row in rows
    ]


def latest_notices(user, limit):
    rows = notices_of(user).select_related("proposal__page").order_by("-created_at", "-pk")[:limit]
    return _as_notices(rows)


def digest_pending_notices():
    rows = (
        ProposalNotice.objects.filter(email_pending=True, proposal__proposed_by__isnull=False)
        .select_related("proposal__page")
        .order_by("created_at", "pk")
    )
    pending = {}
    for notice in _as_notices(rows):
        pending.setdefault(notice.item.proposal.proposed_by_id, []).append(notice)
    return pending


def stop_emails(user):
    """The member unsubscribed from every email: what waited for their digest is not sent."""
    notices_of(user).filter(email_pending=True).update(email_pending=False)


def digest_sent(notices):
    ProposalNotice.objects.filter(pk__in=[notice.pk for notice in notices]).update(
        email_pending=False, emailed_at=timezone.now()
    )


def notification_source():
    return NotificationSource(
        name="proposal",
        latest=latest_notices,
        count=lambda user: notices_of(user).count(),
        unread_count=lambda user: notices_of(user).filter(read_at__isnull=True).count(),
        mark_read=mark_notices_read,
        digest_pending=digest_pending_notices,
        digest_sent=digest_sent,
        stop_emails=stop_emails,
    )


# Wagtail's workflow signals, turned into notices for the proposing member.


def _proposal_of(workflow_state):
    page = workflow_state.content_object
    if not isinstance(page, ComponentPage) and getattr(page, "specific_class", None) is not ComponentPage:
        return None
    return ComponentProposal.objects.filter(page_id=page.pk).first()


def on_task_submitted(sender, instance, **kwargs):
    proposal = _proposal_of(instance.workflow_state)
    if proposal is not None:
        record_notice(proposal, ProposalNotice.Kind.IN_REVIEW, step=instance.task.name)


def on_task_rejected(sender, instance, **kwargs):
    proposal = _proposal_of(instance.workflow_state)
    if proposal is not None:
        record_notice(
            proposal, ProposalNotice.Kind.CHANGES_REQUESTED, step=instance.task.name, comment=instance.comment or ""
        )


def on_workflow_approved(sender, instance, **kwargs):
    proposal = _proposal_of(instance)
    if proposal is not None:
        record_notice(proposal, ProposalNotice.Kind.PUBLISHED)


def on_workflow_cancelled(sender, instance, **kwargs):
    proposal = _proposal_of(instance)
    if proposal is not None:
        record_notice(proposal, ProposalNotice.Kind.WITHDRAWN)


def connect_workflow_receivers():
    task_submitted.connect(on_task_submitted, dispatch_uid="hub_proposal_task_submitted")
    task_rejected.connect(on_task_rejected, dispatch_uid="hub_proposal_task_rejected")
    workflow_approved.connect(on_workflow_approved, dispatch_uid="hub_proposal_workflow_approved")
    workflow_cancelled.connect(on_workflow_cancelled, dispatch_uid="hub_proposal_workflow_cancelled")
