"""The settings refuse to run production without its essentials, and say why in one line."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = secrets.token_urlsafe(50)


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    environment |= env
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_a_secret_key_stops_with_a_one_line_message():
    result = manage("check", DJANGO_ALLOWED_HOSTS="cica.example.org")

    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Configuration error: Production mode (DJANGO_DEBUG is off) needs DJANGO_SECRET_KEY; "
        "set it, or set DJANGO_DEBUG=1 for development."
    ]


def test_production_without_allowed_hosts_names_the_missing_variable():
    result = manage("check", DJANGO_SECRET_KEY=GOOD_KEY)

    assert result.returncode != 0
    assert "needs DJANGO_ALLOWED_HOSTS;" in result.stderr
    assert "DJANGO_SECRET_KEY" not in result.stderr


def test_production_with_nothing_set_names_both_variables():
    result = manage("check")

    assert result.returncode != 0
    assert "needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS; set them" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = manage("check", DJANGO_SECRET_KEY="short", DJANGO_ALLOWED_HOSTS="cica.example.org")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not a real secret" in result.stderr


def test_a_bad_boolean_is_refused_rather_than_guessed():
    result = manage("check", DJANGO_DEBUG="maybe")

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="cica.example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_needs_no_variable_but_debug():
    result = manage("check", DJANGO_DEBUG="1")

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("postgres://postgres@127.0.0.1:5432/cica", "django.db.backends.postgresql"),
        ("sqlite:////tmp/cica.sqlite3", "django.db.backends.sqlite3"),
    ],
)
def test_database_url_chooses_the_engine(url, engine):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env=os.environ
        | {"DJANGO_DEBUG": "1", "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "cica.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.strip() == engine, result.stderr


def test_healthz_answers_503_when_the_database_is_unreachable():
    # A real, unreachable server: nothing listens on port 1.
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "response = Client().get('/healthz')\n"
        "print(response.status_code, response.content.decode().strip())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=os.environ
        | {
            "DJANGO_DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "cica.settings",
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none?connect_timeout=2",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.strip() == "503 database unreachable", result.stderr


def test_without_redis_the_workers_of_one_server_share_the_content_version(tmp_path):
    """Two processes in production without REDIS_URL: an edit seen by one (a new content
    version) is seen by the other, as gunicorn's workers must."""
    env = {
        "DJANGO_SECRET_KEY": GOOD_KEY,
        "DJANGO_ALLOWED_HOSTS": "cica.example.org",
        "CICA_CACHE_DIR": str(tmp_path / "cache"),
    }
    code = "from cica.caching import {}; print({}())"

    bumped = manage("shell", "-c", code.format("bump_version", "bump_version"), **env)
    seen = manage("shell", "-c", code.format("current_version", "current_version"), **env)

    assert bumped.returncode == seen.returncode == 0, bumped.stderr + seen.stderr
    assert seen.stdout.strip() == bumped.stdout.strip() != ""
    assert any((tmp_path / "cache").iterdir())
