"""Ordinal numbers as each language writes them in the names of meetings.

Names such as "4th CICA Summit" are translatable patterns (see
``Event.Kind``'s name patterns) that pick one of these forms: English suffixes,
Russian numerals with the ending of the noun's gender, Chinese numerals after
第, Arabic ordinal adjectives in the noun's gender.
"""

_ZH_DIGITS = "零一二三四五六七八九"

_AR_MASCULINE = [
    "", "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
    "التاسع", "العاشر", "الحادي عشر", "الثاني عشر", "الثالث عشر", "الرابع عشر",
    "الخامس عشر", "السادس عشر", "السابع عشر", "الثامن عشر", "التاسع عشر", "العشرون",
]  # fmt: skip
_AR_FEMININE = [
    "", "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة",
    "التاسعة", "العاشرة", "الحادية عشرة", "الثانية عشرة", "الثالثة عشرة", "الرابعة عشرة",
    "الخامسة عشرة", "السادسة عشرة", "السابعة عشرة", "الثامنة عشرة", "التاسعة عشرة", "العشرون",
]  # fmt: skip


def english(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def chinese(number: int) -> str:
    """Chinese numerals up to 99: 1 一, 10 十, 12 十二, 20 二十, 21 二十一."""
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    text = ("" if tens == 1 else _ZH_DIGITS[tens]) + "十" if tens else ""
    return text + (_ZH_DIGITS[units] if units else "")


def arabic(number: int, feminine: bool) -> str:
    words = _AR_FEMININE if feminine else _AR_MASCULINE
    return words[number] if 0 < number < len(words) else f"الـ{number}"


def forms(number: int) -> dict[str, str]:
    """Every form a translated name pattern may use, by placeholder."""
    return {
        "number": str(number),
        "ordinal": english(number),
        "ordinal_ru_m": f"{number}-й",
        "ordinal_ru_n": f"{number}-е",
        "ordinal_ru_f": f"{number}-я",
        "ordinal_zh": chinese(number),
        "ordinal_ar_m": arabic(number, feminine=False),
        "ordinal_ar_f": arabic(number, feminine=True),
    }
