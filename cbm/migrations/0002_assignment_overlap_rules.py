"""Overlapping assignments are refused by the database itself.

Two rules hold for every area at every point in time: a state holds at most
one role in the area, and the area has at most one coordinator. Empty years are
open-ended (start 0, end 9999). PostgreSQL enforces them with exclusion
constraints (deferred to the end of the transaction, so that an editor may swap
two roles in one save); SQLite, which has no such constraints, with triggers.
"""

from django.db import migrations

SPAN = "int4range(COALESCE(start_year, 0), COALESCE(end_year, 9999), '[]')"

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""ALTER TABLE cbm_assignment ADD CONSTRAINT cbm_assignment_one_role_per_state
        EXCLUDE USING gist (area_id WITH =, state_id WITH =, ({SPAN}) WITH &&)
        DEFERRABLE INITIALLY DEFERRED""",
    f"""ALTER TABLE cbm_assignment ADD CONSTRAINT cbm_assignment_one_coordinator
        EXCLUDE USING gist (area_id WITH =, ({SPAN}) WITH &&)
        WHERE (role = 'coordinator') DEFERRABLE INITIALLY DEFERRED""",
]
POSTGRESQL_BACKWARD = [
    "ALTER TABLE cbm_assignment DROP CONSTRAINT cbm_assignment_one_role_per_state",
    "ALTER TABLE cbm_assignment DROP CONSTRAINT cbm_assignment_one_coordinator",
]

_SQLITE_OVERLAP = """
    other.area_id = NEW.area_id
    AND COALESCE(other.start_year, 0) <= COALESCE(NEW.end_year, 9999)
    AND COALESCE(NEW.start_year, 0) <= COALESCE(other.end_year, 9999)
"""


def _sqlite_trigger(name: str, event: str, rule: str, extra: str, message: str) -> str:
    exclude_self = "AND other.id != NEW.id" if event == "UPDATE" else ""
    return f"""
        CREATE TRIGGER {name} BEFORE {event} ON cbm_assignment
        WHEN EXISTS (
            SELECT 1 FROM cbm_assignment AS other
            WHERE {_SQLITE_OVERLAP} AND {rule} {exclude_self}
        ) {extra}
        BEGIN SELECT RAISE(ABORT, '{message}'); END
    """


SQLITE_FORWARD = [
    _sqlite_trigger(
        f"cbm_assignment_one_role_per_state_{event.lower()}",
        event,
        "other.state_id = NEW.state_id",
        "",
        "cbm_assignment_one_role_per_state",
    )
    for event in ("INSERT", "UPDATE")
] + [
    _sqlite_trigger(
        f"cbm_assignment_one_coordinator_{event.lower()}",
        event,
        "other.role = 'coordinator'",
        "AND NEW.role = 'coordinator'",
        "cbm_assignment_one_coordinator",
    )
    for event in ("INSERT", "UPDATE")
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS cbm_assignment_{rule}_{event}"
    for rule in ("one_role_per_state", "one_coordinator")
    for event in ("insert", "update")
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cbm", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
