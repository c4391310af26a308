"""The editors' forms for catalogue pages in the Wagtail admin, where a field needs more than its model field.

A component's referent is a verified member of the organisation that owns the component: the
chooser offers only those people (never every account of the hub), and a posted account that is
not one of them is refused by the page's own validation (`ComponentPage.clean`) with a message that
says why, rather than a bare « choix invalide ».
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm


class ReferentChoiceField(forms.ModelChoiceField):
    """Offers the owner organisation's verified members; reads any active account from the post, so that
    the page's validation can name the rule an outsider breaks."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return get_user_model()._default_manager.get(pk=value, is_active=True)
        except (ValueError, TypeError, get_user_model().DoesNotExist) as exc:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from exc

    def label_from_instance(self, user):
        from accounts.profiles import public_name

        return f"{public_name(user)} ({user.get_username()})"


class ComponentPageForm(WagtailAdminPageForm):
    """The component's edit form: the referent chooser lists the owner organisation's verified members."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("referent")
        if field is None:
            return
        from hub.membership import verified_members
        from hub.models import Organisation

        organisation_id = self.instance.owner_organisation_id
        if self.is_bound:
            organisation_id = self.data.get(self.add_prefix("owner_organisation")) or None
        organisation = Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
        self.fields["referent"] = ReferentChoiceField(
            queryset=verified_members(organisation),
            required=False,
            label=field.label,
            help_text=field.help_text,
            widget=forms.Select,
        )
