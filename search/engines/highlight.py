"""Safe highlighting: the engine marks matches with private-use placeholders on raw text; we
escape the whole fragment, then turn the placeholders into <mark>. A `<script>` in a title is
therefore shown as text, and only our own <mark> tags are HTML."""

from django.utils.html import escape

from search.queries import HIGHLIGHT_POST, HIGHLIGHT_PRE


def marks_to_html(fragment):
    return escape(fragment).replace(HIGHLIGHT_PRE, "<mark>").replace(HIGHLIGHT_POST, "</mark>")


def strip_marks(fragment):
    return fragment.replace(HIGHLIGHT_PRE, "").replace(HIGHLIGHT_POST, "")
