"""Accounts: the member's profile, invitations from other domains, and the anonymous deletion log."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.mail import EmailDelivery


class Profile(models.Model):
    """What the hub knows about a member beyond the login: name shown, organisation, preferences."""

    class NotificationPreference(models.TextChoices):
        IMMEDIATE = "immediate", _("Immédiate")
        DIGEST = "digest", _("Résumé quotidien")
        NONE = "none", _("Aucune")

    class Language(models.TextChoices):
        FRENCH = "fr", _("Français")
        ENGLISH = "en", _("English")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("utilisateur")
    )
    display_name = models.CharField(_("nom affiché"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        "hub.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        verbose_name=_("organisation"),
    )
    role_title = models.CharField(_("fonction"), max_length=150, blank=True)
    notification_preference = models.CharField(
        _("notifications par courriel"),
        max_length=20,
        choices=NotificationPreference.choices,
        default=NotificationPreference.IMMEDIATE,
    )
    preferred_language = models.CharField(
        _("langue préférée"), max_length=2, choices=Language.choices, default=Language.FRENCH
    )
    is_deleted = models.BooleanField(_("compte supprimé"), default=False, editable=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profils")

    def __str__(self):
        return self.display_name or self.user.get_username()


def _new_token():
    return secrets.token_urlsafe(32)


class Invitation(EmailDelivery):
    """Lets one person whose email is outside the allowed domains sign up anyway."""

    email = models.EmailField(_("adresse courriel"), unique=True)
    token = models.CharField(_("jeton"), max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invité par"),
        editable=False,
    )
    note = models.CharField(_("note interne"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True, editable=False)
    emailed_at = models.DateTimeField(_("envoyée le"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)


class DeletionLog(models.Model):
    """Proof that an account was erased, holding no personal data: a date and a random id."""

    anonymous_id = models.CharField(_("identifiant anonyme"), max_length=64, unique=True)
    deleted_at = models.DateTimeField(_("supprimé le"), default=timezone.now)

    class Meta:
        ordering = ["-deleted_at"]
        verbose_name = _("suppression de compte")
        verbose_name_plural = _("suppressions de comptes")

    def __str__(self):
        return f"{self.anonymous_id} ({self.deleted_at:%Y-%m-%d})"
