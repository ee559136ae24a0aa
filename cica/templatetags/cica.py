"""Template helpers shared by every app's templates."""

from urllib.parse import urlsplit

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, pgettext
from modeltranslation.utils import build_localized_fieldname

from timeline.dates import format_date

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
    if value and not own:
        tag = "div" if paragraphs else "span"
        return format_html('<{} lang="en" dir="ltr">{}</{}>', tag, html, tag)
    return html


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


@register.simple_tag
def translation_summary():
    """Filled and total translated fields per language, for the admin index."""
    from cica.translation_status import status

    return list(status(with_gaps=False).values())
