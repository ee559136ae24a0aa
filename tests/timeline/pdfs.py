"""PDF files built by hand, byte by byte, for the upload checks.

``build_pdf`` writes what current tools write: objects packed into a
zlib-compressed object stream, cross-references in a compressed xref stream.
``document`` fills in a one-page document around extra catalog, page and
object entries, so each test states only what makes its file hostile.
``written_pdf`` has pypdf write one, for links, scripts and encryption.
``HOSTILE`` lists the files the site refuses, each with the start of its message.
"""

import zlib
from collections.abc import Iterable
from io import BytesIO

from pypdf import PdfWriter
from pypdf.annotations import Link
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

CONTENT = b"0 0 m 300 300 l S"


def _stream(dictionary: bytes, data: bytes, compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data)
        dictionary += b" /Filter /FlateDecode"
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (dictionary, len(data), data)


def build_pdf(
    objects: dict[int, bytes], *, packed: Iterable[int] = (), unlisted: Iterable[int] = ()
) -> bytes:
    """A PDF of ``objects`` by number (1 is the catalog). Those in ``packed`` go into a
    compressed object stream; those in ``unlisted`` are written but left out of the
    cross-references, as a reader repairing the file would still find them."""
    packed, unlisted = sorted(packed), set(unlisted)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    entries: dict[int, tuple[int, int, int]] = {0: (0, 0, 65535)}
    for number in sorted(set(objects) - set(packed)):
        if number not in unlisted:
            entries[number] = (1, len(out), 0)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    next_number = max(objects) + 1
    if packed:
        header, body = [], b""
        for index, number in enumerate(packed):
            header.append(b"%d %d" % (number, len(body)))
            body += objects[number] + b"\n"
            entries[number] = (2, next_number, index)
        header_bytes = b" ".join(header) + b"\n"
        entries[next_number] = (1, len(out), 0)
        dictionary = b"/Type /ObjStm /N %d /First %d" % (len(packed), len(header_bytes))
        out += b"%d 0 obj\n%s\nendobj\n" % (next_number, _stream(dictionary, header_bytes + body))
        next_number += 1
    xref_number, size = next_number, next_number + 1
    entries[xref_number] = (1, len(out), 0)
    rows = b"".join(
        bytes([kind]) + field.to_bytes(4, "big") + second.to_bytes(2, "big")
        for kind, field, second in (entries.get(n, (0, 0, 0)) for n in range(size))
    )
    dictionary = b"/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R" % size
    start = len(out)
    out += b"%d 0 obj\n%s\nendobj\n" % (xref_number, _stream(dictionary, rows))
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def document(
    catalog: bytes = b"",
    page: bytes = b"",
    extra: dict[int, bytes] | None = None,
    *,
    packed: bool = True,
    unlisted: Iterable[int] = (),
) -> bytes:
    """A one-page document with ``catalog`` and ``page`` entries added; ``extra``
    objects from number 10 up. All but the page's content stream are packed."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R %s >>" % catalog,
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R %s >>" % page,
        4: _stream(b"", CONTENT),
    } | (extra or {})
    streams = {number for number, body in objects.items() if b"\nstream\n" in body}
    unlisted = set(unlisted)
    to_pack = set(objects) - streams - unlisted if packed else set()
    return build_pdf(objects, packed=to_pack, unlisted=unlisted)


def link(action: bytes) -> bytes:
    """A page's /Annots entry: one link annotation that runs ``action`` when clicked."""
    annotation = b"/Type /Annot /Subtype /Link /Rect [72 700 300 720] /Border [0 0 0]"
    return b"/Annots [<< %s /A %s >>]" % (annotation, action)


def embedded_stream(dictionary: bytes, data: bytes) -> bytes:
    return _stream(dictionary, data)


def written_pdf(*, link_to: str = "", script: str = "", user_password: str | None = None) -> bytes:
    """A one-page PDF written by pypdf, with a clickable link to ``link_to``, a
    document-level ``script``, and encrypted (AES-256) if ``user_password`` is given
    (empty: it opens without one)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if link_to:
        writer.add_annotation(0, Link(rect=(72, 700, 300, 720), url=link_to))
    if script:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject(script),
            }
        )
        names = ArrayObject([TextStringObject("startup"), action])
        writer.root_object[NameObject("/Names")] = DictionaryObject(
            {NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): names})}
        )
    if user_password is not None:
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


ACTIVE = "This PDF contains scripts, programs or attached files"
ACTING = "This PDF has actions that open other files, send form data, or do something"
UNREADABLE = "This file could not be read as a PDF"
ENCRYPTED = "This PDF is protected by a password"
TOO_COMPLEX = "This PDF is too complex for the site to check"

SCRIPT = b"<< /S /JavaScript /JS (app.launchURL\\('https://example.com/'\\);) >>"
WEB_LINK = b"<< /S /URI /URI (https://www.s-cica.org/) >>"


# Each builds a file whose active part is packed in a compressed object stream,
# unless the case says otherwise.
HOSTILE = {
    "script in the document's names": (
        lambda: document(
            catalog=b"/Names << /JavaScript 10 0 R >>",
            extra={10: b"<< /Names [(startup) 11 0 R] >>", 11: SCRIPT},
        ),
        ACTIVE,
    ),
    "script with #-escaped names": (
        lambda: document(
            catalog=b"/Names << /J#61vaScript 10 0 R >>",
            extra={
                10: b"<< /Names [(startup) 11 0 R] >>",
                11: b"<< /S /J#61va#53cript /J#53 (app.alert\\(1\\)) >>",
            },
        ),
        ACTIVE,
    ),
    "script in an uncompressed file": (
        lambda: document(page=link(SCRIPT), packed=False),
        ACTIVE,
    ),
    "script in an object the tables do not list": (
        lambda: document(extra={10: SCRIPT}, unlisted=[10]),
        ACTIVE,
    ),
    "script written by pypdf": (lambda: written_pdf(script="app.alert(1);"), ACTIVE),
    "script in a PDF that opens without a password": (
        lambda: written_pdf(script="app.alert(1);", user_password=""),
        ACTIVE,
    ),
    "XFA form": (
        lambda: document(
            catalog=b"/AcroForm << /Fields [] /XFA 10 0 R >>",
            extra={10: embedded_stream(b"", b"<xdp:xdp><script>app.alert(1)</script></xdp:xdp>")},
        ),
        ACTIVE,
    ),
    "opening action that opens a web address": (
        lambda: document(catalog=b"/OpenAction " + WEB_LINK),
        ACTING,
    ),
    "opening action that goes to a page, then opens a web address": (
        lambda: document(
            catalog=b"/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next 10 0 R >>",
            extra={10: WEB_LINK},
        ),
        ACTING,
    ),
    "page action that opens a web address": (
        lambda: document(page=b"/AA << /O " + WEB_LINK + b" >>"),
        ACTING,
    ),
    "link to another PDF file (GoToR)": (
        lambda: document(page=link(b"<< /S /GoToR /F (other.pdf) /D [0 /Fit] >>")),
        ACTING,
    ),
    "link into an embedded file (GoToE)": (
        lambda: document(page=link(b"<< /S /GoToE /T << /R /C /N (a.pdf) >> /D [0 /Fit] >>")),
        ACTING,
    ),
    "button that submits a form": (
        lambda: document(page=link(b"<< /S /SubmitForm /F (https://example.com/collect) >>")),
        ACTING,
    ),
    "link that launches a program": (
        lambda: document(page=link(b"<< /S /Launch /F (cmd.exe) >>")),
        ACTIVE,
    ),
    "embedded files": (
        lambda: document(
            catalog=b"/Names << /EmbeddedFiles << /Names [(notes.txt) 10 0 R] >> >>",
            extra={
                10: b"<< /Type /Filespec /F (notes.txt) /EF << /F 11 0 R >> >>",
                11: embedded_stream(b"/Type /EmbeddedFile", b"hello"),
            },
        ),
        ACTIVE,
    ),
    "file attachment annotation": (
        lambda: document(
            page=b"/Annots [<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] "
            b"/FS 10 0 R >>]",
            extra={10: b"<< /Type /Filespec /F (notes.txt) >>"},
        ),
        ACTIVE,
    ),
}
