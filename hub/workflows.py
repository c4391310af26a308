"""The editors' review workflow and page permissions of guides and components.

`ensure_review_workflow()` is idempotent; the demo step and the tests call it. Groups are looked
up (or created) by the names in accounts/roles.py, whose `ensure_roles()` owns their base permissions.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from accounts.roles import ADMINISTRATOR, EDITOR, REVIEWER
from hub.models import ComponentIndexPage, GuideIndexPage, HomePage, NoSelfApprovalTask

WORKFLOW_NAME = "Révision par les pairs → Approbation CQEN"
PEER_REVIEW = "Révision par les pairs"
CQEN_APPROVAL = "Approbation CQEN"

PAGE_PERMISSIONS = {
    EDITOR: ["add_page", "change_page"],
    REVIEWER: ["add_page", "change_page", "publish_page"],
}


def _task(name, groups):
    task = NoSelfApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = NoSelfApprovalTask.objects.create(name=name)
    task.groups.add(*groups)
    return task


@transaction.atomic
def ensure_review_workflow():
    """Groups' page permissions on both home pages, and the two-step workflow on the index pages.

    Step 1, peer review: another editor (or a reviewer) approves. Step 2, CQEN approval: a
    "Réviseur CQEN" approves, which publishes. Nobody approves their own submission.
    """
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (EDITOR, REVIEWER, ADMINISTRATOR)}
    homes = list(HomePage.objects.all())
    for role, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            for home in homes:
                GroupPagePermission.objects.get_or_create(group=groups[role], page=home, permission=permission)

    # Editors and reviewers read readers' feedback and the reports built on it.
    view_feedback = Permission.objects.get(content_type__app_label="hub", codename="view_pagefeedback")
    for role in (EDITOR, REVIEWER):
        groups[role].permissions.add(view_feedback)

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    steps = [
        _task(PEER_REVIEW, [groups[EDITOR], groups[REVIEWER], groups[ADMINISTRATOR]]),
        _task(CQEN_APPROVAL, [groups[REVIEWER], groups[ADMINISTRATOR]]),
    ]
    for order, task in enumerate(steps):
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    for model in (GuideIndexPage, ComponentIndexPage):
        for index in model.objects.all():
            WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow
