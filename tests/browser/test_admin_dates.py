"""Date-only fields in the admin: a calendar, and no time-zone note (a date has no time)."""

import pytest
from django.contrib.auth.models import User

from tests.members.factories import make_state
from tests.timeline.factories import make_event


@pytest.fixture
def editor_page(browser, live_server, db):
    User.objects.create_superuser("boss", password="a long enough password")
    # A browser far from the Secretariat's time zone (Asia/Almaty): Django's note would
    # say "You are 10 hours behind server time".
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, timezone_id="America/New_York", locale="ru-RU"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", "a long enough password")
    page.click("input[type=submit]")
    yield page
    context.close()


def test_no_time_zone_note_beside_a_date_field(editor_page, live_server):
    state = make_state()
    event = make_event()
    for path in (
        f"/admin/members/state/{state.pk}/change/",
        f"/admin/timeline/event/{event.pk}/change/",
    ):
        editor_page.goto(live_server.url + path)
        editor_page.wait_for_load_state("load")
        # The calendar is there: the date widget's script ran.
        assert editor_page.locator(".datetimeshortcuts").count() >= 1
        assert editor_page.locator(".timezonewarning").count() == 0
        assert "времени сервера" not in editor_page.content()
