"""Dates known to the day, the month or the year, and how each language writes them.

Many facts about CICA are known only to the month or the year ("September
2011", "by 2004"). Such a date is stored as the first day of its month or year
when it starts something and as the last day when it ends something, so that
"in force on a date" stays a plain comparison; ``format_date`` writes it back
at the precision it is known to.
"""

import calendar
import datetime

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


def first_day(value: datetime.date | None, precision: str) -> datetime.date | None:
    """The first day of ``value``'s month or year, at that precision."""
    if value is None or precision == Precision.DAY:
        return value
    if precision == Precision.MONTH:
        return value.replace(day=1)
    return value.replace(month=1, day=1)


def last_day(value: datetime.date | None, precision: str) -> datetime.date | None:
    """The last day of ``value``'s month or year, at that precision."""
    if value is None or precision == Precision.DAY:
        return value
    if precision == Precision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    return value.replace(month=12, day=31)


def format_date(value: datetime.date, precision: str, context: str = "alone") -> str:
    """``value`` at ``precision`` (day, month or year) in the active language.

    ``context`` matters for a month and year in languages that inflect them:
    "alone" for a label, "in_text" inside a phrase such as a span of dates,
    "after_preposition" after "since" or "until" (Russian: "с сентября 2020 г.").
    """
    if precision == "year":
        # Translators: a date format showing the year only (Django's date format codes).
        return date_format(value, pgettext("year alone", "Y"))
    if precision == "month":
        if context == "after_preposition":
            # Translators: month and year after "since" or "until" (Django's date format
            # codes; E is the genitive month name in Russian).
            return date_format(value, pgettext("month and year after a preposition", "F Y"))
        text = date_format(value, "YEAR_MONTH_FORMAT")
        if context == "in_text" and (get_language() or "").startswith("ru"):
            text = text.lower()  # Russian writes month names in lower case within a phrase
        return text
    return date_format(value, "DATE_FORMAT")


def format_span(
    start: datetime.date, end: datetime.date | None, precision: str, context: str = "alone"
) -> str:
    """A date, or a span of days: 20–21 May 2014, 30 September – 2 October 2014.

    ``context`` as for ``format_date`` ("in_text" within a sentence)."""
    if end is None or end == start or precision != "day":
        return format_date(start, precision, context)
    if (start.year, start.month) == (end.year, end.month):
        # xgettext:no-python-brace-format
        return pgettext("days of one month", "{start_day}–{end_date}").format(
            start_day=start.day,
            end_day=end.day,
            start_date=format_date(start, "day"),
            end_date=format_date(end, "day"),
        )
    return pgettext("span of dates", "{start_date} – {end_date}").format(
        start_date=format_date(start, "day"), end_date=format_date(end, "day")
    )


def describe_since(
    value: datetime.date | None,
    precision: str,
    approximate: bool = False,
    certain_from: datetime.date | None = None,
) -> str:
    """When something began, as known: "since 2004", "since May 2014", "by 2004" (known only
    to have begun by then), "since 1999, or by 2002 at the latest" (known only to lie
    between the two), "since: not recorded"."""
    if value is None:
        return pgettext("status", "since: not recorded")
    if approximate:
        return describe_date(value, precision, approximate)
    start = format_date(value, precision, "after_preposition")
    if certain_from:
        latest = format_date(certain_from, precision, "after_preposition")
        return pgettext("status", "since {start}, or by {latest} at the latest").format(
            start=start, latest=latest
        )
    return pgettext("term", "since {start}").format(start=start)


def describe_date(
    value: datetime.date | None,
    precision: str,
    approximate: bool = False,
    certain_from: datetime.date | None = None,
) -> str:
    """A date at its precision ("2010", "May 2014"), "by 2004" when known only to have been
    by then, "1999, or by 2002 at the latest" when known only to lie between the two, or
    "not recorded"."""
    if value is None:
        return pgettext("date", "not recorded")
    if approximate:
        start = format_date(value, precision, "after_preposition")
        return pgettext("status", "by {date}").format(date=start)
    if certain_from:
        return pgettext("date", "{date}, or by {latest} at the latest").format(
            date=format_date(value, precision, "in_text"),
            latest=format_date(certain_from, precision, "after_preposition"),
        )
    return format_date(value, precision)
