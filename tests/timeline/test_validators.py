"""The PDF check reads every object of the file, compressed or not, listed or not."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.timeline.factories import pdf_upload
from tests.timeline.pdfs import (
    ENCRYPTED,
    HOSTILE,
    TOO_COMPLEX,
    UNREADABLE,
    WEB_LINK,
    document,
    link,
    written_pdf,
)
from timeline import validators
from timeline.validators import PdfValidator


def _truncated() -> bytes:
    data = document(page=link(WEB_LINK))
    return data[: len(data) // 2] + b"\n%%EOF\n"


def upload(data: bytes, name: str = "statement.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def refusal(data: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        PdfValidator()(upload(data))
    return refused.value.messages[0]


@pytest.mark.parametrize("case", HOSTILE)
def test_active_content_is_refused(case):
    build, message = HOSTILE[case]

    assert message in refusal(build())


@pytest.mark.parametrize(
    "data",
    [
        lambda: document(catalog=b"/OpenAction [3 0 R /Fit]", page=link(WEB_LINK)),
        lambda: document(page=b"/AA << /O << /S /GoTo /D [3 0 R /FitH 800] >> >>"),
        lambda: written_pdf(link_to="https://www.s-cica.org/"),
        lambda: written_pdf(link_to="https://www.s-cica.org/", user_password=""),
        lambda: pdf_upload(pages=2).read(),
    ],
    ids=[
        "hand-built, with a web link and an opening view",
        "hand-built, going to a page when it opens",
        "written by pypdf, with a web link",
        "encrypted but opening without a password",
        "written by Pillow",
    ],
)
def test_plain_pdfs_pass(data):
    PdfValidator()(upload(data()))


@pytest.mark.parametrize(
    "data",
    [
        _truncated,
        lambda: b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n",
        lambda: document(extra={10: b"[" * 50_000 + b"]" * 50_000}),
    ],
    ids=["cut in half", "garbage between header and trailer", "arrays nested 50,000 deep"],
)
def test_a_file_that_cannot_be_read_as_a_pdf_is_refused(data):
    assert UNREADABLE in refusal(data())


def test_a_pdf_that_needs_a_password_is_refused():
    assert ENCRYPTED in refusal(written_pdf(user_password="secret"))


def test_a_pdf_with_too_many_objects_is_refused(monkeypatch):
    monkeypatch.setattr(validators, "MAX_OBJECTS", 5)

    assert TOO_COMPLEX in refusal(document(page=link(WEB_LINK)))


def test_a_pdf_that_takes_too_long_to_read_is_refused(monkeypatch):
    monkeypatch.setattr(validators, "MAX_SECONDS", -1)

    assert TOO_COMPLEX in refusal(document(page=link(WEB_LINK)))
