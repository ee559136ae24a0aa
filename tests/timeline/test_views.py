import datetime
import re

import pytest
from django.utils.translation import override

from members.models import State
from tests.conftest import FOOTER_QUERIES, MEETING_NAME_QUERIES
from tests.pages import text_of
from tests.timeline.factories import make_document, make_event, pdf_upload
from timeline.models import Document

INFOGRAPHIC_EVENTS = [
    ("1992", "Initiative to convene CICA"),
    ("1999", "1st CICA Ministerial Meeting"),
    ("2002", "1st CICA Summit"),
    ("2004", "2nd CICA Ministerial Meeting"),
    ("2006", "2nd CICA Summit"),
    ("2008", "3rd CICA Ministerial Meeting"),
    ("2010", "3rd CICA Summit"),
    ("2011", "Informal Meeting of the CICA Ministers of Foreign Affairs"),
    ("2012", "4th CICA Ministerial Meeting"),
    ("2013", "Informal Meeting of the CICA Ministers of Foreign Affairs"),
    ("2014", "4th CICA Summit"),
    ("2016", "5th CICA Ministerial Meeting"),
    ("2017", "Informal Meeting of the CICA Ministers of Foreign Affairs"),
    ("2019", "5th CICA Summit"),
    ("2019", "Informal Meeting of the CICA Ministers of Foreign Affairs"),
    ("2020", "Special Meeting of the CICA Ministers of Foreign Affairs"),
    ("2021", "6th CICA Ministerial Meeting"),
]
# The meetings since the infographic, each named by the names of its day.
LATER_EVENTS = [
    ("2022", "6th CICA Summit"),
    ("2023", "Informal Ministerial Council of CICA"),
    ("2024", "7th Ministerial Council of CICA"),
]


def timeline_entries(content: str) -> list[tuple[str, str]]:
    """(year heading, event name) for each event of the timeline, in page order."""
    entries = []
    for year, body in re.findall(
        r'<h2 class="timeline__year-heading"[^>]*>(\d{4})</h2>(.*?)</section>', content, re.S
    ):
        for name in re.findall(r'<h3 class="event__name"><a [^>]+>(.*?)</a></h3>', body, re.S):
            entries.append((year, text_of(name)))
    return entries


def test_history_lists_the_infographics_events_then_the_later_ones_in_order(client, site_data):
    content = client.get("/en/history/").content.decode()

    assert timeline_entries(content) == INFOGRAPHIC_EVENTS + LATER_EVENTS


@pytest.mark.parametrize(
    ("language", "old_names", "new_names"),
    [
        (
            "en",
            ["4th CICA Summit", "6th CICA Ministerial Meeting"],
            [
                "6th CICA Summit",
                "Informal Ministerial Council of CICA",
                "7th Ministerial Council of CICA",
            ],
        ),
        (
            "ru",
            ["4-й саммит СВМДА", "6-е Совещание министров иностранных дел СВМДА"],
            [
                "6-й саммит СВМДА",
                "Неформальное заседание Совета министров иностранных дел СВМДА",
                "7-е заседание Совета министров иностранных дел СВМДА",
            ],
        ),
        (
            "zh-hans",
            ["亚信第四次峰会", "亚信第六次外长会议"],
            ["亚信第六次峰会", "亚信非正式外长理事会会议", "亚信第七次外长理事会会议"],
        ),
        (
            "ar",
            ["قمة سيكا الرابعة", "الاجتماع الوزاري السادس لسيكا"],
            [
                "قمة سيكا السادسة",
                "الاجتماع غير الرسمي للمجلس الوزاري لسيكا",
                "الاجتماع السابع للمجلس الوزاري لسيكا",
            ],
        ),
    ],
)
def test_meetings_are_named_by_the_names_of_their_day(
    client, site_data, language, old_names, new_names
):
    names = [
        name
        for _year, name in timeline_entries(client.get(f"/{language}/history/").content.decode())
    ]

    assert names[10] == old_names[0]  # 2014: the Summit keeps its name
    assert names[16] == old_names[1]  # 2021: still the Ministerial Meeting
    assert names[-3:] == new_names


def test_an_editor_renames_a_kind_of_meeting_from_a_date(admin_client, client, site_data):
    data = {
        "kind": "summit",
        "since": "2014-05-21",
        "name_en": "Example Council",
        "numbered_name_en": "{ordinal} Example Council",
    }
    for field in ("name", "numbered_name"):
        for language in ("ru", "zh_hans", "ar"):
            data[f"{field}_{language}"] = ""

    response = admin_client.post("/admin/timeline/meetingname/add/", data)

    assert response.status_code == 302
    names = [name for _year, name in timeline_entries(client.get("/en/history/").content.decode())]
    assert "4th CICA Summit" in names  # began on 20 May 2014, the day before
    assert "5th Example Council" in names and "6th Example Council" in names
    ru = client.get("/ru/history/2019-5th-summit/").content.decode()
    assert '<span lang="en" dir="ltr">5th Example Council</span>' in ru  # not translated yet


@pytest.mark.parametrize(
    "pattern",
    [
        "CICA Summit",
        "{nth} CICA Summit",
        "{ordinal CICA Summit",
        "{0} CICA Summit",
        "{ordinal.__class__} CICA Summit",
        "{ordinal!r} CICA Summit",
        "{ordinal:>20} CICA Summit",
        "{ordinal[0]} CICA Summit",
    ],
)
def test_a_name_pattern_without_a_known_placeholder_is_refused(admin_client, site_data, pattern):
    data = {"kind": "summit", "since": "2030-01-01", "name_en": "X", "numbered_name_en": pattern}

    response = admin_client.post("/admin/timeline/meetingname/add/", data)

    assert response.status_code == 200
    assert "Write the number as a placeholder in braces" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["5 October 1992", "September 2011", "20–21 May 2014", "11–12 October 2021"]),
        (
            "ru",
            ["5 октября 1992 г.", "Сентябрь 2011 г.", "20–21 мая 2014 г.", "11–12 октября 2021 г."],
        ),
        ("zh-hans", ["1992年10月5日", "2011年9月", "2014年5月20日至21日", "2021年10月11日至12日"]),
        ("ar", ["5 أكتوبر 1992", "سبتمبر 2011", "20–21 مايو 2014", "11–12 أكتوبر 2021"]),
    ],
)
def test_history_shows_dates_at_their_precision(client, site_data, language, expected):
    dates = re.findall(
        r"<time [^>]*>([^<]+)</time>", client.get(f"/{language}/history/").content.decode()
    )

    for date in expected:
        assert date in dates
    assert '<time datetime="2011-09">' in client.get(f"/{language}/history/").content.decode()


def test_history_lists_documents_under_their_event(client, site_data):
    content = client.get("/en/history/").content.decode()
    summit = text_of(content.split('id="2002-1st-summit"')[1].split('<li class="event"')[0])

    assert "Documents adopted Almaty Act Declaration on Eliminating Terrorism" in summit


def test_documents_without_a_file_are_listed_without_a_link(client, site_data):
    content = client.get("/en/history/").content.decode()

    assert content.count('class="document"') == Document.objects.count() == 31
    assert 'class="document__link"' not in content
    assert '<span class="document__title">Almaty Act</span>' in content


def test_a_file_in_the_readers_language_is_linked_plainly(client, site_data):
    document = Document.objects.get(event__slug="2014-4th-summit", order=10)
    document.file_ru = pdf_upload("shanghai-ru.pdf")
    document.save()

    content = client.get("/ru/history/2014-4th-summit/").content.decode()

    assert (
        f'<a class="document__link" href="{document.file_ru.url}" type="application/pdf" '
        f'hreflang="ru">Шанхайская декларация</a>' in content
    )
    assert '<span class="document__meta">PDF</span>' in content


def test_otherwise_another_languages_file_is_linked_and_marked(client, site_data):
    document = Document.objects.get(event__slug="2014-4th-summit", order=10)
    document.file_en = pdf_upload("shanghai-en.pdf")
    document.save()

    ru = client.get("/ru/history/2014-4th-summit/").content.decode()
    zh = client.get("/zh-hans/history/2014-4th-summit/").content.decode()

    assert f'href="{document.file_en.url}" type="application/pdf" hreflang="en"' in ru
    assert "PDF, язык: английский" in ru
    assert "PDF，英语" in zh


def test_event_page_shows_its_facts_and_documents(client, site_data):
    response = client.get("/en/history/2021-6th-ministerial-meeting/")
    text = text_of(response.content.decode())

    assert response.status_code == 200
    assert "6th CICA Ministerial Meeting" in text
    assert "Security and Sustainable Development in Asia in New Realities" in text
    assert "Date 11–12 October 2021" in text
    assert "Place Nur-Sultan, Kazakhstan" in text
    assert "Updated Catalogue of Confidence Building Measures" in text


def test_unknown_event_is_a_404(client, site_data):
    assert client.get("/en/history/1990-nothing/").status_code == 404


def test_state_page_lists_the_meetings_it_hosted(client, site_data):
    kazakhstan = client.get("/en/members/kazakhstan/").content.decode()
    china = client.get("/en/members/china/").content.decode()
    japan = client.get("/en/members/japan/").content.decode()

    hosted = kazakhstan.split('id="events-heading"')[1]
    assert '<time datetime="1999-09-14">14 September 1999</time>, Almaty' in hosted
    assert re.findall(r'href="/en/history/([^"]+)/"', hosted) == [
        "1999-1st-ministerial-meeting",
        "2002-1st-summit",
        "2004-2nd-ministerial-meeting",
        "2006-2nd-summit",
        "2008-3rd-ministerial-meeting",
        "2012-4th-ministerial-meeting",
        "2021-6th-ministerial-meeting",
        "2022-6th-summit",
    ]
    assert re.findall(r'href="/en/history/([^"]+)/"', china.split('id="events-heading"')[1]) == [
        "2014-4th-summit",
        "2016-5th-ministerial-meeting",
    ]
    assert 'id="events-heading"' not in japan


def test_a_new_event_takes_its_place_in_date_order(client, site_data):
    make_event(
        kind="other",
        ordinal=None,
        title_en="Example conference",
        date=datetime.date(2023, 5, 1),
        slug="2023-example",
        host_state=State.objects.get(code="KZ"),
    )

    entries = timeline_entries(client.get("/en/history/").content.decode())

    assert entries[-3:-1] == [("2023", "Example conference"), LATER_EVENTS[1]]


def test_month_and_year_precision_dates_are_stored_as_the_first_day(db):
    event = make_event(date=datetime.date(2011, 9, 21), date_precision="month")
    other = make_event(date=datetime.date(2011, 9, 21), date_precision="year", slug="y")

    assert event.date == datetime.date(2011, 9, 1)
    assert other.date == datetime.date(2011, 1, 1)


def test_timeline_query_count_is_constant(client, site_data, django_assert_num_queries):
    for index in range(170):
        event = make_event(
            date=datetime.date(1993 + index % 30, 1 + index % 12, 1),
            slug=f"extra-{index}",
            ordinal=index + 10,
        )
        for order in (10, 20):
            make_document(event, order=order, title_en=f"Document {index}.{order}")

    # events with their host states, documents; the names of meetings; the footer's contacts
    with django_assert_num_queries(2 + MEETING_NAME_QUERIES + FOOTER_QUERIES):
        response = client.get("/en/history/")

    assert response.context["event_count"] == 190


def test_event_page_query_count(client, site_data, django_assert_num_queries):
    # the event with its host and documents; the previous and next meetings; names; footer
    with django_assert_num_queries(3 + MEETING_NAME_QUERIES + FOOTER_QUERIES):
        client.get("/en/history/2004-2nd-ministerial-meeting/")


def test_event_page_links_the_previous_and_next_events(client, site_data):
    page = client.get("/en/history/2004-2nd-ministerial-meeting/").content.decode()
    pager = text_of(page.split('class="pager"')[1].split("</nav>")[0])

    assert "Previous event 1st CICA Summit 4 June 2002" in pager
    assert "Next event 2nd CICA Summit" in pager
    assert 'rel="prev" href="/en/history/2002-1st-summit/"' in page
    first = client.get("/ru/history/1992-initiative/").content.decode()
    assert 'rel="prev"' not in first
    assert 'rel="next" href="/ru/history/1999-1st-ministerial-meeting/"' in first
    assert "Следующее событие" in text_of(first)


def test_event_page_facts_are_labelled_for_a_reader(client, site_data):
    text = text_of(client.get("/en/history/2002-1st-summit/").content.decode())

    assert "Type of meeting Summit" in text


def test_history_pages_are_in_the_sitemap(client, site_data):
    content = client.get("/sitemap.xml").content.decode()

    assert "<loc>http://testserver/zh-hans/history/</loc>" in content
    assert "<loc>http://testserver/ar/history/2019-5th-summit/</loc>" in content


def test_english_title_shown_for_want_of_a_translation_is_marked(client, db):
    make_event(kind="other", ordinal=None, title_en="Founding ceremony", slug="founding")

    with override("ru"):
        content = client.get("/ru/history/").content.decode()

    assert '<span lang="en" dir="ltr">Founding ceremony</span>' in content


def test_a_bad_pattern_that_bypassed_the_form_falls_back_to_the_plain_name(client, site_data):
    from timeline.models import MeetingName

    MeetingName.objects.filter(kind="ministerial").update(
        numbered_name_en="{ordinal.__class__} Council"
    )

    names = [name for _year, name in timeline_entries(client.get("/en/history/").content.decode())]

    assert names[-1] == "Ministerial Council of CICA"
