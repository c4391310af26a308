"""Public forms of guides and components: feedback, problem reports, adoption declarations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.plain_text import MultiLineField, SingleLineField


class HoneypotMixin(forms.Form):
    """A field humans never see (hidden with CSS, skipped by assistive technologies); bots fill it."""

    website = forms.CharField(
        label=_("Ne pas remplir ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self):
        return bool(self.data.get("website"))


class UsefulnessForm(HoneypotMixin):
    """The "Cette page vous a-t-elle été utile ?" question, with a reason when the answer is no."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_utile_%s")  # two feedback forms share the page: distinct ids
        super().__init__(*args, **kwargs)

    useful = forms.ChoiceField(
        label=_("Cette page vous a-t-elle été utile ?"),
        choices=[("oui", _("Oui")), ("non", _("Non"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez « Oui » ou « Non ».")},
    )
    reason = MultiLineField(
        label=_("Pourquoi n'était-elle pas utile ?"),
        help_text=_("Obligatoire si vous répondez « Non ». N'indiquez aucun renseignement personnel."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("useful") == "non" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Dites-nous pourquoi la page n'était pas utile."))
        return cleaned


class ProblemReportForm(HoneypotMixin):
    """The "Signaler un problème" report: an error, a broken link, an outdated passage."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_probleme_%s")
        super().__init__(*args, **kwargs)

    description = MultiLineField(
        label=_("Décrivez le problème"),
        help_text=_("Erreur, lien brisé, information périmée... N'indiquez aucun renseignement personnel."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Décrivez le problème constaté.")},
    )


class UsageDeclarationForm(forms.Form):
    """The "Mon organisation utilise cette composante" declaration form."""

    use_case = SingleLineField(
        label=_("Comment votre organisation l'utilise-t-elle ?"),
        help_text=_("En une phrase, par exemple : « Authentification des citoyens sur notre portail »."),
        max_length=300,
        error_messages={"required": _("Décrivez brièvement votre cas d'utilisation.")},
    )


class PubliccodeUploadForm(forms.Form):
    """Upload of a publiccode.yml file in the admin."""

    file = forms.FileField(label=_("Fichier publiccode.yml"))


class ReferentMessageForm(HoneypotMixin):
    """A message to a component's referent, relayed by email without showing their address."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_referent_%s")
        super().__init__(*args, **kwargs)

    message = MultiLineField(
        label=_("Votre message au référent"),
        help_text=_(
            "Le Hub transmet votre message par courriel. Votre adresse lui est communiquée pour qu'il puisse vous "
            "répondre ; la sienne reste confidentielle."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Écrivez votre message.")},
    )


class ComponentProposalForm(HoneypotMixin):
    """A member's proposal of a component: the essentials, editors complete the rest during review."""

    title = SingleLineField(
        label=_("Nom de la composante"),
        max_length=255,
        error_messages={"required": _("Donnez le nom de la composante.")},
    )
    summary = MultiLineField(
        label=_("Résumé"),
        help_text=_("Une ou deux phrases : ce que la composante fait, pour qui."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Décrivez la composante en une ou deux phrases.")},
    )
    component_type = forms.ChoiceField(label=_("Type"), choices=())
    licence = forms.ChoiceField(label=_("Licence"), choices=())
    repository_url = forms.URLField(
        label=_("Dépôt de code source"), required=False, assume_scheme="https", max_length=200
    )
    documentation_url = forms.URLField(label=_("Documentation"), required=False, assume_scheme="https", max_length=200)

    def __init__(self, *args, **kwargs):
        from hub.licences import licence_choices
        from hub.models import ComponentType

        kwargs.setdefault("auto_id", "id_proposition_%s")
        super().__init__(*args, **kwargs)
        self.fields["component_type"].choices = ComponentType.choices
        self.fields["licence"].choices = [("", _("Choisissez une licence")), *licence_choices()]
        self.fields["licence"].error_messages["required"] = _("Choisissez la licence de la composante.")

    def component_fields(self):
        data = self.cleaned_data
        return {
            name: data[name]
            for name in ("title", "summary", "component_type", "licence", "repository_url", "documentation_url")
        }
