"""The deployment data in fixtures/ loads cleanly, completely, and idempotently."""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from cica.management.commands.loadsite import FIXTURES

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


def test_fixture_rows_are_stored_as_saving_them_would_store_them(db):
    """loaddata bypasses save(); the fixtures must already hold what save() derives."""
    from secretariat.models import Chairmanship, Person
    from timeline.models import Event

    call_command("loaddata", *FIXTURES, verbosity=0)
    for model in (Event, Person, Chairmanship):
        for obj in model.objects.all():
            before = {
                field: getattr(obj, field)
                for field in ("start_date", "end_date", "date")
                if hasattr(obj, field)
            }
            obj.save()
            obj.refresh_from_db()
            after = {field: getattr(obj, field) for field in before}
            assert after == before, obj
