"""The subscriptions to the history: the Atom feed and the calendar of meetings."""

import datetime
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
import reversion
from django.conf import settings
from django.test import Client
from icalendar import Calendar
from reversion.models import Version

from tests.conftest import MEETING_NAME_QUERIES
from tests.timeline.factories import make_event
from timeline.models import Event

ATOM = "{http://www.w3.org/2005/Atom}"
LANGUAGES = ["en", "ru", "zh-hans", "ar"]
# The events of the fixtures known only to their month (none is known only to its year).
MONTH_ONLY = {"2011-informal-ministerial-meeting", "2019-informal-ministerial-meeting"}
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)")


def atom(client, language: str = "en") -> bytes:
    response = client.get(f"/{language}/history/feed/")
    assert response.status_code == 200
    return response.content


def calendar(client, language: str = "en") -> Calendar:
    response = client.get(f"/{language}/history/meetings.ics")
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def events_by_uid(cal: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in cal.walk("VEVENT")}


# --- Atom -------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feed_follows_the_atom_rules_a_validator_checks(client, site_data, language):
    content = atom(client, language)
    root = ET.fromstring(content)
    feed_url = f"http://testserver/{language}/history/feed/"

    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert root.findtext(f"{ATOM}id") == feed_url
    assert RFC3339.fullmatch(root.findtext(f"{ATOM}updated"))
    assert root.find(f"{ATOM}author/{ATOM}name").text  # so entries need none of their own
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"self": feed_url, "alternate": f"http://testserver/{language}/history/"}

    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == Event.objects.published().count() == 20
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert entry.findtext(f"{ATOM}title").strip()
        assert RFC3339.fullmatch(entry.findtext(f"{ATOM}updated"))
        (link,) = entry.findall(f"{ATOM}link")
        assert link.get("rel") == "alternate"
        assert link.get("href") == entry.findtext(f"{ATOM}id")
        assert link.get("href").startswith(f"http://testserver/{language}/history/")
        assert entry.find(f"{ATOM}summary").get("type") == "html"

    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.language == language


@pytest.mark.parametrize(
    ("language", "feed_title", "entry_title", "summary"),
    [
        ("en", "History of CICA", "4th CICA Summit", "20–21 May 2014, Shanghai, China"),
        ("ru", "История СВМДА", "Четвертый саммит СВМДА", "20–21 мая 2014 г., Шанхай, Китай"),
        ("zh-hans", "亚信历史", "亚信第四次峰会", "中国上海"),
        ("ar", "تاريخ سيكا", "قمة سيكا الرابعة", "شنغهاي، الصين"),
    ],
)
def test_the_feed_is_written_in_its_language(
    client, site_data, language, feed_title, entry_title, summary
):
    parsed = feedparser.parse(atom(client, language))
    entries = {entry.link: entry for entry in parsed.entries}
    summit = entries[f"http://testserver/{language}/history/2014-4th-summit/"]

    assert parsed.feed.title == feed_title
    assert summit.title == entry_title
    assert summary in summit.summary


def test_the_feed_carries_every_event_newest_first_even_those_known_to_the_month(client, site_data):
    parsed = feedparser.parse(atom(client))
    slugs = [entry.link.split("/")[-2] for entry in parsed.entries]

    assert slugs[:2] == ["2024-7th-ministerial-council", "2023-informal-ministerial-council"]
    assert slugs[-1] == "1992-initiative"
    assert MONTH_ONLY <= set(slugs)
    september = next(e for e in parsed.entries if "2011-informal" in e.link)
    assert "September 2011, New York" in september.summary


def test_an_entry_is_updated_when_its_event_was_last_revised(client, site_data):
    event = Event.objects.get(slug="2014-4th-summit")
    with reversion.create_revision():
        event.save()
    revised = Version.objects.get_for_object(event).first().revision.date_created

    parsed = feedparser.parse(atom(client))
    entry = next(e for e in parsed.entries if "2014-4th-summit" in e.link)
    updated = datetime.datetime.fromisoformat(entry.updated)

    assert updated == revised.replace(microsecond=0)
    # The feed changed when its latest entry did.
    assert datetime.datetime.fromisoformat(parsed.feed.updated) >= updated


# --- iCalendar --------------------------------------------------------------


def test_the_calendar_has_one_event_per_meeting_known_to_the_day(client, site_data):
    events = events_by_uid(calendar(client))
    published = Event.objects.published()

    assert len(events) == published.filter(date_precision="day").count() == 18
    assert {uid.split("@")[0] for uid in events} == {
        event.slug for event in published if event.slug not in MONTH_ONLY
    }


def test_a_single_day_meeting_is_one_all_day_event(client, site_data):
    response = client.get("/en/history/meetings.ics")
    summit = events_by_uid(Calendar.from_ical(response.content))["2002-1st-summit@testserver"]

    assert summit.decoded("DTSTART") == datetime.date(2002, 6, 4)
    assert summit.decoded("DTEND") == datetime.date(2002, 6, 5)  # exclusive: the day after
    assert b"DTSTART;VALUE=DATE:20020604\r\n" in response.content
    assert b"DTEND;VALUE=DATE:20020605\r\n" in response.content


def test_a_meeting_over_several_days_spans_them_all(client, site_data):
    events = events_by_uid(calendar(client))
    summit = events["2014-4th-summit@testserver"]
    council = events["2022-6th-summit@testserver"]

    assert (summit.decoded("DTSTART"), summit.decoded("DTEND")) == (
        datetime.date(2014, 5, 20),
        datetime.date(2014, 5, 22),  # 20 and 21 May
    )
    assert (council.decoded("DTSTART"), council.decoded("DTEND")) == (
        datetime.date(2022, 10, 12),
        datetime.date(2022, 10, 14),
    )


def test_calendar_uids_are_unique_and_stable_across_requests_and_languages(client, site_data):
    english = [str(event["UID"]) for event in calendar(client).walk("VEVENT")]
    again = [str(event["UID"]) for event in calendar(client).walk("VEVENT")]
    arabic = [str(event["UID"]) for event in calendar(client, "ar").walk("VEVENT")]

    assert len(set(english)) == len(english)
    assert english == again == arabic


@pytest.mark.parametrize(
    ("language", "name", "summary", "location"),
    [
        ("en", "CICA meetings", "4th CICA Summit", "Shanghai, China"),
        ("ru", "Встречи СВМДА", "Четвертый саммит СВМДА", "Шанхай, Китай"),
        ("zh-hans", "亚信会议", "亚信第四次峰会", "中国上海"),
        ("ar", "اجتماعات سيكا", "قمة سيكا الرابعة", "شنغهاي، الصين"),
    ],
)
def test_the_calendar_is_written_in_its_language(
    client, site_data, language, name, summary, location
):
    cal = calendar(client, language)
    summit = events_by_uid(cal)["2014-4th-summit@testserver"]

    assert str(cal["X-WR-CALNAME"]) == str(cal["NAME"]) == name
    assert str(summit["SUMMARY"]) == summary
    assert summit["SUMMARY"].params["LANGUAGE"] == language
    assert str(summit["LOCATION"]) == location
    assert str(summit["URL"]) == f"http://testserver/{language}/history/2014-4th-summit/"


def test_the_calendar_is_in_the_secretariats_time_zone_with_times_in_utc(client, site_data):
    response = client.get("/en/history/meetings.ics")
    cal = Calendar.from_ical(response.content)

    assert str(cal["X-WR-TIMEZONE"]) == settings.TIME_ZONE == "Asia/Almaty"
    assert str(cal["VERSION"]) == "2.0"
    for event in cal.walk("VEVENT"):
        stamp = event.decoded("DTSTAMP")
        assert isinstance(stamp, datetime.datetime)
        assert stamp.utcoffset() == datetime.timedelta(0)
    assert re.search(rb"\r\nDTSTAMP:\d{8}T\d{6}Z\r\n", response.content)


def test_calendar_lines_are_folded_and_text_escaped(client, db):
    make_event(
        theme_en="Dialogue, trust; and a theme long enough to need folding " * 3,
        place_en="Astana, left bank",
    )

    content = client.get("/en/history/meetings.ics").content
    event = Calendar.from_ical(content).walk("VEVENT")[0]

    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    assert b"LOCATION;LANGUAGE=en:Astana\\, left bank\r\n" in content
    assert str(event["LOCATION"]) == "Astana, left bank"
    assert str(event["DESCRIPTION"]).startswith("Dialogue, trust; and a theme long enough")


# --- Both -------------------------------------------------------------------


def test_drafts_never_reach_the_feed_or_the_calendar_even_for_editors(
    client, admin_client, site_data
):
    make_event(slug="2030-draft-summit", published=False, date=datetime.date(2030, 5, 4))

    for visitor in (client, admin_client):
        assert b"2030-draft-summit" not in atom(visitor)
        assert "2030-draft-summit@testserver" not in events_by_uid(calendar(visitor))


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/en/history/feed/", "application/atom+xml; charset=utf-8"),
        ("/ar/history/meetings.ics", "text/calendar; charset=utf-8"),
    ],
)
def test_feeds_are_cached_like_pages_and_take_only_get_and_head(
    client, site_data, path, content_type, django_assert_num_queries
):
    first = client.get(path)
    with django_assert_num_queries(0):
        second = client.get(path)

    assert first["Content-Type"] == second["Content-Type"] == content_type
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.head(path).status_code == 200
    forms = Client(enforce_csrf_checks=True)
    for method in ("post", "put", "delete"):
        response = getattr(forms, method)(path)
        assert response.status_code == 405, method
        assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}


def test_an_edit_reaches_the_feeds_at_once(client, site_data):
    client.get("/en/history/feed/")
    client.get("/en/history/meetings.ics")
    Event.objects.filter(slug="2014-4th-summit").update(published=False)
    Event.objects.get(slug="2002-1st-summit").save()  # a save starts a new content version

    assert b"2014-4th-summit" not in atom(client)
    assert "2014-4th-summit@testserver" not in events_by_uid(calendar(client))


@pytest.mark.parametrize("path", ["/en/history/feed/", "/en/history/meetings.ics"])
def test_feed_query_count_is_constant(client, site_data, path, django_assert_num_queries):
    for index in range(100):
        start = datetime.date(1993 + index % 30, 1 + index % 12, 1 + index % 28)
        make_event(
            date=start,
            end_date=start + datetime.timedelta(days=index % 3),
            slug=f"extra-{index}",
            ordinal=index + 10,
        )

    # the events with their host states and last versions; the names of meetings
    with django_assert_num_queries(1 + MEETING_NAME_QUERIES):
        response = client.get(path)

    assert response.content.count(b"extra-") >= 100


# --- Where they are offered -------------------------------------------------


@pytest.mark.parametrize(
    ("language", "feed_title", "calendar_title", "label"),
    [
        ("en", "History of CICA: news feed", "CICA meetings: calendar", "Subscribe:"),
        ("ru", "История СВМДА: лента новостей", "Встречи СВМДА: календарь", "Подписаться:"),
        ("zh-hans", "亚信历史：新闻订阅", "亚信会议：日历", "订阅："),
        ("ar", "تاريخ سيكا: موجز الأخبار", "اجتماعات سيكا: التقويم", "للاشتراك:"),
    ],
)
def test_history_pages_advertise_the_feeds(
    client, site_data, language, feed_title, calendar_title, label
):
    for path in (f"/{language}/history/", f"/{language}/history/2002-1st-summit/"):
        head = client.get(path).content.decode().split("</head>")[0]

        assert (
            f'<link rel="alternate" type="application/atom+xml" '
            f'href="/{language}/history/feed/" title="{feed_title}">'
        ) in head
        assert (
            f'<link rel="alternate" type="text/calendar" '
            f'href="/{language}/history/meetings.ics" title="{calendar_title}">'
        ) in head

    page = client.get(f"/{language}/history/").content.decode()
    subscribe = page.split('<p class="subscribe">')[1].split("</p>")[0]
    assert label in subscribe
    assert f'href="/{language}/history/feed/" type="application/atom+xml"' in subscribe
    assert f'href="/{language}/history/meetings.ics" type="text/calendar"' in subscribe
