"""The share images: 1200×630 PNGs that link previews show, one per page type and
language (``cica.sharing.SHARE_IMAGES``), drawn with Pillow.

They are drawn once, by ``manage.py shareimages``, and committed under
``static/img/share/``: a page then only links a static file (hashed and compressed by
whitenoise, cached by browsers and any proxy for a year), and a deployment needs no
fonts. Each image carries a fingerprint of what it was drawn from (its words in its
language, this module's code); ``manage.py shareimages --check`` and the tests compare
it with what the images would be drawn from now, so a changed translation or layout
cannot go unnoticed.

Arabic needs shaping (joined letter forms, right to left): Pillow does it with its
libraqm layout, which needs FriBiDi and HarfBuzz on the system (Debian's libfribidi0
and libharfbuzz0b, which Chromium already brings). The fonts are Debian's: DejaVu Sans
for Latin, Cyrillic and Arabic (fonts-dejavu-core) and WenQuanYi Micro Hei for Chinese
(fonts-wqy-microhei), the packages CI installs.
"""

import hashlib
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import override
from PIL import Image, ImageDraw, ImageFont, PngImagePlugin, features

from .sharing import SHARE_IMAGE_SIZE, SHARE_IMAGES

WIDTH, HEIGHT = SHARE_IMAGE_SIZE
MARGIN = 80
ACCENT = (11, 74, 125)  # --accent of site.css
WHITE = (255, 255, 255)
TINT = (207, 224, 238)  # the organisation's name, under the title
RULE = (60, 110, 152)

FONT_DIRS = ["/usr/share/fonts/truetype", "/usr/local/share/fonts", "/usr/share/fonts"]


@dataclass(frozen=True)
class Fonts:
    bold: tuple[str, int]  # (file, face index in a collection)
    regular: tuple[str, int]
    # Chinese has no bold face here: strokes are thickened instead.
    embolden: int = 0


LATIN = Fonts(bold=("dejavu/DejaVuSans-Bold.ttf", 0), regular=("dejavu/DejaVuSans.ttf", 0))
CHINESE = Fonts(bold=("wqy/wqy-microhei.ttc", 0), regular=("wqy/wqy-microhei.ttc", 0), embolden=1)
FONTS = {"en": LATIN, "ru": LATIN, "ar": LATIN, "zh-hans": CHINESE}
# What raqm is told about each language (script-specific shaping and line breaking).
RAQM_LANGUAGES = {"en": "en", "ru": "ru", "ar": "ar", "zh-hans": "zh-Hans"}
RTL = {"ar"}


class ShareImageError(Exception):
    """The images cannot be drawn here (a font or the text layout library is missing)."""


def font_file(relative: str) -> Path:
    for folder in FONT_DIRS:
        path = Path(folder) / relative
        if path.exists():
            return path
    package = "fonts-wqy-microhei" if "wqy" in relative else "fonts-dejavu-core"
    raise ShareImageError(f"Font {relative} not found: install Debian's {package}.")


def check_layout() -> None:
    if not features.check("raqm"):
        raise ShareImageError(
            "Pillow's raqm text layout is not available, and Arabic would be drawn "
            "unshaped: install libraqm0 or libfribidi0 and libharfbuzz0b."
        )


@dataclass(frozen=True)
class Words:
    """What one image says, in its language."""

    abbreviation: str
    name: str
    title: str | None  # None on the home page's image: the name is the title


def words(key: str, language: str) -> Words:
    with override(language):
        title = SHARE_IMAGES[key]
        return Words(
            abbreviation=_("CICA"),
            name=_("Conference on Interaction and Confidence Building Measures in Asia"),
            title=None if title is None else str(title),
        )


def fingerprint(key: str, language: str) -> str:
    """What the image of ``key`` in ``language`` is drawn from, hashed: its words and
    this module's code."""
    code = Path(__file__).read_bytes()
    data = json.dumps([key, language, words(key, language).__dict__], ensure_ascii=False)
    return hashlib.sha256(code + data.encode()).hexdigest()


FINGERPRINT_KEY = "cica-share-image"


class Writer:
    """Lines of text on the image, from the top or from the bottom, mirrored for a
    right-to-left language."""

    def __init__(self, draw: ImageDraw.ImageDraw, language: str) -> None:
        self.draw = draw
        self.language = language
        self.rtl = language in RTL
        self.fonts = FONTS[language]
        self.options = {
            "language": RAQM_LANGUAGES[language],
            "direction": "rtl" if self.rtl else "ltr",
        }

    def font(self, size: int, bold: bool) -> ImageFont.FreeTypeFont:
        relative, index = self.fonts.bold if bold else self.fonts.regular
        return ImageFont.truetype(
            str(font_file(relative)), size, index=index, layout_engine=ImageFont.Layout.RAQM
        )

    def width(self, text: str, font: ImageFont.FreeTypeFont) -> float:
        return font.getlength(text, **self.options)

    def wrap(self, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
        """Lines no wider than ``width``: broken between words, or between characters
        in Chinese, which has no spaces."""
        if self.language == "zh-hans":
            units, joiner = list(text), ""
        else:
            units, joiner = text.split(), " "
        lines: list[str] = []
        for unit in units:
            candidate = f"{lines[-1]}{joiner}{unit}" if lines else unit
            if lines and self.width(candidate, font) <= width:
                lines[-1] = candidate
            else:
                lines.append(unit)
        return lines

    def fit(
        self, text: str, sizes: range, width: int, height: int, max_lines: int, bold: bool
    ) -> tuple[ImageFont.FreeTypeFont, list[str]]:
        """The largest of ``sizes`` at which ``text`` fits in ``max_lines`` lines within
        ``width`` × ``height`` pixels."""
        for size in sizes:
            font = self.font(size, bold)
            lines = self.wrap(text, font, width)
            fits = all(self.width(line, font) <= width for line in lines)
            if len(lines) <= max_lines and fits and block_height(font, len(lines)) <= height:
                return font, lines
        raise ShareImageError(f"“{text}” does not fit on a share image.")

    def line(self, text: str, font, y: int, fill, start: int = MARGIN, bold: bool = False):
        """One line with its top at ``y``, from ``start`` pixels off the leading edge."""
        x = WIDTH - start if self.rtl else start
        anchor = "ra" if self.rtl else "la"
        stroke = self.fonts.embolden if bold else 0
        self.draw.text(
            (x, y),
            text,
            font=font,
            fill=fill,
            anchor=anchor,
            stroke_width=stroke,
            stroke_fill=fill,
            **self.options,
        )


def draw_mark(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    """The site's mark (static/img/favicon.svg) in white: a rounded square holding an
    open circle, drawn at ``size`` pixels."""
    scale = size / 32
    draw.rounded_rectangle((x, y, x + size, y + size), radius=round(6 * scale), fill=WHITE)
    # The favicon's arc: a circle of radius 7 around (16, 16), open on the right.
    radius, width = 7 * scale, round(3.2 * scale)
    centre_x, centre_y = x + 16 * scale, y + 16 * scale
    box = (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius)
    draw.arc(box, start=43, end=317, fill=ACCENT, width=width)
    for angle in (43, 317):
        end_x = centre_x + (radius - width / 2) * math.cos(math.radians(angle))
        end_y = centre_y + (radius - width / 2) * math.sin(math.radians(angle))
        draw.ellipse(
            (end_x - width / 2, end_y - width / 2, end_x + width / 2, end_y + width / 2),
            fill=ACCENT,
        )


def render(key: str, language: str) -> bytes:
    """The PNG of the share image of ``key`` in ``language``."""
    check_layout()
    text = words(key, language)
    image = Image.new("RGB", SHARE_IMAGE_SIZE, ACCENT)
    draw = ImageDraw.Draw(image)
    writer = Writer(draw, language)
    width = WIDTH - 2 * MARGIN

    # The mark and the abbreviation, at the top on the leading side.
    mark = 104
    mark_x = WIDTH - MARGIN - mark if writer.rtl else MARGIN
    draw_mark(draw, mark_x, MARGIN, mark)
    abbreviation = writer.font(64, bold=True)
    top, bottom = abbreviation.getbbox(text.abbreviation, anchor="ls", **writer.options)[1::2]
    baseline = MARGIN + mark // 2 + (-top - bottom) // 2
    writer.draw.text(
        (WIDTH - MARGIN - mark - 36 if writer.rtl else MARGIN + mark + 36, baseline),
        text.abbreviation,
        font=abbreviation,
        fill=WHITE,
        anchor="rs" if writer.rtl else "ls",
        stroke_width=writer.fonts.embolden,
        stroke_fill=WHITE,
        **writer.options,
    )

    header_bottom = MARGIN + mark + 48
    if text.title is None:
        # The home page: the organisation's name is the title.
        height = HEIGHT - MARGIN - header_bottom
        font, lines = writer.fit(text.name, range(88, 40, -4), width, height, 3, bold=True)
        _draw_block(writer, lines, font, WHITE, bottom=HEIGHT - MARGIN, bold=True)
    else:
        name_font, name_lines = writer.fit(text.name, range(34, 22, -2), width, 100, 2, bold=False)
        name_top = _draw_block(writer, name_lines, name_font, TINT, bottom=HEIGHT - MARGIN)
        rule_y = name_top - 36
        draw.rectangle((MARGIN, rule_y, WIDTH - MARGIN, rule_y + 3), fill=RULE)
        height = rule_y - 40 - header_bottom
        font, lines = writer.fit(text.title, range(104, 44, -4), width, height, 2, bold=True)
        _draw_block(writer, lines, font, WHITE, bottom=rule_y - 40, bold=True)

    info = PngImagePlugin.PngInfo()
    info.add_text(FINGERPRINT_KEY, fingerprint(key, language))
    output = io.BytesIO()
    image.save(output, format="PNG", pnginfo=info, optimize=True)
    return output.getvalue()


LEADING = 1.15


def block_height(font: ImageFont.FreeTypeFont, lines: int) -> int:
    ascent, descent = font.getmetrics()
    return round((ascent + descent) * LEADING) * (lines - 1) + ascent + descent


def _draw_block(writer: Writer, lines: list[str], font, fill, bottom: int, bold=False) -> int:
    """Lines set above ``bottom``; returns the top of the first."""
    ascent, descent = font.getmetrics()
    step = round((ascent + descent) * LEADING)
    top = bottom - block_height(font, len(lines))
    for index, text in enumerate(lines):
        writer.line(text, font, top + index * step, fill, bold=bold)
    return top


def recorded_fingerprint(path: Path) -> str | None:
    """The fingerprint an image was drawn with, or None when it has none (or is no PNG)."""
    try:
        with Image.open(path) as image:
            image.load()
            return image.text.get(FINGERPRINT_KEY)
    except (OSError, SyntaxError):
        return None
