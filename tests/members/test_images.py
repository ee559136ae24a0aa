"""Image uploads that Pillow cannot fully decode get a form error naming the problem.

Every image field of the site is tried through its real admin form: a state's
flag, an organisation's logo, a person's photo on its own and inline under its
position.
"""

import warnings
from io import BytesIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from editorial.images import RasterImageFormField, RasterImageValidator
from members.models import Organization, State
from secretariat.models import Person, Position
from tests.admin_forms import admin_form_data
from tests.members.factories import (
    ROTATED_EXIF,
    cut_short,
    image_upload,
    jpeg_with_exif,
    png_declaring,
)

DAMAGED = "This image is incomplete or damaged"
BAD_UPLOADS = {
    "truncated JPEG": ("photo.jpg", lambda: cut_short("JPEG"), DAMAGED),
    "PNG with short image data": ("flag.png", lambda: png_declaring(300, 200, cut=True), DAMAGED),
    "truncated GIF": ("flag.gif", lambda: cut_short("GIF"), DAMAGED),
    "truncated WebP": ("flag.webp", lambda: cut_short("WEBP"), "corrupted image"),
    "PNG bomb past Pillow's error": (
        "bomb.png",
        lambda: png_declaring(20000, 20000),
        "too large to process: it has 400,000,000 pixels",
    ),
    "PNG bomb past Pillow's warning": (
        "bomb.png",
        lambda: png_declaring(10000, 10000),
        "too large to process: it has 100,000,000 pixels",
    ),
}


def upload(case: str) -> SimpleUploadedFile:
    name, content, _message = BAD_UPLOADS[case]
    return SimpleUploadedFile(name, content(), content_type="application/octet-stream")


def stored_files(settings) -> list[Path]:
    return sorted(path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())


def test_truncated_images_are_never_loaded():
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_the_app_makes_pillow_s_decompression_bomb_warning_an_error():
    # (pytest restores the warning filters of its start, before the apps were ready.)
    with warnings.catch_warnings():
        warnings.resetwarnings()
        apps.get_app_config("editorial").ready()

        with pytest.raises(Image.DecompressionBombWarning):
            Image.open(BytesIO(png_declaring(10000, 10000)))
        with pytest.raises(ValidationError) as refused:
            RasterImageFormField().clean(upload("PNG bomb past Pillow's warning"))

    assert "100,000,000 pixels" in refused.value.messages[0]


@pytest.mark.parametrize("case", BAD_UPLOADS)
def test_the_validator_decodes_the_whole_image(case):
    _name, content, message = BAD_UPLOADS[case]
    if message == "corrupted image":  # Pillow refuses it on opening
        message = DAMAGED

    with pytest.raises(ValidationError) as refused:
        RasterImageValidator(2 * 1024 * 1024)(upload(case))

    assert message in refused.value.messages[0]


def test_the_form_field_calls_a_bomb_too_large_not_corrupted():
    with pytest.raises(ValidationError) as refused:
        RasterImageFormField().clean(upload("PNG bomb past Pillow's error"))

    assert refused.value.code == "too_many_pixels"
    assert "400,000,000 pixels" in refused.value.messages[0]


def test_a_good_image_passes_the_validator():
    RasterImageValidator(2 * 1024 * 1024)(image_upload("flag.png"))


def _state(client):
    state = State.objects.get(code="MN")
    url = f"/admin/members/state/{state.pk}/change/"
    return state, "flag", url, admin_form_data(client.get(url))


def _organization(client):
    organization = Organization.objects.order_by("pk").first()
    url = f"/admin/members/organization/{organization.pk}/change/"
    return organization, "logo", url, admin_form_data(client.get(url))


def _person(client):
    person = Person.objects.order_by("pk").first()
    url = f"/admin/secretariat/person/{person.pk}/change/"
    return person, "photo", url, admin_form_data(client.get(url))


def _person_inline(client):
    position = Position.objects.get(key="deputy-executive-director")
    url = f"/admin/secretariat/position/{position.pk}/change/"
    response = client.get(url)
    (formset,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Person
    ]
    form = formset.forms[0]
    return form.instance, form.add_prefix("photo"), url, admin_form_data(response)


FORMS = {
    "state flag": _state,
    "organisation logo": _organization,
    "person photo": _person,
    "person photo inline under the position": _person_inline,
}


def field_errors(response, field: str) -> list[str]:
    form = response.context["adminform"].form
    if field in form.fields:
        return form.errors.get(field, [])
    for inline in response.context["inline_admin_formsets"]:
        for inline_form in inline.formset.forms:
            if inline_form.add_prefix("photo") == field:
                return inline_form.errors.get("photo", [])
    raise AssertionError(f"no field {field}")


@pytest.mark.parametrize("case", BAD_UPLOADS)
@pytest.mark.parametrize("which", FORMS)
def test_a_bad_image_gets_a_form_error_and_nothing_is_saved(
    admin_client, site_data, settings, which, case
):
    obj, field, url, data = FORMS[which](admin_client)
    before = (str(getattr(obj, field.rsplit("-", 1)[-1])), stored_files(settings))
    data[field] = upload(case)

    response = admin_client.post(url, data)

    assert response.status_code == 200
    errors = field_errors(response, field)
    message = BAD_UPLOADS[case][2]
    assert any(message in error for error in errors), errors
    obj.refresh_from_db()
    assert (str(getattr(obj, field.rsplit("-", 1)[-1])), stored_files(settings)) == before


def test_a_photo_with_unwritable_metadata_is_stored_upright(admin_client, site_data):
    person, field, url, data = _person(admin_client)
    data[field] = SimpleUploadedFile(
        "portrait.jpg", jpeg_with_exif(ROTATED_EXIF, (300, 200)), content_type="image/jpeg"
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302
    person.refresh_from_db()
    with Image.open(person.photo) as photo:
        assert photo.size == (200, 300)
        assert not photo.getexif()
