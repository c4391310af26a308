"""Template helpers of the guide index and the component catalogue."""

from django import template

from hub.history import last_significant_change as _last_significant_change

register = template.Library()


@register.simple_tag
def last_significant_change(page):
    """« Dernière mise à jour » of a guide or component (see hub.history.last_significant_change)."""
    return _last_significant_change(page)
