"""How values read in the admin: « oui » / « non » for every true-or-false field, never True / False.

Wagtail's inspect views show a model field's raw value unless a display class is registered for its
type (registered once, from `HubConfig.ready`, for every app's models); a listing column named in
`list_display` prints the raw value too, hence `YesNoColumn`; Wagtail's own tick-and-cross cells carry a
spoken title (`templates/wagtailadmin/tables/boolean_cell.html`); exports go through `yes_no`.
"""

from django.db import models
from django.template.defaultfilters import yesno
from wagtail.admin.ui.fields import BaseFieldDisplay, register_display_class
from wagtail.admin.ui.tables import Column


def yes_no(value):
    """« oui » / « non » (« peut-être » for unknown) in the active language, Django's own translation."""
    return yesno(value)


class YesNoColumn(Column):
    """A listing column for a true-or-false field: « oui » / « non »."""

    def get_value(self, instance):
        return yes_no(super().get_value(instance))


class YesNoDisplay(BaseFieldDisplay):
    def render_html(self, parent_context=None):
        return yes_no(self.value)


def register():
    register_display_class(models.BooleanField, display_class=YesNoDisplay)
