"""Printed pages: the content alone, black on white, every link's address written
out, the CBM matrix whole on a landscape sheet and each CBM dimension on a sheet of
its own. Checked in print media and in PDFs that Chromium prints."""

import io

import pytest
from django.urls import reverse
from django.utils.translation import override
from pypdf import PdfReader

LANGUAGES = ("en", "ru", "zh-hans", "ar")
# A4 landscape less the matrix page's 10 mm margins (site.css, @page cbm-matrix), in
# CSS pixels: 277 mm at 96 px to the inch.
LANDSCAPE_PRINTABLE_WIDTH = int(277 / 25.4 * 96)

LOAD_EVERY_IMAGE = """
() => Promise.all([...document.images].map((img) => {
  img.loading = "eager";
  return img.complete ? null : new Promise((done) => { img.onload = img.onerror = done; });
}))
"""


def url(name: str, language: str, **kwargs) -> str:
    with override(language):
        return reverse(name, kwargs=kwargs)


def printed(page, address: str) -> PdfReader:
    """The page at ``address`` printed to PDF as a visitor's browser prints it: on A4
    unless the stylesheet asks for another size, the flags loaded first."""
    page.goto(address)
    page.evaluate(LOAD_EVERY_IMAGE)
    return PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))


def is_landscape(sheet) -> bool:
    return sheet.mediabox.width > sheet.mediabox.height


def after(page, selector: str, prop: str = "content") -> str:
    return page.eval_on_selector(selector, f"(el) => getComputedStyle(el, '::after').{prop}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_print_shows_the_content_without_navigation_or_dark_footer(
    page, live_server, site_data, language
):
    page.goto(f"{live_server.url}/{language}/")
    assert not page.locator(".site-footer__print").is_visible()

    page.emulate_media(media="print")

    for hidden in (".skip-link", ".language-switcher", ".site-nav", ".site-footer__grid"):
        assert not page.locator(hidden).is_visible(), hidden
    assert page.locator("h1").is_visible()
    footer = page.locator(".site-footer__print")
    assert footer.is_visible()
    assert f"{live_server.url}/{language}/" in footer.inner_text()
    address = {"en": "Mangilik Yel 55/20", "ar": "جادة مانغيليك إل 55/20"}[language]
    assert address in footer.inner_text()
    colours = page.eval_on_selector_all(
        "body, h1, h2, a, .lead, .figures__number, .site-footer",
        """(all) => all.filter((el) => el.getClientRects().length)
                       .map((el) => getComputedStyle(el).color)""",
    )
    assert set(colours) == {"rgb(0, 0, 0)"}
    backgrounds = page.eval_on_selector_all(
        ".hero, .section--tinted, .site-footer",
        """(all) => all.map((el) => getComputedStyle(el).backgroundImage + " "
                                    + getComputedStyle(el).backgroundColor)""",
    )
    assert set(backgrounds) <= {"none rgba(0, 0, 0, 0)", "none rgb(255, 255, 255)"}


def test_links_are_followed_by_their_absolute_address_in_print(page, live_server, site_data):
    page.goto(f"{live_server.url}/en/members/")
    page.emulate_media(media="print")

    state = page.locator(".state-card").first.get_attribute("href")
    assert after(page, ".state-card") == f'"({live_server.url}{state})"'
    # Links within the page, the site's name and a website shown by its name: no address.
    assert page.locator('a[href="#member-states"]').count() == 1
    assert after(page, 'a[href="#member-states"]') == "none"
    assert after(page, ".brand") == "none"
    assert after(page, ".org-list__link") == "none"

    page.goto(f"{live_server.url}/en/secretariat/")
    instagram = page.locator('#contacts .contact-list a[href*="instagram"]')
    assert instagram.is_visible()  # the Secretariat's page prints its contacts
    assert after(page, '#contacts .contact-list a[href*="instagram"]') == (
        f'"({instagram.get_attribute("href")})"'
    )
    assert after(page, '#contacts .contact-list a[href^="mailto:"]') == "none"

    page.goto(f"{live_server.url}/en/cbm/")
    assert after(page, ".matrix__state a") == "none"
    assert after(page, ".assignment__state").startswith(f'"({live_server.url}/en/members/')


def test_arabic_pages_print_link_addresses_left_to_right(page, live_server, site_data):
    page.goto(live_server.url + url("members:detail", "ar", slug="kazakhstan"))
    page.emulate_media(media="print")
    link = 'main .wrap > p > a[href="/ar/members/"]'

    assert after(page, link) == f'"({live_server.url}/ar/members/)"'
    assert after(page, link, "direction") == "ltr"
    assert after(page, link, "unicodeBidi") == "isolate"
    # The address follows the link text as the next words of a right-to-left line do: on
    # its left.
    text, whole = page.eval_on_selector(
        link,
        """(el) => { const range = document.createRange(); range.selectNodeContents(el);
                     return [range.getBoundingClientRect().toJSON(),
                             el.getBoundingClientRect().toJSON()]; }""",
    )
    assert abs(whole["right"] - text["right"]) < 1
    assert whole["left"] < text["left"] - 100


def test_cards_rows_and_headings_are_not_split_between_sheets(page, live_server, site_data):
    page.goto(f"{live_server.url}/en/cbm/")
    page.emulate_media(media="print")

    styles = page.evaluate(
        """() => ({
          area: getComputedStyle(document.querySelector(".area")).breakInside,
          row: getComputedStyle(document.querySelector(".matrix tbody tr")).breakInside,
          heading: getComputedStyle(document.querySelector("h2")).breakAfter,
        })"""
    )
    assert styles == {"area": "avoid", "row": "avoid", "heading": "avoid"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_cbm_matrix_fits_a_landscape_sheet_with_every_column(
    browser, live_server, site_data, language
):
    context = browser.new_context(viewport={"width": LANDSCAPE_PRINTABLE_WIDTH, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + url("cbm:catalogue", language))
    page.emulate_media(media="print")

    measures = page.evaluate(
        """() => {
          const wrapper = document.querySelector(".matrix-scroll");
          const table = wrapper.querySelector("table");
          const box = wrapper.getBoundingClientRect();
          const heads = [...table.querySelectorAll("thead th")]
            .map((th) => th.getBoundingClientRect());
          return {
            page: getComputedStyle(document.getElementById("matrix")).page,
            overflow: getComputedStyle(wrapper).overflowX,
            scrollWidth: wrapper.scrollWidth,
            clientWidth: wrapper.clientWidth,
            tableWidth: table.getBoundingClientRect().width,
            columns: heads.length,
            clipped: heads
              .filter((r) => r.left < box.left - 0.5 || r.right > box.right + 0.5).length,
          };
        }"""
    )
    assert measures.pop("page") == "cbm-matrix"
    assert measures.pop("overflow") == "visible"
    assert measures["scrollWidth"] == measures["clientWidth"], measures
    assert measures["tableWidth"] <= LANDSCAPE_PRINTABLE_WIDTH, measures
    assert measures["columns"] > 10
    assert measures["clipped"] == 0, measures
    context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_printed_matrix_is_on_a_landscape_sheet_with_every_state(
    page, live_server, site_data, language
):
    address = live_server.url + url("cbm:catalogue", language)
    page.goto(address)
    states = page.locator(".matrix__state-name").all_inner_texts()

    pdf = printed(page, address)

    landscape = [sheet for sheet in pdf.pages if is_landscape(sheet)]
    assert len(landscape) == 1
    sheet = landscape[0]
    assert sheet is pdf.pages[-1]
    assert not any(is_landscape(other) for other in pdf.pages[:-1])
    positions = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            positions.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

    text = sheet.extract_text(visitor_text=visit)
    assert positions
    assert 0 <= min(positions) and max(positions) < float(sheet.mediabox.width)
    if language == "en":  # pypdf reads Arabic glyphs in their presentation forms
        for state in states:
            assert state in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_cbm_dimension_starts_a_new_sheet(page, live_server, site_data, language):
    address = live_server.url + url("cbm:catalogue", language)
    page.goto(address)
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(
        ".dimension", "(all) => all.map((el) => getComputedStyle(el).breakBefore)"
    )
    headings = page.locator(".dimension h2").all_inner_texts()
    assert breaks == ["page"] * 5

    if language in ("en", "ru"):
        pdf = printed(page, address)
        first_lines = [sheet.extract_text().strip().splitlines()[0] for sheet in pdf.pages]
        for heading in headings:
            assert heading in first_lines


@pytest.mark.parametrize("language", ["en", "ar"])
def test_main_pages_print_to_pdf(page, live_server, site_data, language):
    paths = [
        url("cica:home", language),
        url("members:list", language),
        url("cbm:catalogue", language),
        url("members:detail", language, slug="kazakhstan"),
        url("timeline:detail", language, slug="2022-6th-summit"),
        url("secretariat:secretariat", language),
    ]
    for path in paths:
        pdf = printed(page, live_server.url + path)
        text = "\n".join(sheet.extract_text() for sheet in pdf.pages)

        assert 1 <= len(pdf.pages) <= 10, path
        # The plain footer line names the page; the navigation is not printed.
        assert f"{live_server.url}{path}" in text, path
        assert "Русский" not in text and "中文" not in text, path
        if language == "en":
            assert "Skip to main content" not in text, path
            assert "The permanent administrative body" not in text, path
