"""What a search document is, how it is mapped, and how each kind of content becomes one.

One shared index, behind one alias (`<SEARCH_INDEX_PREFIX>-hub`), holds every kind (guides,
components, ideas). Why one index and not one per kind: the hub's search is a single ranked
list across kinds with facets counting every kind at once; with one index, scores share the
same term statistics (a guide and an idea are comparable), one request answers the page, and a
rebuild is one new concrete index + one atomic alias swap. Kinds differ only by a few keyword
fields (status, maturity), which are simply empty where they do not apply.

Concrete indices are named `<alias>-<timestamp>`; the alias always points at exactly one.
"""

import copy
import hashlib
import json
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags
from elasticsearch.dsl import Date, Document, Integer, Keyword, SearchAsYouType, Text

from hub.tags import tag_key
from search.analyzers import analysis_settings, current_synonym_rules


def _localised_text(copy_to="spell"):
    """French analysis on the field itself, English analysis on `.en`."""
    return Text(
        analyzer="hub_fr",
        search_analyzer="hub_fr_search",
        copy_to=copy_to,
        fields={"en": Text(analyzer="hub_en", search_analyzer="hub_en_search"), "folded": Text(analyzer="hub_typo")},
    )


class HubDocument(Document):
    """The common document shape of every kind."""

    doc_id = Keyword()
    kind = Keyword()
    object_id = Keyword()
    slug = Keyword()
    locale = Keyword()
    title = Text(
        analyzer="hub_fr",
        search_analyzer="hub_fr_search",
        copy_to="spell",
        fields={
            "en": Text(analyzer="hub_en", search_analyzer="hub_en_search"),
            "sayt": SearchAsYouType(analyzer="hub_folded"),
            "raw": Keyword(),
            "folded": Text(analyzer="hub_typo"),
        },
    )
    summary = _localised_text()
    body = _localised_text()
    spell = Text(analyzer="hub_spell")
    organisation = Keyword()
    organisation_name = Text(analyzer="hub_fr", search_analyzer="hub_fr_search")
    tags = Keyword(
        fields={
            "text": Text(analyzer="hub_fr", search_analyzer="hub_fr_search"),
            "folded": Keyword(normalizer="hub_tag"),  # the tag filter: any case, any accents
        }
    )
    status = Keyword()
    maturity = Keyword()
    votes = Integer()
    adoptions = Integer()
    published_at = Date()
    url = Keyword(index=False)
    fingerprint = Keyword()


def alias_name():
    return f"{settings.SEARCH_INDEX_PREFIX}-hub"


def _settings_and_mappings(rules):
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "max_ngram_diff": 20,
            "analysis": analysis_settings(rules),
        },
        "mappings": copy.deepcopy(HubDocument._doc_type.mapping.to_dict()),
    }


def mapping_fingerprint():
    """A hash of the analysis and mappings this code defines, synonyms aside (editing them rebuilds
    at once): kept in the index's `_meta`, compared by `search_index --rebuild-if-needed`."""
    payload = json.dumps(_settings_and_mappings([]), sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def index_body(rules=None):
    """Settings and mappings of a new concrete index (synonyms read from the database by default)."""
    body = _settings_and_mappings(current_synonym_rules() if rules is None else rules)
    body["mappings"]["_meta"] = {"mapping_fingerprint": mapping_fingerprint()}
    return body


def fingerprint(document):
    """A stable hash of the document's content, used by `search_index --check` to find stale entries."""
    payload = {k: v for k, v in document.items() if k != "fingerprint"}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:32]


def html_to_text(value):
    """Plain text of a string, rich text or StreamField value (its blocks' searchable content).

    A StreamField's parts (a heading, a step's title, a paragraph) stay on lines of their own: a
    snippet is cut at their ends, never glued into « Utiliser la composante Lire la documentation »."""
    if value is None:
        return ""
    if hasattr(value, "stream_block"):
        parts = (_one_line(part) for part in value.stream_block.get_searchable_content(value))
        return "\n".join(part for part in parts if part)
    return _one_line(value)


def _one_line(value):
    return " ".join(strip_tags(str(value)).split())


@dataclass(frozen=True)
class IndexWrite:
    """A document's state for the engines' `write()`: `document` None removes it. `sequence`
    (see `DocumentSequence`) orders the writes of one document: an engine holding a newer one
    ignores this write."""

    doc_id: str
    sequence: int
    document: dict | None


def split_doc_id(doc_id):
    """(kind name, object id) of a document id such as `idea-42`."""
    kind_name, _sep, object_id = doc_id.partition("-")
    return kind_name, object_id


# --- kinds --------------------------------------------------------------------------------


@dataclass
class DocumentKind:
    """How one kind of content becomes search documents. Subclasses say which objects are
    searchable (`searchable()`) and how one becomes a document (`build()`)."""

    name: str
    model_label: str

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def is_available(self):
        try:
            self.model  # noqa: B018 - the model may not have landed yet
        except LookupError:
            return False
        return True

    def searchable(self):
        raise NotImplementedError

    def get(self, object_id):
        """The searchable object with this id, or None (deleted, draft, hidden...)."""
        return self.searchable().filter(pk=object_id).first()

    def build(self, obj):
        raise NotImplementedError

    def doc_id(self, object_id):
        return f"{self.name}-{object_id}"

    def handles(self, obj):
        return isinstance(obj, self.model)

    def document(self, obj):
        doc = self.build(obj)
        doc.update(doc_id=self.doc_id(obj.pk), kind=self.name, object_id=str(obj.pk))
        doc.setdefault("tags", [])
        for key in ("summary", "body", "organisation", "organisation_name", "status", "maturity", "slug"):
            doc[key] = doc.get(key) or ""
        for key in ("votes", "adoptions"):
            doc[key] = int(doc.get(key) or 0)
        doc["published_at"] = doc["published_at"].isoformat() if doc.get("published_at") else None
        doc["fingerprint"] = fingerprint(doc)
        return doc


def _organisation_fields(organisation):
    if organisation is None:
        return {"organisation": "", "organisation_name": ""}
    return {"organisation": organisation.slug, "organisation_name": organisation.name}


def _tag_names(manager):
    """The tags' names, one per spelling key (`hub.tags.tag_key`)."""
    names = {}
    for tag in sorted(manager.all(), key=lambda tag: tag.pk):
        names.setdefault(tag_key(tag.name), tag.name)
    return sorted(names.values())


_PAGE_TEXTS = []


def register_page_text(func):
    """Add words to every page document: `func(page)` returns text searched with the page's body
    (the idea board gives the words of the ideas a component or guide realises, in ideas/apps.py)."""
    if func not in _PAGE_TEXTS:
        _PAGE_TEXTS.append(func)


def _contributed_text(page):
    return " ".join(text for text in (func(page) for func in _PAGE_TEXTS) if text)


class PageKind(DocumentKind):
    """A Wagtail page type: only live pages are searchable (never drafts, wagtail#3239).

    Each page kind says which of its page's fields hold what (no guessing across apps).
    """

    summary_field = "summary"
    body_field = "body"
    organisation_field = None  # a ForeignKey to hub.Organisation
    tags_field = None  # a tag manager (themes, technologies)

    def searchable(self):
        return self.model.objects.live().public().select_related("locale").specific()

    def handles(self, obj):
        return isinstance(obj, self.model) or (
            hasattr(obj, "specific_class")
            and obj.specific_class is not None
            and issubclass(obj.specific_class, self.model)
        )

    def build(self, page):
        page = page.specific
        organisation = getattr(page, self.organisation_field) if self.organisation_field else None
        return {
            "slug": page.slug,
            "locale": page.locale.language_code,
            "title": page.title,
            "summary": html_to_text(getattr(page, self.summary_field)),
            "body": " ".join(filter(None, [html_to_text(getattr(page, self.body_field)), _contributed_text(page)])),
            **_organisation_fields(organisation),
            "tags": _tag_names(getattr(page, self.tags_field)) if self.tags_field else [],
            **self.extra_fields(page),
            "published_at": page.first_published_at or page.last_published_at,
            "url": page.get_url() or page.url_path,
        }

    def extra_fields(self, page):
        return {}


class GuideKind(PageKind):
    organisation_field = "owner_organisation"
    tags_field = "themes"


class ComponentKind(PageKind):
    organisation_field = "owner_organisation"
    tags_field = "technologies"

    def extra_fields(self, page):
        return {"maturity": page.maturity, "adoptions": page.adoption_count}


class IdeaKind(DocumentKind):
    """Ideas: searchable unless hidden by moderation (`Idea.objects.visible()`)."""

    def searchable(self):
        return self.model.objects.visible().select_related("organisation").prefetch_related("themes")

    def build(self, idea):
        with translation.override(idea.locale):  # the URL carries the idea's language prefix
            url = idea.get_absolute_url()
        body = "\n".join(text for text in (html_to_text(idea.solution), html_to_text(idea.benefits)) if text)
        return {
            "slug": idea.slug or str(idea.pk),
            "locale": idea.locale,
            "title": idea.title,
            "summary": html_to_text(idea.problem),
            "body": body,
            **_organisation_fields(idea.organisation),
            "tags": _tag_names(idea.themes),
            "status": idea.status,
            "votes": idea.vote_count,
            "published_at": idea.created_at,
            "url": url,
        }


KINDS = {
    "guide": GuideKind("guide", "hub.GuidePage"),
    "component": ComponentKind("component", "hub.ComponentPage"),
    "idea": IdeaKind("idea", "ideas.Idea"),
}


def register_kind(kind):
    """Add a kind (tests register a stand-in page kind); returns it."""
    KINDS[kind.name] = kind
    return kind


def unregister_kind(name):
    KINDS.pop(name, None)


def available_kinds():
    return [kind for kind in KINDS.values() if kind.is_available()]


def kind_for_object(obj):
    for kind in available_kinds():
        if kind.handles(obj):
            return kind
    return None


def kind_named(name):
    kind = KINDS.get(name)
    return kind if kind is not None and kind.is_available() else None
