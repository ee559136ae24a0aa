"""Word differences between two texts, marked in HTML for the admin.

The texts are split into words, spaces and punctuation (each Chinese character a
word, as Chinese has no spaces), compared with difflib, and every piece is escaped
before it is marked: a ``<script>`` in a value stays text.
"""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

TOKENS = re.compile(
    r"\s+"
    # Chinese characters and full-width punctuation: one token each, as they have no spaces.
    r"|[\u2e80-\u2fff\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
    r"|\w+"
    r"|[^\w\s]"
)


def pieces(old: str, new: str):
    """The two texts compared word by word: (same, removed, added), each escaped; "same"
    is what both share, else the words removed from ``old`` and added in ``new``."""
    a, b = TOKENS.findall(old), TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        yield (new_part, "", "") if op == "equal" else ("", old_part, new_part)


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """The old text with removed words in ``<del>`` and the new with added words in
    ``<ins>``."""
    before, after = [], []
    for same, removed, added in pieces(old, new):
        before.append(same or (f"<del>{removed}</del>" if removed else ""))
        after.append(same or (f"<ins>{added}</ins>" if added else ""))
    return mark_safe("".join(before)), mark_safe("".join(after))  # noqa: S308 (escaped)


def inline_word_diff(old: str, new: str) -> SafeString:
    """One text: the new one, with the words removed since the old in ``<del>`` and the
    words added in ``<ins>``."""
    parts = []
    for same, removed, added in pieces(old, new):
        parts.append(same)
        parts.append(f"<del>{removed}</del>" if removed else "")
        parts.append(f"<ins>{added}</ins>" if added else "")
    return mark_safe("".join(parts))  # noqa: S308 (every piece is escaped)
