"""The search-engine engine: runs the DSL bodies of `search/queries.py` through the transport
seam (Elasticsearch or OpenSearch) and shapes the answers like the API contract."""

from django.conf import settings
from django.utils.html import escape

from search.answers import FacetValue, Hit, SearchAnswer, SimilarIdea, Suggestion, merge_spellings
from search.documents import alias_name
from search.engines.correction import answer_with_correction
from search.engines.highlight import marks_to_html, strip_marks
from search.queries import (
    FACETS,
    AllDocumentsQuery,
    AutocompleteQuery,
    DidYouMeanQuery,
    HubSearchQuery,
    SimilarIdeasQuery,
)

ENGINE_NAME = "elasticsearch"  # the API reports the same name for the OpenSearch transport


def facet_buckets(aggregation):
    """A facet is a terms aggregation, wrapped in a filter one when other filters apply."""
    return aggregation.get("values", aggregation).get("buckets", [])


def snippets(summary, body_fragments, summary_fragments):
    """The passages to show under a result, best first: the body's, except those the summary already
    says (a body that opens with the summary); the summary's own only when the body matches nothing."""
    summary_words = " ".join(summary.split())
    chosen, seen = [], set()
    for fragment in body_fragments:
        text = " ".join(strip_marks(fragment).split())
        if text in seen or text.strip(" .…") in summary_words:
            continue
        seen.add(text)
        chosen.append(fragment)
    return chosen or summary_fragments[:1]


class SearchEngineBackend:
    name = ENGINE_NAME

    def __init__(self, transport):
        self.transport = transport

    @property
    def alias(self):
        return alias_name()

    def search(self, params):
        """The answer, with `engine_took_ms` summed over the requests this search made: one, or
        more when nothing matches (a correction is asked for, then searched for)."""
        return answer_with_correction(self._search, self.correction, params)

    def _search(self, params):
        response = self.transport.search(self.alias, HubSearchQuery(params).to_dict())
        return self.shape(params, response), response.get("took", 0)

    def shape(self, params, response):
        hits = response["hits"]
        results = []
        for hit in hits["hits"]:
            source = hit["_source"]
            highlight = hit.get("highlight", {})
            title_fragments = highlight.get("title") or highlight.get("title.en")
            title_html = marks_to_html(title_fragments[0]) if title_fragments else escape(source["title"])
            excerpts = snippets(
                source.get("summary", ""),
                highlight.get("body", []) + highlight.get("body.en", []),
                highlight.get("summary", []) + highlight.get("summary.en", []),
            )
            results.append(
                Hit(
                    kind=source["kind"],
                    slug=source.get("slug", ""),
                    locale=source.get("locale", ""),
                    title=source["title"],
                    summary=source.get("summary", ""),
                    url=source.get("url", ""),
                    highlights=[marks_to_html(f) for f in excerpts[:2]],
                    title_html=title_html,
                    score=hit.get("_score"),
                    status=source.get("status", ""),
                    maturity=source.get("maturity", ""),
                    votes=source.get("votes", 0),
                    adoptions=source.get("adoptions", 0),
                    organisation=source.get("organisation", ""),
                )
            )
        aggregations = response.get("aggregations", {})
        facets = {
            name: [FacetValue(b["key"], b["doc_count"]) for b in facet_buckets(aggregations.get(f"facet_{name}", {}))]
            for name in FACETS
        }
        facets["tag"] = merge_spellings(facets["tag"])
        total = hits["total"]["value"] if isinstance(hits["total"], dict) else hits["total"]
        return SearchAnswer(
            query=params.q,
            engine=self.name,
            total=total,
            page=params.page,
            page_size=params.page_size,
            results=results,
            facets=facets,
        )

    def write(self, writes, refresh=False, index=None, timeout=None):
        """Apply `IndexWrite`s in one bulk request (to the alias unless `index` is given; `timeout`
        in seconds instead of the transport's).

        External versioning with the write's sequence: the engine keeps whichever write carries
        the highest sequence, in whatever order they arrive (`external_gte`: the same write
        applied twice is harmless); a refused older write is a no-op, not an error."""
        lines = []
        for write in writes:
            action = {
                "_index": index or self.alias,
                "_id": write.doc_id,
                "version": write.sequence,
                "version_type": "external_gte",
            }
            if write.document is None:
                lines.append({"delete": action})
            else:
                lines += [{"index": action}, write.document]
        self.transport.bulk(lines, refresh=refresh, timeout=timeout)

    def correction(self, q):
        """(corrected query or None, took): the engine's phrase suggester over the indexed words."""
        response = self.transport.search(self.alias, DidYouMeanQuery(q).to_dict())
        for entry in response.get("suggest", {}).get("did_you_mean", []):
            for option in entry.get("options", []):
                text = option["text"]
                if text.strip().lower() != q.strip().lower():
                    return text, response.get("took", 0)
        return None, response.get("took", 0)

    def suggest(self, q, language):
        """Titles starting like `q`; typed as it is, so with the short timeout."""
        body = AutocompleteQuery(q, language).to_dict()
        response = self.transport.search(self.alias, body, timeout=settings.SEARCH_QUICK_TIMEOUT)
        return [
            Suggestion(kind=s["kind"], slug=s.get("slug", ""), title=s["title"], url=s.get("url", ""))
            for s in (hit["_source"] for hit in response["hits"]["hits"])
        ]

    def similar_ideas(self, text, locale, limit, kinds=("idea",)):
        """Ideas (or `kinds`) close to a draft (the propose form asks while typing): the short timeout."""
        body = SimilarIdeasQuery(text, locale, limit, kinds).to_dict()
        response = self.transport.search(self.alias, body, timeout=settings.SEARCH_QUICK_TIMEOUT)
        return [
            SimilarIdea(
                title=s["title"],
                url=s.get("url", ""),
                status=s.get("status", ""),
                votes=s.get("votes", 0),
                kind=s.get("kind", "idea"),
            )
            for s in (hit["_source"] for hit in response["hits"]["hits"])
        ]

    def fingerprints(self):
        """{doc_id: fingerprint} of everything in the index."""
        found, after = {}, None
        while True:
            response = self.transport.search(self.alias, AllDocumentsQuery(after=after).to_dict())
            hits = response["hits"]["hits"]
            for hit in hits:
                found[hit["_source"]["doc_id"]] = hit["_source"].get("fingerprint", "")
            if len(hits) < 1000:
                return found
            after = hits[-1]["sort"][0]
