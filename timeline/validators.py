"""Uploaded documents must be PDF files by their content, not by their names."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


@deconstructible
class PdfValidator:
    """A PDF (header ``%PDF-`` and an ``%%EOF`` trailer) of at most ``max_bytes``.

    Without ``max_bytes`` the limit is the setting ``CICA_DOCUMENT_MAX_BYTES``.
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
                params={
                    "size": filesizeformat(value.size),
                    "limit": filesizeformat(limit),
                },
            )
        value.seek(0)
        head = value.read(8)
        value.seek(max(0, value.size - 2048))
        tail = value.read()
        value.seek(0)
        if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
            raise ValidationError(
                _("This file is not a PDF document, whatever its name says."), code="not_a_pdf"
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PdfValidator) and other.max_bytes == self.max_bytes
