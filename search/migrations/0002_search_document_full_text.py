# ruff: noqa: S608 - constant DDL, no user input.
"""Full-text structures of the database engine, per database vendor.

SQLite: an FTS5 table over hubsearch_searchdocument (external content, unicode61 tokenizer
with diacritics removed) kept by triggers; queries rank with bm25 and column weights.
PostgreSQL: a tsvector column (title A, summary+tags B, body+organisation C) of unaccented
text, kept by a trigger, with a GIN index.
"""

from django.db import migrations

FTS_COLUMNS = "title, summary, body, tags_text, organisation_name"
NEW = "new.title, new.summary, new.body, new.tags_text, new.organisation_name"
OLD = "old.title, old.summary, old.body, old.tags_text, old.organisation_name"

SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE hubsearch_searchdocument_fts USING fts5({FTS_COLUMNS},
        content='hubsearch_searchdocument', content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER hubsearch_searchdocument_ai AFTER INSERT ON hubsearch_searchdocument BEGIN
        INSERT INTO hubsearch_searchdocument_fts(rowid, {FTS_COLUMNS}) VALUES (new.id, {NEW}); END""",
    f"""CREATE TRIGGER hubsearch_searchdocument_ad AFTER DELETE ON hubsearch_searchdocument BEGIN
        INSERT INTO hubsearch_searchdocument_fts(hubsearch_searchdocument_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', old.id, {OLD}); END""",
    f"""CREATE TRIGGER hubsearch_searchdocument_au AFTER UPDATE ON hubsearch_searchdocument BEGIN
        INSERT INTO hubsearch_searchdocument_fts(hubsearch_searchdocument_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', old.id, {OLD});
        INSERT INTO hubsearch_searchdocument_fts(rowid, {FTS_COLUMNS}) VALUES (new.id, {NEW}); END""",
    "INSERT INTO hubsearch_searchdocument_fts(hubsearch_searchdocument_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS hubsearch_searchdocument_ai",
    "DROP TRIGGER IF EXISTS hubsearch_searchdocument_ad",
    "DROP TRIGGER IF EXISTS hubsearch_searchdocument_au",
    "DROP TABLE IF EXISTS hubsearch_searchdocument_fts",
]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "ALTER TABLE hubsearch_searchdocument ADD COLUMN search_vector tsvector",
    """CREATE FUNCTION hubsearch_searchdocument_tsv() RETURNS trigger AS $$
    BEGIN
      NEW.search_vector :=
        setweight(to_tsvector('simple', unaccent(coalesce(NEW.title, ''))), 'A') ||
        setweight(to_tsvector('simple', unaccent(coalesce(NEW.summary, '') || ' ' || coalesce(NEW.tags_text, ''))), 'B') ||
        setweight(to_tsvector('simple', unaccent(coalesce(NEW.body, '') || ' ' || coalesce(NEW.organisation_name, ''))), 'C');
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER hubsearch_searchdocument_tsv BEFORE INSERT OR UPDATE ON hubsearch_searchdocument
       FOR EACH ROW EXECUTE FUNCTION hubsearch_searchdocument_tsv()""",
    "UPDATE hubsearch_searchdocument SET title = title",
    "CREATE INDEX hubsearch_searchdocument_tsv_idx ON hubsearch_searchdocument USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS hubsearch_searchdocument_tsv ON hubsearch_searchdocument",
    "DROP FUNCTION IF EXISTS hubsearch_searchdocument_tsv()",
    "ALTER TABLE hubsearch_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("hubsearch", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
