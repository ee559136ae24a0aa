"""Alphabetical order of names as readers of each language expect it.

The database sorts by code point. That is right for English and Russian, and
for Chinese it gives radical-and-stroke order, a recognised dictionary order.
Arabic lists, as the UN prints them, ignore the article "ال" and treat the
hamza forms of alif as alif: الأردن sorts under ر, إيران under ا.
"""

import re
import unicodedata
from collections.abc import Iterable
from typing import TypeVar

from django.utils.translation import get_language

T = TypeVar("T")

_ARABIC_ALIFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_ARABIC_ARTICLE = re.compile(r"^ال")


def sort_key(name: str, language: str) -> str:
    text = "".join(
        char for char in unicodedata.normalize("NFD", name) if not unicodedata.combining(char)
    )
    if language == "ar":
        text = _ARABIC_ARTICLE.sub("", text.translate(_ARABIC_ALIFS))
    return text.casefold()


def sorted_by_name(items: Iterable[T], attribute: str = "name") -> list[T]:
    """``items`` in alphabetical order of ``attribute`` in the active language."""
    language = get_language() or "en"
    return sorted(items, key=lambda item: sort_key(getattr(item, attribute), language))
