"""One page-creation form, remembered so that all of its saves land on the same page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PageCreation(models.Model):
    """The page a creation form (identified by the token it carries) has created, if any yet.

    Wagtail 8's autosave creates the page in the background and only then points the form at the
    edit view: a Ctrl+S, a late autosave or a second click in the meantime still posts to the
    creation address. `hub.page_creation` uses this row, locked, to send them to the same page.
    """

    token = models.UUIDField(_("jeton du formulaire"), unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", null=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    # The form was submitted (Ctrl+S, « Enregistrer », « Soumettre ») and the browser left it: an
    # autosave arriving later was sent before, with older content, and must not be saved.
    submitted = models.BooleanField(_("formulaire envoyé"), default=False)

    class Meta:
        verbose_name = _("création de page")
        verbose_name_plural = _("créations de pages")

    def __str__(self):
        return str(self.token)
