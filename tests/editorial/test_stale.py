"""A translation whose English changed after it was made is marked "needs review"
everywhere an editor or a translator looks, and the mark goes when it is dealt with."""

import io
import json
import re

import pytest
from django.core import serializers
from django.core.management import call_command
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from reversion.models import Version

from editorial.diffs import inline_word_diff
from editorial.models import StaleTranslation
from editorial.stale import STILL_CORRECT_FIELD, stale_counts
from editorial.translations import text_fields
from members.models import State
from tests.admin_forms import admin_form_data
from tests.pages import text_of
from tests.test_roles import member_of
from timeline.models import Event

OTHERS = ("ru", "zh-hans", "ar")


def stale(obj) -> set[tuple[str, str]]:
    return {
        (row.field, row.language)
        for row in StaleTranslation.objects.filter(object_id=str(obj.pk))
        if row.content_type.model_class() is type(obj)
    }


def change_url(obj) -> str:
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def save_through_admin(client, obj, **changes):
    page = client.get(change_url(obj))
    response = client.post(change_url(obj), admin_form_data(page, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_changing_the_english_marks_every_translation_of_that_field(admin_client, site_data):
    mongolia = State.objects.get(code="MN")

    save_through_admin(admin_client, mongolia, name_en="Mongolia (renamed)")

    assert stale(mongolia) == {("name", code) for code in OTHERS}
    assert stale_counts() == {"ru": 1, "zh-hans": 1, "ar": 1}


def test_the_form_shows_the_mark_and_what_changed_beside_the_field(admin_client, site_data):
    mongolia = State.objects.get(code="MN")
    save_through_admin(admin_client, mongolia, short_name_en="Mongolia, the State of")

    html = admin_client.get(change_url(mongolia)).content.decode()

    block = html[html.index('name="short_name_ru"') :]
    block = block[: block.index("</fieldset>")]
    assert "Needs review:" in block
    assert "the English has changed since this was translated." in block
    assert "Mongolia<ins>, the State of</ins>" in block
    assert f'name="{STILL_CORRECT_FIELD}"' in block
    assert "Needs review:" not in html[: html.index('name="short_name_ru"')]  # not on name


def test_the_translator_sees_the_mark_in_their_language(client, site_data):
    mongolia = State.objects.get(code="MN")
    mongolia.name_en = "Mongolia (renamed)"
    mongolia.save()
    member_of("Translators", client)

    html = client.get(change_url(mongolia), HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    assert "Mongolia<ins> (renamed)</ins>" in html
    assert html.count('class="stale-translation"') == 3


def test_saving_a_new_translation_clears_its_mark_only(admin_client, site_data):
    mongolia = State.objects.get(code="MN")
    save_through_admin(admin_client, mongolia, name_en="Mongolia (renamed)")

    save_through_admin(admin_client, mongolia, name_ru="Монголия (переименована)")

    assert stale(mongolia) == {("name", "zh-hans"), ("name", "ar")}


def test_ticking_still_correct_clears_the_mark(client, site_data):
    mongolia = State.objects.get(code="MN")
    mongolia.name_en = "Mongolia (renamed)"
    mongolia.save()
    member_of("Translators", client)
    page = client.get(change_url(mongolia))
    token = re.search(
        rf'name="{STILL_CORRECT_FIELD}" value="([^"]+\.name\.zh-hans)"', page.content.decode()
    )[1]

    response = client.post(
        change_url(mongolia), admin_form_data(page) | {STILL_CORRECT_FIELD: [token]}
    )

    assert response.status_code == 302
    assert stale(mongolia) == {("name", "ru"), ("name", "ar")}
    assert State.objects.get(code="MN").name_zh_hans == "蒙古"


def test_a_box_for_another_object_is_ignored(admin_client, site_data):
    mongolia, china = State.objects.get(code="MN"), State.objects.get(code="CN")
    china.name_en = "China (renamed)"
    china.save()
    token = re.search(
        r'value="([^"]+\.name\.ru)"', admin_client.get(change_url(china)).content.decode()
    )[1]

    page = admin_client.get(change_url(mongolia))
    admin_client.post(change_url(mongolia), admin_form_data(page) | {STILL_CORRECT_FIELD: [token]})

    assert ("name", "ru") in stale(china)


def test_the_english_changing_back_clears_the_mark(admin_client, site_data):
    mongolia = State.objects.get(code="MN")
    save_through_admin(admin_client, mongolia, name_en="Mongolia (renamed)")
    save_through_admin(admin_client, mongolia, name_en="Mongolia (renamed again)")

    assert stale(mongolia) == {("name", code) for code in OTHERS}
    assert StaleTranslation.objects.filter(source="Mongolia").count() == 3  # the first English

    save_through_admin(admin_client, mongolia, name_en="Mongolia")

    assert stale(mongolia) == set()


def test_an_empty_translation_is_missing_not_stale(admin_client, site_data):
    mongolia = State.objects.get(code="MN")

    save_through_admin(admin_client, mongolia, name_en="Mongolia (renamed)", name_ar="")

    assert stale(mongolia) == {("name", "ru"), ("name", "zh-hans")}


def test_a_new_object_has_nothing_to_review(admin_client, site_data):
    State.objects.create(code="XA", slug="xa", name_en="X", name_ru="Икс", short_name_en="X")

    assert StaleTranslation.objects.count() == 0


def test_translations_of_inline_rows_are_followed_and_marked(admin_client, site_data):
    event = Event.objects.get(slug="2014-4th-summit")
    document = event.documents.first()
    document.title_en = document.title_en + " (corrected)"
    document.save()

    html = admin_client.get(change_url(event)).content.decode()
    token = re.search(rf'name="{STILL_CORRECT_FIELD}" value="([^"]+\.title\.ru)"', html)[1]
    page = admin_client.get(change_url(event))
    response = admin_client.post(
        change_url(event), admin_form_data(page) | {STILL_CORRECT_FIELD: [token]}
    )

    assert response.status_code == 302
    assert stale(document) == {("title", "zh-hans"), ("title", "ar")}


def test_a_revert_follows_the_same_rule(admin_client, site_data):
    mongolia = State.objects.get(code="MN")
    save_through_admin(admin_client, mongolia)  # a version as loaded
    save_through_admin(admin_client, mongolia, name_en="Mongolia (renamed)", name_ru="Монголия*")
    assert stale(mongolia) == {("name", "zh-hans"), ("name", "ar")}

    Version.objects.get_for_object(mongolia).last().revision.revert()

    # English back to what zh and ar were made from; ru changed with it: all current.
    assert stale(mongolia) == set()
    assert State.objects.get(code="MN").name_ru == "Монголия"

    Version.objects.get_for_object(mongolia).first().revision.revert()

    # English changed again, zh and ar did not: to review; ru changed with it.
    assert stale(mongolia) == {("name", "zh-hans"), ("name", "ar")}


def test_a_fixture_load_follows_the_same_rule(site_data, tmp_path):
    """A fixture that brings a new English and the same translations: to review."""
    data = json.loads(
        serializers.serialize(
            "json",
            [State.objects.get(code="MN")],
            use_natural_primary_keys=True,
            use_natural_foreign_keys=True,
        )
    )
    data[0]["fields"]["name_en"] = "Mongolia (from a fixture)"
    fixture = tmp_path / "renamed.json"
    fixture.write_text(json.dumps(data))

    call_command("loaddata", str(fixture), verbosity=0)

    assert stale(State.objects.get(code="MN")) == {("name", code) for code in OTHERS}


def test_every_translated_field_of_every_model_is_followed(site_data):
    """The class: whatever the model and the field, a new English marks its translations."""
    checked = 0
    for model in translator.get_registered_models(abstract=False):
        for name in text_fields(model):
            columns = [build_localized_fieldname(name, code) for code in ("en", *OTHERS)]
            filled = {f"{column}__gt": "" for column in columns}
            obj = model._base_manager.filter(**filled).first()
            if obj is None:
                continue
            setattr(obj, columns[0], getattr(obj, columns[0]) + " (changed)")
            obj.save()
            assert {(name, code) for code in OTHERS} <= stale(obj), (model, name)
            for column in columns[1:]:
                setattr(obj, column, getattr(obj, column) + "*")
            obj.save()
            assert not {row for row in stale(obj) if row[0] == name}, (model, name)
            checked += 1
    assert checked >= 20


def test_the_translation_report_page_lists_what_to_review(admin_client, site_data):
    mongolia = State.objects.get(code="MN")
    save_through_admin(admin_client, mongolia, name_en="Mongolia (renamed)")

    html = admin_client.get("/admin/translations/?language=ru").content.decode()

    assert "1 translation to review: its English has changed since" in text_of(html)
    assert "Mongolia<ins> (renamed)</ins>" in html
    assert f'href="{change_url(mongolia)}"' in html


def test_the_report_command_counts_stale_apart_from_empty(site_data):
    mongolia = State.objects.get(code="MN")
    mongolia.name_en = "Mongolia (renamed)"
    mongolia.name_ar = ""
    mongolia.save()
    out = io.StringIO()

    call_command("translation_report", stdout=out)

    lines = {line.split()[0]: line for line in out.getvalue().splitlines() if line[:1] != " "}
    assert "   1 to review" in lines["ru"] and "   0 missing" in lines["ru"]
    assert "   0 to review" in lines["ar"] and "   1 missing" in lines["ar"]
    assert "“Mongolia (renamed)”: name to review" in out.getvalue()


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("The Almaty Act", "The Almaty Act of 2002", "The Almaty Act<ins> of 2002</ins>"),
        ("a <b> c", "a <i> c", "a &lt;<del>b</del><ins>i</ins>&gt; c"),
        ("same", "same", "same"),
        ("亚信第五次峰会", "亚信第六次峰会", "亚信第<del>五</del><ins>六</ins>次峰会"),
    ],
)
def test_the_word_diff_marks_words_and_escapes_text(before, after, expected):
    assert inline_word_diff(before, after) == expected
