"""The database's own full-text index over search entries, one kind per database.

SQLite: an FTS5 table reading its text from the entries table (external content, so the text is
stored once), porter-stemmed, accents folded, kept in step by triggers: every write to an entry,
by the ORM or by hand, updates the index in the same statement.

PostgreSQL: a stored generated tsvector column (title weighted A, body B, English stemming) with a
GIN index: the database recomputes it on every write.

Neither is a model field. Note for a later migration that alters search_searchentry on SQLite:
Django rebuilds the table to alter it, which drops these triggers and the index; create them
again there.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5("
    " title, body, content='search_searchentry', content_rowid='id',"
    " tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_searchentry BEGIN"
    " INSERT INTO search_entry_fts (rowid, title, body) VALUES (new.id, new.title, new.body);"
    " END",
    # External content: the index forgets a row by being told the text it indexed for it.
    "CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_searchentry BEGIN"
    " INSERT INTO search_entry_fts (search_entry_fts, rowid, title, body)"
    " VALUES ('delete', old.id, old.title, old.body);"
    " END",
    "CREATE TRIGGER search_entry_fts_update AFTER UPDATE ON search_searchentry BEGIN"
    " INSERT INTO search_entry_fts (search_entry_fts, rowid, title, body)"
    " VALUES ('delete', old.id, old.title, old.body);"
    " INSERT INTO search_entry_fts (rowid, title, body) VALUES (new.id, new.title, new.body);"
    " END",
    "INSERT INTO search_entry_fts (search_entry_fts) VALUES ('rebuild')",
    # What the visibility rule reads of each match, without reading the long rows (search.engine).
    "CREATE INDEX search_entry_visibility ON search_searchentry (id, kind, part, object_id)",
]
SQLITE_REVERSE = [
    "DROP INDEX IF EXISTS search_entry_visibility",
    "DROP TRIGGER IF EXISTS search_entry_fts_update",
    "DROP TRIGGER IF EXISTS search_entry_fts_delete",
    "DROP TRIGGER IF EXISTS search_entry_fts_insert",
    "DROP TABLE IF EXISTS search_entry_fts",
]
POSTGRESQL = [
    "ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    " setweight(to_tsvector('english', coalesce(title, '')), 'A')"
    " || setweight(to_tsvector('english', coalesce(body, '')), 'B')"
    ") STORED",
    "CREATE INDEX search_entry_document ON search_searchentry USING gin (document)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_entry_document",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            raise RuntimeError(f"Site search supports SQLite and PostgreSQL, not {vendor}.")
        for statement in statements[vendor]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
