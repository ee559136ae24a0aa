import re

import pytest

from cbm.models import Area, Assignment, Dimension
from members.models import State
from tests.conftest import FOOTER_QUERIES
from tests.pages import text_of

# The infographic, area by area: the coordinator first, then the co-coordinators.
INFOGRAPHIC = {
    "New challenges and threats (general)": ["Türkiye", "Afghanistan"],
    "Combating terrorism": ["India"],
    "Security of and in the use of information and communication technologies (ICTs)": [
        "Russian Federation", "China"],
    "Combating illicit drugs": ["Iran", "Afghanistan"],
    "Epidemiological safety, public health and pharmaceuticals": ["Kazakhstan", "China", "Jordan"],
    "Development of SMEs": ["Russian Federation", "Kazakhstan", "Thailand", "Türkiye"],
    "Energy security": ["Republic of Korea", "India"],
    "Agriculture": ["China"],
    "Information technology": ["Republic of Korea", "Bangladesh"],
    "Finance": ["China"],
    "Tourism": ["Tajikistan", "Sri Lanka"],
    "Development of secure and effective systems of transportation corridors": [
        "Azerbaijan", "China", "India"],
    "Sustainable development": ["Thailand"],
    "Natural disaster management": ["Iran", "Bangladesh"],
    "Environment protection": ["Mongolia", "Bangladesh", "China"],
    "Human dimension": ["Uzbekistan", "China", "India", "Kazakhstan", "Kyrgyzstan"],
    "Military-political dimension": ["Kazakhstan", "Türkiye"],
}  # fmt: skip


def area_cards(content: str) -> dict[str, str]:
    """Each area card of the catalogue, by area name, as text."""
    cards = re.findall(
        r'<li class="area" id="[^"]+">(.*?)</li>\s*(?=<li class="area"|</ul>)', content, re.S
    )
    found = {}
    for card in cards:
        name = text_of(re.search(r'<h3 class="area__name">(.*?)</h3>', card, re.S).group(1))
        found[name] = text_of(card.split("</h3>", 1)[1])
    return found


def test_catalogue_shows_every_assignment_of_the_infographic_with_its_role(client, site_data):
    cards = area_cards(client.get("/en/cbm/").content.decode())

    assert sorted(cards) == sorted(INFOGRAPHIC)
    for area, (coordinator, *co_coordinators) in INFOGRAPHIC.items():
        expected = f"● Coordinator {coordinator}" + "".join(
            f" ○ Co-coordinator {state}" for state in co_coordinators
        )
        assert cards[area] == expected, area


def test_catalogue_groups_areas_by_dimension(client, site_data):
    content = client.get("/en/cbm/").content.decode()
    headings = re.findall(r'<h2 id="[a-z-]+-heading">(.*?)</h2>', content)

    assert headings == [
        "Military-political dimension",
        "New challenges and threats",
        "Economic dimension",
        "Environmental dimension",
        "Human dimension",
        "All areas at a glance",
    ]
    economic = content.split('id="economic-heading"')[1].split("<h2")[0]
    assert economic.count('<li class="area"') == 7


@pytest.mark.parametrize(
    ("language", "area", "expected"),
    [
        ("ru", "Туризм", "● Координатор Таджикистан ○ Сокоординатор Шри-Ланка"),
        ("zh-hans", "旅游", "● 协调国 塔吉克斯坦 ○ 共同协调国 斯里兰卡"),
        ("ar", "السياحة", "● منسق طاجيكستان ○ منسق مشارك سري لانكا"),
    ],
)
def test_catalogue_in_every_language(client, site_data, language, area, expected):
    cards = area_cards(client.get(f"/{language}/cbm/").content.decode())

    assert cards[area] == expected


def test_matrix_marks_each_role_in_words_not_only_symbols(client, site_data):
    content = client.get("/en/cbm/").content.decode()
    matrix = content.split('class="matrix"')[1]

    assert matrix.count('<span class="visually-hidden">Coordinator</span>') == 17
    assert matrix.count('<span class="visually-hidden">Co-coordinator</span>') == 21
    assert matrix.count('<th scope="col" class="matrix__state">') == 17
    assert matrix.count('<th scope="row" class="matrix__area">') == 17


def test_matrix_row_puts_each_mark_under_the_right_state(client, site_data):
    response = client.get("/en/cbm/")
    states = [state.code for state in response.context["matrix_states"]]
    tourism = next(
        area
        for dimension in response.context["dimensions"]
        for area in dimension.areas.all()
        if area.key == "tourism"
    )

    cells = {
        states[index]: cell.get_role_display()
        for index, cell in enumerate(tourism.matrix_cells)
        if cell
    }
    assert cells == {"TJ": "coordinator", "LK": "co-coordinator"}


def test_an_area_without_a_coordinator_says_so(client, site_data):
    Area.objects.create(
        dimension=Dimension.objects.get(key="economic"), key="trade", name_en="Trade", order=99
    )

    cards = area_cards(client.get("/en/cbm/").content.decode())

    assert cards["Trade"] == "No coordinator yet."


def test_ended_assignments_leave_the_catalogue(client, site_data):
    Assignment.objects.filter(area__key="finance").update(start_year=2010, end_year=2015)

    cards = area_cards(client.get("/en/cbm/").content.decode())

    assert cards["Finance"] == "No coordinator yet."


def test_state_page_lists_the_areas_it_coordinates(client, site_data):
    content = client.get("/en/members/kazakhstan/").content.decode()
    section = text_of(content.split('id="cbm-heading"')[1].split("</section>")[0])

    assert section.startswith(">Confidence building measures ● Coordinator")
    assert "● Coordinator Military-political dimension Military-political dimension" in section
    assert (
        "● Coordinator Epidemiological safety, public health and pharmaceuticals "
        "New challenges and threats" in section
    )
    assert "○ Co-coordinator Development of SMEs Economic dimension" in section
    assert "○ Co-coordinator Human dimension Human dimension" in section


def test_state_without_assignments_has_no_cbm_section(client, site_data):
    content = client.get("/en/members/japan/").content.decode()

    assert 'id="cbm-heading"' not in content


def test_catalogue_query_count_is_constant(client, site_data, django_assert_num_queries):
    economic = Dimension.objects.get(key="economic")
    states = list(State.objects.all())
    for index in range(170):
        area = Area.objects.create(
            dimension=economic, key=f"extra-{index}", name_en=f"Extra {index}", order=100 + index
        )
        Assignment.objects.create(area=area, state=states[index % 36], role="coordinator")
        Assignment.objects.create(area=area, state=states[(index + 1) % 36], role="co-coordinator")

    # dimensions, areas, assignments with their states; the footer's contacts
    with django_assert_num_queries(3 + FOOTER_QUERIES):
        response = client.get("/en/cbm/")

    assert response.context["area_count"] == 187


def test_catalogue_is_in_the_sitemap_and_the_navigation(client, site_data):
    assert "<loc>http://testserver/ru/cbm/</loc>" in client.get("/sitemap.xml").content.decode()
    assert 'href="/ar/cbm/"' in client.get("/ar/").content.decode()


def test_state_section_follows_an_added_state(client, site_data):
    kuwait = State.objects.get(code="KW")
    Assignment.objects.create(
        area=Area.objects.get(key="finance"), state=kuwait, role="co-coordinator"
    )

    assert (
        "○ Co-coordinator Kuwait" in area_cards(client.get("/en/cbm/").content.decode())["Finance"]
    )
    assert "Finance" in text_of(client.get("/en/members/kuwait/").content.decode())


def test_the_figures_count_coordinators_apart_from_co_coordinators(client, site_data):
    en = text_of(client.get("/en/cbm/").content.decode())
    ru = text_of(client.get("/ru/cbm/").content.decode())

    # 17 states hold a role; 12 of them coordinate an area, 5 only co-coordinate.
    assert "12 coordinating states" in en
    assert "5 other states co-coordinating" in en
    assert "12 государств-координаторов" in ru
    assert "5 других государств-сокоординаторов" in ru
