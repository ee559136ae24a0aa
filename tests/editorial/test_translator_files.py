"""Translator files: a translator downloads a language's empty and stale fields as a PO
file, fills it in a translation tool and uploads it back; each refused unit is reported
with its reason, and a broken file changes nothing."""

import io

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Revision, Version

from editorial.models import StaleTranslation
from members.models import Organization, State
from tests.test_roles import member_of
from timeline.models import Event

ADMIN_PO = "/admin/translations/export/"
IMPORT = "/admin/translations/import/"


@pytest.fixture
def mongolia_renamed(site_data):
    """Mongolia's English name changed (its translations need review); Kyrgyzstan has
    no Chinese short name."""
    mongolia = State.objects.get(code="MN")
    mongolia.name_en = "Mongolia (renamed)"
    mongolia.save()
    State.objects.filter(code="KG").update(short_name_zh_hans="")
    return mongolia


def download(client, language="zh-hans", **params) -> polib.POFile:
    response = client.get(ADMIN_PO, {"language": language, **params})
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Disposition"].startswith(f'attachment; filename="cica-{language}-')
    return polib.pofile(response.content.decode())


def upload(client, po: polib.POFile | str, name="zh.po", **options):
    content = po if isinstance(po, str) else str(po)
    data = {"file": SimpleUploadedFile(name, content.encode()), **options}
    return client.post(IMPORT, data)


def unit(po: polib.POFile, id: str) -> polib.POEntry:
    return next(entry for entry in po if entry.msgctxt == id)


def refused(response) -> dict[str, str]:
    return {u.id: str(u.reason) for u in response.context["report"].skipped}


def test_export_holds_the_stale_unit_as_fuzzy_and_the_empty_one(client, mongolia_renamed):
    member_of("Translators", client)

    po = download(client)

    assert po.metadata["Language"] == "zh_Hans"
    assert [entry.msgctxt for entry in po] == [
        "members.state:KG:short_name",
        "members.state:MN:name",
    ]
    stale = unit(po, "members.state:MN:name")
    assert stale.msgid == "Mongolia (renamed)"
    assert stale.msgstr == "蒙古"
    assert stale.fuzzy and stale.previous_msgid == "Mongolia"
    assert f"/admin/members/state/{mongolia_renamed.pk}/change/" in [
        path for path, _line in stale.occurrences
    ]
    assert "/zh-hans/members/mongolia/" in [path for path, _line in stale.occurrences]
    assert "State: Mongolia (renamed)" in stale.comment
    empty = unit(po, "members.state:KG:short_name")
    assert empty.msgid == "Kyrgyzstan" and empty.msgstr == "" and not empty.fuzzy


def test_export_of_every_field_holds_the_translated_ones_too(admin_client, mongolia_renamed):
    po = download(admin_client, scope="all")

    assert unit(po, "members.state:KZ:name").msgstr == "哈萨克斯坦"
    assert len(po) > 200


def test_a_translator_imports_a_filled_file(client, mongolia_renamed):
    translator = member_of("Translators", client)
    po = download(client)
    unit(po, "members.state:MN:name").msgstr = "蒙古（更名）"
    unit(po, "members.state:MN:name").flags.remove("fuzzy")
    unit(po, "members.state:KG:short_name").msgstr = "吉尔吉斯共和国"

    response = upload(client, po)

    assert response.status_code == 200
    report = response.context["report"]
    assert report.saved and len(report.applied) == 2 and report.objects_changed == 2
    assert not report.skipped
    assert State.objects.get(code="MN").name_zh_hans == "蒙古（更名）"
    assert State.objects.get(code="KG").short_name_zh_hans == "吉尔吉斯共和国"
    assert State.objects.get(code="MN").name_ru == "Монголия"  # other languages untouched
    assert not StaleTranslation.objects.filter(language="zh-hans").exists()
    assert StaleTranslation.objects.filter(language="ru").count() == 1
    revision = Revision.objects.latest("pk")
    assert revision.user == translator
    assert revision.comment == "Imported translations (zh-hans) from zh.po"
    assert {v.object_repr for v in Version.objects.filter(revision=revision)} >= {
        "Mongolia (renamed)",
        "Kyrgyzstan",
    }
    html = response.content.decode()
    assert "2 translations saved. Objects changed: 2." in html


def test_an_unchanged_reviewed_translation_is_confirmed(client, mongolia_renamed):
    member_of("Translators", client)
    po = download(client)
    unit(po, "members.state:MN:name").flags.remove("fuzzy")
    revisions = Revision.objects.count()

    report = upload(client, po).context["report"]

    assert [u.id for u in report.confirmed] == ["members.state:MN:name"]
    assert [u.id for u in report.skipped] == ["members.state:KG:short_name"]  # empty
    assert not StaleTranslation.objects.filter(language="zh-hans").exists()
    assert State.objects.get(code="MN").name_zh_hans == "蒙古"
    assert Revision.objects.count() == revisions  # nothing changed in the content


def test_each_broken_unit_is_refused_with_its_reason(client, mongolia_renamed):
    member_of("Translators", client)
    po = download(client, scope="all")
    unit(po, "members.state:MN:name").msgstr = "蒙古（更名）"  # still fuzzy
    unit(po, "members.state:KZ:name").msgstr = "<script>alert(1)</script>哈萨克斯坦"
    unit(po, "members.state:KZ:short_name").msgstr = "<b>哈萨克斯坦</b> &lt;"
    unit(po, "members.state:TJ:name").msgid = "Tajikistan (old)"
    unit(po, "members.state:TJ:name").msgstr = "塔吉克"
    unit(po, "members.state:CN:name").msgctxt = "members.state:XX:name"
    unit(po, "members.state:IN:name").msgctxt = "members.state:IN:motto"
    unit(po, "members.state:KG:short_name").msgstr = ""
    unit(po, "members.state:TR:name").msgstr = "土耳其共和国"  # a good one
    po.append(polib.POEntry(msgctxt="nowhere.model:1:name", msgid="x", msgstr="y"))

    response = upload(client, po)

    reasons = refused(response)
    assert reasons["members.state:MN:name"] == "still marked as needing review"
    assert reasons["members.state:KZ:name"] == (
        "markup that is not in the English: <script> </script>"
    )
    assert reasons["members.state:KZ:short_name"] == (
        "markup that is not in the English: <b> </b> &lt;"
    )
    assert reasons["members.state:TJ:name"] == (
        "the English has changed since the file was exported"
    )
    assert reasons["members.state:XX:name"] == "unknown id: no such object or field"
    assert reasons["members.state:IN:motto"] == "unknown id: no such object or field"
    assert reasons["nowhere.model:1:name"] == "unknown id: no such object or field"
    assert reasons["members.state:KG:short_name"] == "empty translation"
    assert len(reasons) == 8
    assert [u.id for u in response.context["report"].applied] == ["members.state:TR:name"]
    assert State.objects.get(code="TR").name_zh_hans == "土耳其共和国"
    assert "<script>" not in State.objects.get(code="KZ").name_zh_hans
    html = response.content.decode()
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    assert "Unknown id: no such object or field" in html


def test_strict_saves_nothing_when_a_unit_is_refused(client, mongolia_renamed):
    member_of("Editors", client)
    po = download(client, scope="all")
    unit(po, "members.state:TR:name").msgstr = "土耳其共和国"
    unit(po, "members.state:KZ:name").msgstr = "<i>哈萨克斯坦</i>"

    response = upload(client, po, strict="on")

    assert not response.context["report"].saved
    assert State.objects.get(code="TR").name_zh_hans == "土耳其"
    assert "Nothing was saved" in response.content.decode()


def test_check_only_changes_nothing(client, mongolia_renamed):
    member_of("Translators", client)
    po = download(client)
    unit(po, "members.state:KG:short_name").msgstr = "吉尔吉斯共和国"

    response = upload(client, po, check_only="on")

    assert len(response.context["report"].applied) == 1
    assert State.objects.get(code="KG").short_name_zh_hans == ""
    assert "Checked only, nothing was changed" in response.content.decode()


@pytest.mark.parametrize(
    "content, message",
    [
        ("this is not a PO file at all", "not a translation file that can be read"),
        ("\x89PNG\r\n\x1a\n\x00\x00", "not a translation file that can be read"),
        ('msgstr "x"\nmsgid "y"', "(line 1)"),
        ('msgid ""\nmsgstr ""\n\nmsgctxt "members.state:KG:name"\nmsgid "Kyr', "no Language"),
        ('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n', "no Language header"),
        ('msgid ""\nmsgstr "Language: xx\\n"\n', "not translated into: xx"),
        ('msgid ""\nmsgstr "Language: en\\n"\n', "The file is in English."),
    ],
)
def test_a_broken_file_changes_nothing(client, mongolia_renamed, content, message):
    member_of("Translators", client)
    revisions = Revision.objects.count()

    response = upload(client, content)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Nothing was imported." in response.content.decode()
    assert Revision.objects.count() == revisions


def test_an_empty_upload_is_a_form_error(client, site_data):
    member_of("Translators", client)

    response = upload(client, "")

    assert response.status_code == 400
    assert "The submitted file is empty." in response.content.decode()


def test_a_translator_cannot_import_english(client, mongolia_renamed):
    member_of("Translators", client)
    po = download(client)
    po.metadata["Language"] = "en"
    unit(po, "members.state:KG:short_name").msgstr = "Kyrgyzstan!"

    response = upload(client, po)

    assert response.status_code == 400
    assert State.objects.get(code="KG").short_name_en == "Kyrgyzstan"
    assert State.objects.get(code="KG").short_name_zh_hans == ""


def test_files_are_for_translators_and_editors_only(client, mongolia_renamed):
    from django.contrib.auth.models import User

    user = User.objects.create_user("staff", password="x" * 20, is_staff=True)
    client.force_login(user)

    assert client.get(ADMIN_PO, {"language": "zh-hans"}).status_code == 403
    assert upload(client, "x").status_code == 403
    assert 'id="translator-files"' not in client.get("/admin/translations/").content.decode()


def test_export_refuses_english_and_unknown_languages(admin_client, site_data):
    assert admin_client.get(ADMIN_PO, {"language": "en"}).status_code == 404
    assert admin_client.get(ADMIN_PO, {"language": "xx"}).status_code == 404


def test_the_status_page_offers_the_files(client, mongolia_renamed):
    member_of("Translators", client)

    html = client.get("/admin/translations/").content.decode()

    assert 'href="/admin/translations/export/?language=zh-hans"' in html
    assert 'href="/admin/translations/export/?language=ar&amp;scope=all"' in html
    assert 'action="/admin/translations/import/"' in html


@pytest.mark.parametrize("language", ["ru", "zh-hans", "ar"])
def test_the_report_speaks_the_translators_language(client, mongolia_renamed, language):
    member_of("Translators", client)
    client.cookies["django_language"] = language
    po = download(client)

    html = upload(client, po).content.decode()

    assert "Still marked as needing review" not in html
    assert "Empty translation" not in html
    assert "members.state:KG:short_name" in html


def test_command_round_trip(mongolia_renamed, tmp_path, capsys):
    path = tmp_path / "zh.po"
    call_command("translations", "export", "--language", "zh-hans", "-o", str(path))
    po = polib.pofile(str(path))
    unit(po, "members.state:KG:short_name").msgstr = "吉尔吉斯共和国"
    unit(po, "members.state:MN:name").msgstr = "蒙古国（更名）"
    po.save(str(path))

    call_command("translations", "import", str(path))

    output = capsys.readouterr().out
    assert "1 translations saved on 1 objects" in output
    assert (
        "skipped members.state:MN:name “Mongolia (renamed)”, name: still marked as needing review"
    ) in output
    assert State.objects.get(code="KG").short_name_zh_hans == "吉尔吉斯共和国"
    assert Revision.objects.latest("pk").comment == "Imported translations (zh-hans) from zh.po"


def test_command_dry_run_and_broken_file(mongolia_renamed, tmp_path):
    path = tmp_path / "zh.po"
    call_command("translations", "export", "--language", "zh-hans", "-o", str(path))
    po = polib.pofile(str(path))
    unit(po, "members.state:KG:short_name").msgstr = "吉尔吉斯共和国"
    po.save(str(path))
    out = io.StringIO()

    call_command("translations", "import", str(path), "--dry-run", stdout=out)

    assert "Dry run: nothing was changed." in out.getvalue()
    assert State.objects.get(code="KG").short_name_zh_hans == ""
    path.write_text("garbage")
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("translations", "import", str(path))


def add_content(event, numbers) -> None:
    for number in numbers:
        Organization.objects.create(
            name_en=f"Organisation {number}", slug=f"org-{number}", kind="partner"
        )
        event.documents.create(title_en=f"Document {number}", order=100 + number)


def test_export_queries_do_not_grow_with_the_content(admin_client, site_data):
    event = Event.objects.first()
    admin_client.get(ADMIN_PO, {"language": "ar", "scope": "all"})
    add_content(event, [0])  # a save: what is cached by content version is read again
    with CaptureQueriesContext(connection) as few:
        admin_client.get(ADMIN_PO, {"language": "ar", "scope": "all"})
    add_content(event, range(1, 11))

    with CaptureQueriesContext(connection) as more:
        po = download(admin_client, language="ar", scope="all")

    assert len(more.captured_queries) == len(few.captured_queries)
    assert len(few.captured_queries) < 40
    assert "timeline.document:" + event.slug + "/110:title" in {e.msgctxt for e in po}
