"""Validation and normalisation of uploaded raster images (flags, logos, photos).

Uploads are checked by what they contain, not by their names: Pillow must
recognise the file as one of a few raster formats, within size and dimension
limits. Accepted images are then re-encoded, which drops metadata and anything
appended to the image data.
"""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
MAX_DIMENSION = 6000
MIN_DIMENSION = 16


@deconstructible
class RasterImageValidator:
    """A PNG, JPEG, WebP or GIF of at most ``max_bytes``, 16 to 6000 pixels a side."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes

    def __call__(self, value) -> None:
        if getattr(value, "_committed", False):
            return  # already stored: it was checked when it was uploaded
        if value.size > self.max_bytes:
            raise ValidationError(
                _("The file is %(size)s; images may be at most %(limit)s."),
                code="file_too_large",
                params={
                    "size": filesizeformat(value.size),
                    "limit": filesizeformat(self.max_bytes),
                },
            )
        try:
            value.seek(0)
            with Image.open(value) as image:
                image_format = image.format
                width, height = image.size
                image.verify()
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            OSError,
            SyntaxError,
            ValueError,
        ):
            raise ValidationError(
                _("This file is not a PNG, JPEG, WebP or GIF image."), code="not_an_image"
            ) from None
        finally:
            value.seek(0)
        if image_format not in ALLOWED_FORMATS:
            raise ValidationError(
                _("This file is not a PNG, JPEG, WebP or GIF image."), code="not_an_image"
            )
        if max(width, height) > MAX_DIMENSION or min(width, height) < MIN_DIMENSION:
            raise ValidationError(
                _(
                    "The image is %(width)s×%(height)s pixels; each side must be between "
                    "%(min)s and %(max)s pixels."
                ),
                code="bad_dimensions",
                params={
                    "width": width,
                    "height": height,
                    "min": MIN_DIMENSION,
                    "max": MAX_DIMENSION,
                },
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RasterImageValidator) and other.max_bytes == self.max_bytes


def normalised_image(
    upload, *, max_width: int, max_height: int, image_format: str = "PNG"
) -> ContentFile:
    """The upload re-encoded as ``image_format``, shrunk to fit the box, metadata dropped."""
    upload.seek(0)
    with Image.open(upload) as source:
        image = ImageOps.exif_transpose(source)
        image.thumbnail((max_width, max_height), Image.Resampling.LANCZOS)
        if image_format == "JPEG":
            image = image.convert("RGB")
        elif image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA")
        output = BytesIO()
        image.save(output, format=image_format, optimize=True)
    extension = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}[image_format]
    name = f"image.{extension}"  # the field's upload_to names it after its object
    return ContentFile(output.getvalue(), name=name)
