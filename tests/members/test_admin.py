import re

import pytest

from members.models import State
from tests.admin_forms import opened_version
from tests.members.factories import image_upload

LANGUAGES = ("en", "ru", "zh_hans", "ar")


def state_form(state: State, statuses=None, **changes) -> dict:
    """The change form of ``state`` as the admin sends it; ``statuses`` are new changes of
    status to add, as (status, ISO date or "", precision, approximate), optionally followed
    by a dict of their other fields (``certain_from``, ``note_en``…)."""
    data = {"code": state.code, "slug": state.slug}
    for field in ("name", "short_name", "description"):
        for language in LANGUAGES:
            data[f"{field}_{language}"] = getattr(state, f"{field}_{language}") or ""
    existing = list(state.status_changes.all()) if state.pk else []
    rows = [
        (
            change.status,
            change.date.isoformat() if change.date else "",
            change.precision,
            change.approximate,
            {
                "certain_from": change.certain_from.isoformat() if change.certain_from else "",
                **{
                    f"note_{language}": getattr(change, f"note_{language}")
                    for language in LANGUAGES
                },
            },
            change.pk,
        )
        for change in existing
    ] + [(*row[:4], row[4] if len(row) > 4 else {}, "") for row in statuses or []]
    data |= {
        "status_changes-TOTAL_FORMS": len(rows),
        "status_changes-INITIAL_FORMS": len(existing),
        "status_changes-MIN_NUM_FORMS": 1,
        "status_changes-MAX_NUM_FORMS": 1000,
    }
    for index, (status, date, precision, approximate, others, pk) in enumerate(rows):
        prefix = f"status_changes-{index}-"
        data |= {prefix + "status": status, prefix + "date": date, prefix + "precision": precision}
        data |= {prefix + "id": pk, prefix + "state": state.pk or ""}
        data |= {prefix + name: value or "" for name, value in others.items()}
        if approximate:
            data[prefix + "approximate"] = "on"
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

    url = f"/admin/members/state/{state.pk}/change/"
    response = admin_client.post(url, opened_version(admin_client, url) | data)

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
        State(code="QZ", slug="example"),
        statuses=[("observer", "2026-06-30", "day", False)],
        name_en="Example Republic",
        short_name_en="Example Republic",
        name_ru="Пример",
    )
    data["flag"] = image_upload("example.png", size=(1200, 600))

    response = admin_client.post("/admin/members/state/add/", data)

    assert response.status_code == 302
    state = State.objects.get(code="QZ")
    assert [(c.status, c.date.isoformat()) for c in state.history()] == [("observer", "2026-06-30")]
    assert state.flag.name.startswith("flags/")
    assert state.flag.width == 640
    page = client.get("/ru/members/").content.decode()
    assert "Пример" in page
    assert state.flag.url in page


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

    url = f"/admin/members/state/{state.pk}/change/"
    response = admin_client.post(url, opened_version(admin_client, url) | data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["flag"]
    assert any(message in error for error in errors), errors
    state.refresh_from_db()
    assert state.name_en == "Mongolia"
    assert not state.flag


def test_a_duplicate_iso_code_gets_a_form_error(admin_client, site_data):
    data = state_form(
        State(code="KZ", slug="kazakhstan-2"),
        statuses=[("member", "2002-06-04", "day", False)],
        name_en="Copy",
    )

    response = admin_client.post("/admin/members/state/add/", data)

    assert response.status_code == 200
    assert "already exists" in str(response.context["adminform"].form.errors["code"])
    assert State.objects.filter(code="KZ").count() == 1


def test_state_list_filters_by_status_today(admin_client, site_data):
    observers = admin_client.get("/admin/members/state/", {"status": "observer"})
    members = admin_client.get("/admin/members/state/", {"status": "member"})
    junk = admin_client.get("/admin/members/state/", {"status": "associate"})

    assert observers.context["cl"].result_count == 9
    assert members.context["cl"].result_count == 28
    assert junk.status_code == 200
    assert "United States of America" in observers.content.decode()
    assert "by 2004" in observers.content.decode()  # the since column


def test_an_editor_records_an_accession(admin_client, client, site_data):
    """An observer becomes a member: a new change of status, the old one kept."""
    laos = State.objects.get(code="LA")
    data = state_form(laos, statuses=[("member", "2025-06-30", "day", False)])

    url = f"/admin/members/state/{laos.pk}/change/"
    response = admin_client.post(url, opened_version(admin_client, url) | data)

    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    page = client.get("/en/members/laos/").content.decode()
    assert "Member since 30 June 2025" in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Status over time" in page
    assert (
        "Laos"
        in client.get("/en/members/?year=2024").content.decode().split('id="observer-states"')[1]
    )


@pytest.mark.parametrize(
    ("statuses", "message"),
    [
        ([("member", "2020-01-01", "day", False)] * 2, "Two changes of status on the same date"),
        ([("member", "", "day", False)] * 2, "Two changes of status without a date"),
        ([("member", "", "day", True)], "“At the latest” needs a date."),
        ([("member", "1980-01-01", "day", False)], "CICA dates from 1992"),
    ],
    ids=["same date", "two without a date", "approximate without a date", "before CICA"],
)
def test_bad_changes_of_status_get_a_form_error_and_change_nothing(
    admin_client, site_data, statuses, message
):
    state = State.objects.get(code="KH")
    data = state_form(state, statuses=statuses, name_en="Changed name")

    url = f"/admin/members/state/{state.pk}/change/"
    response = admin_client.post(url, opened_version(admin_client, url) | data)

    assert response.status_code == 200
    assert message in response.content.decode()
    state.refresh_from_db()
    assert state.name_en == "Cambodia"
    assert state.status_changes.count() == 1


def test_a_state_needs_a_status(admin_client, site_data):
    data = state_form(State(code="XA", slug="example"), name_en="Example", short_name_en="Ex")

    response = admin_client.post("/admin/members/state/add/", data)

    assert response.status_code == 200
    assert "A state needs its status" in response.content.decode()
    assert not State.objects.filter(code="XA").exists()


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
    assert content.count('class="flag-thumbnail"') == 37
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
