"""Small builders for members data: make_state(**overrides), make_organization(**overrides)."""

import datetime
import os
import struct
import zlib
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members.models import Organization, State, StatusChange


def make_state(status: str = "member", since: datetime.date | None = None, **overrides) -> State:
    """A state with one change of status: ``status`` from ``since`` (2010 by default)."""
    fields = {
        "code": "XA",
        "slug": "example-state",
        "name_en": "Example State",
        "short_name_en": "Example State",
    } | overrides
    state = State.objects.create(**fields)
    StatusChange.objects.create(
        state=state,
        status=status,
        date=since or datetime.date(2010, 1, 1),
        precision="day" if since else "year",
    )
    return state


def make_organization(**overrides) -> Organization:
    fields = {
        "slug": "example-org",
        "name_en": "Example Organization",
        "abbreviation_en": "EO",
        "kind": Organization.Kind.OBSERVER,
    } | overrides
    return Organization.objects.create(**fields)


def image_upload(
    name: str = "flag.png",
    size: tuple[int, int] = (300, 200),
    image_format: str = "PNG",
    noise: bool = False,
) -> SimpleUploadedFile:
    """A real image file, as a browser would upload it."""
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (200, 16, 46))
    buffer = BytesIO()
    image.save(buffer, format=image_format)
    content_type = {
        "PNG": "image/png",
        "JPEG": "image/jpeg",
        "GIF": "image/gif",
        "WEBP": "image/webp",
    }.get(image_format, "application/octet-stream")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width: int, height: int, cut: bool = False) -> bytes:
    """A black-and-white PNG of ``width``×``height``, its compressed image data cut in
    half if ``cut``. All black, it compresses to almost nothing."""
    compressor = zlib.compressobj(9)
    row = b"\x00" + bytes((width + 7) // 8)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    if cut:
        data = data[: len(data) // 2]
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def cut_short(image_format: str, size: tuple[int, int] = (300, 200)) -> bytes:
    """The first half of a real ``image_format`` file of noise: headers intact, data cut."""
    data = image_upload(size=size, image_format=image_format, noise=True).read()
    return data[: len(data) // 2]


# An EXIF block that turns the image a quarter (orientation 6) and carries a tag
# whose type Pillow cannot write back (MinSampleValue as text), as some cameras'
# software leaves it.
ROTATED_EXIF = (
    b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x02"
    b"\x01\x18\x00\x02\x00\x00\x00\x18\x00\x00\x00&"
    b"\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00"
    b"\x00\x00\x00\x00hello world description\x00"
)


def jpeg_with_exif(exif: bytes, size: tuple[int, int] = (300, 200)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (200, 16, 46)).save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()
