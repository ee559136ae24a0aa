"""Checks that keep the project sound: migrations, interface translations, commands."""

import os
from io import StringIO
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po"))


@pytest.mark.django_db
def test_models_and_migrations_agree():
    output = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output)
    except SystemExit:
        pytest.fail(f"Models changed without a migration:\n{output.getvalue()}")


def test_there_is_a_catalogue_for_each_translated_language():
    assert [path.parent.parent.name for path in CATALOGUES] == ["ar", "ru", "zh_Hans"]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parent.parent.name)
def test_every_interface_string_is_translated(path):
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    untranslated = [
        message.id
        for message in catalogue
        if message.id
        and (
            message.fuzzy
            or not all(message.string if isinstance(message.string, tuple) else [message.string])
        )
    ]

    assert untranslated == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parent.parent.name)
def test_compiled_catalogue_matches_its_source(path):
    def entries(catalogue) -> dict:
        # Plural messages come back as lists from .mo files and tuples from .po files.
        return {
            tuple(message.id) if isinstance(message.id, list | tuple) else message.id: (
                tuple(message.string)
                if isinstance(message.string, list | tuple)
                else message.string
            )
            for message in catalogue
            if message.id
        }

    with path.open("rb") as handle:
        source = entries(read_po(handle))
    with path.with_suffix(".mo").open("rb") as handle:
        compiled = entries(read_mo(handle))

    assert compiled == source, "run 'make messages' to recompile the catalogues"


@pytest.mark.django_db
def test_development_admin_is_refused_outside_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DJANGO_DEBUG is off"):
        call_command("devadmin")
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_development_admin_can_log_in_to_the_admin(settings, client):
    settings.DEBUG = True
    output = StringIO()

    call_command("devadmin", stdout=output)

    assert "user 'admin', password 'cica-dev-admin'" in output.getvalue()
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "admin", "password": "cica-dev-admin", "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_suite_runs_on_the_database_ci_asked_for():
    """CI runs the suite twice; this proves each run really used its engine."""
    expected = os.environ.get("CICA_EXPECT_DATABASE")
    if expected is None:
        url = os.environ.get("DATABASE_URL", "")
        expected = "postgresql" if url.startswith("postgres") else "sqlite"

    assert connection.vendor == expected
