"""Hostile text and files never reach a visitor as active content."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members.models import State
from secretariat.models import Person
from tests.admin_forms import admin_form_data
from tests.timeline.factories import pdf_upload
from timeline.models import Event

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def jpeg_with_a_script_appended() -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (400, 300), (0, 120, 60)).save(buffer, format="JPEG")
    payload = buffer.getvalue() + b"<script>alert(document.cookie)</script>"
    return SimpleUploadedFile("flag.jpg", payload, content_type="image/jpeg")


SVG_WITH_A_SCRIPT = SimpleUploadedFile(
    "flag.svg",
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30">'
    b"<script>alert(1)</script><rect width='40' height='30'/></svg>",
    content_type="image/svg+xml",
)


def test_script_in_text_fields_is_shown_as_text_on_every_page(client, site_data):
    State.objects.filter(code="KZ").update(name_en=SCRIPT, description_en=SCRIPT)
    Event.objects.filter(slug="2021-6th-ministerial-meeting").update(description_en=SCRIPT)
    Person.objects.filter(slug="sarybay-2020").update(name_en=SCRIPT)

    for path in [
        "/en/",
        "/en/members/",
        "/en/members/kazakhstan/",
        "/en/cbm/",
        "/en/history/",
        "/en/history/2021-6th-ministerial-meeting/",
        "/en/secretariat/",
    ]:
        content = client.get(path).content.decode()
        assert "<script>alert" not in content, path
        assert "<img src=x" not in content, path
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
        in client.get("/en/members/kazakhstan/").content.decode()
    )


def test_a_jpeg_with_a_script_appended_is_re_encoded_without_it(admin_client, client, site_data):
    state = State.objects.get(code="MN")
    page = admin_client.get(f"/admin/members/state/{state.pk}/change/")

    response = admin_client.post(
        f"/admin/members/state/{state.pk}/change/",
        admin_form_data(page, flag=jpeg_with_a_script_appended()),
    )

    assert response.status_code == 302
    state.refresh_from_db()
    stored = state.flag.read()
    assert stored.startswith(b"\x89PNG")
    assert b"<script" not in stored
    assert state.flag.name.endswith(".png")


def test_an_svg_with_a_script_is_refused(admin_client, site_data):
    state = State.objects.get(code="MN")
    page = admin_client.get(f"/admin/members/state/{state.pk}/change/")

    response = admin_client.post(
        f"/admin/members/state/{state.pk}/change/", admin_form_data(page, flag=SVG_WITH_A_SCRIPT)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["flag"]
    state.refresh_from_db()
    assert not state.flag


def test_an_html_page_named_like_a_photo_is_refused(admin_client, site_data):
    page = admin_client.get("/admin/secretariat/person/add/")
    data = admin_form_data(page, name_en="X", slug="x", position=1, published="on")
    data["photo"] = SimpleUploadedFile(
        "photo.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg"
    )

    response = admin_client.post("/admin/secretariat/person/add/", data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["photo"]
    assert not Person.objects.filter(slug="x").exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile(
                "statement.pdf",
                pdf_upload()
                .read()
                .replace(
                    b"/Type /Catalog",
                    b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
                ),
                content_type="application/pdf",
            ),
            "contains scripts, programs or attached files",
        ),
        (
            SimpleUploadedFile(
                "statement.pdf",
                pdf_upload()
                .read()
                .replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /J#61vaScript >>"),
                content_type="application/pdf",
            ),
            "contains scripts, programs or attached files",
        ),
        (pdf_upload("statement.html"), "File extension “html” is not allowed."),
    ],
    ids=["PDF with JavaScript", "PDF with an escaped JavaScript name", "real PDF named .html"],
)
def test_active_or_misnamed_pdfs_are_refused(admin_client, site_data, upload, message):
    event = Event.objects.get(slug="2014-4th-summit")
    page = admin_client.get(f"/admin/timeline/event/{event.pk}/change/")
    data = admin_form_data(page, **{"documents-0-file_en": upload})

    response = admin_client.post(f"/admin/timeline/event/{event.pk}/change/", data)

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors[0]["file_en"]
    assert any(message in error for error in errors), errors
    assert not event.documents.get(order=10).file_en
