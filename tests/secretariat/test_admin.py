import pytest

from members.models import State
from secretariat.models import Person, Position
from tests.members.factories import image_upload


def person_form(position: Position, **overrides) -> dict:
    data = {
        "position": position.pk,
        "name_en": "Zhang Ling",
        "name_ru": "Чжан Лин",
        "name_zh_hans": "",
        "name_ar": "",
        "nationality": State.objects.get(code="CN").pk,
        "start_date": "2023-09-21",
        "start_precision": "day",
        "end_date": "",
        "end_precision": "day",
        "slug": "zhang-ling-2023",
        "published": "on",
    }
    return data | overrides


@pytest.fixture
def deputy(site_data) -> Position:
    return Position.objects.get(key="deputy-executive-director")


def test_an_editor_adds_a_person_with_a_photo_that_is_resized(admin_client, client, deputy):
    data = person_form(deputy, photo=image_upload("portrait.jpg", (1200, 1600), "JPEG"))

    response = admin_client.post("/admin/secretariat/person/add/", data)

    assert response.status_code == 302
    person = Person.objects.get(slug="zhang-ling-2023")
    assert (person.photo.width, person.photo.height) == (600, 800)
    assert person.photo.name.endswith(".jpg")
    page = client.get("/ru/secretariat/").content.decode()
    assert "Чжан Лин" in page
    assert person.photo.url in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            image_upload("x").__class__(
                "portrait.jpg", b"<html>not a photo</html>", content_type="image/jpeg"
            ),
            "Upload a valid image.",
        ),
        (image_upload("huge.png", (1400, 1400), noise=True), "images may be at most 5.0"),
    ],
    ids=["not an image", "too large"],
)
def test_an_invalid_photo_gets_a_form_error(admin_client, deputy, upload, message):
    response = admin_client.post(
        "/admin/secretariat/person/add/", person_form(deputy, photo=upload)
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["photo"]
    assert any(message in error for error in errors), errors
    assert not Person.objects.filter(slug="zhang-ling-2023").exists()


def test_an_end_before_the_start_is_refused(admin_client, deputy):
    response = admin_client.post(
        "/admin/secretariat/person/add/", person_form(deputy, end_date="2020-01-01")
    )

    assert response.status_code == 200
    assert not Person.objects.filter(slug="zhang-ling-2023").exists()


def test_people_are_edited_inline_under_their_position(admin_client, deputy):
    content = admin_client.get(f"/admin/secretariat/position/{deputy.pk}/change/").content.decode()

    assert 'value="Chi Fang"' in content
    assert 'value="A. Bakytbekkyzy"' in content


def test_chairmanship_priorities_are_edited_inline(admin_client, site_data):
    from secretariat.models import Chairmanship

    kazakhstan = Chairmanship.objects.get(slug="kazakhstan-2020")
    content = admin_client.get(
        f"/admin/secretariat/chairmanship/{kazakhstan.pk}/change/"
    ).content.decode()

    assert content.count('name="priorities-') > 5
    assert "Advancing the initiative to transform CICA" in content


def test_bodies_are_ordered_within_their_category(admin_client, site_data):
    response = admin_client.get("/admin/secretariat/body/")

    names = [body.name for body in response.context["cl"].result_list]
    assert names[:4] == [
        "Summit",
        "Ministerial Meeting",
        "Senior Officials Committee",
        "Special Working Group",
    ]
