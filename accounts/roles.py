"""Names of the roles (Django groups). Every app refers to roles through these constants.

`ensure_roles()` creates the groups and gives each the permissions it needs. It is idempotent
and tolerant: a permission whose app has not landed yet is skipped and picked up on the next
run (`manage.py setup_roles`, or automatically after every `migrate`: it is the accounts step of
the bootstrap, see hub/bootstrap.py). Role permissions are policy written here, so every run adds
the missing ones (it never removes any).

Wagtail's migrations create two English groups, "Moderators" and "Editors", with page
permissions on the root page; they stand beside the French roles and confuse everyone.
`retire_wagtail_default_groups()` moves their members into the matching French role (Editors →
Éditeur, Moderators → Réviseur CQEN: Wagtail's moderators publish pages) and deletes them, once.
"""

from django.db import transaction

MEMBER = "Membre"
MODERATOR = "Modérateur"
EDITOR = "Éditeur"
REVIEWER = "Réviseur CQEN"
ADMINISTRATOR = "Administrateur"

ALL_ROLES = [MEMBER, MODERATOR, EDITOR, REVIEWER, ADMINISTRATOR]

# Roles that must use two-factor authentication before reaching the Wagtail admin.
STAFF_ROLES = [MODERATOR, EDITOR, REVIEWER, ADMINISTRATOR]

# Member: propose, vote, comment, follow, report, declare a component usage.
MEMBER_PERMISSIONS = [
    "ideas.add_idea",
    "ideas.add_vote",
    "ideas.delete_vote",
    "ideas.add_comment",
    "ideas.add_follow",
    "ideas.delete_follow",
    "ideas.add_report",
    "hub.add_componentusage",
]
ADMIN_ACCESS = ["wagtailadmin.access_admin"]
# Moderator: statuses, official responses, moderation queue, merges.
MODERATOR_PERMISSIONS = [
    *MEMBER_PERMISSIONS,
    *ADMIN_ACCESS,
    "ideas.moderate_idea",
    "ideas.change_idea",
    "ideas.add_officialresponse",
    "ideas.change_officialresponse",
    "ideas.change_report",
]
# Editors and CQEN reviewers: the admin, images and documents (page permissions come with the guides),
# the search reports and the recommended results (search.permissions).
SEARCH_EDITING_PERMISSIONS = [
    "hubsearch.view_dailysearchcount",
    "hubsearch.view_recommendedresult",
    "hubsearch.add_recommendedresult",
    "hubsearch.change_recommendedresult",
    "hubsearch.delete_recommendedresult",
]
EDITOR_PERMISSIONS = [*MEMBER_PERMISSIONS, *ADMIN_ACCESS, *SEARCH_EDITING_PERMISSIONS]
COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
ADMIN_COLLECTION_PERMISSIONS = [*COLLECTION_PERMISSIONS, "wagtailimages.delete_image", "wagtaildocs.delete_document"]
ADMIN_PAGE_PERMISSIONS = [
    "wagtailcore.add_page",
    "wagtailcore.change_page",
    "wagtailcore.publish_page",
    "wagtailcore.bulk_delete_page",
    "wagtailcore.lock_page",
    "wagtailcore.unlock_page",
]


def _permissions(names):
    """Permission objects for "app_label.codename" names; those not (yet) defined are skipped."""
    from django.contrib.auth.models import Permission

    found = []
    for name in names:
        app_label, _, codename = name.partition(".")
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            found.append(permission)
    return found


def _grant_collection_permissions(group, names):
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    if root is None:
        return
    for permission in _permissions(names):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


def _grant_page_permissions(group, names):
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    if root is None:
        return
    for permission in _permissions(names):
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


# Wagtail's default groups and the French role that takes over their members.
WAGTAIL_DEFAULT_GROUPS = {"Editors": EDITOR, "Moderators": REVIEWER}


@transaction.atomic
def ensure_roles(report=None):
    """Create the five role groups and add the permissions each needs. Never removes a permission."""
    from django.contrib.auth.models import Group, Permission

    groups = {}
    for name in ALL_ROLES:
        groups[name], created = Group.objects.get_or_create(name=name)
        if created and report is not None:
            report.created(f"rôle « {name} »")
    groups[MEMBER].permissions.add(*_permissions(MEMBER_PERMISSIONS))
    groups[MODERATOR].permissions.add(*_permissions(MODERATOR_PERMISSIONS))
    for name in (EDITOR, REVIEWER):
        groups[name].permissions.add(*_permissions(EDITOR_PERMISSIONS))
        _grant_collection_permissions(groups[name], COLLECTION_PERMISSIONS)
    groups[ADMINISTRATOR].permissions.add(*Permission.objects.all())
    _grant_collection_permissions(groups[ADMINISTRATOR], ADMIN_COLLECTION_PERMISSIONS)
    _grant_page_permissions(groups[ADMINISTRATOR], ADMIN_PAGE_PERMISSIONS)
    return groups


@transaction.atomic
def retire_wagtail_default_groups(report=None):
    """Move the members of Wagtail's "Editors" and "Moderators" into the French roles, then delete
    those groups: once (a group an administrator later names "Editors" is theirs to keep)."""
    from django.contrib.auth.models import Group

    from hub.bootstrap import seed_once

    def retire():
        retired = []
        for name, role in WAGTAIL_DEFAULT_GROUPS.items():
            group = Group.objects.filter(name=name).first()
            if group is None:
                continue
            members = list(group.user_set.all())
            if members:
                Group.objects.get_or_create(name=role)[0].user_set.add(*members)
            group.delete()
            retired.append(name)
            if report is not None:
                report.changed(f"groupe Wagtail « {name} » remplacé par le rôle « {role} » ({len(members)} membre(s))")
        return None, bool(retired)

    seed_once("accounts.wagtail-default-groups-retired", Group, retire)


def setup_roles(report):
    """The accounts step of the bootstrap: the French roles, and no English group beside them."""
    ensure_roles(report)
    retire_wagtail_default_groups(report)


def add_to_role(user, role):
    from django.contrib.auth.models import Group

    group, _ = Group.objects.get_or_create(name=role)
    user.groups.add(group)


def has_staff_role(user):
    """True for the people who must use two-factor authentication: staff roles, staff flag, superusers."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return user.groups.filter(name__in=STAFF_ROLES).exists()
