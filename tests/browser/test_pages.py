"""The public pages as a visitor's browser shows them."""

import pytest

HEADINGS = {
    "en": "Conference on Interaction and Confidence Building Measures in Asia",
    "ru": "Совещание по взаимодействию и мерам доверия в Азии",
    "zh-hans": "亚洲相互协作与信任措施会议",
    "ar": "مؤتمر التفاعل وتدابير بناء الثقة في آسيا",
}


@pytest.mark.parametrize("language", HEADINGS)
def test_home_page_renders_in_each_language(page, live_server, site_data, language):
    page.goto(f"{live_server.url}/{language}/")

    assert page.locator("h1").inner_text() == HEADINGS[language]
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(".goals__item").count() == 8


def test_language_switcher_keeps_the_visitor_on_the_same_page(page, live_server, site_data):
    page.goto(f"{live_server.url}/en/")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Русский").click()
    page.wait_for_url(f"{live_server.url}/ru/")

    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text() == HEADINGS["ru"]
    page.get_by_role("navigation", name="Язык").get_by_role("link", name="العربيّة").click()
    page.wait_for_url(f"{live_server.url}/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_arabic_pages_are_mirrored(page, live_server, site_data):
    page.goto(f"{live_server.url}/ar/")

    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    brand = page.locator(".brand").bounding_box()
    switcher = page.locator(".language-switcher").bounding_box()
    # The brand starts the header, on the right in Arabic; the switcher ends it.
    assert brand["x"] > switcher["x"]
    first_goal = page.locator(".goals__item").first.bounding_box()
    assert first_goal["x"] + first_goal["width"] > 1280 / 2


def test_skip_link_moves_focus_to_the_main_content(page, live_server, site_data):
    page.goto(f"{live_server.url}/en/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "content"


def test_phone_layout_has_no_horizontal_scroll(phone_page, live_server, site_data):
    for language in HEADINGS:
        phone_page.goto(f"{live_server.url}/{language}/")

        overflow = phone_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow == 0, language


def test_the_year_links_move_between_years_without_script(browser, live_server, site_data):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/en/members/")

    page.get_by_role("navigation", name="At the end of another year").get_by_role(
        "link", name="2010", exact=True
    ).click()
    page.wait_for_url(f"{live_server.url}/en/members/?year=2010")
    assert page.locator("h1").inner_text() == "Members at the end of 2010"
    assert page.locator("#member-states .state-card").count() == 22

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Русский").click()
    page.wait_for_url(f"{live_server.url}/ru/members/?year=2010")
    assert page.locator("h1").inner_text() == "Участники на конец 2010 года"
    page.get_by_role("link", name="Сегодня", exact=True).click()
    page.wait_for_url(f"{live_server.url}/ru/members/")
    context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_matrix_on_a_phone_says_it_scrolls_and_keeps_its_labels(
    phone_page, live_server, site_data, language
):
    phone_page.goto(f"{live_server.url}/{language}/cbm/")
    scroller = phone_page.locator(".matrix-scroll")
    assert phone_page.locator(".matrix-hint").is_visible()
    assert scroller.evaluate("e => e.scrollWidth > e.clientWidth")

    # Scrolled to the far end (leftwards in Arabic), the row and dimension labels stay.
    scroller.evaluate("e => e.scrollLeft = (document.dir === 'rtl' ? -1 : 1) * e.scrollWidth")
    box = scroller.bounding_box()
    for label in (".matrix__dimension-name", ".matrix__area"):
        shown = phone_page.locator(label).first.bounding_box()
        assert box["x"] <= shown["x"] and shown["x"] + shown["width"] <= box["x"] + box["width"]


def test_the_matrix_needs_no_hint_where_it_fits(page, live_server, site_data):
    page.goto(f"{live_server.url}/en/cbm/")

    assert not page.locator(".matrix-hint").is_visible()
    assert page.locator(".matrix-scroll").evaluate("e => e.scrollWidth <= e.clientWidth")
