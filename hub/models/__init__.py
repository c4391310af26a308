"""Editorial core models; one module per domain, re-exported here."""

from .components import (
    AccessibilityLevel,
    ComponentIndexPage,
    ComponentPage,
    ComponentTechnology,
    ComponentType,
    ComponentUsage,
    Maturity,
    Technology,
)
from .feedback import PageFeedback
from .guides import Audience, GuideIndexPage, GuidePage, GuidePageTheme, Theme
from .organisations import MembershipRequest, Organisation, OrganisationDomain
from .page_creation import PageCreation
from .pages import HomePage, StandardPage
from .proposals import ComponentProposal, ProposalNotice
from .rate_windows import SenderWindow
from .setup import SetupRecord
from .workflows import NoSelfApprovalTask

__all__ = [
    "AccessibilityLevel",
    "Audience",
    "ComponentIndexPage",
    "ComponentPage",
    "ComponentProposal",
    "ComponentTechnology",
    "ComponentType",
    "ComponentUsage",
    "GuideIndexPage",
    "GuidePage",
    "GuidePageTheme",
    "HomePage",
    "Maturity",
    "MembershipRequest",
    "NoSelfApprovalTask",
    "Organisation",
    "OrganisationDomain",
    "PageCreation",
    "PageFeedback",
    "ProposalNotice",
    "SenderWindow",
    "SetupRecord",
    "StandardPage",
    "Technology",
    "Theme",
]
