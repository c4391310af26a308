"""Editorial core models; one module per domain, re-exported here."""

from .organisations import Organisation
from .pages import HomePage, StandardPage

__all__ = ["HomePage", "Organisation", "StandardPage"]
