"""Uploaded documents must be PDF files by their content, not by their names."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# PDF names that make a document act rather than be read: scripts, launching
# programs, files carried inside. (Names may hide letters as #xx escapes.)
ACTIVE_NAMES = {b"JavaScript", b"JS", b"Launch", b"EmbeddedFile", b"EmbeddedFiles", b"RichMedia"}
NAME_TOKEN = re.compile(rb"/([A-Za-z0-9#]{2,40})")
ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
CHUNK = 1024 * 1024


def _unescape(name: bytes) -> bytes:
    return ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), name)


@deconstructible
class PdfValidator:
    """A PDF (header ``%PDF-``, an ``%%EOF`` trailer, no scripts, programs or attached
    files) of at most ``max_bytes``.

    Without ``max_bytes`` the limit is the setting ``CICA_DOCUMENT_MAX_BYTES``.
    Content inside compressed object streams is not inspected.
    """

    def __init__(self, max_bytes: int | None = None) -> None:
        self.max_bytes = max_bytes

    def __call__(self, value) -> None:
        if getattr(value, "_committed", False):
            return  # stored earlier, checked then
        limit = self.max_bytes or settings.CICA_DOCUMENT_MAX_BYTES
        if value.size > limit:
            raise ValidationError(
                _("The file is %(size)s; documents may be at most %(limit)s."),
                code="file_too_large",
                params={"size": filesizeformat(value.size), "limit": filesizeformat(limit)},
            )
        value.seek(0)
        head = value.read(8)
        value.seek(max(0, value.size - 2048))
        tail = value.read()
        if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
            value.seek(0)
            raise ValidationError(
                _("This file is not a PDF document, whatever its name says."), code="not_a_pdf"
            )
        value.seek(0)
        previous = b""
        while chunk := value.read(CHUNK):
            window = previous + chunk
            for match in NAME_TOKEN.finditer(window):
                if _unescape(match.group(1)) in ACTIVE_NAMES:
                    value.seek(0)
                    raise ValidationError(
                        _(
                            "This PDF contains scripts, programs or attached files, which the "
                            "site does not publish. Save it again as a plain PDF."
                        ),
                        code="active_pdf",
                    )
            previous = chunk[-64:]
        value.seek(0)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PdfValidator) and other.max_bytes == self.max_bytes
