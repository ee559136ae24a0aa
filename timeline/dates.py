"""Event dates at the precision they are known: 5 October 1992, September 2011, 2011."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext


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


def format_span(start: datetime.date, end: datetime.date | None, precision: str) -> str:
    """A date, or a span of days: 20–21 May 2014, 30 September – 2 October 2014."""
    if end is None or end == start or precision != "day":
        return format_date(start, precision)
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
