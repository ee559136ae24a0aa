"""The translation report: in the admin index, its own page, and a command for deployments."""

import pytest
from django.core.management import CommandError, call_command

from members.models import State
from timeline.models import Event


def test_the_admin_index_shows_every_language_complete(admin_client, site_data):
    content = admin_client.get("/admin/").content.decode()
    summary = content.split('id="translation-summary"')[1].split("</table>")[0]

    assert summary.count("complete") == 4
    assert "missing" not in summary


def test_a_gap_appears_with_a_link_to_the_object(admin_client, site_data):
    state = State.objects.get(code="KG")
    State.objects.filter(pk=state.pk).update(name_ru="", short_name_ru="")

    summary = admin_client.get("/admin/").content.decode().split('id="translation-summary"')[1]
    report = admin_client.get("/admin/translations/", {"language": "ru"}).content.decode()

    assert '<a href="/admin/translations/?language=ru">2 missing</a>' in summary
    assert f'<a href="/admin/members/state/{state.pk}/change/">Kyrgyzstan</a>' in report
    assert "name, official short name" in report


def test_the_report_page_refuses_an_unknown_language(admin_client, site_data):
    assert admin_client.get("/admin/translations/", {"language": "xx"}).status_code == 404


def test_the_report_is_for_staff_only(client, site_data):
    response = client.get("/admin/translations/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_command_passes_when_the_required_languages_are_complete(site_data, capsys):
    call_command("translation_report", "--summary")

    output = capsys.readouterr().out
    assert "ru " in output and "0 missing (required)" in output
    assert "Every required language is complete." in output


def test_the_command_fails_on_a_russian_gap_and_names_the_object(site_data, capsys):
    event = Event.objects.get(slug="2010-3rd-summit")
    Event.objects.filter(pk=event.pk).update(description_ru="")

    with pytest.raises(CommandError, match="required language: ru"):
        call_command("translation_report")

    assert f"timeline.Event {event.pk} “3rd CICA Summit (2010)”: missing description" in (
        capsys.readouterr().out
    )


def test_a_gap_in_an_optional_language_is_reported_but_passes(site_data, capsys):
    Event.objects.filter(slug="2010-3rd-summit").update(description_ar="")

    call_command("translation_report")

    output = capsys.readouterr().out
    assert "ar " in output and "1 missing" in output
    assert "Every required language is complete." in output


def test_filling_the_field_brings_the_report_back_to_zero(admin_client, site_data, capsys):
    State.objects.filter(code="KG").update(name_ru="")
    with pytest.raises(CommandError):
        call_command("translation_report", "--summary")

    State.objects.filter(code="KG").update(name_ru="Кыргызстан")
    call_command("translation_report", "--summary")

    assert "Every required language is complete." in capsys.readouterr().out
