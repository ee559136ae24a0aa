"""Dates the sources leave open between two dates are shown as open, with what is known.

The 16 founding states: 15 took part in the 1st Ministerial Meeting of 1999, the 16th
had joined by the 1st Summit of 2002, and which one joined later is not recorded. No
page may show any of them as a member "since 1999" without saying so.
"""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from members.dates import describe_since
from members.models import State, StatusChange
from tests.admin_forms import opened_version
from tests.members.factories import make_state
from tests.members.test_admin import LANGUAGES, state_form
from tests.pages import text_of

WINDOW = {
    "en": "since 1999, or by 2002 at the latest",
    "ru": "с 1999 г. или не позднее 2002 г.",
    "zh-hans": "自1999年起，或最晚于2002年起",
    "ar": "منذ 1999، أو بحلول 2002 على أبعد تقدير",
}
NOTE_START = {
    "en": "One of the 16 founding states. Fifteen of them took part",
    "ru": "Одно из 16 государств-основателей. Пятнадцать из них участвовали",
    "zh-hans": "16个创始成员国之一。其中15国出席了",
    "ar": "إحدى الدول المؤسسة الست عشرة. شاركت خمس عشرة منها",
}


def uncertain_changes() -> list[StatusChange]:
    return list(StatusChange.objects.filter(certain_from__isnull=False).select_related("state"))


def card_of(html: str, state: State) -> str:
    """The state's card on the members page."""
    start = html.index(f'href="{state.get_absolute_url()}"')
    return html[html.rindex("<li>", 0, start) : html.index("</li>", start)]


@pytest.mark.django_db
def test_the_fixtures_record_the_founding_states_as_uncertain(site_data):
    changes = uncertain_changes()

    assert len(changes) == 16
    for change in changes:
        assert (change.date, change.precision) == (datetime.date(1999, 1, 1), "year")
        assert change.certain_from == datetime.date(2002, 6, 4)
        for language in LANGUAGES:
            assert getattr(change, f"note_{language}"), (change, language)


@pytest.mark.parametrize("language", list(WINDOW))
def test_every_page_of_an_uncertain_state_shows_the_window_and_the_note(
    client, site_data, language
):
    for change in uncertain_changes():
        with translation.override(language):
            url = change.state.get_absolute_url()
        text = text_of(client.get(url).content.decode())

        assert WINDOW[language] in text, (url, text[:600])
        assert NOTE_START[language] in text, url


@pytest.mark.parametrize("language", list(WINDOW))
def test_every_card_of_an_uncertain_state_points_to_the_note(client, site_data, language):
    html = client.get(f"/{language}/members/").content.decode()
    notes = re.findall(r'<li class="grid-notes__item" id="([^"]+)">(.*?)</li>', html, re.S)

    assert len(notes) == 1  # one note for all 16, not 16 copies
    note_id, note = notes[0]
    assert NOTE_START[language] in text_of(note)
    for change in uncertain_changes():
        with translation.override(language):
            card = card_of(html, change.state)
        assert f'aria-describedby="{note_id}"' in card
        assert WINDOW[language] in text_of(card)


def test_no_card_claims_a_plain_start_for_an_uncertain_state(client, site_data):
    """The class of defect: whatever the date, a window is never shown as a plain start."""
    state = make_state(code="XW", slug="window", name_en="Window State")
    state.status_changes.update(
        date=datetime.date(2010, 3, 1),
        precision="month",
        certain_from=datetime.date(2012, 3, 1),
        note_en="Joined between the two meetings.",
    )

    html = client.get("/en/members/").content.decode()
    page = text_of(client.get("/en/members/window/").content.decode())

    assert "since March 2010, or by March 2012 at the latest" in text_of(card_of(html, state))
    assert "Member since March 2010, or by March 2012 at the latest" in page
    assert "Joined between the two meetings." in page


def test_a_missing_translation_of_the_note_is_shown_in_english_marked_as_such(client, site_data):
    state = make_state(code="XW", slug="window", name_en="Window State")
    state.status_changes.update(
        date=datetime.date(2010, 1, 1),
        precision="year",
        certain_from=datetime.date(2012, 1, 1),
        note_en="Joined between the two meetings.",
    )

    html = client.get("/ru/members/window/").content.decode()

    assert '<span lang="en" dir="ltr">Joined between the two meetings.</span>' in html


@pytest.mark.parametrize("year", [1999, 2000, 2001])
def test_a_year_before_the_window_closes_flags_the_count(client, site_data, year):
    html = client.get(f"/en/members/?year={year}").content.decode()
    figure = html[
        html.index('href="#member-states"') : html.index(
            "</a>", html.index('href="#member-states"')
        )
    ]
    note_id = re.search(r'aria-describedby="([^"]+)"', figure)

    assert "16" in text_of(figure) and 'class="note-ref"' in figure
    assert note_id and f'id="{note_id[1]}"' in html  # the figure's note is on the page


@pytest.mark.parametrize("year", [2002, 2021])
def test_a_year_after_the_window_closes_counts_plainly(client, site_data, year):
    html = client.get(f"/en/members/?year={year}").content.decode()
    figure = html[
        html.index('href="#member-states"') : html.index(
            "</a>", html.index('href="#member-states"')
        )
    ]

    assert 'class="note-ref"' not in figure
    assert "aria-describedby" not in figure


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"date": datetime.date(2005, 1, 1), "certain_from": datetime.date(2004, 1, 1)},
        {"date": datetime.date(2005, 1, 1), "certain_from": datetime.date(2005, 1, 1)},
        {"date": None, "certain_from": datetime.date(2005, 1, 1)},
        {
            "date": datetime.date(2005, 1, 1),
            "approximate": True,
            "certain_from": datetime.date(2006, 1, 1),
        },
    ],
    ids=["before the date", "on the date", "without a date", "with at the latest"],
)
def test_database_refuses_a_window_that_is_not_one(fields):
    state = make_state(code="XW", slug="window")

    with pytest.raises(IntegrityError), transaction.atomic():
        StatusChange.objects.create(state=state, status="observer", note_en="Note.", **fields)


@pytest.mark.django_db
def test_a_window_needs_a_note():
    change = StatusChange(
        state=make_state(code="XW", slug="window"),
        status="observer",
        date=datetime.date(2005, 1, 1),
        certain_from=datetime.date(2006, 1, 1),
    )

    with pytest.raises(ValidationError, match="Say in the note"):
        change.full_clean()


def test_an_editor_records_a_window_with_its_note_in_four_languages(
    admin_client, client, site_data
):
    laos = State.objects.get(code="LA")
    notes = {
        "note_en": "Joined between the two meetings.",
        "note_ru": "Присоединилась в период между двумя совещаниями.",
        "note_zh_hans": "在两次会议之间加入。",
        "note_ar": "انضمت بين الاجتماعين.",
    }
    row = ("member", "2025-01-01", "year", False, {"certain_from": "2026-03-01", **notes})

    url = f"/admin/members/state/{laos.pk}/change/"
    response = admin_client.post(url, opened_version(admin_client, url) | state_form(laos, [row]))

    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    for language, key in [
        ("en", "note_en"),
        ("ru", "note_ru"),
        ("zh-hans", "note_zh_hans"),
        ("ar", "note_ar"),
    ]:
        text = text_of(client.get(f"/{language}/members/laos/").content.decode())
        with translation.override(language):
            expected = describe_since(
                datetime.date(2025, 1, 1), "year", False, datetime.date(2026, 3, 1)
            )
        assert expected in text and notes[key] in text, language


def test_an_editor_who_gives_a_window_without_a_note_gets_a_form_error(admin_client, site_data):
    laos = State.objects.get(code="LA")
    row = ("member", "2025-01-01", "year", False, {"certain_from": "2026-03-01"})

    url = f"/admin/members/state/{laos.pk}/change/"
    response = admin_client.post(url, opened_version(admin_client, url) | state_form(laos, [row]))

    assert response.status_code == 200
    assert "Say in the note (in English at least)" in response.content.decode()
    assert laos.status_changes.count() == 1
