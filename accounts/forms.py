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
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("— Choisir votre organisation —"),
        help_text=_(
            "Votre organisation est nécessaire pour proposer une idée ou déclarer l'utilisation d'une composante."
        ),
    )

    class Meta:
        model = Profile
        fields = ["display_name", "organisation", "role_title", "notification_preference", "preferred_language"]
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
