"""Query classes: every request body sent to the engine is built here, with the elasticsearch DSL.

Views and services never build DSL; they describe what they want with `SearchParams`.
"""

from dataclasses import dataclass, field
from functools import cache

from elasticsearch.dsl import A, Q, Search

from search.text import TWO_TYPOS_MIN_LENGTH, TYPO_MIN_LENGTH, query_terms

FACETS = ("kind", "organisation", "tag", "status", "maturity", "locale")
# The API's facet names -> the document's keyword fields.
FACET_FIELDS = {
    "kind": "kind",
    "organisation": "organisation",
    "tag": "tags",
    "status": "status",
    "maturity": "maturity",
    "locale": "locale",
}
HIGHLIGHT_PRE = "\ue000"  # private-use characters: never in content, escaped around, then <mark>
HIGHLIGHT_POST = "\ue001"
# The tag filter reads the folded keyword: « signature electronique » selects « Signature électronique ».
FILTER_FIELDS = {**FACET_FIELDS, "tag": "tags.folded"}
FACET_SIZE = 30
RESCORE_WINDOW = 100  # hits per shard that the exact-phrase bonus reorders


@dataclass
class SearchParams:
    q: str = ""
    filters: dict = field(default_factory=dict)  # facet name -> value
    page: int = 1
    page_size: int = 10
    language: str = "fr"  # the interface language: its documents come first
    keep_original: bool = False  # the reader asked for what they typed, not its correction
    # Recommended results (`search.recommended`) shown ahead of the engine's: their document ids,
    # which the engine leaves out of its own list.
    pinned: tuple = ()

    @property
    def offset(self):
        """Where the reader's page starts in the whole list (recommended results included)."""
        return (self.page - 1) * self.page_size

    @property
    def engine_offset(self):
        """Where the page starts in the engine's own list: the recommended results come first."""
        return max(0, self.offset - len(self.pinned))

    @property
    def engine_limit(self):
        """How many of the engine's results this page shows (fewer on the page the recommended fill)."""
        return max(0, self.offset + self.page_size - len(self.pinned)) - self.engine_offset


def _text_fields(boosts):
    """Both analyses of each field: French on the field, English on `.en`."""
    fields = []
    for name, boost in boosts:
        fields += [f"{name}^{boost}", f"{name}.en^{boost}"]
    return fields


# The typo rule (`search.text`): no edit under 5 letters, one from 5, two from 9, none on the first
# letter (prefix_length), read on the folded, unstemmed `.folded` subfields.
TYPO_FUZZINESS = f"AUTO:{TYPO_MIN_LENGTH},{TWO_TYPOS_MIN_LENGTH}"
TYPO_FIELDS = ("title.folded^4", "summary.folded^2", "body.folded")
TYPO_MAX_EXPANSIONS = 20
EXACT_BOOST = 2
TYPO_BOOST = 0.2

TEXT_BOOSTS = [("title", 4), ("summary", 2), ("tags.text", 2), ("organisation_name", 1), ("body", 1)]


class HubSearchQuery:
    """The unified search: relevance, filters as post_filter, facets, highlights, suggestion."""

    def __init__(self, params):
        self.params = params

    def text_query(self):
        q = self.params.q.strip()
        if not q:
            return Q("match_all")
        fields = _text_fields(TEXT_BOOSTS)
        should = [
            # every word, with synonyms (search analyzer): the exact matches, weighted well above
            Q("multi_match", query=q, fields=fields, type="cross_fields", operator="and", boost=EXACT_BOOST),
        ]
        typo = self.typo_query()
        if typo is not None:
            should.append(typo)
        return Q("bool", should=should, minimum_should_match=1)

    def typo_query(self):
        """The typo rule: every word found in the title, summary or body, as written (folded, not
        stemmed), with one edit from 5 letters and two from 9, none on the first letter. Word by
        word, so that the words of a query may sit in different fields; low weight, so that an exact
        match always ranks above a corrected one."""
        terms = query_terms(self.params.q)
        if not terms or not any(len(term) >= TYPO_MIN_LENGTH for term in terms):
            return None  # nothing to forgive: the exact clause says it all
        return Q(
            "bool",
            must=[
                Q(
                    "multi_match",
                    query=term,
                    fields=list(TYPO_FIELDS),
                    fuzziness=TYPO_FUZZINESS,
                    prefix_length=1,
                    max_expansions=TYPO_MAX_EXPANSIONS,
                    analyzer="hub_typo",
                )
                for term in terms
            ],
            boost=TYPO_BOOST,
        )

    def phrase_rescore(self):
        """Exact phrase above scattered words, for the top of the list only: a phrase query reads
        positions, too costly to run over every match of a broad query. Same weight as the
        relevance query (x3, interface language x3 again), added to the first RESCORE_WINDOW hits."""
        phrase = Q(
            "multi_match",
            query=self.params.q.strip(),
            fields=_text_fields([("title", 4), ("summary", 2), ("body", 1)]),
            type="phrase",
        )
        language = Q(
            "function_score",
            query=phrase,
            functions=[{"filter": Q("term", locale=self.params.language), "weight": 3}],
            boost_mode="multiply",
        )
        return {
            "window_size": max(RESCORE_WINDOW, self.params.offset + self.params.page_size),
            "query": {"rescore_query": language.to_dict(), "query_weight": 1, "rescore_query_weight": 3},
        }

    def scored_query(self):
        """Gentle popularity boosts (added), then the interface language first (multiplied)."""
        popularity = Q(
            "function_score",
            query=self.text_query(),
            functions=[
                {
                    "filter": Q("term", kind="idea"),
                    "field_value_factor": {"field": "votes", "modifier": "log1p", "missing": 0},
                },
                {
                    "filter": Q("term", kind="component"),
                    "field_value_factor": {"field": "adoptions", "modifier": "log1p", "missing": 0},
                },
            ],
            score_mode="sum",
            boost_mode="sum",
        )
        return Q(
            "function_score",
            query=popularity,
            functions=[{"filter": Q("term", locale=self.params.language), "weight": 3}],
            boost_mode="multiply",
        )

    def filter_clauses(self, exclude=None):
        return [
            Q("term", **{FILTER_FIELDS[name]: value})
            for name, value in self.params.filters.items()
            if value and name != exclude
        ]

    def aggregations(self):
        """One terms aggregation per facet; each ignores its own filter so its counts stay useful."""
        if not any(self.params.filters.values()):
            return _plain_facets()
        aggs = {}
        for name in FACETS:
            others = self.filter_clauses(exclude=name)
            terms = _facet_terms(name)
            if others:
                agg = A("filter", Q("bool", filter=others))
                agg.bucket("values", terms)
            else:
                agg = terms
            aggs[f"facet_{name}"] = agg.to_dict()
        return aggs

    def search(self):
        params = self.params
        s = Search().query(self.scored_query())
        clauses = self.filter_clauses()
        if params.pinned:  # shown ahead by the service: out of the hits, still counted in the facets
            clauses.append(~Q("terms", doc_id=list(params.pinned)))
        if clauses:
            s = s.post_filter(Q("bool", filter=clauses))
        if params.q.strip():
            s = s.extra(rescore=self.phrase_rescore())
        else:
            s = s.sort({"published_at": {"order": "desc", "missing": "_last"}}, "_score")
        s = s.extra(track_total_hits=True)
        return s[params.engine_offset : params.engine_offset + params.engine_limit]

    def to_dict(self):
        """The request body. The parts that never change (facets without filters, highlight
        settings, returned fields) are built once with the DSL and shared: they are only read."""
        body = self.search().to_dict()
        body["aggs"] = self.aggregations()
        body["_source"] = list(SOURCE_FIELDS)
        if self.params.q.strip():
            # Highlight what the words and synonyms matched, not every fuzzy expansion (much cheaper).
            highlight_query = Q("multi_match", query=self.params.q.strip(), fields=list(HIGHLIGHTED_FIELDS))
            body["highlight"] = {**_highlight_settings(), "highlight_query": highlight_query.to_dict()}
        return body


SOURCE_FIELDS = (
    "doc_id",
    "kind",
    "slug",
    "locale",
    "title",
    "summary",
    "url",
    "status",
    "maturity",
    "votes",
    "adoptions",
    "organisation",
)
HIGHLIGHTED_FIELDS = ("title", "title.en", "summary", "summary.en", "body", "body.en")


def _facet_terms(name):
    """A facet's values: a document without one (an idea's maturity is "") is not a value."""
    return A("terms", field=FACET_FIELDS[name], size=FACET_SIZE, exclude=[""])


@cache
def _plain_facets():
    """The facet aggregations of a search without filters (read-only, shared)."""
    return {f"facet_{name}": _facet_terms(name).to_dict() for name in FACETS}


@cache
def _highlight_settings():
    """Titles whole, the two best-scoring passages of summaries and bodies (cut at sentence and block
    ends), marks as private-use characters (read-only)."""
    s = Search().highlight_options(
        pre_tags=[HIGHLIGHT_PRE],
        post_tags=[HIGHLIGHT_POST],
        encoder="default",
        require_field_match=True,
        order="score",
    )
    s = s.highlight("title", "title.en", number_of_fragments=0)
    s = s.highlight("summary", "summary.en", "body", "body.en", fragment_size=160, number_of_fragments=2)
    return s.to_dict()["highlight"]


class DidYouMeanQuery:
    """A corrected query, asked only when a search finds nothing (phrase suggester on the
    unstemmed vocabulary of titles, summaries and bodies)."""

    def __init__(self, q):
        self.q = q.strip()

    def to_dict(self):
        s = (
            Search()
            .extra(size=0)
            .suggest(
                "did_you_mean",
                self.q,
                phrase={
                    "field": "spell",
                    "size": 1,
                    "max_errors": 2,
                    "confidence": 1.0,
                    "direct_generator": [
                        {
                            "field": "spell",
                            "suggest_mode": "always",
                            "min_word_length": TYPO_MIN_LENGTH,
                            "prefix_length": 1,
                        }
                    ],
                },
            )
        )
        return s.to_dict()


class AutocompleteQuery:
    """Titles as you type (search_as_you_type field, folded, elisions dropped), interface language first."""

    def __init__(self, q, language="fr", size=8):
        self.q, self.language, self.size = q.strip(), language, size

    def to_dict(self):
        match = Q(
            "multi_match",
            query=self.q,
            type="bool_prefix",
            fields=["title.sayt", "title.sayt._2gram", "title.sayt._3gram"],
            operator="and",
        )
        # The interface language first whatever the scores, then the best completions.
        language_first = {
            "_script": {
                "type": "number",
                "order": "asc",
                "script": {
                    "source": "doc['locale'].size() > 0 && doc['locale'].value == params.language ? 0 : 1",
                    "params": {"language": self.language},
                },
            }
        }
        s = Search().query(match).sort(language_first, "_score").extra(track_scores=True)
        s = s.source(["doc_id", "kind", "slug", "title", "url", "locale"])
        return s[: self.size].to_dict()


class SimilarIdeasQuery:
    """Ideas close to a draft (the propose form warns about duplicates): more_like_this on the text.
    With `kinds` ("component", "guide"), the components and guides that may already answer it."""

    def __init__(self, text, locale="fr", limit=5, kinds=("idea",)):
        self.text, self.locale, self.limit, self.kinds = text.strip(), locale, limit, list(kinds)

    def to_dict(self):
        mlt = Q(
            "more_like_this",
            fields=["title", "summary", "body"],
            like=self.text,
            min_term_freq=1,
            min_doc_freq=1,
            max_query_terms=25,
            minimum_should_match="30%",
        )
        s = Search().query(Q("bool", must=[mlt], filter=[Q("terms", kind=self.kinds), Q("term", locale=self.locale)]))
        s = s.source(["title", "url", "status", "votes", "kind"])
        return s[: self.limit].to_dict()


class AllDocumentsQuery:
    """Every (doc_id, fingerprint) pair, page after page (for `search_index --check`)."""

    def __init__(self, size=1000, after=None):
        self.size, self.after = size, after

    def to_dict(self):
        s = Search().query(Q("match_all")).source(["doc_id", "fingerprint"]).sort("doc_id")
        s = s.extra(size=self.size)
        if self.after:
            s = s.extra(search_after=[self.after])
        return s.to_dict()
