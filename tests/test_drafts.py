"""Drafts never reach visitors, the sitemap or a count; staff preview them on their pages."""

import re

import pytest

from secretariat.models import Person, Priority
from timeline.models import Document, Event


@pytest.fixture
def draft_event(site_data) -> Event:
    event = Event.objects.get(slug="2017-informal-ministerial-meeting")
    event.published = False
    event.save()
    return event


def test_a_draft_event_is_hidden_from_visitors(client, draft_event):
    timeline = client.get("/en/history/")

    assert client.get("/en/history/2017-informal-ministerial-meeting/").status_code == 404
    assert "2017-informal-ministerial-meeting" not in timeline.content.decode()
    assert timeline.context["event_count"] == 19
    assert "2017-informal" not in client.get("/sitemap.xml").content.decode()


def test_staff_preview_a_draft_event_on_its_page(admin_client, draft_event):
    response = admin_client.get("/en/history/2017-informal-ministerial-meeting/")

    assert response.status_code == 200
    assert '<span class="draft-badge">Draft, not published</span>' in response.content.decode()
    assert "Draft, not published" in admin_client.get("/en/history/").content.decode()


def test_a_draft_event_is_not_listed_among_a_states_meetings(client, site_data):
    Event.objects.filter(slug="2014-4th-summit").update(published=False)

    china = client.get("/en/members/china/").content.decode()

    assert "2014-4th-summit" not in china
    assert "2016-5th-ministerial-meeting" in china


def test_a_draft_document_is_hidden_from_visitors_and_shown_to_staff(
    client, admin_client, site_data
):
    Document.objects.filter(title_en="Shanghai Declaration").update(published=False)

    assert "Shanghai Declaration" not in client.get("/en/history/2014-4th-summit/").content.decode()
    staff = admin_client.get("/en/history/2014-4th-summit/").content.decode()
    assert "Shanghai Declaration" in staff
    assert "Draft, not published" in staff


def test_a_draft_person_and_priority_are_hidden_from_visitors(client, admin_client, site_data):
    Person.objects.filter(slug="chi-fang").update(published=False)
    Priority.objects.filter(order=10).update(published=False)

    # Kazakhstan's priorities are shown while it chairs, as on the page of 2021.
    visitor = client.get("/en/secretariat/?year=2021").content.decode()
    staff = admin_client.get("/en/secretariat/?year=2021").content.decode()

    assert "Chi Fang" not in visitor
    assert "Advancing the initiative" not in visitor
    assert "Chi Fang" in staff and "Advancing the initiative" in staff
    assert staff.count("Draft, not published") == 2


def test_new_content_is_published_unless_the_editor_says_otherwise(admin_client, site_data):
    content = admin_client.get("/admin/timeline/event/add/").content.decode()

    assert re.search(r'<input type="checkbox" name="published"[^>]* checked>', content)
