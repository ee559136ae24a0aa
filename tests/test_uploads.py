"""Uploaded files are named after their object."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from members.models import Organization, State
from secretariat.models import Person
from tests.admin_forms import admin_form_data
from tests.members.factories import image_upload
from tests.timeline.factories import pdf_upload
from tests.timeline.test_admin import event_form, with_document
from timeline.models import Document, Event


@pytest.fixture
def loaded_site(db):
    """The deployment data, each object with its first version in the history."""
    call_command("loadsite", verbosity=0)


def admin_url(obj, view: str = "change") -> str:
    opts = obj._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/{view}/"


def change(admin_client, obj, **changes) -> None:
    """Save ``obj``'s admin change form with ``changes``, as an editor would."""
    page = admin_client.get(admin_url(obj))
    response = admin_client.post(admin_url(obj), admin_form_data(page, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors


def stored(name: str) -> bool:
    return default_storage.exists(name)


def media_files(settings) -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


# (object, file field, upload with a misleading name, the name it is stored under)
UPLOADS = [
    pytest.param(
        lambda: State.objects.get(code="KZ"),
        "flag",
        lambda: image_upload("evil.php.png"),
        "flags/kazakhstan.png",
        id="state flag",
    ),
    pytest.param(
        lambda: Organization.objects.get(slug="un"),
        "logo",
        lambda: image_upload("logo.html.gif", image_format="GIF"),
        "logos/un.png",
        id="organisation logo",
    ),
    pytest.param(
        lambda: Person.objects.get(slug="asanov-2006"),
        "photo",
        lambda: image_upload("me.php.jpg", image_format="JPEG"),
        "people/asanov-2006.jpg",
        id="photo",
    ),
    pytest.param(
        lambda: Document.objects.get(event__slug="2002-1st-summit", order=10),
        "file_ru",
        lambda: pdf_upload("report.pdf.exe.pdf"),
        "documents/2002-1st-summit-almaty-act-ru.pdf",
        id="document",
    ),
]


@pytest.mark.parametrize(("get_object", "field", "upload", "expected"), UPLOADS)
def test_an_upload_is_stored_under_a_name_built_from_its_object(
    admin_client, site_data, get_object, field, upload, expected
):
    obj = get_object()

    change(admin_client, obj, **{field: upload()})

    obj.refresh_from_db()
    assert getattr(obj, field).name == expected
    assert stored(expected)


@pytest.mark.parametrize(("get_object", "field", "upload", "expected"), UPLOADS)
def test_a_second_upload_never_overwrites_the_first(
    admin_client,
    loaded_site,
    django_capture_on_commit_callbacks,
    get_object,
    field,
    upload,
    expected,
):
    obj = get_object()
    with django_capture_on_commit_callbacks(execute=True):
        change(admin_client, obj, **{field: upload()})
        first = Path(default_storage.path(expected)).read_bytes()
        change(admin_client, obj, **{field: upload()})

    obj.refresh_from_db()
    second = getattr(obj, field).name
    assert second != expected
    assert second.startswith(expected.rsplit(".", 1)[0] + "_")
    assert Path(default_storage.path(expected)).read_bytes() == first  # its version's file


def test_a_document_uploaded_with_a_new_event_is_named_after_both(admin_client, site_data):
    data = with_document(
        event_form(),
        title_en="Astana Statement, 2030 (final).pdf",
        file_en=pdf_upload("report.pdf.exe.pdf"),
        file_ar=pdf_upload("report.pdf.exe.pdf"),
    )

    response = admin_client.post("/admin/timeline/event/add/", data)

    assert response.status_code == 302
    document = Event.objects.get(slug="2030-8th-summit").documents.get()
    assert document.file_en.name == "documents/2030-8th-summit-astana-statement-2030-en.pdf"
    assert document.file_ar.name == "documents/2030-8th-summit-astana-statement-2030-ar.pdf"


def test_names_hold_only_safe_characters_whatever_the_object_is_called(db):
    from members.models import flag_words
    from members.uploads import IMAGE_EXTENSIONS, UploadName
    from secretariat.models import photo_words

    flag = UploadName("flags", flag_words, IMAGE_EXTENSIONS)
    photo = UploadName("people", photo_words, IMAGE_EXTENSIONS)

    assert flag(State(code="KZ", slug=""), "image.png") == "flags/kz.png"  # no slug yet
    assert flag(State(code="", slug="Côte_d'Ivoire"), "image.png") == "flags/cote-divoire.png"
    assert flag(State(code="KZ", slug="kazakhstan"), "x.php") == "flags/kazakhstan.png"
    assert photo(Person(slug="", name_en="Жан Иванов"), "image.jpg") == "people/person.jpg"
    assert photo(Person(slug="", name_en="Kairat Sarybay"), "image.jpg") == (
        "people/kairat-sarybay.jpg"
    )
