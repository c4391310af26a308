"""Review workflow tasks of guides and components."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask


class NoSelfApprovalTask(AbstractGroupApprovalTask):
    """A group approval step in which nobody approves (or rejects) their own submission."""

    class Meta:
        verbose_name = _("approbation par un groupe, sans auto-approbation")
        verbose_name_plural = _("approbations par un groupe, sans auto-approbation")

    @staticmethod
    def _submitter(obj):
        state = getattr(obj, "current_workflow_state", None)
        return state.requested_by_id if state is not None else None

    def get_actions(self, obj, user):
        if user.pk is not None and user.pk == self._submitter(obj):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if user is not None and user.pk == task_state.workflow_state.requested_by_id:
            raise PermissionDenied(_("Vous ne pouvez pas approuver ni refuser votre propre soumission."))
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Les membres des groupes choisis approuvent cette étape, sauf la personne qui a soumis la page.")
