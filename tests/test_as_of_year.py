"""The site as of a year: ``?year=`` on the members, CBM and Secretariat pages."""

import datetime
import re
import string

import pytest
from django.core.cache import cache

from cbm.models import Area, Assignment, Dimension
from members.models import State, StatusChange
from secretariat.models import Chairmanship, Person, Position
from tests.conftest import FOOTER_QUERIES
from tests.pages import text_of

YEAR_PAGES = ["/members/", "/cbm/", "/secretariat/"]
LANGUAGES = ["en", "ru", "zh-hans", "ar"]


def section(content: str, section_id: str) -> str:
    return text_of(content.split(f'id="{section_id}"')[1].split("</section>")[0])


def test_members_at_the_end_of_2010(client, site_data):
    response = client.get("/en/members/?year=2010")
    content = response.content.decode()

    assert response.status_code == 200
    assert len(response.context["member_states"]) == 22
    assert "<h1>Members at the end of 2010</h1>" in content
    observers = section(content, "observer-states")
    assert "Bangladesh since 2010" in observers
    assert "Qatar since: not recorded" in observers  # an observer, from a date not recorded
    assert "Sri Lanka" not in observers  # an observer from 2012
    members = section(content, "member-states")
    assert "Iraq since 8 June 2010" in members
    assert "Bahrain" not in members and "Kuwait" not in members


def test_members_today_and_in_2021_before_kuwait(client, site_data):
    today_page = client.get("/en/members/")
    before = client.get("/en/members/?year=2021")

    assert len(today_page.context["member_states"]) == 28
    assert len(before.context["member_states"]) == 27
    assert "Kuwait since 13 October 2022" in section(today_page.content.decode(), "member-states")


def test_before_the_first_members_the_page_says_there_were_none(client, site_data):
    content = client.get("/ru/members/?year=1995").content.decode()

    assert section(content, "member-states").endswith("В то время — нет.")


def test_a_year_page_does_not_list_organisations_whose_dates_are_not_recorded(client, site_data):
    content = client.get("/en/members/?year=2015").content.decode()

    assert "United Nations" not in content
    assert "listed only on today’s page" in content
    assert "United Nations" in client.get("/en/members/").content.decode()


def test_the_secretariat_at_the_end_of_2012(client, site_data):
    content = client.get("/en/secretariat/?year=2012").content.decode()
    director = text_of(content.split('id="executive-director"')[1].split("</article>")[0])

    assert "CICA Secretariat at the end of 2012" in content
    assert "> Executive Director Çınar Aldemir Türkiye June 2010 – 2014 Earlier" in director
    assert "Kairat Sarybay" not in content and "Gong Jianwei" not in content  # not yet
    chair = section(content, "chairmanship")
    assert "> Chairmanship at the end of 2012 Türkiye 8 June 2010 – 21 May 2014" in chair


@pytest.mark.parametrize(
    ("language", "director", "deputy"),
    [
        ("en", "Executive Director", "Deputy Executive Director"),
        ("ru", "Исполнительный директор", "Заместитель Исполнительного директора"),
        ("zh-hans", "执行主任", "副执行主任"),
        ("ar", "المدير التنفيذي", "نائب المدير التنفيذي"),
    ],
)
def test_year_pages_use_the_titles_of_that_time(client, site_data, language, director, deputy):
    then = client.get(f"/{language}/secretariat/?year=2021").content.decode()
    now = client.get(f"/{language}/secretariat/").content.decode()

    titles_then = re.findall(r'<h3 class="official__post"[^>]*>(.*?)</h3>', then)
    titles_now = re.findall(r'<h3 class="official__post"[^>]*>(.*?)</h3>', now)
    assert titles_then == [director, deputy]
    assert director not in titles_now and deputy not in titles_now


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Executive Director from 24 September 2020, Secretary General from 13 October 2022"),
        (
            "ru",
            "Исполнительный директор с 24 сентября 2020 г.; "
            "Генеральный секретарь с 13 октября 2022 г.",
        ),
        ("zh-hans", "2020年9月24日起任执行主任； 2022年10月13日起任秘书长"),  # one line each
        ("ar", "المدير التنفيذي اعتباراً من 24 سبتمبر 2020، الأمين العام اعتباراً من 13 أكتوبر 2022"),
    ],
)
def test_a_term_across_a_renaming_shows_the_title_of_each_time(
    client, site_data, language, expected
):
    content = client.get(f"/{language}/secretariat/").content.decode()
    director = text_of(content.split('id="executive-director"')[1].split("</article>")[0])

    assert expected in director


def test_before_the_secretariat_existed_the_page_says_so(client, site_data):
    content = client.get("/en/secretariat/?year=2005").content.decode()

    assert "In 2005 the Secretariat had not yet been established." in content
    assert 'id="executive-director"' not in content
    chair = section(content, "chairmanship")
    # Kazakhstan chaired until 2010; when it began is not recorded.
    assert (
        "> Chairmanship at the end of 2005 Kazakhstan start of the term not recorded, "
        "until 8 June 2010"
    ) in chair


def test_an_official_whose_start_is_not_recorded_is_not_claimed_as_certain(client, site_data):
    content = client.get("/en/secretariat/?year=2019").content.decode()
    deputy = text_of(content.split('id="deputy-executive-director"')[1].split("</article>")[0])

    assert "Chi Fang Start of the term not recorded China until September 2023" in deputy


def test_the_catalogue_at_the_end_of_2019(client, site_data):
    response = client.get("/ru/cbm/?year=2019")
    content = response.content.decode()

    assert response.status_code == 200
    assert "Меры доверия на конец 2019 года" in content
    keys = [area.key for d in response.context["dimensions"] for area in d.areas.all()]
    assert "ict-security" not in keys and "epidemiological-safety" not in keys  # from 2021
    assert len(keys) == 15
    tourism = text_of(content.split('id="tourism"')[1].split("</li>\n      \n")[0])
    assert "Таджикистан дата начала не указана" in tourism
    assert content.count('<span class="matrix__unknown" aria-hidden="true">*</span>') == 33


def test_a_recorded_start_is_not_marked_and_a_later_one_is_not_shown(client, site_data):
    tourism = Area.objects.get(key="tourism")
    Assignment.objects.filter(area=tourism).update(start_year=2018)

    in_2019 = client.get("/en/cbm/?year=2019").content.decode()
    in_2017 = client.get("/en/cbm/?year=2017").content.decode()

    card = text_of(in_2019.split('id="tourism"')[1].split("</li>\n      \n")[0])
    assert "Tajikistan since 2018" in card and "not recorded" not in card
    assert "No coordinator recorded for that year." in in_2017.split('id="tourism"')[1]


def test_the_current_year_redirects_to_the_plain_address(client, site_data):
    year = datetime.date.today().year  # the test calendar and the Secretariat's agree

    for path in YEAR_PAGES:
        response = client.get(f"/en{path}?year={year}")
        assert (response.status_code, response["Location"]) == (302, f"/en{path}")


@pytest.mark.parametrize("path", YEAR_PAGES)
@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "year=1800",
        "year=1991",
        "year=2999",
        "year=",
        "year=2010.0",
        "year=+2010",
        "year=%202010",
        "year=0x7DA",
        "year=%D9%A2%D9%A0%D9%A1%D9%A0",  # ٢٠١٠ in Arabic-Indic digits
        "year=2010&year=2011",
        "year=" + "9" * 400,
        "year=%00",
    ],
)
def test_a_bad_year_answers_400_with_a_short_page(client, site_data, path, query):
    response = client.get(f"/en{path}?{query}")

    assert response.status_code == 400
    content = response.content.decode()
    assert "<h1>Bad request</h1>" in content
    assert "from 1992 to" in content
    assert f'href="/en{path}"' in content  # a way back to today's page


@pytest.mark.parametrize(
    ("language", "heading"),
    [("ru", "Неверный запрос"), ("zh-hans", "请求无效"), ("ar", "طلب غير صالح")],
)
def test_the_400_page_is_in_the_visitors_language(client, site_data, language, heading):
    response = client.get(f"/{language}/cbm/?year=1800")

    assert response.status_code == 400
    assert f"<h1>{heading}</h1>" in response.content.decode()
    assert f'<html lang="{language}"' in response.content.decode()


def test_the_400_page_does_not_echo_a_long_value_whole(client, site_data):
    content = client.get("/en/members/?year=" + "x" * 5000).content.decode()

    assert "x" * 100 not in content


@pytest.mark.parametrize("path", YEAR_PAGES)
def test_year_pages_carry_a_canonical_link_and_alternates_with_their_year(client, site_data, path):
    content = client.get(f"/ru{path}?year=2010&utm_source=mail").content.decode()

    assert f'<link rel="canonical" href="http://testserver/ru{path}?year=2010">' in content
    assert f'hreflang="ar" href="http://testserver/ar{path}?year=2010' in content
    plain = client.get(f"/ru{path}?utm_source=mail").content.decode()
    assert f'<link rel="canonical" href="http://testserver/ru{path}">' in plain


def test_year_pages_stay_out_of_the_sitemap(client, site_data):
    assert "year=" not in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize("path", YEAR_PAGES)
def test_a_row_of_plain_links_moves_between_years(client, site_data, path):
    content = client.get(f"/en{path}?year=2010").content.decode()
    nav = content.split('class="year-nav"')[1].split("</nav>")[0]
    years = re.findall(r'href="[^"?]*\?year=(\d{4})"', nav)

    assert years == [str(year) for year in range(1992, datetime.date.today().year)]
    assert f'<a href="/en{path}?year=2010" aria-current="page">2010</a>' in nav
    assert f'<a href="/en{path}">Today</a>' in nav
    assert "<script" not in content


@pytest.mark.parametrize("year", [None, 1995, 2005, 2012, 2019])
def test_query_counts_stay_constant_whatever_the_year(
    client, site_data, django_assert_num_queries, year
):
    """More states, areas, assignments, people and chairmanships change nothing."""
    states = list(State.objects.all())
    economic = Dimension.objects.get(key="economic")
    director = Position.objects.get(key="executive-director")
    taken = set(State.objects.values_list("code", flat=True))
    codes = [a + b for a in "QXZ" for b in string.ascii_uppercase if a + b not in taken]
    for index, code in enumerate(codes[:60]):
        state = State.objects.create(code=code, slug=f"extra-{index}", name_en=f"Extra {index}")
        StatusChange.objects.create(state=state, status="observer", date=None)
        StatusChange.objects.create(
            state=state, status="member", date=datetime.date(1995 + index % 25, 1, 1)
        )
        area = Area.objects.create(
            dimension=economic, key=f"extra-{index}", name_en=f"Extra {index}", order=200 + index,
            since_year=1995 + index % 25,
        )  # fmt: skip
        Assignment.objects.create(
            area=area, state=states[index % 36], role="coordinator", start_year=1999 + index % 20
        )
        Person.objects.create(
            slug=f"person-{index}", position=director, name_en=f"Person {index}",
            nationality=states[index % 36], start_date=datetime.date(1993 + index % 30, 1, 1),
            end_date=datetime.date(1993 + index % 30, 12, 1),
        )  # fmt: skip
        Chairmanship.objects.create(
            slug=f"chair-{index}", state=states[index % 36],
            start_date=datetime.date(1993 + index % 30, 1, 1),
            end_date=datetime.date(1993 + index % 30, 6, 1),
        )  # fmt: skip
    query = f"?year={year}" if year else ""
    # members: states with their status (+ observer and partner organisations today)
    # catalogue: dimensions, areas, assignments with their states
    # secretariat: secretariat, positions, former titles, people, chairmanships, priorities,
    # and the contacts, which the footer then takes from the cache
    budgets = {
        "/en/members/": (1 if year else 3) + FOOTER_QUERIES,
        "/en/cbm/": 3 + FOOTER_QUERIES,
        "/en/secretariat/": 6 + FOOTER_QUERIES,
    }
    for path, queries in budgets.items():
        cache.clear()
        with django_assert_num_queries(queries):
            response = client.get(path + query)
        assert response.status_code == 200


def test_a_change_of_status_takes_effect_on_its_day(client, site_data, today):
    laos = State.objects.get(code="LA")
    StatusChange.objects.create(state=laos, status="member", date=datetime.date(2027, 3, 1))

    today(datetime.date(2027, 2, 28))
    before = client.get("/en/members/").content.decode()
    today(datetime.date(2027, 3, 1))
    after = client.get("/en/members/").content.decode()

    assert "Laos" in section(before, "observer-states")
    assert "Laos since 1 March 2027" in section(after, "member-states")
    assert "29 member states" in text_of(client.get("/en/").content.decode())
