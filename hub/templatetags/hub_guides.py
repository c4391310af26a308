"""Template helpers of the guide index and the component catalogue."""

from django import template

from hub.history import last_significant_change as _last_significant_change

register = template.Library()


@register.filter
def as_choices(objects, fields):
    """[(value, label)] pairs from objects: `orgs|as_choices:"slug,display_name"`."""
    value_attr, label_attr = fields.split(",")
    return [(getattr(obj, value_attr), getattr(obj, label_attr)) for obj in objects]


@register.filter
def as_pairs(values):
    """[(value, value)] pairs from plain values (licence identifiers)."""
    return [(value, value) for value in values]


@register.simple_tag
def last_significant_change(page):
    """« Dernière mise à jour » of a guide or component (see hub.history.last_significant_change)."""
    return _last_significant_change(page)
