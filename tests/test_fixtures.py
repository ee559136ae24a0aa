"""The deployment data in fixtures/ loads cleanly, completely, and idempotently."""

import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from cica.management.commands.loadsite import FIXTURES
from secretariat.models import Body

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "fixtures"
LANGUAGES = ["en", "ru", "zh-hans", "ar"]


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"cica", "members", "cbm", "timeline", "secretariat"}
    }


def test_every_fixture_file_is_in_the_load_order():
    assert sorted(path.stem for path in FIXTURE_DIR.glob("*.json")) == sorted(FIXTURES)


def test_loading_the_fixtures_twice_leaves_the_same_rows(db):
    call_command("loaddata", *FIXTURES, verbosity=0)
    first = row_counts()
    call_command("loaddata", *FIXTURES, verbosity=0)

    assert row_counts() == first
    assert first["cica.Goal"] == 8
    assert first["cica.Introduction"] == 1


@pytest.mark.parametrize("name", FIXTURES)
def test_every_translated_field_is_filled_in_every_language(name):
    rows = json.loads((FIXTURE_DIR / f"{name}.json").read_text(encoding="utf-8"))
    gaps = []
    for row in rows:
        model = apps.get_model(row["model"])
        if model not in translator.get_registered_models():
            continue
        options = translator.get_options_for_model(model)
        for field in options.fields:
            for language in LANGUAGES:
                column = build_localized_fieldname(field, language)
                english = row["fields"].get(build_localized_fieldname(field, "en"))
                if english and not row["fields"].get(column):
                    gaps.append(f"{row['model']} {row.get('pk') or row['fields']}: {column}")

    assert gaps == []


def test_every_body_says_what_it_does(client, site_data):
    """A body's card on the structure page is never a bare name."""
    assert [body.key for body in Body.objects.filter(role_en="")] == []
    assert [body.key for body in Body.objects.filter(role_ar="")] == []
    text = client.get("/en/structure/").content.decode()
    assert "a 2016 article by the then Executive Director" in text


def test_fixture_rows_are_stored_as_saving_them_would_store_them(db):
    """loaddata bypasses save(); the fixtures must already hold what save() derives."""
    from members.models import StatusChange
    from secretariat.models import Chairmanship, FormerBodyName, FormerPositionTitle, Person
    from timeline.models import Event

    call_command("loaddata", *FIXTURES, verbosity=0)
    for model in (Event, Person, Chairmanship, StatusChange, FormerBodyName, FormerPositionTitle):
        for obj in model.objects.all():
            before = {
                field: getattr(obj, field)
                for field in ("start_date", "end_date", "date", "ended")
                if hasattr(obj, field)
            }
            obj.save()
            obj.refresh_from_db()
            after = {field: getattr(obj, field) for field in before}
            assert after == before, obj


SNAPSHOT = FIXTURES[: FIXTURES.index("changes")]
# What the changes of 2022–2026 may change in a row the snapshot already holds.
CHANGED_FIELDS = {
    "secretariat.body": {"name", "role", "frequency"},
    "secretariat.position": {"title"},
    "secretariat.person": {"end_date", "end_precision"},
    "secretariat.chairmanship": {"end_date", "end_precision"},
}


def natural_key(row: dict) -> tuple:
    fields = row["fields"]
    for key in ("code", "key", "slug"):
        if key in fields:
            return (row["model"], fields[key])
    return (row["model"], json.dumps(fields, sort_keys=True))


def test_the_changes_layer_is_loaded_last():
    assert FIXTURES[-1] == "changes"


def test_the_changes_layer_repeats_snapshot_rows_changing_only_what_changed():
    """loaddata replaces a whole row: a row of the changes layer that overrides one of the
    snapshot must carry the snapshot's other fields unchanged, or they would be lost."""
    snapshot = {}
    for name in SNAPSHOT:
        for row in json.loads((FIXTURE_DIR / f"{name}.json").read_text(encoding="utf-8")):
            snapshot[natural_key(row)] = row
    changes = json.loads((FIXTURE_DIR / "changes.json").read_text(encoding="utf-8"))
    overridden = [row for row in changes if natural_key(row) in snapshot]

    assert len(overridden) == 6  # two bodies, two positions, Chi Fang, Kazakhstan's chairmanship
    for row in overridden:
        before = snapshot[natural_key(row)]["fields"]
        allowed = CHANGED_FIELDS[row["model"]]
        changed = {
            field
            for field in set(before) | set(row["fields"])
            if before.get(field) != row["fields"].get(field)
        }
        assert {re.sub(r"_(en|ru|zh_hans|ar)$", "", field) for field in changed} <= allowed, row


def test_the_snapshot_alone_is_cica_as_of_2021(client, db):
    call_command("loaddata", *SNAPSHOT, verbosity=0)

    members = client.get("/en/members/?year=2021").context["member_states"]
    secretariat = client.get("/en/secretariat/?year=2021").content.decode()

    assert len(members) == 27
    assert "Kuwait" not in [state.name for state in members]
    assert "Executive Director" in secretariat and "Secretary General" not in secretariat
    assert "Chairmanship at the end of 2021" in secretariat and "Kazakhstan" in secretariat


def test_with_both_layers_the_site_is_true_as_of_today(client, site_data):
    members = client.get("/en/members/").context["member_states"]
    secretariat = client.get("/en/secretariat/").content.decode()

    assert len(members) == 28
    assert "Kuwait" in [state.name for state in members]
    assert "Current chairmanship" in secretariat and "Azerbaijan" in secretariat
    assert 'id="executive-director-heading">Secretary General</h3>' in secretariat
    assert "Zhang Ling" in secretariat
