"""Forms of the accounts area: sign-up restricted by domain, profile, account deletion."""

from allauth.account.adapter import get_adapter
from allauth.account.forms import AddEmailForm, SignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Profile
from hub.models import Organisation
from hub.plain_text import SingleLineField


class HubSignupForm(SignupForm):
    """allauth's sign-up form, open only to allowed domains and invited addresses."""

    def clean_email(self):
        email = super().clean_email()
        return get_adapter().validate_signup_email(email)


class HubAddEmailForm(AddEmailForm):
    """A second address must also belong to an allowed domain (or be invited)."""

    def clean_email(self):
        email = super().clean_email()
        return get_adapter().validate_signup_email(email)


class ProfileForm(forms.ModelForm):
    """The profile; the organisation is offered in two groups, those of the member's verified domains first.

    Choosing one outside those domains sends a request to the administrators (`hub.membership`); the
    view, not this form, records the choice.
    """

    organisation = forms.TypedChoiceField(
        label=_("Organisation"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_(
            "Votre organisation est nécessaire pour proposer une idée ou déclarer l'utilisation d'une composante. "
            "Une organisation hors du domaine de votre adresse courriel vérifiée demande l'approbation "
            "d'un administrateur."
        ),
    )

    class Meta:
        model = Profile
        fields = ["display_name", "role_title", "notification_preference", "preferred_language"]
        field_classes = {"display_name": SingleLineField, "role_title": SingleLineField}
        labels = {
            "display_name": _("Nom affiché"),
            "role_title": _("Fonction (facultatif)"),
            "notification_preference": _("Notifications par courriel"),
            "preferred_language": _("Langue préférée"),
        }
        help_texts = {
            "display_name": _("Le nom montré à côté de vos idées et de vos commentaires."),
            "notification_preference": _("À quelle fréquence recevoir les nouvelles des idées que vous suivez."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True
        self.fields["display_name"].error_messages["required"] = _("Indiquez le nom à afficher.")
        self.fields["organisation"].choices = self._organisation_choices()
        if self.instance.pk and not self.is_bound:
            self.initial["organisation"] = self.instance.organisation_id
        order = ["display_name", "organisation", "role_title", "notification_preference", "preferred_language"]
        self.order_fields(order)

    def _organisation_choices(self):
        from hub.membership import approved_organisations, domain_organisations

        user = getattr(self.instance, "user", None)
        mine = (domain_organisations(user) | approved_organisations(user)).distinct() if user else []
        mine_ids = {o.pk for o in mine}
        others = [o for o in Organisation.objects.all() if o.pk not in mine_ids]
        choices = [("", _("— Choisir votre organisation —"))]
        if mine_ids:
            choices.append((_("Organisations de votre domaine"), [(o.pk, o.display_name) for o in mine]))
        if others:
            label = (
                _("Autres organisations (approbation requise)")
                if mine_ids
                else _("Organisations (approbation requise)")
            )
            choices.append((label, [(o.pk, o.display_name) for o in others]))
        return choices

    def clean_organisation(self):
        pk = self.cleaned_data.get("organisation")
        if pk is None:
            return None
        organisation = Organisation.objects.filter(pk=pk).first()
        if organisation is None:
            raise forms.ValidationError(_("Cette organisation n'existe pas."))
        return organisation

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Indiquez le nom à afficher."))
        return name


class DeleteAccountForm(forms.Form):
    """Deleting an account is confirmed with the password, or by typing the address for sign-on accounts."""

    password = forms.CharField(
        label=_("Mot de passe actuel"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    email = forms.CharField(label=_("Votre adresse courriel"), required=False)

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if user.has_usable_password():
            del self.fields["email"]
            self.fields["password"].required = True
        else:
            del self.fields["password"]
            self.fields["email"].required = True
            self.fields["email"].help_text = _("Tapez votre adresse courriel pour confirmer la suppression.")

    def clean_password(self):
        password = self.cleaned_data.get("password", "")
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Le mot de passe est incorrect."))
        return password

    def clean_email(self):
        email = self.cleaned_data.get("email", "").strip().lower()
        if email != (self.user.email or "").lower():
            raise forms.ValidationError(_("L'adresse ne correspond pas à celle de votre compte."))
        return email
