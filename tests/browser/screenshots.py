"""Screenshots of every public page (from the sitemap) and the main admin screens.

Run the site first (``make run``), then ``make screenshots``; the PNGs land in
``screenshots/``, named after the page, language and width. Arguments: the
base URL, then a regular expression to keep only some pages, e.g.
``python -m tests.browser.screenshots http://127.0.0.1:8000 'members/$|admin'``.
"""

import re
import sys
from pathlib import Path
from urllib.request import urlopen
from xml.etree import ElementTree

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.test_accessibility import YEAR_PAGES

OUT = Path("screenshots")
WIDTHS = {"phone": (375, 740), "desktop": (1280, 900)}
ADMIN_PATHS = [
    "/admin/",
    "/admin/cica/introduction/1/change/",
    "/admin/cica/goal/",
    "/admin/members/state/",
    "/admin/members/state/13/change/",
    "/admin/members/organization/",
    "/admin/cbm/area/",
    "/admin/cbm/area/12/change/",
    "/admin/cbm/assignment/",
    "/admin/timeline/event/",
    "/admin/timeline/event/11/change/",
    "/admin/secretariat/position/1/change/",
    "/admin/secretariat/body/1/change/",
    "/admin/timeline/meetingname/",
    "/admin/secretariat/chairmanship/5/change/",
    "/admin/secretariat/contact/1/change/",
]


def page_paths(base: str) -> list[str]:
    root = ElementTree.fromstring(urlopen(f"{base}/sitemap.xml").read())
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [
        re.sub(r"^https?://[^/]+", "", loc.text) for loc in root.findall("sm:url/sm:loc", namespace)
    ]


def load_lazy_images(page) -> None:
    """Scroll through the page so that lazily loaded images (flags) are in the picture."""
    height = page.evaluate("document.documentElement.scrollHeight")
    for offset in range(0, height, 600):
        page.evaluate(f"window.scrollTo(0, {offset})")
        page.wait_for_timeout(50)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_load_state("networkidle")


def name_for(path: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "_", path.strip("/")) or "root"


def main(base: str = "http://127.0.0.1:8000", only: str = "") -> None:
    """``only``: a regular expression; just the pages whose path matches it."""
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for label, (width, height) in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            paths = page_paths(base) + YEAR_PAGES + ["/en/no-such-page/"]
            for path in [path for path in paths if re.search(only, path)]:
                page.goto(base + path)
                load_lazy_images(page)
                page.screenshot(path=OUT / f"{name_for(path)}-{label}.png", full_page=True)
            page.goto(f"{base}/admin/login/")
            page.fill("#id_username", "admin")
            page.fill("#id_password", "cica-dev-admin")
            page.click("input[type=submit]")
            for path in [path for path in ADMIN_PATHS if re.search(only, path)]:
                page.goto(base + path)
                page.screenshot(path=OUT / f"{name_for(path)}-{label}.png", full_page=True)
            context.close()
        browser.close()
    print(f"Screenshots written to {OUT.resolve()}")


if __name__ == "__main__":
    main(*sys.argv[1:])
