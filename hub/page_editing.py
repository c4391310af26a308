"""The admin's page edit view takes a workflow decision only when a person asked for it.

Wagtail reads a decision (« Approuver », « Demander des modifications »…) from two fields its
workflow-action script adds on click; the hub's buttons send the one that names the action
themselves (templates/wagtailadmin/pages/action_menu/workflow_menu_item.html), so that a button
pressed before the script has run decides instead of saving. And an autosave (a background request
answered in JSON) only ever saves: posted while a decision is on its way, with the fields the
script has just added to the form, it would otherwise take the decision a second time (two
approvals in a row: the CQEN's approval skipped).

An autosave that brings nothing new writes no revision: the creation form's last autosave, arriving
after the Ctrl+S that already saved the same content, would otherwise make the edit view loaded on
that save report « une nouvelle version dans une autre fenêtre » in front of the editor's next action.
Nor does one marked stale by `hub.page_creation` (sent by a creation form before it was submitted,
arriving after: its content is older than the page's).
"""

from django.http import JsonResponse
from django.utils.functional import cached_property
from wagtail.admin.views.pages.edit import EditView

STALE_AUTOSAVE = "hub_stale_autosave"  # a request attribute set by hub.page_creation


class EditPage(EditView):
    """Wagtail's edit view; a workflow action named by the button pressed is a decision."""

    @cached_property
    def action_name_and_method(self):
        if self.expects_json_response:
            return ("save", self.save_action)
        action = super().action_name_and_method
        if action[0] == "save" and self.request.POST.get("workflow-action-name") and self.workflow_action_is_valid():
            return ("perform_workflow_action", self.perform_workflow_action)
        return action

    def save_action(self):
        revision = self.page.latest_revision
        stale = getattr(self.request, STALE_AUTOSAVE, False)
        if self.expects_json_response and (stale or not self.has_content_changes) and revision is not None:
            return JsonResponse(
                {
                    "success": True,
                    "pk": self.page.pk,
                    "revision_id": revision.pk,
                    "revision_created_at": revision.created_at.isoformat(),
                    "field_updates": dict(self.form.get_field_updates_for_resave()),
                    "comments": self.form.serialize_comments(self.request.user),
                    "html": self.render_partials(),
                }
            )
        return super().save_action()
