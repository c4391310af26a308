"""Admin forms of the search package: the editors' recommended results."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from search.recommended import validate


class RecommendedResultForm(WagtailAdminModelForm):
    """A page or an idea, exactly one, and one that search can show (see `search.recommended.validate`)."""

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        candidate = self.instance
        for name in ("query", "page", "idea_number"):
            setattr(candidate, name, cleaned.get(name))
        try:
            validate(candidate)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    self.add_error(field, message)
        return cleaned
