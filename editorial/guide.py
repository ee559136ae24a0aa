"""The guide for editors, shown in the admin (``/admin/guide/``).

The guide is written once, in the README files (English: the section "Guide for
editors" of README.md; Russian: README.ru.md), and shown here in the admin's
language, English for the others. A tiny converter turns the few Markdown forms
it uses (headings, paragraphs, lists, ``code``, **bold**, *emphasis*, links,
shown as their text) into HTML, after escaping everything.
"""

import re
from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

ENGLISH_HEADING = "## Guide for editors"

INLINE = [
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
    (re.compile(r"\*\*([^*]+)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"\*([^*]+)\*"), r"<em>\1</em>"),
    (re.compile(r"\[([^\]]+)\]\([^)]+\)"), r"\1"),
]


def guide_text(language: str) -> tuple[str, str]:
    """The guide's Markdown in ``language`` if it is written in it, else in English;
    and the language it is in."""
    base = Path(settings.BASE_DIR)
    if language == "ru":
        return (base / "README.ru.md").read_text(encoding="utf-8"), "ru"
    readme = (base / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"\n{ENGLISH_HEADING}\n", 1)[1]
    section = re.split(r"\n## ", section, maxsplit=1)[0]
    # Its headings one level up, as in README.ru.md where the guide is the whole file.
    section = re.sub(r"^### ", "## ", section, flags=re.M)
    return f"# {ENGLISH_HEADING[3:]}\n{section}", "en"


def _inline(text: str) -> str:
    html = escape(text)
    for pattern, replacement in INLINE:
        html = pattern.sub(replacement, html)
    return html


def markdown_to_html(text: str) -> SafeString:
    """HTML for the guide's Markdown: headings one level down (the page has its h1),
    paragraphs, numbered and bulleted lists whose items may run over several lines."""
    blocks, lines = [], text.splitlines()
    paragraph, items, list_tag = [], [], None

    def flush():
        nonlocal paragraph, items, list_tag
        if paragraph:
            blocks.append(f"<p>{_inline(' '.join(paragraph))}</p>")
        if items:
            rows = "".join(f"<li>{_inline(' '.join(item))}</li>" for item in items)
            blocks.append(f"<{list_tag}>{rows}</{list_tag}>")
        paragraph, items, list_tag = [], [], None

    for line in lines:
        stripped = line.strip()
        heading = re.match(r"(#{1,4}) (.*)", stripped)
        numbered = re.match(r"\d+\. (.*)", stripped)
        bullet = re.match(r"- (.*)", stripped)
        if not stripped:
            flush()
        elif heading:
            flush()
            level = min(len(heading.group(1)) + 1, 4)
            if level > 2:
                blocks.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif numbered or bullet:
            tag = "ol" if numbered else "ul"
            if paragraph or (list_tag and list_tag != tag):
                flush()
            list_tag = tag
            items.append([(numbered or bullet).group(1)])
        elif items and line.startswith(" "):
            items[-1].append(stripped)
        else:
            if items:
                flush()
            paragraph.append(stripped)
    flush()
    return mark_safe("\n".join(blocks))  # noqa: S308 - every text went through escape()


def guide(request):
    text, language = guide_text(get_language())
    context = {
        **admin.site.each_context(request),
        "title": _("Guide for editors"),
        "guide": markdown_to_html(text),
        "guide_language": language,
    }
    return TemplateResponse(request, "admin/guide.html", context)
