"""Ordinal numbers as each language writes them in the names of meetings.

Names such as "4th CICA Summit" are translatable patterns (see
``Event.Kind``'s name patterns) that pick one of these forms: English suffixes,
Russian ordinal words in the noun's gender (official Russian style spells
them: "Четвертый саммит СВМДА", not "4-й саммит"), Chinese numerals after 第,
Arabic ordinal adjectives in the noun's gender. The Russian and Arabic words
begin the name, so the Russian ones are capitalised.
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

# Stems and the endings of the masculine, neuter and feminine forms ("ый", "ое",
# "ая" after a hard stem); "Третий" declines on its own.
_RU_STEMS = [
    "", "Перв", "Втор", "", "Четверт", "Пят", "Шест", "Седьм", "Восьм", "Девят", "Десят",
    "Одиннадцат", "Двенадцат", "Тринадцат", "Четырнадцат", "Пятнадцат", "Шестнадцат",
    "Семнадцат", "Восемнадцат", "Девятнадцат", "Двадцат",
]  # fmt: skip
_RU_ENDINGS = {"m": "ый", "n": "ое", "f": "ая"}
_RU_THIRD = {"m": "Третий", "n": "Третье", "f": "Третья"}


def russian(number: int, gender: str) -> str:
    """The ordinal word in ``gender`` ("m", "n", "f") up to 20, then digits: 21-й."""
    if number == 3:
        return _RU_THIRD[gender]
    if 0 < number < len(_RU_STEMS):
        stem = _RU_STEMS[number]
        ending = _RU_ENDINGS[gender]
        if gender == "m" and stem in ("Втор", "Шест", "Седьм", "Восьм"):
            ending = "ой"
        return stem + ending
    return f"{number}-" + {"m": "й", "n": "е", "f": "я"}[gender]


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
        "ordinal_ru_m": russian(number, "m"),
        "ordinal_ru_n": russian(number, "n"),
        "ordinal_ru_f": russian(number, "f"),
        "ordinal_zh": chinese(number),
        "ordinal_ar_m": arabic(number, feminine=False),
        "ordinal_ar_f": arabic(number, feminine=True),
    }
