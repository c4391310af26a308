"""The dashboard's filters: a period (from/to dates, or the last N months) and an organisation."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from dashboard.figures import TORONTO, Filters
from hub.models import Organisation

MONTH_CHOICES = [("", _("Toute la période")), ("3", _("3 derniers mois")), ("6", _("6 derniers mois"))]
MONTH_CHOICES += [("12", _("12 derniers mois")), ("24", _("24 derniers mois"))]


class DashboardFilterForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Période"), choices=MONTH_CHOICES, coerce=int, required=False, empty_value=None
    )
    start = forms.DateField(label=_("Du (AAAA-MM-JJ)"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Au (AAAA-MM-JJ)"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("Toutes les organisations"),
    )

    def clean(self):
        data = super().clean()
        start, end, months = data.get("start"), data.get("end"), data.get("months")
        if months and (start or end):
            raise forms.ValidationError(_("Choisissez les derniers mois ou des dates, pas les deux."))
        if start and end and start > end:
            raise forms.ValidationError(_("La date de début doit précéder la date de fin."))
        return data

    def filters(self, today=None):
        """The `Filters` of a valid form."""
        data = self.cleaned_data
        start, end = data.get("start"), data.get("end")
        if data.get("months"):
            today = today or datetime.datetime.now(TORONTO).date()
            start = first_day_months_ago(today, data["months"] - 1)
        return Filters.from_dates(start, end, data.get("organisation"))


def first_day_months_ago(today, months):
    """The first day of the month `months` months before `today`'s (0: this month)."""
    index = today.year * 12 + today.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)
