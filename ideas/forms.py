from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from hub.models import Organisation
from hub.plain_text import MultiLineField, SingleLineField

from .models import Idea, IdeaLink, Report, Theme


class HoneypotMixin(forms.Form):
    """A field people never see nor fill; bots do. Any value rejects the submission."""

    website = forms.CharField(
        label=_("Ne pas remplir ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Envoi refusé."))
        return ""


class AccessibleErrorsMixin:
    """Mark invalid fields with aria-invalid and point aria-describedby at their help and error list."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self.add_prefix(name)}-help"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                described = f"{self.add_prefix(name)}-errors"
                if self.fields[name].help_text:
                    described += f" {self.add_prefix(name)}-help"
                attrs["aria-describedby"] = described


class IdeaForm(AccessibleErrorsMixin, HoneypotMixin, forms.Form):
    title = SingleLineField(label=_("Titre de l'idée"), max_length=160, min_length=8)
    problem = MultiLineField(
        label=_("Problème"),
        help_text=_("Ce qui fait mal aujourd'hui, et pour qui."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    solution = MultiLineField(label=_("Solution proposée"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    benefits = MultiLineField(label=_("Bénéfices attendus"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    themes = forms.ModelMultipleChoiceField(
        label=_("Thèmes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation qui propose"),
        queryset=Organisation.objects.all(),
        empty_label=_("Choisissez une organisation"),
        error_messages={"required": _("Choisissez l'organisation qui propose l'idée.")},
    )
    locale = forms.ChoiceField(label=_("Langue de l'idée"), choices=Idea.Language.choices, initial="fr")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs.update({"autocomplete": "off", "data-similar-ideas": ""})
        for name in ("title", "problem", "solution", "benefits"):
            self.fields[name].error_messages["required"] = _("Ce champ est obligatoire.")


class CommentForm(AccessibleErrorsMixin, HoneypotMixin, forms.Form):
    body = MultiLineField(
        label=_("Votre commentaire"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Texte simple ; les adresses Web deviennent des liens."),
        error_messages={"required": _("Le commentaire est vide.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReportForm(AccessibleErrorsMixin, HoneypotMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Motif"), choices=Report.Reason.choices, widget=forms.RadioSelect)
    note = MultiLineField(
        label=_("Précisions (facultatif)"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class StatusForm(AccessibleErrorsMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Nouveau statut"), choices=[c for c in Idea.Status.choices if c[0] != Idea.Status.MERGED]
    )
    note = MultiLineField(
        label=_("Note interne au journal"),
        help_text=_("Visible seulement par l'équipe de modération."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    response = MultiLineField(
        label=_("Réponse officielle du CQEN"),
        help_text=_("Publique : les abonnés la reçoivent. Obligatoire pour « Non retenue »."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    current = forms.CharField(required=False, widget=forms.HiddenInput)  # the status the moderator saw

    def clean_current(self):
        value = self.cleaned_data.get("current") or ""
        return value if value in Idea.Status.values else None

    def __init__(self, *args, idea=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.idea = idea

    def clean(self):
        data = super().clean()
        status = data.get("status")
        answered = bool((data.get("response") or "").strip())
        if status == Idea.Status.REJECTED and not answered:
            from .services import public_answer_required_message

            self.add_error("response", public_answer_required_message(status))
        if status == Idea.Status.DONE and not answered and self.idea is not None:
            from .links import has_realisation
            from .services import realisation_required_message

            if not has_realisation(self.idea):
                self.add_error("response", realisation_required_message())
        return data


class PageLinkForm(AccessibleErrorsMixin, forms.Form):
    """A moderator names a component or guide that realises the idea or already answers it."""

    page = forms.ModelChoiceField(
        label=_("Composante ou guide"),
        queryset=Page.objects.none(),
        empty_label=_("Choisissez une composante ou un guide"),
        error_messages={
            "required": _("Choisissez une composante ou un guide publié."),
            "invalid_choice": _("Choisissez une composante ou un guide publié."),
        },
    )
    relation = forms.ChoiceField(
        label=_("Lien"),
        choices=IdeaLink.Relation.choices,
        initial=IdeaLink.Relation.REALISED_BY,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez le lien : « Réalisée par » ou « Réponse existante »."),
            "invalid_choice": _("Choisissez le lien : « Réalisée par » ou « Réponse existante »."),
        },
    )

    def __init__(self, *args, **kwargs):
        from .links import linkable_pages

        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = linkable_pages()


class MergeSearchForm(forms.Form):
    """The merge picker's search: words of a title, or an idea's number."""

    q = forms.CharField(
        label=_("Chercher l'idée à conserver par son titre ou son numéro"), required=False, max_length=200
    )

    def clean_q(self):
        return " ".join((self.cleaned_data.get("q") or "").split())


class MergeForm(AccessibleErrorsMixin, forms.Form):
    target = forms.IntegerField(
        label=_("Idée à conserver"),
        min_value=1,
        error_messages={"required": _("Choisissez l'idée à conserver.")},
    )
    note = SingleLineField(label=_("Note interne au journal"), required=False, max_length=2000)
    response = MultiLineField(
        label=_("Réponse publique aux abonnés"),
        help_text=_("Obligatoire : expliquez pourquoi les idées sont réunies."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _(
                "Une fusion exige une réponse publique : expliquez aux abonnés pourquoi les idées sont réunies."
            )
        },
    )


SORTS = {
    "pertinence": (None, _("Pertinence")),  # the search engine's order; only with words to search
    "tendances": ("-hot_score", _("Tendances")),
    "votes": ("-vote_count", _("Plus votées")),
    "appuis": ("-endorsement_count", _("Plus appuyées par des organisations")),
    "recentes": ("-created_at", _("Plus récentes")),
    "commentees": ("-comment_count", _("Plus commentées")),
}


class IdeaFilterForm(forms.Form):
    """The board's one form: words to search, filters and the one sort control."""

    q = forms.CharField(label=_("Rechercher dans les idées"), required=False, max_length=200)
    tri = forms.ChoiceField(label=_("Trier par"), choices=[(k, v[1]) for k, v in SORTS.items()], required=False)
    statut = forms.ChoiceField(label=_("Statut"), choices=[("", _("Tous"))] + list(Idea.Status.choices), required=False)
    theme = forms.ModelChoiceField(
        label=_("Thème"), queryset=Theme.objects.all(), to_field_name="slug", required=False, empty_label=_("Tous")
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Toutes"),
    )
    appuyee_par = forms.ModelChoiceField(
        label=_("Appuyée par"),
        queryset=Organisation.objects.filter(idea_endorsements__isnull=False).distinct(),
        to_field_name="slug",
        required=False,
        empty_label=_("Toute organisation ou aucune"),
    )
    mes = forms.ChoiceField(
        label=_("Afficher"),
        choices=[
            ("", _("Toutes les idées")),
            ("idees", _("Mes idées")),
            ("votes", _("Mes votes")),
            ("suivies", _("Suivies")),
        ],
        required=False,
    )
