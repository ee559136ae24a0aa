"""Validation and normalisation of uploaded raster images (flags, logos, photos).

Uploads are checked by what they contain, not by their names: Pillow must
recognise the file as one of a few raster formats, within size and dimension
limits, and decode its pixels to the end (a truncated file fails there, not
later when it is re-encoded). Accepted images are then re-encoded, which drops
metadata and anything appended to the image data.

The dimensions are checked before any pixel is decoded, and an image larger
than Pillow's ``MAX_IMAGE_PIXELS`` is refused as too large, whether Pillow
raised its decompression-bomb error or only warned. Truncated images are never
accepted: ``ImageFile.LOAD_TRUNCATED_IMAGES`` stays off (a test says so).
"""

import re
from io import BytesIO

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image, UnidentifiedImageError

ALLOWED_FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
MAX_DIMENSION = 6000
MIN_DIMENSION = 16
# How to turn an image upright for each EXIF orientation (1, or none, is upright).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
# Pillow's decompression-bomb messages: "Image size (400000000 pixels) exceeds ..."
BOMB_PIXELS = re.compile(r"\(([0-9]+) pixels\)")

NOT_AN_IMAGE = _("This file is not a PNG, JPEG, WebP or GIF image.")
DAMAGED = _(
    "This image is incomplete or damaged: its data ends early or cannot be decoded. "
    "Save or export it again and upload the new file."
)


def too_large(pixels: int | None) -> ValidationError:
    """The error for an image with more pixels than the site will decode."""
    limit = number_format(Image.MAX_IMAGE_PIXELS, force_grouping=True)
    if pixels is None:
        return ValidationError(
            _("The image is too large to process: images may have at most %(limit)s pixels."),
            code="too_many_pixels",
            params={"limit": limit},
        )
    return ValidationError(
        _(
            "The image is too large to process: it has %(pixels)s pixels, and images may "
            "have at most %(limit)s."
        ),
        code="too_many_pixels",
        params={"pixels": number_format(pixels, force_grouping=True), "limit": limit},
    )


def bomb_error(error: Exception) -> ValidationError:
    match = BOMB_PIXELS.search(str(error))
    return too_large(int(match.group(1)) if match else None)


class RasterImageFormField(forms.ImageField):
    """Django's image field, except that an image too large to open says so.

    Django opens the upload to check it is an image and reports any failure as
    "not an image or a corrupted image"; a decompression bomb is neither.
    """

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError as error:
            cause = error.__cause__
            if isinstance(cause, Image.DecompressionBombError | Image.DecompressionBombWarning):
                raise bomb_error(cause) from cause
            raise


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
            self.check_content(value)
        finally:
            value.seek(0)

    @staticmethod
    def check_content(value) -> None:
        try:
            image = Image.open(value, formats=ALLOWED_FORMATS)
        except UnidentifiedImageError:
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise bomb_error(error) from None
        except Exception:  # Pillow raises many kinds on a malformed header
            raise ValidationError(DAMAGED, code="damaged_image") from None
        with image:
            width, height = image.size
            if width * height > Image.MAX_IMAGE_PIXELS:  # Pillow only warned
                raise too_large(width * height)
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
            try:
                image.load()  # decode every pixel: truncated or damaged data fails here
                image.getexif()  # the metadata saving reads the orientation from
            except Exception:
                raise ValidationError(DAMAGED, code="damaged_image") from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RasterImageValidator) and other.max_bytes == self.max_bytes


def upright(image: Image.Image) -> Image.Image:
    """A copy of ``image`` turned as its EXIF orientation says.

    Unlike ``ImageOps.exif_transpose`` this does not write the metadata back,
    which fails on some damaged EXIF blocks; the metadata is dropped anyway.
    """
    method = UPRIGHT.get(image.getexif().get(ExifTags.Base.Orientation))
    return image.copy() if method is None else image.transpose(method)


def normalised_image(
    upload, *, max_width: int, max_height: int, image_format: str = "PNG"
) -> ContentFile:
    """The upload re-encoded as ``image_format``, shrunk to fit the box, metadata dropped."""
    upload.seek(0)
    with Image.open(upload) as source:
        image = upright(source)
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
