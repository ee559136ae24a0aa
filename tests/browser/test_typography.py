"""Typography the browser decides: slanted Chinese or Arabic, glyphs drawn off their box."""

import io

import pytest
from django.test import Client
from PIL import Image

from cica.management.commands.bench import sitemap_paths
from tests.browser.test_line_breaks import page_types

SLANTED_TEXT = """
() => {
  const slanted = [];
  for (const element of document.querySelectorAll("body *")) {
    const hasText = [...element.childNodes].some(
      (node) => node.nodeType === Node.TEXT_NODE && node.data.trim()
    );
    if (!hasText) continue;
    const language = (element.closest("[lang]")?.lang || "").toLowerCase();
    if (!/^(zh|ar)/.test(language)) continue;
    const style = getComputedStyle(element).fontStyle;
    if (style !== "normal") {
      slanted.push(`${element.tagName.toLowerCase()}.${element.className}: ${style}`);
    }
  }
  return [...new Set(slanted)];
}
"""


@pytest.fixture
def english_pages(site_data):
    return page_types([path for path in sitemap_paths(Client()) if path.startswith("/en/")])


@pytest.mark.parametrize("language", ["zh-hans", "ar"])
@pytest.mark.parametrize("media", ["screen", "print"])
def test_chinese_and_arabic_are_never_set_in_italics(
    page, live_server, english_pages, language, media
):
    page.emulate_media(media=media)
    # The pages as of a year add notes of their own ("Most recent holder of the post").
    as_of_year = ["/en/members/?year=2010", "/en/cbm/?year=2010", "/en/secretariat/?year=2010"]
    found = {}
    for path in english_pages + as_of_year:
        path = path.replace("/en/", f"/{language}/", 1)
        page.goto(live_server.url + path)
        if slanted := page.evaluate(SLANTED_TEXT):
            found[path] = slanted

    assert not found, found


def ink_extent(image: Image.Image) -> tuple[int, int]:
    """The first and last rows of ``image`` where something darker than the paper is
    drawn (the borders of a cell are lighter)."""
    _left, top, _right, bottom = image.convert("L").point(lambda v: 255 * (v < 160)).getbbox()
    return top, bottom


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans", "ar"])
def test_every_state_name_in_the_matrix_heads_is_drawn_whole_above_its_flag(
    page, live_server, site_data, language
):
    page.goto(f"{live_server.url}/{language}/cbm/")
    heads = page.locator(".matrix__state a")
    assert heads.count() >= 15
    # The flags hidden, whatever ink is left in a head is its name: it must lie within
    # the name's box, so that the flag below can cover none of it.
    heads.evaluate_all(
        "links => links.forEach((l) => l.querySelector('.flag').style.visibility = 'hidden')"
    )
    page.locator(".matrix thead").scroll_into_view_if_needed()
    boxes = heads.evaluate_all(
        """links => links.map((link) => {
          const name = link.querySelector(".matrix__state-name").getBoundingClientRect();
          const flag = link.querySelector(".flag").getBoundingClientRect();
          return {name: [name.top, name.bottom], flag: [flag.top, flag.bottom]};
        })"""
    )

    clipped = []
    for index, box in enumerate(boxes):
        head = heads.nth(index)
        name = head.locator(".matrix__state-name").inner_text()
        cell = head.locator("xpath=ancestor::th").bounding_box()
        ink = ink_extent(Image.open(io.BytesIO(head.locator("xpath=ancestor::th").screenshot())))
        top, bottom = cell["y"] + ink[0], cell["y"] + ink[1]
        assert box["name"][1] <= box["flag"][0], name
        if top < box["name"][0] - 1 or bottom > box["name"][1] + 1:
            clipped.append((name, (top, bottom), box["name"]))

    assert clipped == []
