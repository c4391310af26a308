"""The catalogue's part of Loi 25: a member's adoption declarations and component proposals (hub/apps.py).

Page feedback (« Cette page vous a-t-elle été utile ? ») stores no member: nothing to export.
"""

from accounts.privacy import owned_rows, register_exporter
from hub.models import ComponentProposal, ComponentUsage


def register():
    register_exporter("declarations_utilisation", owned_rows(ComponentUsage, "declared_by"))
    register_exporter("propositions_composantes", owned_rows(ComponentProposal, "proposed_by"))
