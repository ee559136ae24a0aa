"""Small builders for members data: make_state(**overrides), make_organization(**overrides)."""

import datetime
import os
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
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}.get(
        image_format, "application/octet-stream"
    )
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
