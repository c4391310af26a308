import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ideas import members

register = template.Library()

URL_RE = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
TRAILING = ".,;:!?)]}»"


@register.filter
def linkify(text):
    """Plain text to safe HTML: escape everything, then turn http(s) URLs into nofollow links."""

    def link(match):
        url = match.group(0)
        trail = ""
        while url and url[-1] in TRAILING:
            trail = url[-1] + trail
            url = url[:-1]
        return f'<a href="{url}" rel="nofollow ugc noopener">{url}</a>{trail}'

    escaped = escape(text or "")
    # URLs are matched on escaped text so a quote or bracket can never break out of the attribute.
    return mark_safe(URL_RE.sub(link, escaped).replace("\n", "<br>"))  # noqa: S308


@register.filter
def member_name(user):
    return members.display_name(user)


@register.filter
def status_change_sentence(change):
    """Who moved the idea, from what to what: « Camille Roy a fait passer l'idée de Soumise à Retenue. »"""
    if change is None:
        return ""
    values = {
        "actor": members.display_name(change.changed_by),
        "old": change.get_from_status_display(),
        "new": change.get_to_status_display(),
    }
    if change.from_status == change.to_status:
        return _("%(actor)s a publié une réponse officielle (statut : %(new)s).") % values
    return _("%(actor)s a fait passer l'idée de « %(old)s » à « %(new)s ».") % values


STATUS_BADGES = {
    "soumise": "badge-muted",
    "en_analyse": "badge",
    "retenue": "badge-success",
    "en_realisation": "badge-warning",
    "realisee": "badge-success",
    "non_retenue": "badge-danger",
    "fusionnee": "badge-muted",
}


@register.filter
def status_badge(status):
    return STATUS_BADGES.get(status, "")


@register.simple_tag
def comment_editable(comment, user):
    from ideas.permissions import can_edit_comment

    return can_edit_comment(user, comment)
