"""The idea board: ideas, their votes, comments, followers, status history, reports and notifications.

Counters on `Idea` are caches of row counts; only `ideas.services` moves them, with `F()` expressions
inside a transaction that holds the idea's row lock.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from hub.mail import EmailDelivery
from hub.tags import FoldedTagManager


class Theme(TagBase):
    """A theme of the idea board (gouvernance, infonuagique, IA...)."""

    class Meta:
        ordering = ["name"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")


class TaggedIdea(TaggedItemBase):
    content_object = models.ForeignKey("Idea", on_delete=models.CASCADE, related_name="tagged_themes")
    tag = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="tagged_ideas")


class IdeaQuerySet(models.QuerySet):
    def visible(self):
        """What the public board shows: everything not hidden by moderation or reports."""
        return self.filter(is_hidden=False)


class Idea(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "soumise", _("Soumise")
        UNDER_REVIEW = "en_analyse", _("En analyse")
        ACCEPTED = "retenue", _("Retenue")
        IN_PROGRESS = "en_realisation", _("En réalisation")
        DONE = "realisee", _("Réalisée")
        REJECTED = "non_retenue", _("Non retenue")
        MERGED = "fusionnee", _("Fusionnée")

    CLOSED_STATUSES = (Status.DONE, Status.REJECTED, Status.MERGED)

    class Language(models.TextChoices):
        FR = "fr", _("Français")
        EN = "en", _("Anglais")

    title = models.CharField(_("titre"), max_length=160)
    slug = models.SlugField(_("identifiant"), max_length=80, allow_unicode=False, blank=True)
    problem = models.TextField(_("problème"), help_text=_("Ce qui fait mal aujourd'hui."))
    solution = models.TextField(_("solution proposée"))
    benefits = models.TextField(_("bénéfices attendus"))
    organisation = models.ForeignKey(
        "hub.Organisation", on_delete=models.PROTECT, related_name="ideas", verbose_name=_("organisation")
    )
    themes = TaggableManager(through=TaggedIdea, manager=FoldedTagManager, blank=True, verbose_name=_("thèmes"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("auteur"),
    )
    imported_author_email = models.EmailField(
        _("adresse de l'auteur importé"),
        blank=True,
        editable=False,
        help_text="An imported idea's author who has no account yet: attached when they sign up with it.",
    )
    locale = models.CharField(_("langue"), max_length=2, choices=Language.choices, default=Language.FR)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_ideas",
        verbose_name=_("fusionnée dans"),
    )
    vote_count = models.PositiveIntegerField(_("votes"), default=0)
    comment_count = models.PositiveIntegerField(_("commentaires"), default=0)
    follower_count = models.PositiveIntegerField(_("abonnés"), default=0)
    endorsement_count = models.PositiveIntegerField(_("appuis d'organisations"), default=0)
    hot_score = models.FloatField(_("score de tendance"), default=0, db_index=True)  # see ideas.trending
    is_hidden = models.BooleanField(_("masquée"), default=False)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("idée")
        verbose_name_plural = _("idées")
        permissions = [("moderate_idea", "Modérer les idées")]
        indexes = [models.Index(fields=["status", "-created_at"]), models.Index(fields=["-vote_count"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:80] or "idee"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("ideas:detail", kwargs={"pk": self.pk, "slug": self.slug or "idee"})

    @property
    def is_closed(self):
        return self.status in self.CLOSED_STATUSES


class Vote(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_votes")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("nom du modèle", "vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="ideas_one_vote_per_member")]

    def __str__(self):
        return f"{self.user_id} → {self.idea_id}"


class RateWindow(models.Model):
    """How often a member did one limited action (vote, idea, comment) in the current window.

    `ideas.rate_limits` counts in one statement that locks this row, so a member's simultaneous
    requests are counted one after the other. Deleted with the member's account."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=20)
    started = models.FloatField()  # when the window opened, in seconds since the Unix epoch
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("fenêtre de limite d'actions")
        verbose_name_plural = _("fenêtres de limite d'actions")
        constraints = [models.UniqueConstraint(fields=["user", "action"], name="ideas_one_rate_window")]

    def __str__(self):
        return f"{self.user_id} {self.action}: {self.hits}"


class Endorsement(models.Model):
    """« Mon organisation appuie cette idée »: one per organisation, given by a verified member."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="endorsements")
    organisation = models.ForeignKey(
        "hub.Organisation", on_delete=models.CASCADE, related_name="idea_endorsements", verbose_name=_("organisation")
    )
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="idea_endorsements"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("appui")
        verbose_name_plural = _("appuis")
        constraints = [
            models.UniqueConstraint(fields=["idea", "organisation"], name="ideas_one_endorsement_per_organisation")
        ]

    def __str__(self):
        return f"{self.organisation_id} appuie {self.idea_id}"


class Follow(models.Model):
    """A member receives notifications about an idea. `email` is off once unsubscribed by email link."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_follows")
    email = models.BooleanField(_("par courriel"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnements")
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="ideas_one_follow_per_member")]

    def __str__(self):
        return f"{self.user_id} suit {self.idea_id}"


class CommentQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)


class Comment(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies", verbose_name=_("en réponse à")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="idea_comments"
    )
    body = models.TextField(_("commentaire"), max_length=5000)
    is_removed = models.BooleanField(_("retiré par son auteur"), default=False)
    is_hidden = models.BooleanField(_("masqué"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")

    def __str__(self):
        return self.body[:60]


class StatusChange(models.Model):
    """One step of an idea's timeline: who moved it, when, from what to what, and why."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Idea.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Idea.Status.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("changement de statut")
        verbose_name_plural = _("changements de statut")

    def __str__(self):
        return f"{self.idea_id}: {self.from_status} → {self.to_status}"


class OfficialResponse(models.Model):
    """The CQEN's answer to an idea, usually given with a status change."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="official_responses")
    status_change = models.OneToOneField(
        StatusChange, on_delete=models.SET_NULL, null=True, blank=True, related_name="official_response"
    )
    text = models.TextField(_("réponse officielle"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("réponse officielle")
        verbose_name_plural = _("réponses officielles")

    def __str__(self):
        return self.text[:60]


class IdeaMerge(models.Model):
    """Record of a duplicate folded into another idea."""

    source = models.OneToOneField(Idea, on_delete=models.CASCADE, related_name="merge_record")
    target = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="absorbed")
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    votes_moved = models.PositiveIntegerField(default=0)
    followers_moved = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("fusion")
        verbose_name_plural = _("fusions")

    def __str__(self):
        return f"{self.source_id} → {self.target_id}"


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Pourriel")
        OFFENSIVE = "offensant", _("Propos offensants")
        OFF_TOPIC = "hors_sujet", _("Hors sujet")
        OTHER = "autre", _("Autre")

    class Resolution(models.TextChoices):
        PENDING = "", _("En attente")
        RESTORED = "restaure", _("Rétabli")
        KEPT_HIDDEN = "masque", _("Maintenu masqué")

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_reports")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, null=True, blank=True, related_name="reports")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="reports")
    reason = models.CharField(_("motif"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("précisions"), blank=True, max_length=1000)
    resolution = models.CharField(max_length=20, choices=Resolution.choices, blank=True, default="")
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "idea"], condition=models.Q(comment__isnull=True), name="ideas_one_report_per_idea"
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=models.Q(comment__isnull=False),
                name="ideas_one_report_per_comment",
            ),
            models.CheckConstraint(
                condition=models.Q(idea__isnull=False) | models.Q(comment__isnull=False), name="ideas_report_has_target"
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.idea_id}/{self.comment_id})"


class Notification(EmailDelivery):
    class Kind(models.TextChoices):
        STATUS = "statut", _("Changement de statut")
        RESPONSE = "reponse", _("Réponse officielle")
        COMMENT = "commentaire", _("Nouveau commentaire")
        MERGED = "fusion", _("Fusion")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_notifications")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    comment = models.ForeignKey(
        Comment, on_delete=models.SET_NULL, null=True, blank=True, related_name="notifications", editable=False
    )
    status_change = models.ForeignKey(
        StatusChange, on_delete=models.SET_NULL, null=True, blank=True, related_name="notifications"
    )  # who moved the idea, from what to what: named in the notification and its email
    detail = models.TextField(blank=True, help_text="A public answer or a merge target; never a copy of a comment.")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_pending = models.BooleanField(default=False, help_text="Waiting for the immediate email or the digest.")
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient_id}"

    @property
    def comment_withdrawn(self):
        """The comment this notification is about was hidden by moderation or withdrawn by its author."""
        return self.comment_id is not None and (self.comment.is_hidden or self.comment.is_removed)

    @property
    def text(self):
        """What the notification quotes: the comment as it is now (nothing once withdrawn), or the detail."""
        if self.comment_id is not None:
            return "" if self.comment_withdrawn else self.comment.body
        return self.detail


class IdeaLink(models.Model):
    """A component or guide that answers or realises an idea, named by the page's `translation_key`:
    the link holds for every language of the page (« Réalisée par », « Réponse existante »)."""

    class Relation(models.TextChoices):
        REALISED_BY = "realisee_par", _("Réalisée par")
        EXISTING_ANSWER = "reponse_existante", _("Réponse existante")

    class PageKind(models.TextChoices):
        COMPONENT = "component", _("Composante")
        GUIDE = "guide", _("Guide")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="page_links", verbose_name=_("idée"))
    page_translation_key = models.UUIDField(_("page liée (toutes langues)"), db_index=True)
    page_kind = models.CharField(_("type de page"), max_length=20, choices=PageKind.choices)
    relation = models.CharField(_("lien"), max_length=20, choices=Relation.choices)
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["relation", "created_at", "pk"]
        verbose_name = _("lien vers une composante ou un guide")
        verbose_name_plural = _("liens vers des composantes ou des guides")
        constraints = [models.UniqueConstraint(fields=["idea", "page_translation_key"], name="ideas_one_link_per_page")]

    def __str__(self):
        return f"{self.idea_id} {self.relation} {self.page_translation_key}"
