# ruff: noqa: S608 - table and column names are module constants; every value is a query parameter.
"""The database engine: the same API as the search engine, on the `SearchDocument` table.

SQLite: an FTS5 virtual table (unicode61 tokenizer, diacritics removed) ranked with bm25 and
column weights; PostgreSQL: a weighted tsvector of unaccented text with a GIN index. Both are
created by migration 0002 and kept by triggers, so writing `SearchDocument` rows is enough.
Matching is accent-insensitive, plurals match singulars (prefix matching on a light stem),
the editors' synonyms are expanded. Typos: when a query finds nothing, its unknown words are
rewritten to the closest indexed word under the typo rule (`search.text.allowed_edits`), looked up
in a vocabulary (`Vocabulary`: SQLite's fts5vocab; on PostgreSQL the `IndexedWord` table, moved by
`DatabaseBackend.write` with the documents and searched through a trigram index).
"""

import math
import re

from django.db import connection, transaction
from django.utils.html import escape

from hub.tags import tag_key
from search.answers import FacetValue, Hit, SearchAnswer, SimilarIdea, Suggestion, merge_spellings
from search.engines.correction import answer_with_correction
from search.engines.highlight import marks_to_html
from search.queries import FACET_SIZE, FACETS, HIGHLIGHT_POST, HIGHLIGHT_PRE
from search.text import FRENCH_STOP_WORDS, WORD, allowed_edits, edit_distance, fold, light_stem, query_terms, words

ENGINE_NAME = "database"
SEQUENCES = "hubsearch_documentsequence"
TABLE = "hubsearch_searchdocument"
FTS = "hubsearch_searchdocument_fts"
TAGS = "hubsearch_searchdocumenttag"
# SQLite: read a match's facet columns from this narrow index (migration 0003), not from the wide row.
COVERING = "INDEXED BY hubsearch_searchdocument_facets_idx"
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


def _highlight_pattern(alternatives):
    """One regex for the words to mark: a word starting with a query stem, or a word of a synonym phrase."""
    stems = sorted({alt[0] for group in alternatives for alt in group if len(alt) == 1}, key=len, reverse=True)
    phrase_words = sorted(
        {w for group in alternatives for alt in group if len(alt) > 1 for w in alt}, key=len, reverse=True
    )
    options = []
    if stems:
        options.append("(?:" + "|".join(map(re.escape, stems)) + r")\w*")
    if phrase_words:
        options.append("(?:" + "|".join(map(re.escape, phrase_words)) + r")(?!\w)")
    return re.compile(r"(?<!\w)(?:" + "|".join(options) + ")") if options else None


def _marked_spans(text, pattern):
    """(start, end) of the words to mark. The text is folded once; when folding changes its length
    (rare: ligatures, decomposed accents), word by word so that offsets stay those of `text`."""
    folded = fold(text)
    if len(folded) == len(text):
        return [m.span() for m in pattern.finditer(folded)]
    return [m.span() for m in WORD.finditer(text) if pattern.fullmatch(fold(m.group()))]


def python_highlight(text, alternatives, limit=None, pattern=None):
    """Mark words starting with a query stem (accent-insensitive): PostgreSQL's simple highlighter."""
    if not text:
        return ""
    pattern = pattern or _highlight_pattern(alternatives)
    spans = _marked_spans(text, pattern) if pattern else []
    if not spans:
        return ""
    out, pos = [], 0
    for start, end in spans:
        out.append(text[pos:start] + HIGHLIGHT_PRE + text[start:end] + HIGHLIGHT_POST)
        pos = end
    out.append(text[pos:])
    marked = "".join(out)
    first = spans[0][0]
    if limit and len(text) > limit:
        start = max(0, first - 40)
        marked_start = marked.find(HIGHLIGHT_PRE)
        marked = ("…" if start else "") + marked[max(0, marked_start - (first - start)) :][:limit] + "…"
    return marked


# A passage ends with a block (a line of the body, `search.documents.html_to_text`) or a sentence.
PASSAGE_END = re.compile(r"\n|(?<=[.!?…])\s+")
SNIPPET_LENGTH = 200


def best_passages(text, pattern, already_said="", count=2):
    """The passages of `text` that match best (most distinct query words, then most marks, then the
    first), marked; a passage `already_said` holds (the summary, repeated by the body) is left out."""
    scored = []
    for position, passage in enumerate(p.strip() for p in PASSAGE_END.split(text or "")):
        spans = _marked_spans(passage, pattern) if passage else []
        if not spans or " ".join(passage.split()).strip(" .…") in already_said:
            continue
        distinct = len({fold(passage[start:end]) for start, end in spans})
        scored.append((-distinct, -len(spans), position, passage))
    return [
        python_highlight(passage, None, limit=SNIPPET_LENGTH, pattern=pattern) for *_, passage in sorted(scored)[:count]
    ]


STORED_FIELDS = (
    "kind",
    "object_id",
    "slug",
    "locale",
    "title",
    "summary",
    "body",
    "organisation",
    "organisation_name",
    "tags",
    "status",
    "maturity",
    "votes",
    "adoptions",
    "published_at",
    "url",
    "fingerprint",
)


def store(doc_id, document):
    """Bring the table's row for `doc_id` to `document` (None: remove it), whatever it held."""
    from search.models import SearchDocument, SearchDocumentTag

    if document is None:
        SearchDocument.objects.filter(doc_id=doc_id).delete()
        return
    fields = {key: document[key] for key in STORED_FIELDS}
    fields["tags_text"] = " ".join(document["tags"])
    # The title's words, folded, elisions and punctuation dropped: « l'infonuagique » completes from « infon ».
    fields["title_folded"] = " ".join(words(document["title"]))
    with transaction.atomic():
        row, created = SearchDocument.objects.update_or_create(doc_id=doc_id, defaults=fields)
        if not created:
            row.tag_rows.all().delete()
        SearchDocumentTag.objects.bulk_create([SearchDocumentTag(document=row, tag=t) for t in document["tags"]])


def next_sequence(doc_id):
    """The next write sequence of a document. The row stays locked until the transaction ends: call
    it inside one, before reading the content the write will carry."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SEQUENCES} (doc_id, issued, applied) VALUES (%s, 1, 0) "
            f"ON CONFLICT (doc_id) DO UPDATE SET issued = {SEQUENCES}.issued + 1 RETURNING issued",
            [doc_id],
        )
        return cursor.fetchone()[0]


def _claim(doc_id, sequence):
    """True when `sequence` is not older than what the table holds for `doc_id` (then recorded)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SEQUENCES} (doc_id, issued, applied) VALUES (%s, %s, %s) "
            f"ON CONFLICT (doc_id) DO UPDATE SET applied = excluded.applied "
            f"WHERE {SEQUENCES}.applied <= excluded.applied RETURNING applied",
            [doc_id, sequence, sequence],
        )
        return cursor.fetchone() is not None


VOCABULARY = "hubsearch_indexedword"
# The shortest word the vocabulary keeps: a correction is never shorter (5 letters, minus one edit).
VOCABULARY_MIN_LENGTH = 4
TRIGRAM_THRESHOLD = "pg_trgm.similarity_threshold"


def trigrams(word):
    """The distinct trigrams pg_trgm reads in one word (two spaces before, one after)."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def trigram_floor(word, edits):
    """The lowest pg_trgm similarity between `word` and any word `edits` edits away: each edit
    loses at most 4 of `word`'s trigrams (a swap of two neighbours) and the other word has at most
    len + edits + 1 trigrams. Searching with this threshold misses no candidate; 0 when no bound
    holds (then no trigram filter)."""
    if not word.isalpha():
        return 0.0  # pg_trgm splits on what is not a letter or a digit: the count above is wrong
    shared = len(trigrams(word)) - 4 * edits
    return max(0.0, shared / (len(word) + 1 + 5 * edits) - 1e-6)


class Vocabulary:
    """The indexed words (folded, unstemmed): SQLite reads the FTS table's own vocabulary
    (`fts5vocab`); PostgreSQL the `IndexedWord` table, whose candidates a trigram index finds
    (reading the tsvectors with `ts_stat` at each query cost 0.4 to 0.8 s at 10,000 documents)."""

    SQLITE_TABLE = "temp.hubsearch_searchdocument_vocabulary"

    def __init__(self, vendor):
        self.vendor = vendor
        if vendor != "postgresql":
            with connection.cursor() as cursor:
                # A temporary table of this connection over the main FTS table: nothing to migrate.
                cursor.execute(
                    f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.SQLITE_TABLE} USING fts5vocab(main, {FTS}, 'row')"
                )

    def knows(self, stem):
        """True when an indexed word starts with `stem` (the matching is by prefix)."""
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(
                    f"SELECT 1 FROM {TABLE} WHERE search_vector @@ to_tsquery('simple', %s) LIMIT 1", [f"{stem}:*"]
                )
            else:
                cursor.execute(
                    f"SELECT 1 FROM {self.SQLITE_TABLE} WHERE term >= %s AND term < %s LIMIT 1",
                    [stem, stem + "\U0010ffff"],
                )
            return cursor.fetchone() is not None

    def closest(self, word):
        """The indexed word within the typo rule's edits of `word`, same first letter: fewest edits,
        then the most documents, then alphabetical. None when there is none."""
        limit = allowed_edits(word)
        bounds = [word[0], len(word) - limit, len(word) + limit]
        if self.vendor == "postgresql":
            candidates = self._postgres_candidates(word, limit, bounds)
        else:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT term, doc FROM {self.SQLITE_TABLE} WHERE term >= %s AND term < %s "
                    f"AND length(term) BETWEEN %s AND %s",
                    [word[0], word[0] + "\U0010ffff", bounds[1], bounds[2]],
                )
                candidates = cursor.fetchall()
        scored = [
            (distance, -documents, term)
            for term, documents in candidates
            if (distance := edit_distance(word, term, limit)) <= limit
        ]
        return min(scored)[2] if scored else None

    @staticmethod
    def _postgres_candidates(word, limit, bounds):
        """[(word, documents)] of the vocabulary that may be within `limit` edits: the trigram index
        with the threshold no such word falls under (`trigram_floor`), set for this statement only."""
        floor = trigram_floor(word, limit)
        condition = "AND word %% %s" if floor else ""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                # missing_ok: pg_trgm defines its setting once its library is loaded in this session
                f"SELECT current_setting('{TRIGRAM_THRESHOLD}', true), set_config('{TRIGRAM_THRESHOLD}', %s, true)",
                [str(floor)],
            )
            previous = cursor.fetchone()[0] or "0.3"  # pg_trgm's default
            try:
                cursor.execute(
                    f"SELECT word, documents FROM {VOCABULARY} WHERE left(word, 1) = %s "
                    f"AND length(word) BETWEEN %s AND %s AND documents > 0 {condition}",
                    bounds + ([word] if floor else []),
                )
                return cursor.fetchall()
            finally:
                # SET LOCAL lasts until the outermost transaction ends (a request's, a test's).
                cursor.execute(f"SELECT set_config('{TRIGRAM_THRESHOLD}', %s, true)", [previous])


def vocabulary_counts(cursor, doc_ids):
    """{word: documents} over these documents' tsvectors (PostgreSQL), words the vocabulary keeps."""
    cursor.execute(
        f"SELECT w.lexeme, count(*) FROM {TABLE} d CROSS JOIN LATERAL unnest(d.search_vector) w "
        f"WHERE d.doc_id = ANY(%s) AND length(w.lexeme) >= %s GROUP BY w.lexeme",
        [list(doc_ids), VOCABULARY_MIN_LENGTH],
    )
    return dict(cursor.fetchall())


def move_vocabulary(cursor, before, after):
    """Add the difference between two `vocabulary_counts` to the vocabulary in one statement, words
    in order: concurrent writers lock the rows they share in the same order (no deadlock)."""
    changes = sorted(
        (word, change) for word in before.keys() | after.keys() if (change := after.get(word, 0) - before.get(word, 0))
    )
    if not changes:
        return
    cursor.execute(
        f"INSERT INTO {VOCABULARY} (word, documents) "
        f"SELECT word, change FROM unnest(%s::text[], %s::int[]) AS c(word, change) ORDER BY word "
        f"ON CONFLICT (word) DO UPDATE SET documents = {VOCABULARY}.documents + excluded.documents",
        [[w for w, _ in changes], [c for _, c in changes]],
    )
    gone = [w for w, c in changes if c < 0]
    if gone:
        cursor.execute(f"DELETE FROM {VOCABULARY} WHERE word = ANY(%s) AND documents <= 0", [gone])


def rebuild_vocabulary():
    """Count the vocabulary again from every document (PostgreSQL; SQLite's fts5vocab needs nothing)."""
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {VOCABULARY}")
        cursor.execute(
            f"INSERT INTO {VOCABULARY} (word, documents) SELECT word, ndoc "
            f"FROM ts_stat('SELECT search_vector FROM {TABLE}') WHERE length(word) >= %s",
            [VOCABULARY_MIN_LENGTH],
        )


class DatabaseBackend:
    name = ENGINE_NAME

    def write(self, writes):
        """Apply `IndexWrite`s to the table; one older than what a row holds is a no-op. Returns
        the number applied. On PostgreSQL the vocabulary of the typo correction moves with them."""
        applied = 0
        postgresql = self.vendor == "postgresql"
        with transaction.atomic(), connection.cursor() as cursor:
            doc_ids = [write.doc_id for write in writes]
            before = vocabulary_counts(cursor, doc_ids) if postgresql and writes else {}
            for write in writes:
                if _claim(write.doc_id, write.sequence):
                    store(write.doc_id, write.document)
                    applied += 1
            if postgresql and applied:
                move_vocabulary(cursor, before, vocabulary_counts(cursor, doc_ids))
        return applied

    @property
    def vendor(self):
        return connection.vendor

    def _ranked(self, alternatives):
        """(FROM clause with `d` the document table, its match condition, the rank expression - lower
        is better - and their params in the order of `SELECT rank FROM ... WHERE match`)."""
        if self.vendor == "postgresql":
            tsquery = postgres_tsquery(alternatives)
            return (
                f"{TABLE} d",
                "d.search_vector @@ to_tsquery('simple', %s)",
                "-ts_rank(d.search_vector, to_tsquery('simple', %s), 1)",
                [tsquery, tsquery],
            )
        return (
            f"{FTS} JOIN {TABLE} d {COVERING} ON d.id = {FTS}.rowid",
            f"{FTS} MATCH %s",
            f"bm25({FTS}, 10.0, 4.0, 1.0, 3.0, 1.0)",
            [sqlite_match(alternatives)],
        )

    def _matching_facet_columns(self, alternatives):
        """(SQL yielding id and the facet columns of every matching document, unranked; params)."""
        columns = ", ".join(f"d.{c}" for c in COLUMNS.values())
        if not alternatives:
            return f"SELECT d.id, {columns} FROM {TABLE} d", []
        if self.vendor == "postgresql":
            return (
                f"SELECT d.id, {columns} FROM {TABLE} d WHERE d.search_vector @@ to_tsquery('simple', %s)",
                [postgres_tsquery(alternatives)],
            )
        return (
            f"SELECT d.id, {columns} FROM {FTS} JOIN {TABLE} d {COVERING} ON d.id = {FTS}.rowid WHERE {FTS} MATCH %s",
            [sqlite_match(alternatives)],
        )

    @staticmethod
    def _filters(filters, exclude=None, alias="d"):
        """(SQL conditions, params) of the active filters, one of them left out for its own facet."""
        conditions, params = [], []
        for name, value in filters.items():
            if name == exclude:
                continue
            if name == "tag":  # the spellings of the tag (`_tag_spellings`)
                marks = ", ".join(["%s"] * len(value))
                conditions.append(
                    f"EXISTS (SELECT 1 FROM {TAGS} ft WHERE ft.document_id = {alias}.id AND ft.tag IN ({marks}))"
                )
                params += list(value)
            else:
                conditions.append(f"{alias}.{COLUMNS[name]} = %s")
                params.append(value)
        return conditions, params

    @staticmethod
    def _without_pinned(pinned, conditions, params, alias="d"):
        """The conditions plus "not a recommended result" (shown ahead by the service, see
        `SearchParams.pinned`): left out of the list and its total, still counted in the facets."""
        if not pinned:
            return conditions, params
        marks = ", ".join(["%s"] * len(pinned))
        condition = f"{alias}.id NOT IN (SELECT p.id FROM {TABLE} p WHERE p.doc_id IN ({marks}))"
        return [*conditions, condition], [*params, *pinned]

    def _facets_and_total(self, cursor, alternatives, filters, pinned=()):
        """The total and the six facets (each ignoring its own filter) in one statement: the matching
        documents' facet columns are gathered once (a materialised CTE, no ranking), then grouped."""
        source, params = self._matching_facet_columns(alternatives)
        parts = []
        conditions, where_params = self._filters(filters, alias="m")
        conditions, where_params = self._without_pinned(pinned, conditions, where_params, alias="m")
        parts.append(f"SELECT '', '', count(*) FROM m WHERE {' AND '.join(conditions) or '1 = 1'}")
        params += where_params
        for name in FACETS:
            conditions, where_params = self._filters(filters, exclude=name, alias="m")
            if name == "tag":
                parts.append(
                    # CROSS JOIN: SQLite walks the matches and looks their tags up, not all tags
                    f"SELECT 'tag', t.tag, count(*) FROM m CROSS JOIN {TAGS} t "
                    f"WHERE {' AND '.join([*conditions, 't.document_id = m.id'])} GROUP BY t.tag"
                )
            else:
                column = COLUMNS[name]
                conditions.append(f"m.{column} <> ''")
                parts.append(
                    f"SELECT '{name}', m.{column}, count(*) FROM m WHERE {' AND '.join(conditions)} GROUP BY m.{column}"
                )
            params += where_params
        cursor.execute(f"WITH m AS MATERIALIZED ({source}) " + " UNION ALL ".join(parts), params)
        total, counts = 0, {name: [] for name in FACETS}
        for name, value, count in cursor.fetchall():
            if name:
                counts[name].append((value, count))
            else:
                total = count
        facets = {
            name: [
                FacetValue(value, count)
                for value, count in sorted(pairs, key=lambda item: (-item[1], item[0]))[:FACET_SIZE]
            ]
            for name, pairs in counts.items()
        }
        facets["tag"] = merge_spellings(facets["tag"])
        return total, facets

    @staticmethod
    def _tag_spellings(cursor, tag):
        """The indexed spellings of a tag whatever its case or accents (the tag itself when none)."""
        cursor.execute(f"SELECT DISTINCT tag FROM {TAGS}")
        key = tag_key(tag)
        return tuple(spelling for (spelling,) in cursor.fetchall() if tag_key(spelling) == key) or (tag,)

    def _page(self, cursor, alternatives, filters, params):
        """[(id, rank)] of the requested page: ranked, the interface language first, LIMIT in SQL."""
        conditions, where_params = self._filters(filters)
        conditions, where_params = self._without_pinned(params.pinned, conditions, where_params)
        where = " AND ".join(conditions) or "1 = 1"
        if alternatives:
            source, match, rank, sql_params = self._ranked(alternatives)
            cursor.execute(
                f"SELECT d.id, {rank} AS rank FROM {source} WHERE {match} AND {where} "
                f"ORDER BY CASE WHEN d.locale = %s THEN 0 ELSE 1 END, rank, d.id LIMIT %s OFFSET %s",
                sql_params + where_params + [params.language, params.engine_limit, params.engine_offset],
            )
        else:
            cursor.execute(
                f"SELECT d.id, 0.0 FROM {TABLE} d WHERE {where} "
                f"ORDER BY CASE WHEN d.locale = %s THEN 0 ELSE 1 END, "
                f"CASE WHEN d.published_at IS NULL THEN 1 ELSE 0 END, d.published_at DESC, d.id DESC "
                f"LIMIT %s OFFSET %s",
                where_params + [params.language, params.engine_limit, params.engine_offset],
            )
        return cursor.fetchall()

    def search(self, params):
        """The answer; when nothing matches, unknown words are rewritten from the vocabulary of
        indexed words (`correction`) and the rewritten query's results shown instead."""
        return answer_with_correction(self._search, self.correction, params)

    def correction(self, q):
        """(q with each unknown word replaced by the closest indexed word under the typo rule, or
        None when no word could be replaced; no engine time)."""
        vocabulary = Vocabulary(self.vendor)
        parts, pos, changed = [], 0, False
        for match in WORD.finditer(q):
            word = fold(match.group())
            replacement = None
            if allowed_edits(word) and word not in FRENCH_STOP_WORDS and not vocabulary.knows(light_stem(word)):
                replacement = vocabulary.closest(word)
            if replacement:
                parts.append(q[pos : match.start()] + replacement)
                pos, changed = match.end(), True
        parts.append(q[pos:])
        return ("".join(parts) if changed else None), None

    def _search(self, params):
        """(answer, None). Everything in SQL: the total and the facets grouped over the matches, the page ranked with
        LIMIT; Python only shapes the page's rows and highlights them."""
        alternatives = term_alternatives(params.q) if params.q.strip() else []
        filters = {k: v for k, v in params.filters.items() if v and (k == "tag" or k in COLUMNS)}
        with transaction.atomic(), connection.cursor() as cursor:
            seqscan = alternatives and self.vendor == "postgresql"
            if seqscan:
                # The planner prices a sequential scan's `@@` as nearly free, but each row costs a
                # detoast and decompression of its tsvector: 50 ms at 10,000 documents against 3 ms
                # through the GIN index. For these statements only: restored below, because SET
                # LOCAL lasts until the outermost transaction ends (a request's, a test's), and a
                # later LIKE query priced at 10^10 would be JIT-compiled (1.5 s).
                cursor.execute("SELECT set_config('enable_seqscan', 'off', true)")
            try:
                if "tag" in filters:
                    filters["tag"] = self._tag_spellings(cursor, filters["tag"])
                total, facets = self._facets_and_total(cursor, alternatives, filters, params.pinned)
                wanted = params.engine_limit and total > params.engine_offset
                page = self._page(cursor, alternatives, filters, params) if wanted else []
                details = {}
                if page:
                    marks = ", ".join(["%s"] * len(page))
                    cursor.execute(
                        f"SELECT id, kind, slug, locale, title, summary, body, url, status, maturity, votes, "
                        f"adoptions, organisation FROM {TABLE} WHERE id IN ({marks})",
                        [r[0] for r in page],
                    )
                    details = {row[0]: row for row in cursor.fetchall()}
            finally:
                if seqscan:
                    cursor.execute("SELECT set_config('enable_seqscan', 'on', true)")
        pattern = _highlight_pattern(alternatives) if alternatives else None
        results = [self._result(details[r[0]][1:] + (r[1],), pattern) for r in page if r[0] in details]
        answer = SearchAnswer(
            query=params.q,
            engine=self.name,
            total=total,
            page=params.page,
            page_size=params.page_size,
            results=results,
            facets=facets,
        )
        return answer, None

    def _result(self, row, pattern):
        (kind, slug, locale, title, summary, body, url, status, maturity, votes, adoptions, organisation, rank) = row
        highlights = []
        title_html = escape(title)
        if pattern:
            marked_title = python_highlight(title, None, pattern=pattern)
            if marked_title:
                title_html = marks_to_html(marked_title)
            # The body's best passages; the summary (shown when there is no snippet) only when the body matches nothing.
            passages = best_passages(body, pattern, already_said=" ".join((summary or "").split()))
            if not passages:
                passages = [python_highlight(summary, None, limit=SNIPPET_LENGTH, pattern=pattern)]
            highlights = [marks_to_html(passage) for passage in passages if passage]
        return Hit(
            kind=kind,
            slug=slug,
            locale=locale,
            title=title,
            summary=summary,
            url=url,
            highlights=highlights[:2],
            title_html=title_html,
            score=round(-float(rank), 4) if rank is not None else None,
            status=status,
            maturity=maturity,
            votes=votes,
            adoptions=adoptions,
            organisation=organisation,
        )

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
            return [Suggestion(kind=k, slug=s, title=t, url=u) for k, s, t, u in cursor.fetchall()]

    def similar_ideas(self, text, locale, limit, kinds=("idea",)):
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
                f"SELECT d.title, d.url, d.status, d.votes, d.kind, d.summary, d.body FROM ({sql}) m "
                f"JOIN {TABLE} d ON d.id = m.id WHERE d.kind IN ({', '.join(['%s'] * len(kinds))}) AND d.locale = %s "
                f"ORDER BY m.rank LIMIT %s",
                [match, *kinds, locale, limit * 4],
            )
            rows = cursor.fetchall()
        results = []
        stems = {a[0][0] for a in alternatives}
        for title, url, status, votes, kind, summary, body in rows:
            doc_words = {light_stem(w) for w in words(f"{title} {summary} {body}")}
            if (
                len(stems & doc_words) + sum(1 for s in stems if any(w.startswith(s) for w in doc_words)) // 2
                >= minimum
            ):
                results.append(SimilarIdea(title=title, url=url, status=status, votes=votes, kind=kind))
        return results[:limit]
