"""Text as search compares it: folded, tokenised and, for display, highlighted.

The index and the visitor's query go through the same ``fold`` and ``words``, so that
what is compared is the same on both sides whatever the database:

- case and accents are folded (``Türkiye`` = ``turkiye``, ``ё`` = ``е``);
- Arabic loses its short vowels and other marks (tashkeel) and the tatweel, writes every
  hamza form of alif as a bare alif (أ إ آ ٱ → ا), ؤ → و, ئ → ي, ى → ي and ة → ه, and
  each word loses a leading definite article (ال, and وال بال كال فال لل);
- Chinese has no spaces between words: a run of Chinese characters is one word in the
  index, and a query matches it character by character (``cjk_terms``).
"""

import functools
import re
import unicodedata

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

# Longest query searched; a longer one is cut here (and the page says so).
MAX_QUERY_LENGTH = 200
# Fewest letters a query must have, unless it is Chinese (one character is a word).
MIN_QUERY_LENGTH = 2

TATWEEL = "\u0640"
ARABIC_LETTERS = str.maketrans({"ى": "ي", "ة": "ه", "ٱ": "ا"})
# Leading articles and particles taken off an Arabic word, longest first; a word keeps
# at least two letters.
ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
WORD = re.compile(r"[^\W_]+")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
    )


@functools.lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character as compared: lower case, without accents or Arabic marks; may be
    empty (a mark, a tatweel) or longer than one character (ß → ss)."""
    if char == TATWEEL:
        return ""
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept).translate(ARABIC_LETTERS)


def fold(text: str) -> str:
    """``text`` as compared: ``fold_char`` of each character, done on the whole string."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace(TATWEEL, ""))
    if not decomposed.isascii():
        decomposed = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", decomposed).translate(ARABIC_LETTERS)


def strip_article(word: str) -> str:
    """An Arabic word without its leading article (القمة → قمة once folded: قمه)."""
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    return word


def words(text: str) -> list[str]:
    """The words of ``text`` as the index and the query compare them."""
    return [strip_article(word) for word in WORD.findall(fold(text))]


def normalised(*texts: str) -> str:
    """``texts`` as the index stores them: their words, one space apart."""
    return " ".join(word for text in texts for word in words(text))


def clean_query(raw: str) -> tuple[str, bool]:
    """The visitor's query without control characters and extra spaces, cut to
    ``MAX_QUERY_LENGTH``; and whether it was cut."""
    text = " ".join(CONTROL.sub(" ", raw).split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    return text[:MAX_QUERY_LENGTH].rstrip(), True


# Words this long are looked for without their last two letters, a crude stemming that
# works on every database: саммиты finds саммит, declarations finds declaration.
STEM_FROM = 6
STEM_CUT = 2


def is_arabic(word: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in word)


def query_terms(text: str) -> list[str]:
    """What every result must contain, as substrings of its normalised text: each word
    of two letters or more (a long word without its ending, see ``STEM_FROM``), and each
    character of a Chinese word (Chinese words are not spaced, so 亚信峰会 finds
    亚信第五次峰会)."""
    terms: list[str] = []

    def add(term: str) -> None:
        if term not in terms:
            terms.append(term)

    for word in words(text):
        if any(is_cjk(char) for char in word):
            for char in word:
                if is_cjk(char):
                    add(char)
            rest = "".join(" " if is_cjk(char) else char for char in word).split()
            for part in rest:
                if len(part) >= MIN_QUERY_LENGTH:
                    add(part)
        elif len(word) >= STEM_FROM and not word.isdigit() and not is_arabic(word):
            add(word[:-STEM_CUT])
        elif len(word) >= MIN_QUERY_LENGTH or word.isdigit():
            add(word)
    return terms


def highlight_terms(text: str) -> list[str]:
    """What to mark in results: the query's words whole (``match_spans`` finds their
    inflected forms), and the parts of two characters or more of a Chinese word (so
    that 亚信峰会 marks 亚信 and 峰会, not every 信)."""
    terms: list[str] = []
    for word in words(text):
        if any(is_cjk(char) for char in word) and len(word) >= 2:
            for length in range(len(word), 1, -1):
                for start in range(len(word) - length + 1):
                    part = word[start : start + length]
                    if part not in terms:
                        terms.append(part)
        elif (len(word) >= MIN_QUERY_LENGTH or any(is_cjk(c) for c in word)) and word not in terms:
            terms.append(word)
    return terms


def too_short(text: str) -> bool:
    """Whether the query has nothing long enough to search for."""
    return not query_terms(text)


# --- Highlighting -------------------------------------------------------------------


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    if text.isascii():
        return text.lower(), list(range(len(text)))
    folded, positions = [], []
    for index, char in enumerate(text):
        for part in fold_char(char):
            folded.append(part)
            positions.append(index)
    return "".join(folded), positions


def _variants(term: str) -> list[str]:
    """The term, then shorter beginnings of it for inflected words: саммиты is found
    as саммит, security as secur (what the stemmer matched)."""
    if any(is_cjk(char) for char in term) or len(term) < 5:
        return [term]
    shortest = max(4, len(term) - 3)
    return [term] + [term[:length] for length in range(len(term) - 1, shortest - 1, -1)]


def match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where ``terms`` occur in ``text``, as merged (start, end) spans of ``text``; a
    match inside a word marks the whole word, except in Chinese."""
    folded, positions = _folded_with_positions(text)
    spans = []
    for term in terms:
        for variant in _variants(term):
            found = [m.start() for m in re.finditer(re.escape(variant), folded)]
            for start in found:
                first = positions[start]
                last = positions[start + len(variant) - 1] + 1
                if not is_cjk(variant[0]):
                    while first > 0 and text[first - 1].isalnum():
                        first -= 1
                    while last < len(text) and (text[last].isalnum() or text[last] == TATWEEL):
                        last += 1
                spans.append((first, last))
            if found:
                break
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def marked(text: str, spans: list[tuple[int, int]], offset: int = 0) -> SafeString:
    """``text`` escaped, with the spans (relative to ``offset``) in ``<mark>``."""
    parts, cursor = [], 0
    for start, end in spans:
        start, end = max(start - offset, 0), min(end - offset, len(text))
        if end <= cursor or start >= len(text):
            continue
        start = max(start, cursor)
        parts.append(conditional_escape(text[cursor:start]))
        parts.append(mark_safe("<mark>"))
        parts.append(conditional_escape(text[start:end]))
        parts.append(mark_safe("</mark>"))
        cursor = end
    parts.append(conditional_escape(text[cursor:]))
    return mark_safe("".join(parts))


def highlight(text: str, terms: list[str]) -> SafeString:
    return marked(text, match_spans(text, terms))


SNIPPET_LENGTH = 220
SNIPPET_CONTEXT = 70


def snippet(text: str, terms: list[str]) -> SafeString:
    """A part of ``text`` around its first match (its beginning when nothing matches),
    escaped, the matches marked, with … where it was cut. The parts of an entry's text
    (lines: a place, a country, a description) are set apart with a middle dot."""
    text = " · ".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
    spans = match_spans(text, terms)
    start = 0
    if spans and spans[0][0] > SNIPPET_CONTEXT:
        start = text.rfind(" ", 0, spans[0][0] - SNIPPET_CONTEXT) + 1
        if start == 0 or spans[0][0] - start > SNIPPET_CONTEXT * 2:
            start = spans[0][0] - SNIPPET_CONTEXT
    end = start + SNIPPET_LENGTH
    if end < len(text):
        space = text.rfind(" ", start + SNIPPET_LENGTH // 2, end)
        end = space if space > 0 else end
    part = text[start:end]
    html = marked(part, spans, offset=start)
    before = "…" if start > 0 else ""
    after = "…" if end < len(text) else ""
    return mark_safe(f"{before}{html}{after}")
