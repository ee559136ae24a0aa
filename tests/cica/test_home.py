"""The home page's face: who chairs CICA and heads the Secretariat, the latest and the
next meetings, and the map of member and observer states."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils import translation

from cica import worldmap
from members.models import State
from secretariat.models import Chairmanship
from timeline.models import Event

LANGUAGES = ["en", "ru", "zh-hans", "ar"]


def text_of(response) -> str:
    """The page's text without tags, spaces collapsed."""
    text = re.sub(r"<[^>]+>", "", response.content.decode())
    return re.sub(r"\s+", " ", text)


def section(response, element_id: str) -> str:
    content = response.content.decode()
    start = content.index(f'id="{element_id}"')
    return content[start : content.index("</section>", start)]


def map_svg(response) -> str:
    content = response.content.decode()
    start = content.index('<svg class="world-map"')
    return content[start : content.index("\n</svg>", start)]


# -- CICA today -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "chair", "head_title", "head", "meeting"),
    [
        (
            "en",
            "Azerbaijan",
            "Secretary General",
            "Kairat Sarybay",
            "7th Ministerial Council of CICA",
        ),
        (
            "ru",
            "Азербайджан",
            "Генеральный секретарь",
            "Кайрат Сарыбай",
            "Седьмое заседание Совета министров иностранных дел СВМДА",
        ),
        ("zh-hans", "阿塞拜疆", "秘书长", "凯拉特·萨雷拜", "亚信第七次外长理事会会议"),
        ("ar", "أذربيجان", "الأمين العام", "قيرات ساريباي", "الاجتماع السابع للمجلس الوزاري لسيكا"),
    ],
)
def test_home_page_shows_who_chairs_heads_and_last_met_today(
    client, site_data, language, chair, head_title, head, meeting
):
    today = section(client.get(f"/{language}/"), "today")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", today))

    assert chair in text
    assert head_title in text
    assert head in text
    assert meeting in text
    assert f'href="/{language}/members/azerbaijan/"' in today
    assert f'href="/{language}/history/2024-7th-ministerial-council/"' in today


def test_home_page_shows_the_chairmanships_theme_and_term(client, site_data):
    text = text_of(client.get("/en/"))

    assert "Current chairmanship" in text
    assert "since 17 December 2024" in text
    assert "Stronger CICA – Connectivity, Digitalization, and Sustainable Growth in Asia" in text


def test_head_of_the_secretariat_is_shown_with_the_titles_of_the_term(client, site_data):
    text = text_of(client.get("/en/"))

    assert (
        "Executive Director from 24 September 2020, Secretary General from 13 October 2022" in text
    )


def test_home_page_says_when_no_next_meeting_is_recorded(client, site_data):
    response = client.get("/en/")

    assert response.context["next_meeting"] is None
    assert "No date has been recorded for the next meeting." in text_of(response)


def test_next_meeting_is_shown_when_one_is_recorded(client, site_data, today):
    today(datetime.date(2026, 11, 29))
    Event.objects.create(
        kind="summit",
        ordinal=7,
        date=datetime.date(2027, 3, 1),
        date_precision="month",
        place_en="Baku",
        host_state=State.objects.get(code="AZ"),
        slug="test-next-summit",
    )

    response = client.get("/en/")
    today_html = section(response, "today")

    assert "No date has been recorded" not in today_html
    assert 'href="/en/history/test-next-summit/"' in today_html
    assert "7th CICA Summit" in today_html
    assert '<time datetime="2027-03">March 2027</time>' in today_html


def test_a_draft_meeting_is_not_announced_to_visitors(client, site_data):
    Event.objects.create(
        kind="summit", ordinal=7, date=datetime.date(2027, 3, 1), slug="draft", published=False
    )

    assert client.get("/en/").context["next_meeting"] is None


@pytest.mark.parametrize(
    ("day", "chair", "latest", "head_title"),
    [
        # Kazakhstan's chairmanship, before the 2022 renamings.
        (datetime.date(2022, 1, 10), "Kazakhstan", "6th CICA Ministerial Meeting",
         "Executive Director"),
        # Between the 6th Summit and the 7th Ministerial Council.
        (datetime.date(2024, 12, 1), "Kazakhstan", "Informal Ministerial Council of CICA",
         "Secretary General"),
    ],
)  # fmt: skip
def test_what_is_current_follows_the_secretariats_calendar(
    client, site_data, today, day, chair, latest, head_title
):
    today(day)

    response = client.get("/en/")
    today_html = section(response, "today")

    assert response.context["chairmanship"].state.name == chair
    assert latest in re.sub(r"<[^>]+>", "", today_html)
    assert str(response.context["head_title"]) == head_title


def test_next_meeting_on_an_earlier_day_is_the_following_one(client, site_data, today):
    today(datetime.date(2024, 12, 1))

    response = client.get("/en/")

    assert response.context["next_meeting"].slug == "2024-7th-ministerial-council"
    assert response.context["latest_meeting"].slug == "2023-informal-ministerial-council"


def test_home_page_shows_the_most_recent_chair_when_no_term_runs(client, site_data):
    Chairmanship.objects.filter(slug="azerbaijan-2024").update(end_date=datetime.date(2026, 6, 1))

    text = text_of(client.get("/en/"))

    assert "Most recent chairmanship" in text
    assert "Azerbaijan" in text


# -- The map ----------------------------------------------------------------------------


def test_every_state_the_site_keeps_is_drawn_on_the_vendor_map(site_data):
    drawn = set(worldmap.shapes())

    assert set(State.objects.values_list("code", flat=True)) <= drawn


@pytest.mark.parametrize("language", LANGUAGES)
def test_map_links_every_member_and_observer_state_to_its_page(client, site_data, language):
    response = client.get(f"/{language}/")
    svg = map_svg(response)

    with translation.override(language):
        states = list(State.objects.with_status())
        for state in states:
            if state.status is None:
                continue
            assert (
                f'<a class="world-map__state world-map__state--{state.status}" '
                f'href="{state.get_absolute_url()}" tabindex="-1" '
                f'fill="url(#map-{state.status})"><title>{state.name}</title>'
            ) in svg
    assert svg.count('class="world-map__state world-map__state--member"') == 28
    assert svg.count('class="world-map__state world-map__state--observer"') == 9


def test_states_too_small_to_see_get_a_marker(client, site_data):
    svg = map_svg(client.get("/en/"))

    for slug in ("bahrain", "qatar", "kuwait", "palestine"):
        link = svg[svg.index(f'href="/en/members/{slug}/"') :]
        link = link[: link.index("</a>")]
        assert '<circle class="world-map__marker"' in link


def test_map_is_hidden_from_screen_readers_and_out_of_the_tab_order(client, site_data):
    svg = map_svg(client.get("/en/"))

    assert svg.startswith('<svg class="world-map" viewBox="0 0 1000 440" aria-hidden="true"')
    assert svg.count("<a ") == svg.count('tabindex="-1"') == 37


def test_map_draws_statuses_with_patterns_and_a_legend(client, site_data):
    response = client.get("/en/")
    content = response.content.decode()
    legend = content[content.index('<ul class="map-legend"') :]
    legend = re.sub(r"\s+", " ", legend[: legend.index("</ul>")])

    assert '<pattern id="map-member"' in content
    assert '<pattern id="map-observer"' in content
    assert legend.count('fill="url(#map-member)"') == 1
    assert legend.count('fill="url(#map-observer)"') == 1
    text = re.sub(r"<[^>]+>", "", legend)
    assert "28 member states" in text
    assert "9 observer states" in text
    assert "Other countries and territories" in text


@pytest.mark.parametrize(
    ("language", "heading", "first_member", "observer"),
    [
        ("en", "Member states", "Afghanistan", "United States of America"),
        ("ru", "Государства-члены", "Азербайджан", "Соединенные Штаты Америки"),
        ("zh-hans", "成员国", "阿富汗", "美国"),
        ("ar", "الدول الأعضاء", "الاتحاد الروسي", "الولايات المتحدة"),
    ],
)
def test_states_are_listed_beside_the_map_for_screen_readers(
    client, site_data, language, heading, first_member, observer
):
    response = client.get(f"/{language}/")
    html = section(response, "map")
    lists = html[html.index('<div class="map-lists">') :]
    names = re.findall(r'<li><a href="/[^"]+/members/[a-z-]+/">([^<]+)</a></li>', lists)

    assert heading in lists
    assert len(names) == 28 + 9
    assert names[0] == first_member
    assert any(observer in name for name in names)


def test_map_credits_its_source_and_links_to_the_licence(client, site_data):
    response = client.get("/en/")
    content = response.content.decode()

    assert 'href="/static/vendor/svgmap/LICENSE"' in content
    assert "MIT License" in Path(finders.find("vendor/svgmap/LICENSE")).read_text()
    assert "do not imply official endorsement or acceptance by CICA" in content


def test_map_on_an_empty_database_draws_the_world_without_links(client, db):
    response = client.get("/en/")

    assert response.status_code == 200
    assert "<a " not in map_svg(response)
    assert "No date has been recorded for the next meeting." in text_of(response)


def test_a_state_that_leaves_cica_loses_its_link(client, site_data, today):
    today(datetime.date(2021, 6, 1))  # Kuwait joined in 2022

    svg = map_svg(client.get("/en/"))

    assert 'href="/en/members/kuwait/"' not in svg
    assert svg.count('class="world-map__state world-map__state--member"') == 27


# -- Weight ------------------------------------------------------------------------------


def test_simplified_map_is_a_fraction_of_the_vendor_file():
    vendor = worldmap.SOURCE.stat().st_size
    drawn = sum(len(shape.path) for shape in worldmap.shapes().values())

    assert vendor > 100_000
    assert drawn < 25_000


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_with_its_map_stays_under_the_weight_budget(client, site_data, language):
    html = client.get(f"/{language}/").content
    css = Path(finders.find("css/site.css")).read_bytes()  # the test client serves no static

    assert len(html) + len(css) < 100_000


def test_map_is_never_mirrored_and_carries_no_inline_style(client, site_data):
    svg = map_svg(client.get("/ar/"))

    assert "style=" not in svg
    assert "transform" not in svg.replace('patternTransform="rotate(45)"', "")


# -- The simplifier ----------------------------------------------------------------------


def test_parse_reads_absolute_and_relative_commands():
    rings = worldmap.parse("M10,10h5v5H10z m2,2l1,0 0,1z M0 0 C1 1 2 2 3 3 L4 4")

    assert rings == [
        [(10.0, 10.0), (15.0, 10.0), (15.0, 15.0), (10.0, 15.0)],
        [(12.0, 12.0), (13.0, 12.0), (13.0, 13.0)],
        [(0.0, 0.0), (3.0, 3.0), (4.0, 4.0)],
    ]


def test_simplify_drops_points_close_to_the_line():
    points = [(0.0, 0.0), (1.0, 0.1), (2.0, -0.1), (3.0, 0.0), (3.0, 3.0)]

    assert worldmap.simplify(points, 0.5) == [(0.0, 0.0), (3.0, 0.0), (3.0, 3.0)]


def test_encode_writes_relative_whole_units():
    assert worldmap.encode([[(12, 34), (13, 32), (16, 36)]]) == "M12 34l1-2 3 4z"
