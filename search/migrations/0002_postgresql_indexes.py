"""PostgreSQL only: the pg_trgm extension and the GIN indexes that keep a search fast
when the content grows (full-text on ``vector``, trigrams on the normalised text and
titles for substring matches and the nearest names). Nothing on SQLite, which searches
the small table as it is; so the indexes are not in the model's Meta."""

from django.db import migrations

INDEXES = [
    ("search_entry_vector", "USING gin (vector)"),
    ("search_entry_normalised_trgm", "USING gin (normalised gin_trgm_ops)"),
    ("search_entry_title_trgm", "USING gin (normalised_title gin_trgm_ops)"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, method in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON search_searchentry {method}"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _method in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
