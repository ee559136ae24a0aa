"""Reading a page as a visitor does: its text without the markup."""

import re


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
