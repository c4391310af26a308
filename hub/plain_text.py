"""Plain text typed by people: single-line text stays on one line, control characters never get in.

A title, a name or an email subject is one line: tabulations and line breaks become a space and
other control characters are removed. A multi-line text (a problem, a comment, a note) keeps its
tabulations and line breaks and loses only the other control characters. Every public form uses
these fields instead of a bare `forms.CharField`.
"""

import re

from django import forms

# Tabulations, line breaks and the Unicode line and paragraph separators.
_LINE_BREAKS = re.compile(r"[\t\n\x0b\x0c\r\x85\u2028\u2029]+")
# Every other control character (C0, DEL, C1).
_OTHER_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def single_line(text):
    """One line: line breaks and tabulations become one space, other control characters go."""
    return _OTHER_CONTROLS.sub("", _LINE_BREAKS.sub(" ", text or ""))


def multi_line(text):
    """Tabulations, CR and LF kept; every other control character removed."""
    return re.sub(r"[\x0b\x0c\x85\u2028\u2029]", "\n", _OTHER_CONTROLS.sub("", text or ""))


class SingleLineField(forms.CharField):
    """A title, a name, a short answer: always one line, without control characters."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return single_line(value).strip() if self.strip else single_line(value)


class MultiLineField(forms.CharField):
    """A text of several paragraphs (a textarea): line breaks kept, other control characters removed."""

    widget = forms.Textarea

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return multi_line(value).strip() if self.strip else multi_line(value)
