import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from members.models import State
from tests.admin_forms import admin_form_data
from tests.members.factories import image_upload
from tests.timeline.factories import pdf_upload
from tests.timeline.pdfs import HOSTILE, document, link
from timeline.models import Document, Event


def event_form(**overrides) -> dict:
    data = {
        "kind": "summit",
        "ordinal": 8,
        "date": "2030-10-12",
        "date_precision": "day",
        "end_date": "2030-10-13",
        "host_state": State.objects.get(code="KZ").pk,
        "published": "on",
        "documents-TOTAL_FORMS": 0,
        "documents-INITIAL_FORMS": 0,
        "documents-MIN_NUM_FORMS": 0,
        "documents-MAX_NUM_FORMS": 1000,
    }
    for field in ("title", "place", "theme", "description"):
        for language in ("en", "ru", "zh_hans", "ar"):
            data[f"{field}_{language}"] = ""
    data |= {
        "place_en": "Astana",
        "place_ru": "Астана",
        "place_zh_hans": "阿斯塔纳",
        "place_ar": "أستانا",
    }
    return data | overrides


def with_document(data: dict, **document) -> dict:
    data = dict(data, **{"documents-TOTAL_FORMS": 1})
    fields = {"title_en": "Astana Statement", "order": 10, "published": "on"} | document
    for field, value in fields.items():
        data[f"documents-0-{field}"] = value
    return data


def test_an_editor_adds_a_summit_and_it_takes_its_place(admin_client, client, site_data):
    data = with_document(event_form(), file_en=pdf_upload("astana-statement.pdf"))

    response = admin_client.post("/admin/timeline/event/add/", data)

    assert response.status_code == 302
    event = Event.objects.get(slug="2030-8th-cica-summit")
    document = event.documents.get()
    assert document.file_en.name.endswith(".pdf")
    history = client.get("/ru/history/").content.decode()
    seventh_council = history.index("Седьмое заседание Совета министров")
    assert seventh_council < history.index("Восьмой саммит СВМДА")
    assert f'href="{document.file_en.url}"' in history
    assert "Восьмой саммит СВМДА" in client.get("/ru/members/kazakhstan/").content.decode()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (image_upload("statement.pdf"), "This file is not a PDF document, whatever its name says."),
        (
            image_upload("x").__class__(
                "statement.pdf", b"%PDF-1.7 truncated, no trailer", content_type="application/pdf"
            ),
            "This file is not a PDF document",
        ),
    ],
    ids=["PNG renamed .pdf", "PDF header without a trailer"],
)
def test_a_file_that_is_not_a_pdf_is_refused(admin_client, site_data, upload, message):
    response = admin_client.post(
        "/admin/timeline/event/add/", with_document(event_form(), file_ru=upload)
    )

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors[0]["file_ru"]
    assert any(message in error for error in errors), errors
    assert not Event.objects.filter(slug="2030-8th-cica-summit").exists()


def test_a_pdf_over_the_size_limit_is_refused(admin_client, site_data, settings):
    settings.CICA_DOCUMENT_MAX_BYTES = 2000  # rather than upload 25 MB
    upload = pdf_upload(pages=3)
    assert upload.size > 2000

    response = admin_client.post(
        "/admin/timeline/event/add/", with_document(event_form(), file_en=upload)
    )

    errors = response.context["inline_admin_formsets"][0].formset.errors[0]["file_en"]
    assert "documents may be at most 2.0\xa0KB" in errors[0]
    assert not Event.objects.filter(slug="2030-8th-cica-summit").exists()


def test_end_before_start_is_refused(admin_client, site_data):
    response = admin_client.post("/admin/timeline/event/add/", event_form(end_date="2030-10-01"))

    assert response.status_code == 200
    assert not Event.objects.filter(slug="2030-8th-cica-summit").exists()


def test_events_filter_by_decade_and_kind(admin_client, site_data):
    by_decade = admin_client.get("/admin/timeline/event/", {"decade": "2010"})
    by_kind = admin_client.get("/admin/timeline/event/", {"kind__exact": "summit"})
    nonsense = admin_client.get("/admin/timeline/event/", {"decade": "abc"})

    assert by_decade.context["cl"].result_count == 9  # 2010 to 2019
    assert by_kind.context["cl"].result_count == 6
    assert nonsense.status_code == 200
    assert nonsense.context["cl"].result_count == 0


def test_event_list_queries_do_not_grow_with_events(
    admin_client, site_data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = admin_client.get("/admin/timeline/event/")

    assert response.context["cl"].result_count == 20


def test_second_document_gets_the_next_order_number(admin_client, site_data):
    event = Event.objects.get(slug="2014-4th-summit")

    content = admin_client.get(f"/admin/timeline/event/{event.pk}/change/").content.decode()

    assert 'name="documents-2-order" value="30"' in content


def test_two_documents_with_one_order_number_get_a_form_error(admin_client, site_data):
    data = with_document(event_form())
    data |= {"documents-TOTAL_FORMS": 2, "documents-1-title_en": "Other", "documents-1-order": 10}

    response = admin_client.post("/admin/timeline/event/add/", data)

    assert response.status_code == 200
    assert not Event.objects.filter(slug="2030-8th-cica-summit").exists()


def test_date_hierarchy_by_year(admin_client, site_data):
    response = admin_client.get("/admin/timeline/event/", {"date__year": "2019"})

    assert response.context["cl"].result_count == 2
    assert datetime.date(2019, 6, 15) in [
        event.date for event in response.context["cl"].result_list
    ]


def document_form(admin_client, **changes) -> dict:
    """The add form of the Document admin as a browser sends it, for an existing event."""
    data = admin_form_data(admin_client.get("/admin/timeline/document/add/"))
    fields = {"event": Event.objects.order_by("pk").first().pk, "title_en": "Declaration"}
    return data | fields | changes


@pytest.mark.parametrize("case", HOSTILE)
def test_the_document_admin_refuses_active_pdfs(admin_client, site_data, settings, case):
    build, message = HOSTILE[case]
    before = set(Path(settings.MEDIA_ROOT).rglob("*"))
    upload = SimpleUploadedFile("statement.pdf", build(), content_type="application/pdf")

    response = admin_client.post(
        "/admin/timeline/document/add/", document_form(admin_client, file_en=upload)
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file_en"]
    assert any(message in error for error in errors), errors
    assert not Document.objects.filter(title_en="Declaration").exists()
    assert set(Path(settings.MEDIA_ROOT).rglob("*")) == before


def test_the_document_admin_refuses_a_damaged_pdf_with_a_message(admin_client, site_data):
    data = document(page=link(b"<< /S /URI /URI (https://www.s-cica.org/) >>"))
    cut = data[: len(data) // 2] + b"\n%%EOF\n"
    upload = SimpleUploadedFile("statement.pdf", cut, content_type="application/pdf")

    response = admin_client.post(
        "/admin/timeline/document/add/", document_form(admin_client, file_ru=upload)
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file_ru"]
    assert errors == [
        "This file could not be read as a PDF: it is damaged or incomplete. Export or save it "
        "again and upload the new file."
    ]


def test_the_document_admin_stores_a_pdf_with_a_web_link(admin_client, site_data):
    data = document(page=link(b"<< /S /URI /URI (https://www.s-cica.org/) >>"))
    upload = SimpleUploadedFile("statement.pdf", data, content_type="application/pdf")

    response = admin_client.post(
        "/admin/timeline/document/add/", document_form(admin_client, file_en=upload)
    )

    assert response.status_code == 302
    stored = Document.objects.get(title_en="Declaration")
    assert stored.file_en.read() == data


def test_a_script_in_a_summit_s_document_is_refused_inline(admin_client, site_data):
    build, message = HOSTILE["script in the document's names"]
    upload = SimpleUploadedFile("statement.pdf", build(), content_type="application/pdf")

    response = admin_client.post(
        "/admin/timeline/event/add/", with_document(event_form(), file_ar=upload)
    )

    errors = response.context["inline_admin_formsets"][0].formset.errors[0]["file_ar"]
    assert any(message in error for error in errors), errors
    assert not Event.objects.filter(slug="2030-8th-cica-summit").exists()
