"""The editors' review workflow and page permissions of guides and components.

`ensure_review_workflow(report)` is part of the hub's bootstrap (hub/bootstrap.py): the two-step
workflow « Révision par les pairs → Approbation CQEN » is created once and assigned once to each
catalogue index; an editor who renames it, changes its steps or moves it keeps their changes.
Wagtail's own default workflow ("Moderators approval" on the root page, approved by a group
that the roles replace) is deactivated once, so no page is left under a workflow nobody approves.
Groups are looked up (or created) by the names in accounts/roles.py, whose `ensure_roles()` owns
their base permissions.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from accounts.roles import ADMINISTRATOR, EDITOR, REVIEWER
from hub.bootstrap import SetupReport, seed_once, seeded
from hub.models import ComponentIndexPage, GuideIndexPage, HomePage, NoSelfApprovalTask

WORKFLOW_NAME = "Révision par les pairs → Approbation CQEN"
PEER_REVIEW = "Révision par les pairs"
CQEN_APPROVAL = "Approbation CQEN"
WORKFLOW_KEY = "hub.workflow:review"

PAGE_PERMISSIONS = {
    EDITOR: ["add_page", "change_page"],
    REVIEWER: ["add_page", "change_page", "publish_page"],
}


def _grant_page_permissions(groups):
    """Editors and reviewers work under both home pages; they read readers' feedback."""
    homes = list(HomePage.objects.all())
    for role, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            for home in homes:
                GroupPagePermission.objects.get_or_create(group=groups[role], page=home, permission=permission)
    view_feedback = Permission.objects.get(content_type__app_label="hub", codename="view_pagefeedback")
    for role in (EDITOR, REVIEWER):
        groups[role].permissions.add(view_feedback)


def _new_workflow(groups):
    """Step 1, peer review: another editor (or a reviewer) approves. Step 2, CQEN approval: a
    "Réviseur CQEN" approves, which publishes. Nobody approves their own submission."""
    existing = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if existing is not None:  # an instance set up before the bootstrap existed
        return existing, False
    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    steps = [
        (PEER_REVIEW, [groups[EDITOR], groups[REVIEWER], groups[ADMINISTRATOR]]),
        (CQEN_APPROVAL, [groups[REVIEWER], groups[ADMINISTRATOR]]),
    ]
    for order, (name, step_groups) in enumerate(steps):
        task = NoSelfApprovalTask.objects.create(name=name)
        task.groups.add(*step_groups)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow, True


def review_workflow():
    """The review workflow the bootstrap created (None if an editor deleted it)."""
    return seeded(WORKFLOW_KEY, Workflow)


def _assign(report, workflow, index):
    def find_or_create():
        if WorkflowPage.objects.filter(page=index).exists():
            return index, False
        WorkflowPage.objects.create(page=index, workflow=workflow)
        return index, True

    key = f"hub.workflow-page:{index.translation_key}:{index.locale.language_code}"
    _page, created = seed_once(key, type(index), find_or_create)
    if created:
        report.created(f"« {workflow.name} » sur « {index.title} »")


def deactivate_default_workflow(report):
    """Wagtail's default workflow on the root page (approved by its "Moderators" group): off, once."""

    def find_or_create():
        ours = review_workflow()
        default = (
            Workflow.objects.filter(workflow_pages__page__depth=1, active=True)
            .exclude(pk=ours.pk if ours else None)
            .first()
        )
        if default is None:
            return None, False
        default.deactivate()
        for task in default.tasks.filter(active=True):
            if not task.specific.workflows.filter(active=True).exists():
                task.specific.deactivate()
        report.changed(f"circuit par défaut de Wagtail « {default.name} » désactivé")
        return default, True

    seed_once("hub.workflow:wagtail-default-deactivated", Workflow, find_or_create)


@transaction.atomic
def ensure_review_workflow(report=None):
    """Page permissions of the roles, the review workflow (once) on both indexes in both languages."""
    report = report or SetupReport()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (EDITOR, REVIEWER, ADMINISTRATOR)}
    _grant_page_permissions(groups)
    workflow, created = seed_once(WORKFLOW_KEY, Workflow, lambda: _new_workflow(groups))
    if created:
        report.created(f"circuit de révision « {workflow.name} »")
    if workflow is not None:
        for model in (GuideIndexPage, ComponentIndexPage):
            for index in model.objects.select_related("locale"):
                _assign(report, workflow, index)
    deactivate_default_workflow(report)
    return workflow
