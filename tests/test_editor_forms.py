"""Nothing technical to type: identifiers made from names, dates in the editor's
language, every label and help text of the admin in the editor's language, and the
guide for editors."""

import datetime
import re
from html import unescape

import pytest
from django.contrib import admin
from django.urls import reverse

from cbm.models import Area, Dimension
from cica.models import Goal
from editorial.widgets import ascii_digits
from members.models import Organization, State, StatusChange
from secretariat.models import Chairmanship, Person, Position
from tests.admin_forms import admin_form_data
from tests.members.factories import make_state
from tests.timeline.factories import make_event

# --- Identifiers ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_state_saved_without_a_slug_gets_one_from_its_english_name():
    state = State.objects.create(code="XA", name_en="Côte d'Ivoire", short_name_en="x")
    assert state.slug == "cote-divoire"


@pytest.mark.django_db
def test_a_slug_already_taken_gets_a_number():
    State.objects.create(code="XA", name_en="Example", short_name_en="x")
    second = State.objects.create(code="XB", name_en="Example", short_name_en="x")
    third = State.objects.create(code="XC", name_en="Example!", short_name_en="x")
    assert (second.slug, third.slug) == ("example-2", "example-3")


@pytest.mark.django_db
def test_a_slug_never_changes_when_the_name_is_edited():
    state = State.objects.create(code="XA", name_en="Example", short_name_en="x")
    state.name_en = "Renamed Example"
    state.save()
    state.refresh_from_db()
    assert state.slug == "example"


@pytest.mark.django_db
def test_a_slug_given_is_kept():
    assert State.objects.create(code="XA", slug="kept", name_en="Example").slug == "kept"


@pytest.mark.django_db
def test_keys_are_made_from_english_names_titles_and_texts():
    dimension = Dimension.objects.create(name_en="Human dimension")
    area = Area.objects.create(dimension=dimension, name_en="Tourism")
    position = Position.objects.create(title_en="Deputy Secretary General")
    goal = Goal.objects.create(text_en="Enhance co-operation " * 10)
    organization = Organization.objects.create(
        name_en="United Nations", abbreviation_en="UN", kind="observer"
    )
    assert (dimension.key, area.key, position.key) == (
        "human-dimension",
        "tourism",
        "deputy-secretary-general",
    )
    assert organization.slug == "un"
    # Cut at a word to fit the column.
    assert (
        goal.key
        == "enhance-co-operation-enhance-co-operation-enhance-co-operation"[:60].rsplit("-", 1)[0]
    )
    assert len(goal.key) <= 60 and not goal.key.endswith("-")


@pytest.mark.django_db
def test_event_person_and_chairmanship_keys_carry_their_year():
    state = make_state(code="KZ", slug="kazakhstan", name_en="Kazakhstan")
    event = make_event(slug="")
    position = Position.objects.create(title_en="Secretary General")
    person = Person.objects.create(
        position=position, name_en="Kairat Sarybay", start_date=datetime.date(2020, 9, 24)
    )
    chairmanship = Chairmanship.objects.create(state=state, start_date=datetime.date(2024, 12, 17))
    assert event.slug == "2030-9th-cica-summit"
    assert person.slug == "kairat-sarybay-2020"
    assert chairmanship.slug == "kazakhstan-2024"


@pytest.mark.django_db
def test_an_editor_adds_a_state_without_typing_its_address(admin_client):
    form = admin_client.get("/admin/members/state/add/")
    assert 'name="slug"' not in form.content.decode()
    data = admin_form_data(
        form,
        name_en="Kuwait",
        short_name_en="Kuwait",
        code="KW",
        **{"status_changes-0-status": "member", "status_changes-0-date": "2025-03-28"},
    )
    assert admin_client.post("/admin/members/state/add/", data).status_code == 302
    state = State.objects.get(code="KW")
    assert state.slug == "kuwait"
    page = admin_client.get(f"/admin/members/state/{state.pk}/change/").content.decode()
    assert 'name="slug"' not in page  # shown, not editable
    assert "kuwait" in page


# --- Dates in the editor's language ---------------------------------------------

TYPED = {
    "en": ["31 December 2024", "2024-12-31", "31/12/2024"],
    "ru": ["31.12.2024", "2024-12-31"],
    "zh-hans": ["2024年12月31日", "2024-12-31", "2024/12/31"],
    "ar": ["31/12/2024", "٣١/١٢/٢٠٢٤", "\u200f٣١\u200f/١٢\u200f/٢٠٢٤", "2024-12-31"],
}
CASES = [(language, typed) for language, values in TYPED.items() for typed in values]
INVALID = {
    "en": "Enter a valid date.",
    "ru": "Введите правильную дату.",
    "zh-hans": "输入一个有效的日期。",
    "ar": "أدخل تاريخاً صحيحاً.",
}


def test_any_digits_are_read_as_ascii():
    assert ascii_digits("٣١/١٢/٢٠٢٤") == "31/12/2024"
    assert ascii_digits("۳۱؍۱۲؍۲۰۲۴") == "31/12/2024"  # Persian digits, Arabic date separator
    assert ascii_digits("２０２４年１２月３１日") == "2024年12月31日"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "typed"), CASES)
def test_a_status_change_date_is_typed_in_the_editors_language(admin_client, language, typed):
    state = make_state()
    url = f"/admin/members/state/{state.pk}/change/"
    form = admin_client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    data = admin_form_data(
        form, **{"status_changes-0-date": typed, "status_changes-0-precision": "day"}
    )

    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 302
    assert StatusChange.objects.get(state=state).date == datetime.date(2024, 12, 31)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "typed"), CASES)
def test_an_event_date_is_typed_in_the_editors_language(admin_client, language, typed):
    event = make_event(date=datetime.date(2024, 12, 30))
    url = f"/admin/timeline/event/{event.pk}/change/"
    form = admin_client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    data = admin_form_data(form, end_date=typed)

    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.end_date == datetime.date(2024, 12, 31)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "2010-01-01"), ("ru", "01.01.2010"), ("zh-hans", "2010-01-01"), ("ar", "01/01/2010")],
)
def test_the_date_field_shows_a_format_that_reads_back(admin_client, language, shown):
    state = make_state()
    page = admin_client.get(
        f"/admin/members/state/{state.pk}/change/", HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert f'name="status_changes-0-date" value="{shown}"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("en", "31 February 2024"),
        ("ru", "31.02.2024"),
        ("zh-hans", "2024年2月31日"),
        ("ar", "٣١/٠٢/٢٠٢٤"),
    ],
)
def test_an_impossible_date_is_refused_in_the_editors_language(admin_client, language, typed):
    state = make_state()
    url = f"/admin/members/state/{state.pk}/change/"
    data = admin_form_data(
        admin_client.get(url, HTTP_ACCEPT_LANGUAGE=language),
        **{"status_changes-0-date": typed},
    )

    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    assert INVALID[language] in unescape(response.content.decode())
    assert StatusChange.objects.get(state=state).date == datetime.date(2010, 1, 1)


# --- Every label and help text in the editor's language ---------------------------

CONTENT_APPS = {"cica", "members", "cbm", "timeline", "secretariat"}
TEXT = re.compile(
    r"<label[^>]*>(.*?)</label>"
    r'|<div class="help"[^>]*>(.*?)</div>\s*</div>'
    r"|<h2[^>]*>(.*?)</h2>",
    re.S,
)
# Words that are the same in every language, or are no words at all.
ALLOWED = {"", "ISO code:", "EN", "RU", "ZH-HANS", "AR"}


def texts(html: str) -> set[str]:
    found = set()
    for match in TEXT.finditer(html):
        inner = next(group for group in match.groups() if group is not None)
        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", inner)).split())
        if re.search(r"[A-Za-z]{3}", text) and text not in ALLOWED:
            found.add(text)
    return found


def content_admin_pages(state_pk: int) -> list[str]:
    pages = []
    for model, _model_admin in admin.site._registry.items():
        if model._meta.app_label not in CONTENT_APPS:
            continue
        info = (model._meta.app_label, model._meta.model_name)
        singleton = model.objects.first() if hasattr(model, "load") else None
        if singleton is not None:
            pages.append(reverse("admin:{}_{}_change".format(*info), args=[singleton.pk]))
        else:
            pages.append(reverse("admin:{}_{}_add".format(*info)))
    pages.append(reverse("admin:members_state_change", args=[state_pk]))
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "zh-hans", "ar"])
def test_every_admin_form_speaks_the_editors_language(admin_client, language):
    state = make_state()
    untranslated, compared = {}, 0
    for url in content_admin_pages(state.pk):
        english = texts(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
        english -= {state.name_en}  # content, not interface
        compared += len(english)
        response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        left = texts(response.content.decode()) & english
        if left:
            untranslated[url] = sorted(left)
    assert untranslated == {}
    assert compared > 300  # labels, help texts and headings of every form were compared


# --- The guide for editors --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "step"),
    [
        ("en", "Record an accession or a change of status", 'Tick "At the latest"'),
        ("ru", "Вступление государства или изменение его статуса", "Отметьте «Не позднее»"),
        ("ar", "Record an accession or a change of status", 'Tick "At the latest"'),
    ],
)
def test_the_guide_opens_from_every_admin_page(admin_client, language, heading, step):
    index = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'href="{reverse("editors_guide")}"' in index

    page = admin_client.get(reverse("editors_guide"), HTTP_ACCEPT_LANGUAGE=language)

    html = page.content.decode()
    assert f"<h3>{heading}</h3>" in html
    assert step in unescape(html)
    assert ('class="editors-guide" lang="en" dir="ltr"' in html) == (language == "ar")


@pytest.mark.django_db
def test_the_guide_is_for_staff_only(client):
    response = client.get(reverse("editors_guide"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
