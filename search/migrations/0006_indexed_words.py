# ruff: noqa: S608 - constant DDL, no user input.
"""The vocabulary of the database engine's typo correction on PostgreSQL: a table of the indexed
words with their document counts, a trigram index (`pg_trgm`) to find a misspelt word's candidates,
filled from the documents already there. On SQLite the table stays empty (fts5vocab is used).

Reversible: backwards, the index goes with the table; the extension stays (others may use it)."""

from django.db import migrations, models

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX hubsearch_indexedword_trgm_idx ON hubsearch_indexedword USING GIN (word gin_trgm_ops)",
    """INSERT INTO hubsearch_indexedword (word, documents)
       SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM hubsearch_searchdocument')
       WHERE length(word) >= 4""",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("hubsearch", "0005_search_insight_and_recommended_results")]

    operations = [
        migrations.CreateModel(
            name="IndexedWord",
            fields=[
                ("word", models.TextField(primary_key=True, serialize=False)),
                ("documents", models.IntegerField()),
            ],
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
