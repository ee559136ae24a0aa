"""The home page's map of member and observer states, as a browser shows it."""


def test_clicking_a_state_on_the_map_opens_its_page(page, live_server, site_data):
    page.goto(f"{live_server.url}/en/")

    page.locator('.world-map a[href="/en/members/kazakhstan/"]').click()

    page.wait_for_url(f"{live_server.url}/en/members/kazakhstan/")
    assert page.locator("h1").inner_text().startswith("Kazakhstan")


def test_map_keeps_geography_on_arabic_pages(page, live_server, site_data):
    page.goto(f"{live_server.url}/ar/")

    usa = page.locator('.world-map a[href="/ar/members/united-states/"]').bounding_box()
    china = page.locator('.world-map a[href="/ar/members/china/"]').bounding_box()
    legend = page.locator(".map-legend li").first.bounding_box()
    map_box = page.locator(".world-map").bounding_box()

    assert usa["x"] < china["x"]  # the Americas stay in the west
    # The legend mirrors with the page: its first entry starts on the right.
    assert legend["x"] + legend["width"] > map_box["x"] + map_box["width"] / 2


def test_keyboard_skips_the_map_and_reaches_the_list_of_states(page, live_server, site_data):
    page.goto(f"{live_server.url}/en/")

    targets = []
    for _ in range(80):
        page.keyboard.press("Tab")
        targets.append(
            page.evaluate(
                "[document.activeElement.closest('svg') !== null,"
                " document.activeElement.closest('.map-list') !== null]"
            )
        )

    assert not any(in_map for in_map, _in_list in targets)
    assert any(in_list for _in_map, in_list in targets)


def test_statuses_differ_by_pattern_not_only_by_colour(page, live_server, site_data):
    page.goto(f"{live_server.url}/en/")

    fills = page.evaluate(
        "['member', 'observer'].map(status => document.querySelector("
        "`.world-map__state--${status}`).getAttribute('fill'))"
    )
    shapes = page.evaluate(
        "['map-member', 'map-observer'].map(id => [...document.getElementById(id).children]"
        ".map(child => child.tagName).join(' '))"
    )

    assert fills == ["url(#map-member)", "url(#map-observer)"]
    assert shapes == ["rect rect", "rect circle"]  # stripes, dots
