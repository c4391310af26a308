"""The catalogue's part of Loi 25: a member's adoption declarations, component proposals and the notices
about them (hub/apps.py).

Page feedback (« Cette page vous a-t-elle été utile ? ») stores no member: nothing to export.
On deletion the notices addressed to the member are erased; the proposal stays with the component
page it created, credited to « Membre retiré » like the member's other contributions.
"""

from accounts.privacy import owned_rows, register_eraser, register_exporter
from hub.models import ComponentProposal, ComponentUsage, ProposalNotice


def erase_proposal_notices(user):
    ProposalNotice.objects.filter(proposal__proposed_by=user).delete()


def register():
    register_exporter("declarations_utilisation", owned_rows(ComponentUsage, "declared_by"))
    register_exporter("propositions_composantes", owned_rows(ComponentProposal, "proposed_by"))
    register_exporter("avis_propositions", owned_rows(ProposalNotice, "proposal__proposed_by"))
    register_eraser(erase_proposal_notices)
