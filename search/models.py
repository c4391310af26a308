"""Search data kept in the database: editable synonyms, the outbox of index writes, and the
document table the database engine searches (the same shape as the engine's index)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from search.text import fold_query


class Synonym(index.Indexed, models.Model):
    """A group of equivalent terms (acronyms, jargon), applied at search time in both engines."""

    class Language(models.TextChoices):
        FRENCH = "fr", _("Français")
        ENGLISH = "en", _("Anglais")
        ALL = "all", _("Toutes les langues")

    term = models.CharField(
        _("terme"), max_length=100, unique=True, help_text=_("Le terme principal, par exemple un sigle : MCN.")
    )
    equivalents = models.TextField(
        _("équivalents"),
        help_text=_("Termes équivalents, séparés par des virgules : ministère de la cybersécurité et du numérique."),
    )
    language = models.CharField(_("langue"), max_length=3, choices=Language.choices, default=Language.ALL)

    panels = [FieldPanel("term"), FieldPanel("equivalents"), FieldPanel("language")]
    search_fields = [index.SearchField("term"), index.SearchField("equivalents"), index.AutocompleteField("term")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("synonyme")
        verbose_name_plural = _("synonymes")

    def __str__(self):
        return self.term

    def terms(self):
        """The term and its equivalents, cleaned, lower-cased, without duplicates."""
        seen = []
        for raw in [self.term, *self.equivalents.split(",")]:
            cleaned = " ".join(raw.replace("=>", " ").split()).lower()
            if cleaned and cleaned not in seen:
                seen.append(cleaned)
        return seen

    def as_rule(self):
        """The Solr-format rule the synonym filter understands: `mcn, ministère de la ...`."""
        terms = self.terms()
        return ", ".join(terms) if len(terms) > 1 else ""


class PendingIndexOperation(models.Model):
    """The outbox: an object whose index entry must be brought up to date.

    Written by `search.announce()` in the same transaction as the change that caused it, deleted
    once both engines have applied it. The id orders the announcements of one object (the newest
    row decides: refresh or remove). While the engine is down the row stays, with a growing
    `next_attempt_at`.
    """

    kind = models.CharField(max_length=30)
    object_id = models.CharField(max_length=64)
    remove = models.BooleanField(default=False, help_text="Remove from the index whatever the object's state.")
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "object_id"]), models.Index(fields=["next_attempt_at"])]
        verbose_name = _("opération d'indexation en attente")
        verbose_name_plural = _("opérations d'indexation en attente")

    def __str__(self):
        return f"{self.kind}:{self.object_id} ({self.attempts})"


class DocumentSequence(models.Model):
    """The order of one document's index writes; the row stays after the document leaves the index.

    `issued` is the last sequence handed out: a worker takes the next one under this row's lock,
    then reads the content, so a higher sequence always carries a state at least as new. Both
    engines refuse a write older than what they hold (the search engine through external
    versioning; the database engine through `applied`, the sequence its table holds, a removal
    included), which makes applying the outbox idempotent and safe in any order.
    """

    doc_id = models.CharField(max_length=100, unique=True)
    issued = models.BigIntegerField(default=0)
    applied = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.doc_id} ({self.applied}/{self.issued})"


class SearchDocument(models.Model):
    """One searchable thing, as indexed: the database engine's table (FTS5 / tsvector on top)."""

    doc_id = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=30)
    object_id = models.CharField(max_length=64)
    slug = models.CharField(max_length=255, blank=True)
    locale = models.CharField(max_length=10)
    title = models.TextField()
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    organisation = models.CharField(max_length=100, blank=True)
    organisation_name = models.CharField(max_length=255, blank=True)
    tags = models.JSONField(default=list, blank=True)
    tags_text = models.TextField(blank=True)
    status = models.CharField(max_length=40, blank=True)
    maturity = models.CharField(max_length=40, blank=True)
    votes = models.IntegerField(default=0)
    adoptions = models.IntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    url = models.CharField(max_length=500)
    fingerprint = models.CharField(max_length=64)
    # Folded (lower-case, accent-free) title for autocomplete prefixes on the database engine.
    title_folded = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "locale"]),
            models.Index(fields=["organisation"]),
            models.Index(fields=["status"]),
            models.Index(fields=["maturity"]),
        ]

    def __str__(self):
        return self.doc_id


class SearchDocumentTag(models.Model):
    """A tag of a search document, in its own table so that tag facets are one GROUP BY."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="tag_rows")
    tag = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["tag"])]

    def __str__(self):
        return self.tag


class DailySearchCount(models.Model):
    """Search insight: how often a query was searched on one day, and how often it found nothing.

    One row per (day, folded query, locale, engine); never a user, an address or a session.
    Written by `search.insight.record_search` with `F()` increments; purged after
    `search.insight.RETENTION_MONTHS` months by the `purge_search_insight` task.
    """

    day = models.DateField(_("jour"))
    query = models.CharField(_("recherche"), max_length=200)
    locale = models.CharField(_("langue"), max_length=10)
    engine = models.CharField(_("moteur"), max_length=20)
    searches = models.PositiveIntegerField(_("recherches"), default=0)
    zero_results = models.PositiveIntegerField(_("recherches sans résultat"), default=0)
    results_total = models.PositiveBigIntegerField(
        _("résultats cumulés"), default=0, help_text=_("Somme des nombres de résultats, pour la moyenne.")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "query", "locale", "engine"], name="hubsearch_one_count_per_day")
        ]
        indexes = [models.Index(fields=["day"])]
        verbose_name = _("compte de recherches")
        verbose_name_plural = _("comptes de recherches")

    def __str__(self):
        return f"{self.day} {self.query} ({self.searches})"


class RecommendedResult(models.Model):
    """An editor's pinned result (« Résultat recommandé »): a page or an idea shown first for a query.

    Exactly one of `page` and `idea_number` is set. `query` is matched folded (case and accents
    ignored, spaces collapsed), on the whole query. Privacy is checked at search time through the
    search kinds (`search.documents`): an unpublished or private page, a hidden idea never shows.
    Ideas are held by number, not by foreign key: search does not depend on the idea board's app.
    """

    query = models.CharField(
        _("recherche"),
        max_length=200,
        help_text=_("Les mots tels qu'un lecteur les tape ; majuscules et accents sont ignorés."),
    )
    query_folded = models.CharField(max_length=200, editable=False, db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Un guide ou une composante. Laissez vide pour recommander une idée."),
    )
    idea_number = models.PositiveIntegerField(
        _("numéro de l'idée"),
        null=True,
        blank=True,
        help_text=_("Le numéro de l'idée (dans son adresse : /idees/42/). Laissez vide pour recommander une page."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("ordre"), default=0, help_text=_("Les recommandations d'une même recherche s'affichent dans cet ordre.")
    )

    class Meta:
        ordering = ["query_folded", "sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(page__isnull=False, idea_number__isnull=True))
                | (models.Q(page__isnull=True, idea_number__isnull=False)),
                name="hubsearch_recommended_page_or_idea",
            )
        ]
        verbose_name = _("résultat recommandé")
        verbose_name_plural = _("résultats recommandés")

    def __str__(self):
        return self.query

    def save(self, *args, **kwargs):
        self.query = " ".join(self.query.split())
        self.query_folded = fold_query(self.query)
        super().save(*args, **kwargs)


class IndexedWord(models.Model):
    """A word of the database engine's documents and how many documents hold it: the vocabulary the
    typo correction looks candidates up in (PostgreSQL; SQLite reads its FTS table's own `fts5vocab`).

    The words are the lexemes of the documents' tsvectors (folded, unstemmed), from 4 letters: a
    shorter word is never a correction under the typo rule. Moved by the database engine in the same
    transaction as the documents (`DatabaseBackend.write`), rebuilt by `search_index --rebuild`;
    migration 0006 adds its trigram index (`pg_trgm`)."""

    word = models.TextField(primary_key=True)
    documents = models.IntegerField()

    def __str__(self):
        return f"{self.word} ({self.documents})"
