"""Settings and helpers shared by the whole suite.

``CICA_STRICT_TESTS=1`` (set by ``.ci/run``) turns every skipped test into a
failure: in CI a missing browser or database is an error, on a laptop a skip.
"""

import datetime
import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from cica.management.commands.loadsite import FIXTURES
from cica.middleware import recent_pages

STRICT = os.environ.get("CICA_STRICT_TESTS") == "1"

# Every public page's footer reads the Secretariat's contacts and social links
# (two queries) unless they are cached; each test starts with an empty cache.
FOOTER_QUERIES = 2
# A page that names meetings reads the recorded names of meetings once, unless cached.
MEETING_NAME_QUERIES = 1


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if STRICT and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"A skipped test fails in CI (CICA_STRICT_TESTS=1): {report.longrepr}"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Uploads go to a temporary folder; passwords hash fast; no cache survives a test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    recent_pages.clear()
    # A request leaves its language active in the thread: each test starts in English.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def today(monkeypatch):
    """Move the Secretariat's calendar to a given day."""

    def move(day: datetime.date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)

    return move


@pytest.fixture
def site_data(db):
    """Everything in fixtures/, loaded as a deployment loads it."""
    call_command("loaddata", *FIXTURES, verbosity=0)
