import re

import pytest

from members.models import State
from secretariat.models import Body, Person, Position
from tests.admin_forms import opened_version
from tests.members.factories import image_upload


def person_form(position: Position, **overrides) -> dict:
    data = {
        "position": position.pk,
        "name_en": "Aigerim Example",
        "name_ru": "Айгерим Пример",
        "name_zh_hans": "",
        "name_ar": "",
        "nationality": State.objects.get(code="CN").pk,
        "start_date": "2026-01-15",
        "start_precision": "day",
        "end_date": "",
        "end_precision": "day",
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
    person = Person.objects.get(slug="aigerim-example-2026")
    assert (person.photo.width, person.photo.height) == (600, 800)
    assert person.photo.name.endswith(".jpg")
    page = client.get("/ru/secretariat/").content.decode()
    assert "Айгерим Пример" in page
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
    assert not Person.objects.filter(slug="aigerim-example-2026").exists()


def test_an_end_before_the_start_is_refused(admin_client, deputy):
    response = admin_client.post(
        "/admin/secretariat/person/add/", person_form(deputy, end_date="2020-01-01")
    )

    assert response.status_code == 200
    assert not Person.objects.filter(slug="aigerim-example-2026").exists()


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
        "Council of Heads of State or Government",
        "Council of Ministers of Foreign Affairs",
        "Senior Officials Committee",
        "Special Working Group",
    ]


def position_form(position: Position, **changes) -> dict:
    """The change form of ``position`` as the admin sends it, its inlines unchanged."""
    data = {"key": position.key, "order": position.order}
    if position.lists_holders:
        data["lists_holders"] = "on"
    for field in ("title", "description"):
        for language in ("en", "ru", "zh_hans", "ar"):
            data[f"{field}_{language}"] = getattr(position, f"{field}_{language}") or ""
    for prefix, rows in (
        ("former_titles", list(position.former_titles.all())),
        ("people", list(position.people.all())),
    ):
        data |= {
            f"{prefix}-TOTAL_FORMS": len(rows),
            f"{prefix}-INITIAL_FORMS": len(rows),
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = row.pk
            data[f"{prefix}-{index}-position"] = position.pk
            if prefix == "former_titles":
                data[f"{prefix}-{index}-ended"] = row.ended.isoformat()
                data[f"{prefix}-{index}-ended_precision"] = row.ended_precision
                for language in ("en", "ru", "zh_hans", "ar"):
                    data[f"{prefix}-{index}-title_{language}"] = getattr(row, f"title_{language}")
            else:
                for field in ("slug", "start_precision", "end_precision"):
                    data[f"{prefix}-{index}-{field}"] = getattr(row, field)
                for field in ("start_date", "end_date"):
                    value = getattr(row, field)
                    data[f"{prefix}-{index}-{field}"] = value.isoformat() if value else ""
                for language in ("en", "ru", "zh_hans", "ar"):
                    data[f"{prefix}-{index}-name_{language}"] = getattr(row, f"name_{language}")
                if row.nationality_id:
                    data[f"{prefix}-{index}-nationality"] = row.nationality_id
                if row.published:
                    data[f"{prefix}-{index}-published"] = "on"
    return data | changes


def officials_text(client, path: str) -> str:
    content = client.get(path).content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", content.split('id="officials-heading"')[1]))


def test_renaming_a_post_keeps_the_old_title_for_past_terms(admin_client, client, site_data):
    position = Position.objects.get(key="executive-director")
    data = position_form(
        position, title_en="Director-General", title_ru="Генеральный директор",
        renamed_on="2026-01-01",
    )  # fmt: skip

    url = f"/admin/secretariat/position/{position.pk}/change/"
    response = admin_client.post(url, opened_version(admin_client, url) | data)

    assert response.status_code == 302
    former = position.former_titles.get(ended="2026-01-01")
    assert (former.title_en, former.title_ru, former.title_ar) == (
        "Secretary General", "Генеральный секретарь", "الأمين العام",
    )  # fmt: skip
    now = officials_text(client, "/en/secretariat/")
    assert (
        "Director-General Kairat Sarybay Kazakhstan Executive Director from 24 September 2020, "
        "Secretary General from 13 October 2022, Director-General from 1 January 2026"
    ) in now
    assert "Gong Jianwei China Executive Director, 2014 – September 2018" in now
    then = officials_text(client, "/en/secretariat/?year=2023")
    assert "Secretary General Kairat Sarybay" in then and "Director-General" not in then


def test_changing_a_title_without_saying_why_is_refused(admin_client, site_data):
    position = Position.objects.get(key="executive-director")

    url = f"/admin/secretariat/position/{position.pk}/change/"
    response = admin_client.post(
        url,
        opened_version(admin_client, url) | position_form(position, title_en="Director-General"),
    )

    assert response.status_code == 200
    assert "You changed the name" in response.content.decode()
    position.refresh_from_db()
    assert position.title_en == "Secretary General"
    assert position.former_titles.count() == 1


def test_a_correction_replaces_the_title_everywhere(admin_client, client, site_data):
    position = Position.objects.get(key="professional-personnel")

    url = f"/admin/secretariat/position/{position.pk}/change/"
    response = admin_client.post(
        url,
        opened_version(admin_client, url)
        | position_form(position, title_en="Professional staff", correction="on"),
    )

    assert response.status_code == 302
    assert position.former_titles.count() == 0
    assert "Professional staff" in client.get("/en/secretariat/?year=2010").content.decode()


def test_a_former_title_added_below_is_a_renaming_too(admin_client, client, site_data):
    position = Position.objects.get(key="general-support-personnel")
    data = position_form(position, title_en="Support staff")
    data |= {
        "former_titles-TOTAL_FORMS": 1,
        "former_titles-0-title_en": "General and support personnel",
        "former_titles-0-ended": "2020-01-01",
        "former_titles-0-ended_precision": "year",
    }
    for language in ("ru", "zh_hans", "ar"):
        data[f"former_titles-0-title_{language}"] = ""

    url = f"/admin/secretariat/position/{position.pk}/change/"
    response = admin_client.post(url, opened_version(admin_client, url) | data)

    assert response.status_code == 302
    assert (
        "General and support personnel" in client.get("/en/secretariat/?year=2019").content.decode()
    )
    assert "Support staff" in client.get("/en/secretariat/").content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"renamed_on": "2026-01-01"}, "The English name is unchanged"),
        (
            {"title_en": "X", "renamed_on": "2026-01-01", "correction": "on"},
            "Give the date of the renaming or tick",
        ),
        ({"title_en": "X", "renamed_on": "2022-10-13"}, "A former name already ended on that day"),
    ],
    ids=["nothing renamed", "both", "same day as another"],
)
def test_muddled_renamings_get_a_form_error(admin_client, site_data, changes, message):
    position = Position.objects.get(key="executive-director")

    url = f"/admin/secretariat/position/{position.pk}/change/"
    response = admin_client.post(
        url, opened_version(admin_client, url) | position_form(position, **changes)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert position.former_titles.count() == 1


def test_renaming_a_body_shows_the_former_name_on_the_structure_page(
    admin_client, client, site_data
):
    body = Body.objects.get(key="senior-officials-committee")
    data = {
        "category": body.category, "key": body.key, "order": body.order, "since_year": "",
        "renamed_on": "2026-03-01",
        "former_names-TOTAL_FORMS": 0, "former_names-INITIAL_FORMS": 0,
        "former_names-MIN_NUM_FORMS": 0, "former_names-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    for field in ("name", "role", "frequency"):
        for language in ("en", "ru", "zh_hans", "ar"):
            data[f"{field}_{language}"] = getattr(body, f"{field}_{language}") or ""
    data["name_en"] = "Committee of Senior Officials"

    url = f"/admin/secretariat/body/{body.pk}/change/"
    response = admin_client.post(url, opened_version(admin_client, url) | data)

    assert response.status_code == 302
    card = re.sub(r"<[^>]+>", " ", client.get("/en/structure/").content.decode().split(
        'id="senior-officials-committee"')[1].split("</li>")[0])  # fmt: skip
    assert "Committee of Senior Officials" in card
    assert "“Senior Officials Committee” until 1 March 2026" in re.sub(r"\s+", " ", card)
