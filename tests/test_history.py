"""Nothing an editor does is lost: history, revert, recover (django-reversion)."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from reversion.models import Version

from members.models import State, StatusChange
from tests.admin_forms import admin_form_data
from timeline.models import Document, Event


@pytest.fixture
def loaded_site(db):
    call_command("loadsite", verbosity=0)


def test_loading_the_site_gives_every_object_a_first_version(loaded_site):
    assert Version.objects.get_for_model(State).count() == 37
    assert Version.objects.get_for_model(StatusChange).count() == 40
    assert Version.objects.get_for_model(Event).count() == 20
    assert Version.objects.get_for_model(Document).count() == 31
    first = Version.objects.get_for_object(State.objects.get(code="KZ")).get()
    assert first.revision.comment == "Initial version, loaded from the fixtures."


def test_loading_the_site_again_refuses_and_names_what_it_would_overwrite(loaded_site):
    mongolia = State.objects.get(code="MN")
    mongolia.name_en = "Mongolia (edited)"
    mongolia.save()
    Event.objects.get(slug="2002-1st-summit").delete()

    with pytest.raises(CommandError) as refusal:
        call_command("loadsite", verbosity=0)

    message = str(refusal.value)
    assert "already holds content: nothing loaded" in message
    assert "State “Mongolia”: name [en] (“Mongolia (edited)” → “Mongolia”)" in message
    assert "would be added" in message and "1st CICA Summit (2002)" in message
    assert "--overwrite" in message
    assert State.objects.get(code="MN").name_en == "Mongolia (edited)"
    assert not Event.objects.filter(slug="2002-1st-summit").exists()
    assert Version.objects.get_for_object(mongolia).count() == 1


def test_loading_an_unedited_site_again_refuses_and_says_nothing_would_change(loaded_site):
    with pytest.raises(CommandError, match="loading them would change nothing"):
        call_command("loadsite", verbosity=0)

    assert Version.objects.get_for_model(State).count() == 37


def test_overwriting_records_a_version_for_each_changed_object_only(loaded_site):
    mongolia = State.objects.get(code="MN")
    mongolia.name_en = "Mongolia (edited)"
    mongolia.save()
    accession = StatusChange.objects.filter(state__code="TH").first()
    accession.approximate = not accession.approximate
    accession.save()

    call_command("loadsite", "--overwrite", verbosity=0)

    assert State.objects.get(code="MN").name_en == "Mongolia"
    assert StatusChange.objects.get(pk=accession.pk).approximate != accession.approximate
    for code in ("MN", "TH"):
        latest, first = Version.objects.get_for_object(State.objects.get(code=code))
        assert latest.revision.comment == "Loaded again from the fixtures (loadsite --overwrite)."
        assert first.revision.comment == "Initial version, loaded from the fixtures."
    assert latest.revision == Version.objects.get_for_object(accession).first().revision
    assert Version.objects.get_for_object(State.objects.get(code="IN")).count() == 1
    assert Version.objects.get_for_model(State).count() == 37 + 2


def test_history_shows_who_changed_what_and_when(admin_client, admin_user, loaded_site):
    state = State.objects.get(code="MN")
    page = admin_client.get(f"/admin/members/state/{state.pk}/change/")
    admin_client.post(
        f"/admin/members/state/{state.pk}/change/",
        admin_form_data(page, name_ru="Монголия (изменено)"),
    )

    history = admin_client.get(f"/admin/members/state/{state.pk}/history/").content.decode()

    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", history.split('id="change-history"')[1]))
    first = text.index("Initial version, loaded from the fixtures.")
    change = text.index(f"{admin_user.username} Changed Name [ru].")
    assert first < change


def test_an_editor_reverts_to_an_earlier_version(admin_client, loaded_site):
    state = State.objects.get(code="MN")
    page = admin_client.get(f"/admin/members/state/{state.pk}/change/")
    admin_client.post(
        f"/admin/members/state/{state.pk}/change/",
        admin_form_data(page, name_ru="Ошибка", name_en="Mistake"),
    )
    first = Version.objects.get_for_object(state).order_by("pk").first()

    revert_page = admin_client.get(f"/admin/members/state/{state.pk}/history/{first.pk}/")
    assert revert_page.status_code == 200
    response = admin_client.post(
        f"/admin/members/state/{state.pk}/history/{first.pk}/", admin_form_data(revert_page)
    )

    assert response.status_code == 302
    state.refresh_from_db()
    assert (state.name_en, state.name_ru) == ("Mongolia", "Монголия")


def test_a_deleted_event_is_recovered_with_its_documents_and_translations(
    admin_client, client, loaded_site
):
    event = Event.objects.get(slug="2002-1st-summit")
    response = admin_client.post(f"/admin/timeline/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Event.objects.filter(slug="2002-1st-summit").exists()
    assert not Document.objects.filter(title_en="Almaty Act").exists()
    assert client.get("/en/history/2002-1st-summit/").status_code == 404

    recover_list = admin_client.get("/admin/timeline/event/recover/").content.decode()
    version = Version.objects.get_deleted(Event).get(object_id=str(event.pk))
    assert f"/admin/timeline/event/recover/{version.pk}/" in recover_list
    form = admin_client.get(f"/admin/timeline/event/recover/{version.pk}/")
    response = admin_client.post(
        f"/admin/timeline/event/recover/{version.pk}/", admin_form_data(form)
    )

    assert response.status_code == 302
    event = Event.objects.get(slug="2002-1st-summit")
    assert sorted(event.documents.values_list("title_ru", flat=True)) == [
        "Алматинский акт",
        "Декларация о ликвидации терроризма и содействии диалогу между цивилизациями",
    ]
    page = client.get("/ar/history/2002-1st-summit/").content.decode()
    assert "قمة سيكا الأولى" in page and "وثيقة ألماتي" in page


def test_make_runs_load_keeps_what_was_edited(loaded_site, capsys):
    state = State.objects.get(code="MN")
    state.name_en = "Mongolia (edited)"
    state.save()

    call_command("loadsite", "--if-empty")

    assert State.objects.get(code="MN").name_en == "Mongolia (edited)"
    assert "already holds content" in capsys.readouterr().out


def test_make_runs_load_fills_an_empty_database(db):
    call_command("loadsite", "--if-empty", verbosity=0)

    assert State.objects.with_status().filter(status="member").count() == 28
