"""Template helpers of the accounts area."""

from django import template

from accounts.profiles import public_name as _public_name

register = template.Library()


@register.simple_tag
def accessible_widget(field):
    """The field's widget, linked to its help text and errors (aria-describedby) and marked invalid."""
    attrs = {}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_aide")
    if field.errors:
        described_by.append(f"{field.auto_id}_erreurs")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def public_name(user):
    """`{{ idea.author|public_name }}`: the display name, or "Membre retiré" for an erased account."""
    return _public_name(user)


@register.simple_tag(takes_context=True)
def after_second_factor_url(context):
    """Where the recovery codes page leads on: the page that asked for enrolment, else the admin or 2FA page."""
    from accounts.second_factor import destination_after_enrolment

    return destination_after_enrolment(context["request"])
