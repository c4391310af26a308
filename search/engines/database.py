# ruff: noqa: S608 - table and column names are module constants; every value is a query parameter.
"""The database engine: the same API as the search engine, on the `SearchDocument` table.

SQLite: an FTS5 virtual table (unicode61 tokenizer, diacritics removed) ranked with bm25 and
column weights; PostgreSQL: a weighted tsvector of unaccented text with a GIN index. Both are
created by migration 0002 and kept by triggers, so writing `SearchDocument` rows is enough.
Matching is accent-insensitive, plurals match singulars (prefix matching on a light stem),
the editors' synonyms are expanded; no fuzziness and no "did you mean" here.
"""

import json
import math
from collections import Counter
from datetime import datetime

from django.db import connection
from django.utils.html import escape

from search.engines.highlight import marks_to_html
from search.queries import FACETS, HIGHLIGHT_POST, HIGHLIGHT_PRE
from search.text import fold, light_stem, query_terms, words

ENGINE_NAME = "database"
TABLE = "hubsearch_searchdocument"
FTS = "hubsearch_searchdocument_fts"
TAGS = "hubsearch_searchdocumenttag"
COLUMNS = {
    "kind": "kind",
    "organisation": "organisation",
    "status": "status",
    "maturity": "maturity",
    "locale": "locale",
}


def synonym_groups():
    from search.models import Synonym

    return [[fold(t) for t in s.terms()] for s in Synonym.objects.all()]


def term_alternatives(q):
    """[[alternative, ...], ...]: one group per query word; an alternative is a list of words
    (several words = a phrase, from a synonym)."""
    groups = synonym_groups()
    result = []
    for term in query_terms(q):
        alternatives = [[light_stem(term)]]
        for group in groups:
            if term in group:
                for other in group:
                    other_words = words(other)
                    if other_words and other_words != [term]:
                        alternatives.append(other_words)
        result.append(alternatives)
    return result


def sqlite_match(alternatives):
    parts = []
    for group in alternatives:
        options = []
        for alt in group:
            if len(alt) == 1:
                options.append(f'"{alt[0]}"*')
            else:
                options.append('"' + " ".join(alt) + '"')
        parts.append("(" + " OR ".join(options) + ")")
    return " AND ".join(parts)


def postgres_tsquery(alternatives):
    parts = []
    for group in alternatives:
        options = []
        for alt in group:
            options.append(f"{alt[0]}:*" if len(alt) == 1 else "(" + " <-> ".join(alt) + ")")
        parts.append("(" + " | ".join(options) + ")")
    return " & ".join(parts)


def python_highlight(text, alternatives, limit=None):
    """Mark words starting with a query stem (accent-insensitive): PostgreSQL's simple highlighter."""
    if not text:
        return ""
    stems = {alt[0] for group in alternatives for alt in group if len(alt) == 1}
    phrase_words = {w for group in alternatives for alt in group if len(alt) > 1 for w in alt}
    out, pos, first = [], 0, None
    import re

    for match in re.finditer(r"\w+", text):
        folded = fold(match.group())
        if any(folded.startswith(s) for s in stems) or folded in phrase_words:
            if first is None:
                first = match.start()
            out.append(text[pos : match.start()] + HIGHLIGHT_PRE + match.group() + HIGHLIGHT_POST)
            pos = match.end()
    out.append(text[pos:])
    marked = "".join(out)
    if limit and len(text) > limit:
        start = max(0, (first or 0) - 40)
        marked_start = marked.find(HIGHLIGHT_PRE) if first is not None else 0
        marked = ("…" if start else "") + marked[max(0, marked_start - ((first or 0) - start)) :][:limit] + "…"
    return marked if first is not None else ""


def _tag_list(value):
    return value if isinstance(value, list) else json.loads(value)


def _timestamp(value):
    """Newest first, undated last, whatever type the driver returns."""
    if value is None:
        return float("inf")
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return -value.timestamp()


class DatabaseBackend:
    name = ENGINE_NAME

    @property
    def vendor(self):
        return connection.vendor

    def _matched(self, alternatives):
        """(SQL of a subquery yielding id, rank; params). Lower rank is better."""
        if not alternatives:
            return f"SELECT id, 0.0 AS rank FROM {TABLE}", []
        if self.vendor == "postgresql":
            return (
                f"SELECT id, -ts_rank(search_vector, to_tsquery('simple', %s), 1) AS rank FROM {TABLE} "
                f"WHERE search_vector @@ to_tsquery('simple', %s)",
                [postgres_tsquery(alternatives)] * 2,
            )
        return (
            f"SELECT rowid AS id, bm25({FTS}, 10.0, 4.0, 1.0, 3.0, 1.0) AS rank FROM {FTS} WHERE {FTS} MATCH %s",
            [sqlite_match(alternatives)],
        )

    def _matches(self, cursor, alternatives):
        """All matching documents with their facet fields: one full-text evaluation per search."""
        matched, params = self._matched(alternatives)
        cursor.execute(
            f"SELECT d.id, m.rank, d.kind, d.organisation, d.status, d.maturity, d.locale, d.published_at, d.tags "
            f"FROM ({matched}) m JOIN {TABLE} d ON d.id = m.id",
            params,
        )
        return cursor.fetchall()

    def search(self, params):
        """Match once in SQL; filters, facets (each ignoring its own filter) and ordering in Python
        over the compact match list; then load only the rows of the requested page."""
        alternatives = term_alternatives(params.q) if params.q.strip() else []
        filters = {k: v for k, v in params.filters.items() if v}
        with connection.cursor() as cursor:
            rows = self._matches(cursor, alternatives)
            tags = {r[0]: _tag_list(r[8]) for r in rows if r[8] and r[8] != "[]"}
            fields = {"kind": 2, "organisation": 3, "status": 4, "maturity": 5, "locale": 6}

            def passes(row, exclude=None):
                for name, value in filters.items():
                    if name == exclude:
                        continue
                    if name == "tag":
                        if value not in tags.get(row[0], ()):
                            return False
                    elif row[fields[name]] != value:
                        return False
                return True

            selected = [row for row in rows if passes(row)]
            facets = {}
            for name in FACETS:
                counts = Counter()
                for row in selected if name not in filters else (r for r in rows if passes(r, exclude=name)):
                    if name == "tag":
                        counts.update(tags.get(row[0], ()))
                    elif row[fields[name]]:
                        counts[row[fields[name]]] += 1
                ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:30]
                facets[name] = [{"value": value, "count": count} for value, count in ordered]
            if alternatives:
                selected.sort(key=lambda r: (r[6] != params.language, r[1]))
            else:
                selected.sort(key=lambda r: (r[6] != params.language, _timestamp(r[7]), -r[0]))
            page = selected[params.offset : params.offset + params.page_size]
            details = {}
            if page:
                marks = ", ".join(["%s"] * len(page))
                cursor.execute(
                    f"SELECT id, kind, slug, locale, title, summary, body, url, status, maturity, votes, adoptions, "
                    f"organisation FROM {TABLE} WHERE id IN ({marks})",
                    [r[0] for r in page],
                )
                details = {row[0]: row for row in cursor.fetchall()}
        results = [self._result(details[r[0]][1:] + (r[1],), alternatives) for r in page if r[0] in details]
        return {
            "query": params.q,
            "engine": self.name,
            "total": len(selected),
            "page": params.page,
            "page_size": params.page_size,
            "results": results,
            "facets": facets,
            "did_you_mean": None,
        }, None

    def _result(self, row, alternatives):
        (kind, slug, locale, title, summary, body, url, status, maturity, votes, adoptions, organisation, rank) = row
        highlights = []
        title_html = escape(title)
        if alternatives:
            marked_title = python_highlight(title, alternatives)
            if marked_title:
                title_html = marks_to_html(marked_title)
            for text in (summary, body):
                fragment = python_highlight(text, alternatives, limit=200)
                if fragment:
                    highlights.append(marks_to_html(fragment))
        return {
            "kind": kind,
            "slug": slug,
            "locale": locale,
            "title": title,
            "summary": summary,
            "url": url,
            "highlights": highlights[:2],
            "title_html": title_html,
            "score": round(-float(rank), 4) if rank is not None else None,
            "status": status,
            "maturity": maturity,
            "votes": votes,
            "adoptions": adoptions,
            "organisation": organisation,
        }

    def suggest(self, q, language, size=8):
        folded = " ".join(words(q))
        if not folded:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT kind, slug, title, url FROM {TABLE} WHERE title_folded LIKE %s OR title_folded LIKE %s "
                f"ORDER BY CASE WHEN locale = %s THEN 0 ELSE 1 END, length(title) LIMIT %s",
                [f"{folded}%", f"% {folded}%", language, size],
            )
            return [{"kind": k, "slug": s, "title": t, "url": u} for k, s, t, u in cursor.fetchall()]

    def similar_ideas(self, text, locale, limit):
        terms = [t for t in query_terms(text) if len(t) > 3][:25]
        if not terms:
            return []
        alternatives = [[[light_stem(t)]] for t in terms]
        if self.vendor == "postgresql":
            sql = (
                f"SELECT id, -ts_rank(search_vector, q) AS rank FROM {TABLE}, to_tsquery('simple', %s) q "
                f"WHERE search_vector @@ q"
            )
            match = " | ".join(f"{a[0][0]}:*" for a in alternatives)
        else:
            sql = f"SELECT rowid AS id, bm25({FTS}, 10.0, 4.0, 1.0, 3.0, 1.0) AS rank FROM {FTS} WHERE {FTS} MATCH %s"
            match = " OR ".join(f'"{a[0][0]}"*' for a in alternatives)
        minimum = max(1, math.ceil(len(terms) * 0.3))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.title, d.url, d.status, d.votes, d.title, d.summary, d.body FROM ({sql}) m "
                f"JOIN {TABLE} d ON d.id = m.id WHERE d.kind = 'idea' AND d.locale = %s ORDER BY m.rank LIMIT %s",
                [match, locale, limit * 4],
            )
            rows = cursor.fetchall()
        results = []
        stems = {a[0][0] for a in alternatives}
        for title, url, status, votes, _t, summary, body in rows:
            doc_words = {light_stem(w) for w in words(f"{title} {summary} {body}")}
            if (
                len(stems & doc_words) + sum(1 for s in stems if any(w.startswith(s) for w in doc_words)) // 2
                >= minimum
            ):
                results.append({"title": title, "url": url, "status": status, "votes": votes})
        return results[:limit]
