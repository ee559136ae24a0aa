"""Names of stored uploads: built from the object, never from the uploader's file name.

A flag uploaded as ``evil.php.png`` is stored as ``flags/kazakhstan.png``: the name
says whose file it is, holds only ``[a-z0-9-]`` and ends with the one extension that
the validated content decided (the format an image was re-encoded to, ``.pdf`` for a
document). When the name is taken, the storage adds a random suffix rather than
overwrite: a file that an older version in the history refers to stays as it was.
"""

import re
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

from django.utils.deconstruct import deconstructible
from django.utils.text import slugify

# Room left in a FileField's 100 characters for the folder, the storage's random
# suffix ("_" and 7 characters) and the extension.
MAX_STEM = 60


def safe_words(*texts: object) -> list[str]:
    """Each text as lower-case ASCII words joined by hyphens; texts that give none dropped.

    Non-Latin text gives nothing (``slugify`` keeps ASCII only), so callers pass a
    fallback after it.
    """
    words = []
    for text in texts:
        word = re.sub(r"[^a-z0-9]+", "-", slugify(str(text or ""))).strip("-")
        if word:
            words.append(word)
    return words


def shortened(word: str, limit: int) -> str:
    """``word`` (hyphenated) cut to at most ``limit`` characters, at a hyphen if it can."""
    if len(word) <= limit:
        return word
    head = word[: limit + 1]
    return head.rsplit("-", 1)[0] if "-" in head else word[:limit]


def stored_name(folder: str, words: Iterable[str], extension: str) -> str:
    """``<folder>/<words joined by hyphens, at most MAX_STEM characters>.<extension>``."""
    stem = shortened("-".join(safe_words(*words)), MAX_STEM) or "file"
    return f"{folder}/{stem}.{extension}"


@deconstructible
class UploadName:
    """An ``upload_to`` that names the stored file after its object.

    ``words(instance, filename)`` (a module-level function, so that migrations can
    refer to it) says whose file it is; of the upload's name only the last extension
    is read, and only when it is one of ``extensions`` (the first otherwise): the
    model re-encodes images before saving and names them after the format it chose.
    """

    def __init__(
        self,
        folder: str,
        words: Callable[[object, str], list[str]],
        extensions: tuple[str, ...],
    ) -> None:
        self.folder = folder
        self.words = words
        self.extensions = tuple(extensions)

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePosixPath(filename).suffix.lower().lstrip(".")
        extension = suffix if suffix in self.extensions else self.extensions[0]
        return stored_name(self.folder, self.words(instance, filename), extension)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UploadName) and (
            other.folder,
            other.words,
            other.extensions,
        ) == (self.folder, self.words, self.extensions)

    def __hash__(self) -> int:
        return hash((self.folder, self.words, self.extensions))


IMAGE_EXTENSIONS = ("png", "jpg", "webp")
