"""Template helpers shared by every app's templates."""

import unicodedata
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, pgettext
from modeltranslation.utils import build_localized_fieldname

from cica.caching import FRAGMENTS
from cica.sharing import page_metadata
from members.dates import describe_date, describe_since, format_date

register = template.Library()


@register.simple_tag
def translated(obj, field: str, paragraphs: bool = False) -> SafeString:
    """A translated field of ``obj`` in the current language, escaped.

    When the field has no text in the current language modeltranslation falls
    back to English; the English text is then marked ``lang="en"`` so screen
    readers pronounce it as English. ``paragraphs=True`` turns blank-line
    separated text into paragraphs.
    """
    value = getattr(obj, field, "") or ""
    own = getattr(obj, build_localized_fieldname(field, get_language()), None)
    html = linebreaks_filter(value, autoescape=True) if paragraphs else conditional_escape(value)
    if value and (not own or is_foreign_latin(value)):
        tag = "div" if paragraphs else "span"
        return format_html('<{} lang="en" dir="ltr">{}</{}>', tag, html, tag)
    return html


@register.simple_tag
def status_note(state) -> SafeString:
    """The note on the date of the status ``with_status()`` annotated on ``state``, in the
    current language, else the English marked ``lang="en"``; empty when there is none."""
    own, english = getattr(state, "status_note", ""), getattr(state, "status_note_en", "")
    if own and not is_foreign_latin(own):
        return conditional_escape(own)
    if own or english:
        return format_html('<span lang="en" dir="ltr">{}</span>', own or english)
    return ""


# Languages of the site written in another script than Latin.
NON_LATIN_LANGUAGES = ("ru", "zh-hans", "ar")


def is_foreign_latin(text: str) -> bool:
    """Whether ``text`` is written in Latin letters only on a page in a language
    that is not: a person's name kept in pinyin on a Chinese page ("Gong
    Jianwei"), an account name on an Arabic one. Such text is marked
    ``lang="en" dir="ltr"`` so that screen readers do not read it as Chinese or
    Arabic and right-to-left text does not reorder it."""
    if get_language() not in NON_LATIN_LANGUAGES:
        return False
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and all(unicodedata.name(char, "").startswith("LATIN") for char in letters)


@register.filter
def latin(text) -> SafeString:
    """``text``, escaped, marked ``lang="en" dir="ltr"`` when it is Latin text on a
    page in a language of another script (see ``is_foreign_latin``)."""
    text = "" if text is None else str(text)
    if is_foreign_latin(text):
        return format_html('<span lang="en" dir="ltr">{}</span>', text)
    return conditional_escape(text)


class CachedContentNode(template.Node):
    def __init__(self, name: str, nodelist: template.NodeList) -> None:
        self.name = name
        self.nodelist = nodelist

    def render(self, context) -> SafeString:
        # The keys and what was found come from the view (cica.caching.CachedContentMixin);
        # other pages (errors) are rendered every time.
        html = context.get("cached_fragments", {}).get(self.name)
        if html is not None:
            return mark_safe(html)
        html = self.nodelist.render(context)
        key = context.get("fragment_keys", {}).get(self.name)
        if key is not None:
            cache.set(key, str(html), settings.CICA_PAGE_CACHE_SECONDS)
        return html


@register.tag
def cachedcontent(parser, token) -> CachedContentNode:
    """``{% cachedcontent "name" %}…{% endcachedcontent %}``: a part of a page rendered
    once per content version, day, language and address (``cica.caching``)."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1].strip("\"'") not in FRAGMENTS:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one of {', '.join(FRAGMENTS)}.")
    nodelist = parser.parse(("endcachedcontent",))
    parser.delete_first_token()
    return CachedContentNode(bits[1].strip("\"'"), nodelist)


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, name: str, nodelist: template.NodeList) -> None:
        self.name = name
        self.nodelist = nodelist

    def render(self, context) -> str:
        context[self.name] = self.nodelist.render(context)
        return ""


@register.tag
def capture(parser, token) -> CaptureNode:
    """``{% capture name %}…{% endcapture %}``: renders nothing, and keeps what it holds
    (blocks too) in ``name``, so that one block's text can be used twice: the page's
    title in <title> and in its share tags."""
    bits = token.split_contents()
    if len(bits) != 2 or not bits[1].isidentifier():
        raise template.TemplateSyntaxError(f"{bits[0]} takes one variable name.")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(bits[1], nodelist)


@register.inclusion_tag("includes/share.html", takes_context=True)
def share_tags(context, title: str, description: str) -> dict:
    """The page's Open Graph and Twitter card tags and its JSON-LD (``cica.sharing``);
    nothing on a page that is not a public page."""
    return page_metadata(context, title, description) or {}


# A state's flag at one of two sizes: (class suffix, width, height).
FLAG_SIZES = {"small": ("small", 32, 24), "large": ("large", 120, 90)}


@register.simple_tag
def flag(state, size: str = "small", alt: str = "") -> SafeString:
    """A state's flag, decorative unless ``alt`` is given; a blank of the same size when
    there is none, so that lists stay aligned."""
    name, width, height = FLAG_SIZES[size]
    url = state.flag_url
    if not url:
        return format_html(
            '<span class="flag flag--{} flag--missing" aria-hidden="true"></span>', name
        )
    return format_html(
        '<img class="flag flag--{}" src="{}" alt="{}" width="{}" height="{}" loading="lazy">',
        name,
        url,
        alt,
        width,
        height,
    )


@register.filter
def hostname(url: str) -> str:
    """The host of a web address without "www.", for link texts: un.org."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


@register.simple_tag
def term(obj) -> str:
    """The span of a term (``start_date``/``end_date`` with their precisions), as words.

    "24 September 2020 – 13 October 2022", "since 2006", "until August 2008".
    """
    start, end = obj.start_date, obj.end_date
    if start and end:
        return pgettext("term", "{start} – {end}").format(
            start=format_date(start, obj.start_precision, "in_text"),
            end=format_date(end, obj.end_precision, "in_text"),
        )
    if start:
        return pgettext("term", "since {start}").format(
            start=format_date(start, obj.start_precision, "after_preposition")
        )
    if end:
        return pgettext("term", "until {end}").format(
            end=format_date(end, obj.end_precision, "after_preposition")
        )
    return pgettext("term", "dates not recorded")


def _span(start, start_precision, end, end_precision, title) -> SafeString:
    """One part of a term under ``title``: "Executive Director from 24 September 2020"."""
    if start and end:
        pattern = pgettext("title in a term", "{title} from {start} until {end}")
    elif start:
        pattern = pgettext("title in a term", "{title} from {start}")
    else:
        pattern = pgettext("title in a term", "{title} until {end}")
    return format_html(
        pattern,
        title=title,
        start=format_date(start, start_precision, "after_preposition") if start else "",
        end=format_date(end, end_precision, "after_preposition") if end else "",
    )


@register.simple_tag
def titled_term(person, on, heading) -> SafeString:
    """A term with the titles of its time, when they differ from ``heading`` (the title
    shown above it, itself the title in force on ``on``).

    "since 21 September 2023" under its own title; "Executive Director, 2014 – September
    2018" under a newer one; "Executive Director from 24 September 2020, Secretary
    General from 13 October 2022" across a renaming.
    """
    spans = person.titled_spans(on)
    if len(spans) <= 1:
        same = not spans or (
            type(spans[0].holder) is type(heading) and spans[0].holder.pk == heading.pk
        )
        if same:
            return conditional_escape(term(person))
        return format_html(
            pgettext("title in a term", "{title}, {term}"),
            title=translated(spans[0].holder, "title"),
            term=term(person),
        )
    # Translators: between the titles a post had during one term.
    separator = pgettext("titles of one term", ", ")
    parts = []
    for index, span in enumerate(spans):
        title = translated(span.holder, "title")
        last = index == len(spans) - 1
        if not last and span.start:
            # The next title follows: say when this one began.
            text = _span(span.start, span.start_precision, None, "", title)
        else:
            text = _span(span.start, span.start_precision, span.end, span.end_precision, title)
        # One line per title; the separator ends the line, so text read aloud or copied
        # still runs "Executive Director from …, Secretary General from …".
        parts.append(
            format_html(
                '<span class="titled-term__part">{}{}</span>', text, "" if last else separator
            )
        )
    return format_html('<span class="titled-term">{}</span>', SafeString("".join(parts)))


@register.simple_tag
def former_name(former, field: str) -> SafeString:
    """A former name with the day it was replaced: “Summit” until 13 October 2022."""
    return format_html(
        pgettext("former name", "“{name}” until {date}"),
        name=translated(former, field),
        date=format_date(former.ended, former.ended_precision, "after_preposition"),
    )


@register.simple_tag
def since(date, precision: str, approximate: bool = False, certain_from=None) -> str:
    """When a status began: see ``members.dates.describe_since``."""
    return describe_since(date, precision, approximate, certain_from)


@register.simple_tag
def time_element(date, precision: str, text: str) -> SafeString:
    """``text`` in a ``<time>`` element dated at ``precision`` (day, month or year),
    to be placed as a value into a translated pattern with ``as``."""
    machine = {"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d")
    return format_html('<time datetime="{}">{}</time>', date.strftime(machine), text)


@register.simple_tag
def when(date, precision: str, approximate: bool = False, certain_from=None) -> str:
    """A date as known: see ``members.dates.describe_date``."""
    return describe_date(date, precision, approximate, certain_from)


@register.simple_tag
def translation_summary():
    """Filled and total translated fields per language, for the admin index."""
    from editorial.translations import status

    return list(status(with_gaps=False).values())
