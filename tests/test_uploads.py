"""Uploaded files: named after their object, removed once nothing refers to them."""

from io import StringIO
from pathlib import Path

import pytest
import reversion
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from reversion.models import Version

from members.models import Organization, State
from secretariat.models import Person
from tests.admin_forms import admin_form_data
from tests.members.factories import image_upload, make_organization
from tests.timeline.factories import make_document, make_event, pdf_upload
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
    document = Event.objects.get(slug="2030-8th-cica-summit").documents.get()
    assert document.file_en.name == "documents/2030-8th-cica-summit-astana-statement-2030-en.pdf"
    assert document.file_ar.name == "documents/2030-8th-cica-summit-astana-statement-2030-ar.pdf"


def test_names_hold_only_safe_characters_whatever_the_object_is_called(db):
    from editorial.uploads import IMAGE_EXTENSIONS, UploadName
    from members.models import flag_words
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


def test_a_replaced_flag_stays_while_a_version_refers_to_it(
    admin_client, loaded_site, django_capture_on_commit_callbacks
):
    state = State.objects.get(code="KZ")
    with django_capture_on_commit_callbacks(execute=True):
        change(admin_client, state, flag=image_upload("first.png"))
        state.refresh_from_db()
        first = state.flag.name
        change(admin_client, state, flag=image_upload("second.png", size=(400, 300)))
    state.refresh_from_db()
    second = state.flag.name
    assert first != second
    assert stored(first)  # the version saved with it refers to it

    # An editor reverts to the version with the first flag: its file is there.
    earlier = Version.objects.get_for_object(state).order_by("-pk")[1]
    with django_capture_on_commit_callbacks(execute=True):
        page = admin_client.get(f"/admin/members/state/{state.pk}/history/{earlier.pk}/")
        response = admin_client.post(
            f"/admin/members/state/{state.pk}/history/{earlier.pk}/", admin_form_data(page)
        )
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.flag.name == first
    assert stored(first) and stored(second)  # the version before the revert names the second

    # Only the latest version is kept: nothing refers to the second flag any more.
    call_command("deleterevisions", "members.state", keep=1, verbosity=0)
    call_command("cleanfiles", "--dry-run", "--older-than=0", stdout=(out := StringIO()))

    assert out.getvalue().splitlines() == [
        second,
        "1 files would be removed (dry run: nothing removed).",
    ]
    assert stored(second)  # a dry run removes nothing

    call_command("cleanfiles", "--no-input", "--older-than=0", stdout=StringIO())

    assert not stored(second)
    assert stored(first)


def test_a_replaced_file_that_no_version_refers_to_is_removed_after_the_commit(
    admin_client, site_data, django_capture_on_commit_callbacks
):
    organization = make_organization(logo=image_upload("old.png"))  # no version
    old = organization.logo.name
    assert stored(old)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        change(admin_client, organization, logo=image_upload("new.png"))
    assert stored(old)  # until the transaction commits
    for callback in callbacks:
        callback()

    organization.refresh_from_db()
    assert not stored(old)
    assert stored(organization.logo.name)


def test_deleting_an_object_removes_its_file_unless_a_version_refers_to_it(
    admin_client, site_data, django_capture_on_commit_callbacks
):
    event = make_event()
    versioned = make_document(event, file_en=pdf_upload())
    with reversion.create_revision():
        versioned.save()
    unversioned = make_document(event, order=20, file_en=pdf_upload())

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(admin_url(event, "delete"), {"post": "yes"})

    assert response.status_code == 302
    assert not Document.objects.filter(event__slug=event.slug).exists()
    assert stored(versioned.file_en.name)  # recovering the event brings it back
    assert not stored(unversioned.file_en.name)


def test_a_file_is_removed_with_the_last_row_that_refers_to_it(
    site_data, django_capture_on_commit_callbacks
):
    event = make_event()
    first = make_document(event, file_en=pdf_upload())
    name = first.file_en.name
    second = make_document(event, order=20, file_ru=name)

    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert stored(name)

    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert not stored(name)


def test_cleanfiles_keeps_every_file_a_version_refers_to_and_everything_else(loaded_site, settings):
    # A file stored under an older naming, that only a version in the history names.
    legacy = default_storage.save("flags/флаг «старый».png", ContentFile(b"png"))
    state = State.objects.get(code="KZ")
    State.objects.filter(pk=state.pk).update(flag=legacy)
    state.refresh_from_db()
    with reversion.create_revision():
        state.save()
    State.objects.filter(pk=state.pk).update(flag="")
    # Nothing refers to these, but they are not in an upload folder.
    elsewhere = [
        default_storage.save("readme.txt", ContentFile(b"x")),
        default_storage.save("cache/flags/kz.png", ContentFile(b"x")),
    ]
    orphan = default_storage.save("documents/orphan.pdf", ContentFile(b"%PDF"))

    call_command("cleanfiles", "--no-input", "--older-than=0", stdout=(out := StringIO()))

    assert out.getvalue().splitlines()[:-1] == [orphan]
    assert media_files(settings) == {legacy, *elsewhere}


def test_cleanfiles_keeps_recent_files_and_asks_first(loaded_site, settings, monkeypatch):
    orphan = default_storage.save("flags/orphan.png", ContentFile(b"png"))

    call_command("cleanfiles", "--no-input", stdout=StringIO())  # written just now
    assert stored(orphan)

    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    call_command("cleanfiles", "--older-than=0", stdout=StringIO())
    assert stored(orphan)
