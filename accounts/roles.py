"""Names of the roles (Django groups). Every app refers to roles through these constants.

`ensure_roles()` creates the groups and gives each the permissions it needs. It is idempotent
and tolerant: a permission whose app has not landed yet is skipped and picked up on the next
run (`manage.py setup_roles`, or automatically after every `migrate`).
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
# Editors and CQEN reviewers: the admin, images and documents (page permissions come with the guides).
EDITOR_PERMISSIONS = [*MEMBER_PERMISSIONS, *ADMIN_ACCESS]
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


@transaction.atomic
def ensure_roles():
    """Create the five role groups and add the permissions each needs. Never removes a permission."""
    from django.contrib.auth.models import Group, Permission

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ALL_ROLES}
    groups[MEMBER].permissions.add(*_permissions(MEMBER_PERMISSIONS))
    groups[MODERATOR].permissions.add(*_permissions(MODERATOR_PERMISSIONS))
    for name in (EDITOR, REVIEWER):
        groups[name].permissions.add(*_permissions(EDITOR_PERMISSIONS))
        _grant_collection_permissions(groups[name], COLLECTION_PERMISSIONS)
    groups[ADMINISTRATOR].permissions.add(*Permission.objects.all())
    _grant_collection_permissions(groups[ADMINISTRATOR], ADMIN_COLLECTION_PERMISSIONS)
    _grant_page_permissions(groups[ADMINISTRATOR], ADMIN_PAGE_PERMISSIONS)
    return groups


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
