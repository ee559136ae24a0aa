import re

import pytest

from members.models import State
from tests.members.factories import image_upload


def state_form(state: State, **changes) -> dict:
    data = {
        "code": state.code,
        "slug": state.slug,
        "status": state.status,
        "year_joined": state.year_joined or "",
    }
    for field in ("name", "short_name", "description"):
        for language in ("en", "ru", "zh_hans", "ar"):
            data[f"{field}_{language}"] = getattr(state, f"{field}_{language}") or ""
    return data | changes


def test_admin_saves_a_state_in_all_four_languages_and_the_page_shows_it(
    admin_client, client, site_data
):
    state = State.objects.get(code="KG")
    data = state_form(
        state,
        name_en="Kyrgyz Republic",
        name_ru="Кыргызская Республика",
        name_zh_hans="吉尔吉斯共和国",
        name_ar="جمهورية قيرغيزستان",
        description_en="A founding member.",
    )

    response = admin_client.post(f"/admin/members/state/{state.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    for language, name in [
        ("en", "Kyrgyz Republic"),
        ("ru", "Кыргызская Республика"),
        ("zh-hans", "吉尔吉斯共和国"),
        ("ar", "جمهورية قيرغيزستان"),
    ]:
        page = client.get(f"/{language}/members/kyrgyzstan/").content.decode()
        assert f"<h1>{name}</h1>" in page
    assert "A founding member." in client.get("/en/members/kyrgyzstan/").content.decode()


def test_admin_adds_a_state_with_an_uploaded_flag(admin_client, client, site_data):
    data = state_form(
        State(code="KW", slug="kuwait", status="member", year_joined=2022),
        name_en="Kuwait",
        short_name_en="Kuwait",
        name_ru="Кувейт",
    )
    data["flag"] = image_upload("kuwait.png", size=(1200, 600))

    response = admin_client.post("/admin/members/state/add/", data)

    assert response.status_code == 302
    kuwait = State.objects.get(code="KW")
    assert kuwait.flag.name.startswith("flags/")
    assert kuwait.flag.width == 640
    page = client.get("/ru/members/").content.decode()
    assert "Кувейт" in page
    assert kuwait.flag.url in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            image_upload("flag.png").__class__(
                "flag.png", b"GIF89a not really an image", content_type="image/png"
            ),
            "Upload a valid image.",
        ),
        (image_upload("big.png", size=(1000, 1000), noise=True), "images may be at most 2.0"),
        (image_upload("thin.png", size=(7000, 20)), "each side must be between 16 and 6000"),
    ],
    ids=["not an image", "too large a file", "too large an image"],
)
def test_bad_flag_uploads_get_a_form_error_and_change_nothing(
    admin_client, site_data, upload, message
):
    state = State.objects.get(code="MN")
    data = state_form(state, name_en="Changed name")
    data["flag"] = upload

    response = admin_client.post(f"/admin/members/state/{state.pk}/change/", data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["flag"]
    assert any(message in error for error in errors), errors
    state.refresh_from_db()
    assert state.name_en == "Mongolia"
    assert not state.flag


def test_a_duplicate_iso_code_gets_a_form_error(admin_client, site_data):
    data = state_form(State(code="KZ", slug="kazakhstan-2", status="member"), name_en="Copy")

    response = admin_client.post("/admin/members/state/add/", data)

    assert response.status_code == 200
    assert "already exists" in str(response.context["adminform"].form.errors["code"])
    assert State.objects.filter(code="KZ").count() == 1


def test_state_list_filters_by_status(admin_client, site_data):
    response = admin_client.get("/admin/members/state/", {"status__exact": "observer"})

    assert response.context["cl"].result_count == 9


@pytest.mark.parametrize("query", ["Кыргызстан", "吉尔吉斯斯坦", "قيرغيزستان", "Kyrgyz"])
def test_state_list_searches_every_language(admin_client, site_data, query):
    response = admin_client.get("/admin/members/state/", {"q": query})

    assert [state.code for state in response.context["cl"].result_list] == ["KG"]


def test_state_list_shows_flag_thumbnails_in_constant_queries(
    admin_client, site_data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = admin_client.get("/admin/members/state/")

    content = response.content.decode()
    assert content.count('class="flag-thumbnail"') == 36
    assert "View on site" not in content  # the change list itself has no such link


def test_view_on_site_opens_the_public_page_in_the_editors_language(admin_client, site_data):
    state = State.objects.get(code="TH")
    content = admin_client.get(f"/admin/members/state/{state.pk}/change/").content.decode()
    view_on_site = re.search(r'href="(/admin/r/[^"]+)"', content).group(1)

    response = admin_client.get(view_on_site, headers={"accept-language": "ru"})

    assert response.status_code == 302
    assert response["Location"].endswith("/ru/members/thailand/")


def test_organisation_list_filters_by_kind(admin_client, site_data):
    response = admin_client.get("/admin/members/organization/", {"kind__exact": "partner"})

    assert response.context["cl"].result_count == 5
