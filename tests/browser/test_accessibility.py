"""axe-core on every public page in every language: no WCAG 2.2 A/AA violation.

The pages come from the sitemap, the one registry of public URLs: a page that
joins the sitemap joins this test.
"""

from pathlib import Path
from xml.etree import ElementTree

from django.test import Client

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22a",
    "wcag22aa",
    "best-practice",
]
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


# Year pages stay out of the sitemap; these stand for them, in every language, with the
# page a bad year gets.
YEAR_PAGES = [
    f"/{language}/{page}/?year={year}"
    for language in ("en", "ru", "zh-hans", "ar")
    for page, year in (("members", 2010), ("cbm", 2019), ("secretariat", 2012))
] + ["/en/members/?year=abc", "/ar/cbm/?year=1800"]


# The search page stays out of the sitemap too: results, nothing found, no query.
SEARCH_PAGES = [
    "/en/search/?q=Kazakhstan",
    "/ru/search/?q=%D1%81%D0%B0%D0%BC%D0%BC%D0%B8%D1%82%D1%8B",
    "/zh-hans/search/?q=%E4%BA%9A%E4%BF%A1%E5%B3%B0%E4%BC%9A",
    "/ar/search/?q=%D9%82%D9%85%D8%A9",
    "/en/search/?q=Kazahstan",
    "/ar/search/",
]


def public_paths() -> list[str]:
    """Every page of the sitemap (all languages), year pages, search pages, and the 404
    page."""
    root = ElementTree.fromstring(Client().get("/sitemap.xml").content)
    paths = [
        loc.text.removeprefix("http://testserver")
        for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)
    ]
    return paths + YEAR_PAGES + SEARCH_PAGES + ["/en/no-such-page/", "/ar/no-such-page/"]


def violations_on(page, url: str) -> list[str]:
    page.goto(url)
    page.evaluate(AXE)  # evaluated, not injected as a <script>, so the page's CSP still holds
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]


def horizontal_overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_every_public_page_passes_axe_and_fits_a_phone(page, phone_page, live_server, site_data):
    paths = public_paths()
    assert len(paths) >= 6  # four home pages and two 404s at least
    console_errors = []
    page.on(
        "console",
        lambda message: (
            message.type == "error" and console_errors.append(f"{page.url}: {message.text}")
        ),
    )
    found = {}

    for path in paths:
        for viewer in (page, phone_page):
            problems = violations_on(viewer, live_server.url + path)
            if viewer is phone_page and (overflow := horizontal_overflow(viewer)):
                problems.append(f"the page is {overflow}px wider than the phone's screen")
            if problems:
                found[f"{path} @ {viewer.viewport_size['width']}px"] = problems

    assert found == {}
    # 404 and 400 pages log their status; anything else (a CSP violation, a script error)
    # is a bug.
    assert [e for e in console_errors if "404" not in e and "400" not in e] == []
