"""No word breaks across lines, at any width a visitor uses, in any language.

A name split over two lines ("Afghanista|n", "Российска|я") reads as a typo. The
browser itself says where each word of each text ends up: a word (as the
language's own word segmentation finds it) whose boxes lie on more than one line
is broken. Chinese text may break between any characters, as Chinese
typography does, except inside names and labels (texts of at most 12 characters,
where a break splits a state's or a person's name) that are not set upright in a
column one character wide.
"""

import re

import pytest
from django.test import Client

from cica.management.commands.bench import sitemap_paths

WIDTHS = (320, 375, 768, 1280, 1920)
LANGUAGES = ("en", "ru", "zh-hans", "ar")

BROKEN_WORDS = """
() => {
  const language = document.documentElement.lang;
  const words = new Intl.Segmenter(language, {granularity: "word"});
  const shortOnly = language.startsWith("zh");
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const broken = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data;
    const element = node.parentElement;
    if (!text.trim() || element.closest(".visually-hidden, script, style, noscript")) continue;
    if (!element.getClientRects().length) continue;
    if (shortOnly && text.trim().length > 12) continue;
    // Chinese in a column one character wide is set upright, a character a line, as in
    // the CBM matrix heads: those lines are vertical setting, not breaks.
    const fontSize = parseFloat(getComputedStyle(element).fontSize);
    if (shortOnly && element.getBoundingClientRect().width < 1.5 * fontSize) continue;
    for (const {segment, index, isWordLike} of words.segment(text)) {
      if (!isWordLike || segment.length < 2) continue;
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + segment.length);
      const lines = new Set(
        [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom))
      );
      const where = `${element.tagName.toLowerCase()}.${element.className}`;
      if (lines.size > 1) broken.push(`${segment} (in ${where})`);
    }
  }
  return [...new Set(broken)];
}
"""


def page_types(paths: list[str]) -> list[str]:
    """One page of each kind: every list page, and the detail page with the longest
    address of each kind (the longest names are the likeliest to break)."""
    kinds: dict[str, str] = {}
    for path in paths:
        kind = re.sub(r"/[^/]+/$", "/*/", path) if path.count("/") > 3 else path
        if len(path) > len(kinds.get(kind, "")):
            kinds[kind] = path
    return sorted(kinds.values())


@pytest.fixture
def english_pages(site_data):
    return page_types([path for path in sitemap_paths(Client()) if path.startswith("/en/")])


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_word_breaks_across_lines_on_any_page_at_any_width(
    browser, live_server, english_pages, language
):
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    page = context.new_page()
    found = {}
    for path in english_pages:
        path = path.replace("/en/", f"/{language}/", 1)
        page.goto(live_server.url + path)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            if broken := page.evaluate(BROKEN_WORDS):
                found[f"{path} at {width}px"] = broken
    context.close()

    assert not found, found
