"""A deployment that already edited its data keeps it through the migrations of dated facts.

Each test migrates an app back to before the change, creates rows as the old schema
stored them, migrates forward and checks what the new schema says.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets: list[tuple[str, str]]):
    """Migrate to ``targets`` and return the apps (historical models) of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_each_status_becomes_a_first_dated_change():
    old = migrate([("members", "0001_initial")])
    OldState = old.get_model("members", "State")
    for code, slug, status, year in [
        ("BD", "bangladesh", "member", 2014),
        ("JP", "japan", "observer", None),
    ]:
        OldState.objects.create(
            code=code, slug=slug, name=slug, name_en=slug.title(), short_name=slug,
            status=status, year_joined=year,
        )  # fmt: skip

    migrate_to_latest()

    from members.models import State

    bangladesh = State.objects.with_status().get(code="BD")
    japan = State.objects.with_status().get(code="JP")
    assert (bangladesh.status, bangladesh.status_since, bangladesh.status_precision) == (
        "member", datetime.date(2014, 1, 1), "year",
    )  # fmt: skip
    assert (japan.status, japan.status_since) == ("observer", None)
    assert [change.status for change in japan.history()] == ["observer"]


@pytest.mark.django_db(transaction=True)
def test_going_back_keeps_the_latest_status_and_the_year_joined():
    migrate_to_latest()
    from members.models import State, StatusChange

    state = State.objects.create(code="LK", slug="sri-lanka", name_en="Sri Lanka")
    StatusChange.objects.create(state=state, status="observer", date=datetime.date(2012, 1, 1))
    StatusChange.objects.create(state=state, status="member", date=datetime.date(2018, 8, 15))

    old = migrate([("members", "0001_initial")])

    restored = old.get_model("members", "State").objects.get(code="LK")
    assert (restored.status, restored.year_joined) == ("member", 2012)
    migrate_to_latest()


@pytest.mark.django_db(transaction=True)
def test_titles_and_names_stay_the_current_ones():
    old = migrate([("secretariat", "0002_drafts")])
    old.get_model("secretariat", "Position").objects.create(
        key="executive-director", title="Executive Director", title_en="Executive Director"
    )
    old.get_model("secretariat", "Body").objects.create(
        key="summit", category=1, name="Summit", name_en="Summit"
    )

    migrate_to_latest()

    from secretariat.models import Body, Position

    position = Position.objects.get(key="executive-director")
    assert position.title_en == "Executive Director"
    assert position.titled_on(datetime.date(2000, 1, 1)) == position  # no former title
    assert Body.objects.get(key="summit").named_on(datetime.date.today()).name_en == "Summit"
