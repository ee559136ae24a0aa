"""Alphabetical order of names as readers of each language expect it.

The database sorts by code point, which no reader expects: Chinese readers
look names up by pinyin, and accented Latin letters land after "z". ICU's
collation (the CLDR rules for each language) gives the order of printed
dictionaries and of the UN's own lists: pinyin for Chinese, the alphabet for
Russian and English.

Arabic lists, as the UN prints them, ignore the article "ال" and treat the
hamza forms of alif as alif: الأردن sorts under ر, إيران under ا. ICU's
Arabic order does neither (it files الأردن under ا), so that rule is applied
first and ICU orders what remains.
"""

import functools
import re
from collections.abc import Iterable
from typing import TypeVar

import icu
from django.utils.translation import get_language

T = TypeVar("T")

_ARABIC_ALIFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_ARABIC_ARTICLE = re.compile(r"^ال")

# Django's language codes and the ICU locales whose collation they use.
_ICU_LOCALES = {"zh-hans": "zh", "zh-hant": "zh@collation=stroke"}


@functools.cache
def _collator(language: str) -> icu.Collator:
    locale = _ICU_LOCALES.get(language, language)
    return icu.Collator.createInstance(icu.Locale(locale))


def sort_key(name: str, language: str) -> bytes:
    """A key that orders ``name`` among others as a reader of ``language`` expects."""
    if language == "ar":
        name = _ARABIC_ARTICLE.sub("", name.translate(_ARABIC_ALIFS))
    return _collator(language).getSortKey(name)


def sorted_by_name(items: Iterable[T], attribute: str = "name") -> list[T]:
    """``items`` in alphabetical order of ``attribute`` in the active language."""
    language = get_language() or "en"
    return sorted(items, key=lambda item: sort_key(getattr(item, attribute), language))
