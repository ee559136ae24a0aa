"""The share images: one 1200×630 PNG per page type and language, committed, up to
date with their words and layout, shaped and set right to left in Arabic."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image, ImageDraw

from cica import share_images
from cica.sharing import SHARE_IMAGES

LANGUAGES = ["en", "ru", "zh-hans", "ar"]


@pytest.fixture
def static_files(settings):
    """Static files served as in development, from static/ (the client is created after)."""
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_share_image_answers_as_a_1200_by_630_png(static_files, client, language):
    for key in SHARE_IMAGES:
        response = client.get(f"/static/img/share/{key}.{language}.png")

        assert response.status_code == 200, key
        assert response["Content-Type"] == "image/png"
        body = b"".join(response.streaming_content)
        with Image.open(io.BytesIO(body)) as image:
            assert image.format == "PNG"
            assert image.size == (1200, 630)


def test_the_committed_share_images_are_up_to_date():
    # After a change of their words (a translation) or of how they are drawn:
    # manage.py shareimages, and commit static/img/share/.
    call_command("shareimages", check=True)


def test_a_changed_translation_makes_its_image_out_of_date(monkeypatch):
    original = share_images.words

    def words(key, language):
        found = original(key, language)
        if (key, language) == ("cbm", "ru"):
            return share_images.Words(found.abbreviation, found.name, "Меры укрепления доверия")
        return found

    monkeypatch.setattr(share_images, "words", words)

    with pytest.raises(CommandError, match=r"cbm\.ru\.png"):
        call_command("shareimages", check=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_share_images_are_drawn_with_their_fingerprint(tmp_path, language):
    png = share_images.render("secretariat", language)
    path = tmp_path / "image.png"
    path.write_bytes(png)

    with Image.open(path) as image:
        assert image.size == (1200, 630)
        # Something is written on the accent colour.
        assert len(image.getcolors(maxcolors=100_000)) > 10
    assert share_images.recorded_fingerprint(path) == share_images.fingerprint(
        "secretariat", language
    )


def test_arabic_is_shaped_and_set_right_to_left():
    # Joined (shaped) letters are narrower than the isolated forms of the same text,
    # and the line starts from the right edge.
    png = share_images.render("history", "ar")
    with Image.open(io.BytesIO(png)) as image:
        pixels = image.convert("RGB").load()
        row = 630 - 80 - 20  # within the organisation's name, on the last line
        written = [x for x in range(1200) if pixels[x, row] != share_images.ACCENT]
    assert written
    assert max(written) > 1200 - 80 - 10
    assert min(written) > 80 + 100  # a short line, aligned right
    writer = share_images.Writer(ImageDraw.Draw(Image.new("RGB", (10, 10))), "ar")
    face = writer.font(40, bold=True)
    shaped = writer.width("التاريخ", face)
    isolated = sum(writer.width(letter, face) for letter in "التاريخ")
    assert shaped < isolated
