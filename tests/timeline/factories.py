import datetime
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from timeline.models import Document, Event


def make_event(**overrides) -> Event:
    fields = {
        "kind": Event.Kind.SUMMIT,
        "ordinal": 9,
        "date": datetime.date(2030, 10, 1),
        "slug": "2030-9th-summit",
        "place_en": "Astana",
    } | overrides
    return Event.objects.create(**fields)


def make_document(event: Event, **overrides) -> Document:
    fields = {"event": event, "title_en": "Declaration", "order": 10} | overrides
    return Document.objects.create(**fields)


def pdf_upload(name: str = "declaration.pdf", pages: int = 1) -> SimpleUploadedFile:
    """A real PDF file (Pillow writes one page per image)."""
    images = [Image.new("RGB", (595, 842), "white") for _ in range(pages)]
    buffer = BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:])
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")
