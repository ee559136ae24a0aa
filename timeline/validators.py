"""Uploaded documents must be plain PDF files by their content, not by their names.

A PDF is read with pypdf, a PDF parser in pure Python (hostile input meets no
native code, and its failures are Python exceptions the form can report). Every
object of the file is inspected: those the cross-reference tables list, those
packed inside compressed object streams, and any ``N G obj`` the bytes hold
outside both (a reader that repairs a damaged file finds those too).

Refused: scripts, programs, attached or embedded files, XFA forms, multimedia,
actions that open other files or send data, and any action that runs by itself
(``/OpenAction`` or ``/AA``) other than going to a page of the document. A link
the reader clicks to open a web address is fine.
"""

import re
import time
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from pypdf import PasswordType, PdfReader
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
    read_object,
)

# Names that make a document act rather than be read: scripts, programs, files
# carried inside, XFA forms (scripted), multimedia players. pypdf has already
# decoded #xx escapes (/J#61vaScript is /JavaScript).
ACTIVE_NAMES = {
    "/JavaScript",
    "/JS",
    "/Launch",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/EF",
    "/FileAttachment",
    "/XFA",
    "/RichMedia",
    "/RichMediaExecute",
    "/OnInstantiate",
    "/Sound",
    "/Movie",
    "/Rendition",
}
# Actions that reach outside the document even when clicked.
OUTWARD_ACTIONS = {"/GoToR", "/GoToE", "/SubmitForm", "/ImportData"}
# The only action allowed to run by itself: go to a page of this document.
AUTOMATIC_SAFE_ACTIONS = {"/GoTo"}

# Bounds that keep a hostile file from holding a worker: objects parsed, seconds
# spent, links followed along one chain of automatic actions. (pypdf bounds each
# stream's decompressed size, and each array and dictionary.)
MAX_OBJECTS = 100_000
MAX_SECONDS = 10.0
MAX_ACTION_CHAIN = 100
WHITESPACE = rb"[ \t\r\n\f\x00]+"
LEADING_SPACE = re.compile(rb"[ \t\r\n\f\x00]*")
OBJECT_HEADER = re.compile(
    rb"(?<![0-9])([0-9]{1,10})" + WHITESPACE + rb"([0-9]{1,5})" + WHITESPACE + rb"obj"
)


class _Refused(Exception):
    """A reason to refuse the file: one of the (message, code) pairs below."""

    def __init__(self, reason: tuple) -> None:
        self.message, self.code = reason


ACTIVE = (
    _(
        "This PDF contains scripts, programs or attached files, which the "
        "site does not publish. Save it again as a plain PDF."
    ),
    "active_pdf",
)
ACTING = (
    _(
        "This PDF has actions that open other files, send form data, or do something "
        "by themselves when it is opened, which the site does not publish. Save it "
        "again as a plain PDF."
    ),
    "active_pdf",
)
UNREADABLE = (
    _(
        "This file could not be read as a PDF: it is damaged or incomplete. Export or "
        "save it again and upload the new file."
    ),
    "unreadable_pdf",
)
ENCRYPTED = (
    _(
        "This PDF is protected by a password, so the site cannot check what it "
        "contains. Save it again without a password."
    ),
    "encrypted_pdf",
)
TOO_COMPLEX = (
    _(
        "This PDF is too complex for the site to check. Save it again as a plain PDF, "
        "for example by printing it to PDF, and upload the new file."
    ),
    "complex_pdf",
)


@deconstructible
class PdfValidator:
    """A PDF (header ``%PDF-``, an ``%%EOF`` trailer, readable, unencrypted or
    readable without a password, nothing active) of at most ``max_bytes``.

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
                params={"size": filesizeformat(value.size), "limit": filesizeformat(limit)},
            )
        value.seek(0)
        data = value.read()
        value.seek(0)
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
            raise ValidationError(
                _("This file is not a PDF document, whatever its name says."), code="not_a_pdf"
            )
        try:
            inspect_pdf(data)
        except _Refused as refused:
            raise ValidationError(refused.message, code=refused.code) from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PdfValidator) and other.max_bytes == self.max_bytes


def inspect_pdf(data: bytes) -> None:
    """Raise ``_Refused`` unless ``data`` is a readable PDF with nothing active in it."""
    walk = _Walk(deadline=time.monotonic() + MAX_SECONDS)
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise _Refused(ENCRYPTED)
        walk.run(reader, data)
    except _Refused:
        raise
    except Exception as error:  # pypdf raises many kinds on a malformed file
        # (and RecursionError on absurd nesting): all mean the same to the editor.
        raise _Refused(UNREADABLE) from error


class _Walk:
    """An iterative walk over every object of a PDF, with a visited set and bounds."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.seen: set[tuple[int, int]] = set()
        self.count = 0

    def run(self, reader: PdfReader, data: bytes) -> None:
        stack: list = [reader.trailer]
        for generation, entries in reader.xref.items():
            stack.extend(IndirectObject(number, generation, reader) for number in entries)
        stack.extend(IndirectObject(number, 0, reader) for number in reader.xref_objStm)
        self.drain(stack, reader)
        # Objects the tables do not list, or older versions of those they do: a reader
        # that repairs the file could still find them.
        stream = BytesIO(data)
        for match in OBJECT_HEADER.finditer(data):
            self.tick()
            number, generation = int(match.group(1)), int(match.group(2))
            if reader.xref.get(generation, {}).get(number) == match.start():
                continue  # walked above
            try:
                self.drain([_object_at(stream, data, match.end(), reader)], reader)
            except _Refused:
                raise
            except Exception:
                continue  # digits and "obj" by chance inside binary data

    def tick(self) -> None:
        self.count += 1
        if self.count > MAX_OBJECTS or time.monotonic() > self.deadline:
            raise _Refused(TOO_COMPLEX)

    def drain(self, stack: list, reader: PdfReader) -> None:
        # Direct objects form trees; only references can make cycles.
        while stack:
            item = stack.pop()
            number = None
            if isinstance(item, IndirectObject):
                reference = (item.idnum, item.generation)
                if reference in self.seen:
                    continue
                self.seen.add(reference)
                self.tick()
                number, item = item.idnum, item.get_object()
            if isinstance(item, NameObject):
                if item in ACTIVE_NAMES:
                    raise _Refused(ACTIVE)
                if item in OUTWARD_ACTIONS:
                    raise _Refused(ACTING)
            elif isinstance(item, DictionaryObject):
                self.check_automatic_actions(item)
                stack.extend(item.keys())
                stack.extend(item.values())
                if isinstance(item, StreamObject) and "/First" in item and "/N" in item:
                    stack.extend(self.packed_objects(item, number, reader))
            elif isinstance(item, ArrayObject):
                stack.extend(item)

    def check_automatic_actions(self, dictionary: DictionaryObject) -> None:
        """Refuse an /OpenAction or /AA that does more than go to a page of the document."""
        actions = []
        if "/OpenAction" in dictionary:
            opening = dictionary["/OpenAction"]
            if not isinstance(opening, ArrayObject):  # an array is a destination: a page
                actions.append(opening)
        if "/AA" in dictionary:
            additional = dictionary["/AA"]
            if not isinstance(additional, DictionaryObject):
                raise _Refused(ACTING)
            actions.extend(additional.values())
        steps = 0
        while actions:
            steps += 1
            if steps > MAX_ACTION_CHAIN:
                raise _Refused(TOO_COMPLEX)
            action = actions.pop().get_object()
            if isinstance(action, (NameObject, TextStringObject, ByteStringObject)):
                continue  # a named destination in /OpenAction: a page of this document
            if not isinstance(action, DictionaryObject):
                raise _Refused(ACTING)
            kind = action["/S"] if "/S" in action else None
            if kind in ACTIVE_NAMES:
                raise _Refused(ACTIVE)
            if kind not in AUTOMATIC_SAFE_ACTIONS:
                raise _Refused(ACTING)
            if "/Next" in action:  # one action, or a list of them, done afterwards
                following = action["/Next"]
                actions.extend(following if isinstance(following, ArrayObject) else [following])

    def packed_objects(self, stream: StreamObject, number: int | None, reader: PdfReader) -> list:
        """The objects inside a compressed object stream that the tables do not list
        there (those they do are walked through their references)."""
        content = stream.get_data()
        first = int(stream["/First"])
        header = [int(token) for token in re.findall(rb"[0-9]+", content[:first])]
        body = BytesIO(content)
        objects = []
        for packed_number, offset in zip(header[::2], header[1::2], strict=False):
            if number is not None and reader.xref_objStm.get(packed_number, (None,))[0] == number:
                continue
            self.tick()
            objects.append(_object_at(body, content, first + offset, reader))
        return objects


def _object_at(stream: BytesIO, data: bytes, position: int, reader: PdfReader):
    """The object that starts at ``position`` of ``data`` (``stream`` reads ``data``)."""
    stream.seek(LEADING_SPACE.match(data, position).end())
    return read_object(stream, reader)
