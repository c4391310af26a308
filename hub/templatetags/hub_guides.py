"""Template helpers of the guide index and the component catalogue."""

from django import template

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
