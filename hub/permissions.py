"""Who may do what on guides and components. Views, templates and services all ask here."""


def member_organisation(user):
    """The organisation a signed-in member acts for: only a verified membership counts (hub.membership)."""
    from hub.membership import verified_organisation

    return verified_organisation(user)


def can_declare_usage(user):
    """Any signed-in, active member with a confirmed address may declare that their organisation uses a component."""
    from accounts.verification import has_verified_address

    return bool(getattr(user, "is_authenticated", False) and user.is_active and has_verified_address(user))


def needs_confirmed_address(user):
    """Signed in and active, but the address is not confirmed yet: told how to confirm it."""
    from accounts.verification import needs_confirmation

    return bool(getattr(user, "is_authenticated", False) and user.is_active and needs_confirmation(user))


def adoption_status(user, component, usages):
    """What the adoption box of a component page offers to this visitor.

    `usages` is the already-fetched list of declarations, so this adds no query per declaration.
    """
    if needs_confirmed_address(user):
        return {"state": "unconfirmed"}
    if not can_declare_usage(user):
        return {"state": "anonymous"}
    organisation = member_organisation(user)
    if organisation is None:
        from hub.membership import declared_organisation

        declared = declared_organisation(user)
        if declared is not None:
            return {"state": "unverified", "organisation": declared}
        return {"state": "no_organisation"}
    if any(usage.organisation_id == organisation.pk for usage in usages):
        return {"state": "declared", "organisation": organisation}
    return {"state": "can_declare", "organisation": organisation}


def can_write_guide_under(user, guide_index):
    """May this person start a guide under this index in the writing space (role Éditeur and up)?"""
    if guide_index is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    return guide_index.permissions_for_user(user).can_add_subpage()


def can_contact_referent(user):
    """Signed-in members with a confirmed address write to referents (see hub.referents for why not visitors)."""
    return can_declare_usage(user)


def can_propose_component(user):
    """Signed-in members with a confirmed address propose components; editors review them in the workflow."""
    return can_declare_usage(user)
