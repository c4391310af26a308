"""What the bootstrap created once, by a stable key (see hub/bootstrap.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SetupRecord(models.Model):
    """One thing the bootstrap created (or found already there) under a stable key.

    Kept so that running `migrate` again never recreates what an editor deleted, nor reverts
    what an editor renamed: once a key is recorded, the bootstrap leaves that thing alone.
    """

    key = models.CharField(_("clé"), max_length=200, unique=True)
    object_id = models.CharField(_("identifiant de l'objet"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("élément d'amorçage")
        verbose_name_plural = _("éléments d'amorçage")

    def __str__(self):
        return self.key
