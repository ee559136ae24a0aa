"""Dates as an editor types them, in the admin's language.

A date field of the admin takes the formats of the editor's language
(``DATE_INPUT_FORMATS`` of ``cica/formats/<language>/``, the first one being
what the field shows), with any kind of digits (Arabic-Indic ٣١/١٢/٢٠٢٤,
full-width ２０２４) read as 0-9, and ISO 2024-12-31 always. A date has no time
of day: its calendar comes without Django's time-zone note.
"""

import unicodedata

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.utils.formats import get_format

# ISO 8601 is accepted whatever the language's own formats.
ISO_DATE = "%Y-%m-%d"

# Separators other scripts write between the parts of a date.
SEPARATORS = str.maketrans({"\u060d": "/", "\u066b": ".", "\uff0d": "-", "\uff0f": "/"})


def ascii_digits(value: str) -> str:
    """``value`` with every decimal digit (Arabic-Indic, Persian, full-width...) as 0-9,
    other scripts' date separators as / . -, and without the invisible direction marks
    that right-to-left text carries (U+200F...)."""
    return "".join(
        str(unicodedata.decimal(char)) if char.isdecimal() else char
        for char in value
        if unicodedata.category(char) != "Cf"
    ).translate(SEPARATORS)


class DateOnlyWidget(AdminDateWidget):
    """The admin's date input and calendar, without the time-zone note."""

    class Media:
        extend = False
        js = [
            "admin/js/calendar.js",
            "admin/js/admin/DateTimeShortcuts.js",
            "admin/js/cica-date-only.js",
        ]


class LocalDateField(forms.DateField):
    """A date in the active language's formats (any digits), or in ISO 8601."""

    widget = DateOnlyWidget
    _input_formats = None

    def to_python(self, value):
        if isinstance(value, str):
            value = ascii_digits(value.strip())
        return super().to_python(value)

    @property
    def input_formats(self) -> list[str]:
        # Read at each use: the formats of the language active for this request.
        formats = list(self._input_formats or get_format("DATE_INPUT_FORMATS"))
        return formats if ISO_DATE in formats else [*formats, ISO_DATE]

    @input_formats.setter
    def input_formats(self, value):
        self._input_formats = value
