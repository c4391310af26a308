"""The toolkit's notice (« avis », `.qc-notice`) as a block tag, so that every message reads alike.

`{% notice "error" role="alert" %}<p>…</p>{% endnotice %}` renders the Système de design
gouvernemental's notice markup without its JavaScript web component: the icon, its spoken label
(« Avis d'erreur ») and the content, which keeps the role given (alert for errors that interrupt,
status for confirmations). Django's message levels map onto the toolkit's four kinds.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

register = template.Library()

KINDS = {
    "information": _("Avis général"),
    "warning": _("Avis d'avertissement"),
    "success": _("Avis de réussite"),
    "error": _("Avis d'erreur"),
}
# Django's message tags (and our older names) → the toolkit's kinds.
ALIASES = {"info": "information", "debug": "information", "": "information"}
# Attributes a notice may carry besides its kind; others are refused when the template loads.
ATTRIBUTES = ("role", "id", "tabindex", "class")


def notice_kind(tags):
    """The toolkit kind for a message's tags (« error », « success extra »…)."""
    first = (tags or "").split(" ")[0]
    first = ALIASES.get(first, first)
    return first if first in KINDS else "information"


class NoticeNode(template.Node):
    def __init__(self, kind, attributes, nodelist):
        self.kind = kind
        self.attributes = attributes
        self.nodelist = nodelist

    def render(self, context):
        kind = notice_kind(str(self.kind.resolve(context)))
        values = {name: value.resolve(context) for name, value in self.attributes.items()}
        classes = " ".join(filter(None, ["qc-component qc-notice", f"qc-{kind}", values.pop("class", "")]))
        role = values.pop("role", "")
        outer = format_html_join("", ' {}="{}"', ((name, value) for name, value in values.items() if value != ""))
        return format_html(
            '<div class="{}" data-notice="{}"{}><div class="icon-container"><div class="qc-icon">'
            '<div role="img" class="qc-icon" aria-label="{}" data-img-type="{}" data-img-size="nm"></div>'
            '</div></div><div class="content-container"><div class="content"{}>{}</div></div></div>',
            classes,
            kind,
            outer,
            KINDS[kind],
            kind,
            format_html(' role="{}"', role) if role else "",
            self.nodelist.render(context),
        )


@register.tag
def notice(parser, token):
    """`{% notice kind [role=… id=… tabindex=… class=…] %}…{% endnotice %}`."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("« notice » attend un type : information, warning, success ou error.")
    kind = parser.compile_filter(bits[1])
    attributes = template.base.token_kwargs(bits[2:], parser)
    if len(attributes) != len(bits[2:]) or set(attributes) - set(ATTRIBUTES):
        raise template.TemplateSyntaxError(f"« notice » accepte seulement : {', '.join(ATTRIBUTES)}.")
    nodelist = parser.parse(("endnotice",))
    parser.delete_first_token()
    return NoticeNode(kind, attributes, nodelist)
