import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy

from members.models import Organization, State, StatusChange
from members.profile import (
    ProfileSection,
    register_section,
    registered_sections,
    unregister_section,
)
from tests.conftest import FOOTER_QUERIES, MEETING_NAME_QUERIES
from tests.members.factories import make_organization, make_state


def visible_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_members_page_lists_every_state_and_organisation_of_the_fixtures(client, site_data):
    response = client.get("/en/members/")

    assert response.status_code == 200
    assert len(response.context["member_states"]) == 28
    assert len(response.context["observer_states"]) == 9
    assert len(response.context["observer_organizations"]) == 5
    assert len(response.context["partner_organizations"]) == 5
    text = visible_text(response)
    for name in [
        "Afghanistan",
        "Kuwait",
        "Viet Nam",
        "Republic of Korea",
        "Palestine",
        "United States of America",
        "Laos",
        "League of Arab States",
        "SCO Regional Anti-Terrorism Structure",
    ]:
        assert name in text


@pytest.mark.parametrize(
    ("language", "names"),
    [
        (
            "ru",
            ["Российская Федерация", "Республика Корея", "Кыргызстан", "Соединенные Штаты Америки"],
        ),
        ("zh-hans", ["俄罗斯联邦", "大韩民国", "吉尔吉斯斯坦", "美国"]),
        ("ar", ["الاتحاد الروسي", "جمهورية كوريا", "قيرغيزستان", "الولايات المتحدة"]),
    ],
)
def test_members_page_names_states_in_the_readers_language(client, site_data, language, names):
    text = visible_text(client.get(f"/{language}/members/"))

    for name in names:
        assert name in text


def test_states_are_listed_alphabetically_in_the_readers_language(client, site_data):
    names = [state.name for state in client.get("/ru/members/").context["member_states"]]

    assert names[:3] == ["Азербайджан", "Афганистан", "Бангладеш"]
    assert names == sorted(names)


def test_every_state_shows_its_flag(client, site_data):
    content = client.get("/en/members/").content.decode()

    for code in State.objects.values_list("code", flat=True):
        assert f'src="/static/flags/4x3/{code.lower()}.svg"' in content
    assert content.count('class="flag flag--small"') == 37


def test_observer_count_follows_data(client, site_data):
    make_state(code="QZ", slug="example", name_en="Example State", status="observer")

    members_text = visible_text(client.get("/en/members/"))
    home_text = visible_text(client.get("/en/"))

    assert "10 observer states" in members_text
    assert "10 observer states" in home_text
    assert "28 member states" in home_text


def test_partner_count_follows_data(client, site_data):
    Organization.objects.filter(slug="unodc").delete()

    text = visible_text(client.get("/en/members/"))

    assert "4 partner organisations" in text
    assert "9 observer and partner organisations" in visible_text(client.get("/en/"))


def test_state_page_shows_status_and_the_date_it_began(client, site_data):
    response = client.get("/en/members/thailand/")
    text = visible_text(response)

    assert response.status_code == 200
    assert "Thailand" in text
    assert "Member state" in text
    assert "Member since 22 October 2004" in text
    assert "Status over time" not in text  # one change: nothing more to tell
    assert (
        '<img class="flag flag--large" src="/static/flags/4x3/th.svg" alt="Flag of Thailand"'
        in (response.content.decode())
    )


def test_state_page_shows_the_official_short_name_when_it_differs(client, site_data):
    text = visible_text(client.get("/ru/members/iran/"))

    assert "Иран (Исламская Республика)" in text
    assert "Государство-член" in text


def test_a_date_known_only_as_by_then_is_shown_as_approximate(client, site_data):
    text = visible_text(client.get("/en/members/japan/"))

    assert "Observer state" in text
    assert "Observer by 2004" in text


def test_a_state_that_changed_status_shows_its_history(client, site_data):
    text = visible_text(client.get("/en/members/sri-lanka/"))

    assert "Member since 15 August 2018" in text
    assert "Joined CICA 2012" in text
    assert "Status over time 2012 Observer state 15 August 2018 Member state" in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Joined CICA not recorded Status over time not recorded Observer state"),
        ("ru", "Присоединение к СВМДА дата не указана Статус в разные годы дата не указана"),
    ],
)
def test_a_start_not_recorded_is_said_to_be_unknown(client, site_data, language, expected):
    text = visible_text(client.get(f"/{language}/members/qatar/"))

    assert expected in text


def test_a_state_joining_later_is_not_listed_before(client, site_data):
    make_state(code="QZ", slug="example", name_en="Example State", since=datetime.date(2090, 1, 1))

    response = client.get("/en/members/")
    page = visible_text(client.get("/en/members/example/"))

    assert "Example State" not in visible_text(response)
    assert "Status Not a member or observer" in page


def test_unknown_state_slug_is_a_404(client, site_data):
    response = client.get("/en/members/atlantis/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/en/members/%00/", "/en/members/../", "/en/members/" + "a" * 300 + "/"]
)
def test_odd_addresses_get_a_4xx_not_a_500(client, db, path):
    assert client.get(path).status_code in {301, 302, 400, 404}


def test_other_apps_add_sections_to_the_state_page(client, site_data, tmp_path, settings):
    template = tmp_path / "section.html"
    template.write_text("{% for row in rows %}<p>{{ state.code }}: {{ row }}</p>{% endfor %}")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [engine | {"DIRS": [*engine["DIRS"], tmp_path]}]
    register_section(
        ProfileSection(
            key="test-section",
            title=gettext_lazy("Test section"),
            template_name="section.html",
            rows=lambda state: ["first", "second"] if state.code == "KZ" else [],
        )
    )
    try:
        kazakhstan = client.get("/en/members/kazakhstan/").content.decode()
        japan = client.get("/en/members/japan/").content.decode()
    finally:
        unregister_section("test-section")

    assert '<h2 id="test-section-heading">Test section</h2>' in kazakhstan
    assert "<p>KZ: first</p><p>KZ: second</p>" in kazakhstan
    assert "test-section" not in japan


def test_members_page_query_count_is_constant(client, site_data, django_assert_num_queries):
    for index in range(360):
        code = chr(65 + index // 26 % 26) + chr(65 + index % 26)
        state, created = State.objects.get_or_create(
            code=code, defaults={"slug": f"s-{index}", "name_en": f"State {index}"}
        )
        if created:
            for year, status in ((1999, "observer"), (2005, "member")):
                StatusChange.objects.create(
                    state=state, status=status, date=datetime.date(year, 1, 1)
                )
    for index in range(50):
        make_organization(slug=f"org-{index}", name_en=f"Org {index}")

    # states with their status, observer and partner organisations; the footer
    with django_assert_num_queries(3 + FOOTER_QUERIES):
        response = client.get("/en/members/")

    assert len(response.context["member_states"]) > 270


def test_state_page_query_count(client, site_data, django_assert_num_queries):
    # The state with its status, its changes of status, then one query for each
    # registered profile section; the names of the meetings China hosted; the footer.
    queries = 2 + len(registered_sections()) + MEETING_NAME_QUERIES + FOOTER_QUERIES
    with django_assert_num_queries(queries):
        client.get("/en/members/china/")


def test_organisations_show_their_abbreviation_and_website(client, site_data):
    content = client.get("/en/members/").content.decode()

    assert "League of Arab States" in content
    assert '<span class="org-list__abbr">(LAS)</span>' in content
    assert 'href="https://www.lasportal.org"' in content
    assert ">lasportal.org<" in content


def test_organisation_without_a_website_has_no_link(client, site_data):
    content = render_to_string(
        "members/includes/organization_list.html",
        {"organizations": [Organization.objects.get(slug="apk")]},
    )

    assert "Assembly of the People of Kazakhstan" in content
    assert "<a " not in content


def test_members_pages_are_in_the_sitemap(client, site_data):
    content = client.get("/sitemap.xml").content.decode()

    assert "<loc>http://testserver/en/members/</loc>" in content
    assert "<loc>http://testserver/ar/members/kazakhstan/</loc>" in content
    assert content.count("/members/") >= (36 + 1) * 4


def test_arabic_order_ignores_the_article_and_hamza(client, site_data):
    names = [state.name for state in client.get("/ar/members/").context["member_states"]]

    # As in UN lists: الاتحاد sorts as اتحاد, الأردن as اردن, إسرائيل as اسرائيل.
    assert names[:4] == ["الاتحاد الروسي", "أذربيجان", "الأردن", "إسرائيل"]
    # البحرين (Bahrain) sorts under ب, between باكستان and بنغلاديش.
    assert names.index("باكستان") < names.index("البحرين") < names.index("بنغلاديش")
