"""The open data (/data/): files every language, every record by its natural key,
no drafts, valid against the shipped JSON Schema, in a fixed number of queries."""

import csv
import datetime
import html
import io
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator

from cbm.models import Area, Assignment
from members.models import StatusChange
from opendata.datasets import DATASETS, LANGUAGES
from opendata.views import SCHEMA_PATH
from tests.conftest import FOOTER_QUERIES
from tests.members.factories import make_organization, make_state
from tests.pages import text_of
from tests.timeline.factories import make_document, make_event, pdf_upload
from timeline.models import Event

NAMES = [dataset.name for dataset in DATASETS]
# Queries of each file, however many rows (the events' names of meetings: one more).
QUERIES = {
    "states": 2,
    "status-changes": 1,
    "organisations": 1,
    "cbm-assignments": 1,
    "events": 2,
    "documents": 1,
}


def shipped_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def get_json(client: Client, name: str) -> dict:
    response = client.get(f"/data/{name}.json")
    assert response.status_code == 200, name
    return json.loads(response.content.decode("utf-8"))


def get_csv(client: Client, name: str) -> list[dict]:
    response = client.get(f"/data/{name}.csv")
    assert response.status_code == 200, name
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def by_key(records: list[dict], *fields: str) -> dict[tuple, dict]:
    return {tuple(record[field] for field in fields): record for record in records}


def translated_fields(name: str) -> list[str]:
    dataset = next(dataset for dataset in DATASETS if dataset.name == name)
    return [field.name for field in dataset.fields if field.translated]


# --- JSON ---------------------------------------------------------------------------


def test_the_shipped_schema_is_a_valid_draft_2020_12_schema():
    schema = shipped_schema()

    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", NAMES)
def test_each_json_file_is_valid_against_the_shipped_schema(client, site_data, name):
    document = get_json(client, name)
    validator = Draft202012Validator(
        shipped_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )

    errors = [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)
    ]
    assert errors == []
    assert document["dataset"] == name
    assert document["languages"] == ["en", "ru", "zh-hans", "ar"]
    assert document["records"]


def test_the_schema_rejects_a_record_that_breaks_it(client, site_data):
    document = get_json(client, "states")
    document["records"][0]["status"] = "partner"
    del document["records"][1]["name"]["ar"]

    assert len(list(Draft202012Validator(shipped_schema()).iter_errors(document))) == 2


def test_the_json_names_the_schema_it_follows_at_an_address_that_serves_it(client, site_data):
    document = get_json(client, "events")

    assert document["$schema"] == "http://testserver/data/schema.json"
    response = client.get("/data/schema.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json; charset=utf-8"
    assert json.loads(response.content) == shipped_schema()


def test_json_is_utf8_not_ascii_escaped(client, site_data):
    response = client.get("/data/states.json")

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="cica-states.json"'
    assert "Кувейт" in response.content.decode("utf-8")
    assert b"\\u" not in response.content


def test_kuwaits_accession_is_in_its_status_history(client, site_data, today):
    today(datetime.date(2026, 1, 1))
    states = by_key(get_json(client, "states")["records"], "code")

    kuwait = states[("KW",)]
    assert kuwait["name"] == {"en": "Kuwait", "ru": "Кувейт", "zh-hans": "科威特", "ar": "الكويت"}
    assert kuwait["status"] == "member"
    assert kuwait["status_since"] == "2022-10-13"
    assert kuwait["status_history"] == [
        {
            "status": "member",
            "date": "2022-10-13",
            "precision": "day",
            "approximate": False,
            "certain_from": None,
            "note": {"en": None, "ru": None, "zh-hans": None, "ar": None},
        }
    ]
    assert kuwait["url"]["ar"] == "http://testserver/ar/members/kuwait/"


def test_a_founding_state_says_its_date_is_open_and_why(client, site_data, today):
    today(datetime.date(2026, 1, 1))
    mongolia = by_key(get_json(client, "states")["records"], "code")[("MN",)]
    rows = {row["state_code"]: row for row in get_csv(client, "status-changes")}

    assert mongolia["status_since"] == "1999-01-01"
    assert mongolia["status_certain_from"] == "2002-06-04"
    (change,) = mongolia["status_history"]
    assert change["certain_from"] == "2002-06-04"
    assert change["note"]["en"].startswith("One of the 16 founding states.")
    assert change["note"]["zh-hans"].startswith("16个创始成员国之一")
    assert rows["MN"]["certain_from"] == "2002-06-04"
    assert rows["MN"]["note_ru"].startswith("Одно из 16 государств-основателей.")
    assert rows["KW"]["certain_from"] == "" and rows["KW"]["note_en"] == ""


def test_the_status_is_the_one_in_force_on_the_day_the_file_is_made(client, site_data, today):
    today(datetime.date(2021, 12, 31))
    document = get_json(client, "states")

    assert document["as_of"] == "2021-12-31"
    kuwait = by_key(document["records"], "code")[("KW",)]
    assert kuwait["status"] is None
    assert kuwait["status_since"] is None
    assert kuwait["status_history"][0]["date"] == "2022-10-13"


def test_a_state_that_changed_status_lists_both_changes_earliest_first(client, db):
    state = make_state(status="observer", since=datetime.date(2004, 6, 1), code="XB", slug="xb")
    StatusChange.objects.create(state=state, status="member", date=datetime.date(2010, 3, 5))

    record = get_json(client, "states")["records"][0]

    assert [(change["status"], change["date"]) for change in record["status_history"]] == [
        ("observer", "2004-06-01"),
        ("member", "2010-03-05"),
    ]
    assert record["status"] == "member"
    assert record["name"] == {"en": "Example State", "ru": None, "zh-hans": None, "ar": None}


@pytest.mark.parametrize("name", NAMES)
def test_every_translated_field_has_every_language(client, site_data, name):
    for record in get_json(client, name)["records"]:
        for field in translated_fields(name):
            assert list(record[field]) == LANGUAGES, (name, field)


def test_the_fixtures_names_are_there_in_every_language(client, site_data):
    for name, field in [
        ("states", "name"),
        ("organisations", "name"),
        ("cbm-assignments", "area_name"),
        ("events", "name"),
        ("documents", "title"),
    ]:
        for record in get_json(client, name)["records"]:
            assert all(record[field].values()), (name, record)


@pytest.mark.parametrize("name", NAMES)
def test_natural_keys_are_unique(client, site_data, name):
    dataset = next(dataset for dataset in DATASETS if dataset.name == name)
    records = get_json(client, name)["records"]
    rows = get_csv(client, name)

    json_keys = [tuple(record[field] for field in dataset.key) for record in records]
    csv_keys = [tuple(row[field] for field in dataset.key) for row in rows]
    assert len(set(json_keys)) == len(json_keys)
    assert len(set(csv_keys)) == len(csv_keys) == len(records)


# --- CSV ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_csv_is_utf8_with_a_byte_order_mark_crlf_and_a_header(client, site_data, name):
    response = client.get(f"/data/{name}.csv")
    dataset = next(dataset for dataset in DATASETS if dataset.name == name)

    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert response["Content-Disposition"] == f'attachment; filename="cica-{name}.csv"'
    assert response.content.startswith("\ufeff".encode())
    text = response.content.decode("utf-8-sig")
    assert text.endswith("\r\n")
    header = next(csv.reader(io.StringIO(text, newline="")))
    assert header == dataset.columns()


def test_csv_quotes_values_with_commas(client, site_data):
    text = client.get("/data/documents.csv").content.decode("utf-8-sig")

    assert '"Декларация принципов, регулирующих отношения' in text


def test_kuwaits_accession_is_a_row_of_the_status_changes(client, site_data):
    rows = by_key(get_csv(client, "status-changes"), "state_code", "date")

    assert rows[("KW", "2022-10-13")] == {
        "state_code": "KW",
        "status": "member",
        "date": "2022-10-13",
        "precision": "day",
        "approximate": "false",
        "certain_from": "",
        "note_en": "",
        "note_ru": "",
        "note_zh_hans": "",
        "note_ar": "",
    }


def test_kazakhstan_coordinates_the_military_political_dimension(client, site_data):
    rows = get_csv(client, "cbm-assignments")
    row = by_key(rows, "area_key", "state_code")[("military-political-dimension", "KZ")]

    assert row["role"] == "coordinator"
    assert row["start_year"] == row["end_year"] == ""
    assert row["dimension_key"] == "military-political"
    assert row["area_name_ru"] == "Военно-политическое измерение"
    assert row["area_is_general"] == "true"


def test_the_4th_summit_and_its_documents(client, site_data):
    event = by_key(get_csv(client, "events"), "slug")[("2014-4th-summit",)]
    documents = [
        row for row in get_csv(client, "documents") if row["event_slug"] == "2014-4th-summit"
    ]

    assert event["kind"] == "summit"
    assert event["ordinal"] == "4"
    assert event["date"] == "2014-05-20"
    assert event["end_date"] == "2014-05-21"
    assert event["date_precision"] == "day"
    assert event["host_state_code"] == "CN"
    assert (event["name_en"], event["name_ru"]) == ("4th CICA Summit", "Четвертый саммит СВМДА")
    assert event["place_zh_hans"] == "上海"
    assert [(row["order"], row["title_en"]) for row in documents] == [
        ("10", "Shanghai Declaration"),
        ("20", "Memorandum of Understanding between the CICA and SCO Secretariats"),
    ]
    assert documents[0]["title_ar"] == "إعلان شنغهاي"


def test_a_renamed_meeting_keeps_the_name_of_its_day(client, site_data):
    events = by_key(get_json(client, "events")["records"], "slug")

    names = [record["name"]["en"] for record in events.values() if record["kind"] == "ministerial"]
    assert "6th CICA Ministerial Meeting" in names
    assert "7th Ministerial Council of CICA" in names


def test_a_documents_files_are_addressed_in_their_languages(client, db):
    event = make_event()
    make_document(event, file_ru=pdf_upload("declaration-ru.pdf"))

    record = get_json(client, "documents")["records"][0]
    row = get_csv(client, "documents")[0]

    assert record["file_url"]["en"] is None
    assert record["file_url"]["ru"].startswith("http://testserver/media/documents/")
    assert record["file_url"]["ru"].endswith(".pdf")
    assert row["file_url_ru"] == record["file_url"]["ru"]
    assert row["file_url_en"] == ""


# --- Drafts, queries, caching ---------------------------------------------------------


def test_drafts_are_never_in_the_files(client, db):
    shown = make_event(slug="2030-shown")
    hidden = make_event(slug="2031-draft", published=False, date=datetime.date(2031, 1, 1))
    make_document(shown, title_en="Published declaration", order=10)
    make_document(shown, title_en="Draft declaration", order=20, published=False)
    make_document(hidden, title_en="Declaration of a draft event", order=10)

    events = get_json(client, "events")["records"]
    documents = get_json(client, "documents")["records"]
    text = "".join(client.get(f"/data/{name}.csv").content.decode() for name in NAMES)

    assert [event["slug"] for event in events] == ["2030-shown"]
    assert [document["title"]["en"] for document in documents] == ["Published declaration"]
    assert "2031-draft" not in text
    assert "Draft declaration" not in text


def add_rows(number: int) -> None:
    """More of everything: a state with two changes, an organisation, assignments, an
    event with documents."""
    area = Area.objects.first()
    for n in range(number):
        code = f"X{chr(ord('B') + n)}"
        state = make_state(code=code, slug=f"extra-{n}", since=datetime.date(2001, 1, 1))
        StatusChange.objects.create(state=state, status="observer", date=None)
        make_organization(slug=f"extra-org-{n}", name_en=f"Extra {n}")
        Assignment.objects.create(area=area, state=state, role="co-coordinator", start_year=2030)
        event = make_event(slug=f"extra-event-{n}", ordinal=20 + n, title_en=f"Extra {n}")
        make_document(event, order=10)
        make_document(event, order=20)


def count_queries(client: Client, path: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("extension", ["json", "csv"])
def test_each_file_takes_the_same_queries_however_many_rows(client, site_data, settings, extension):
    settings.CICA_PAGE_CACHE = False
    before = {name: count_queries(client, f"/data/{name}.{extension}") for name in NAMES}
    add_rows(5)
    after = {name: count_queries(client, f"/data/{name}.{extension}") for name in NAMES}

    assert before == after == QUERIES


def test_a_file_is_cached_like_a_page(client, site_data, django_assert_num_queries):
    first = client.get("/data/events.json")
    with django_assert_num_queries(0):
        second = client.get("/data/events.json")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert "public" in second["Cache-Control"]
    assert client.get("/data/events.json", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    Event.objects.filter(slug="2014-4th-summit").update(place_en="Elsewhere")
    Event.objects.get(slug="2014-4th-summit").save()
    third = client.get("/data/events.json")
    assert third["ETag"] != first["ETag"]
    assert "Elsewhere" in third.content.decode()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_data_addresses_take_get_and_head_only(site_data, method):
    client = Client(enforce_csrf_checks=True)
    paths = ["/en/data/", "/data/schema.json"] + [
        f"/data/{name}.{extension}" for name in NAMES for extension in ("json", "csv")
    ]
    for path in paths:
        response = getattr(client, method)(path)
        assert response.status_code == 405, (method, path)
        assert {"GET", "HEAD"} <= {m.strip() for m in response["Allow"].split(",")}
        assert client.head(path).status_code == 200, path


def test_an_unknown_dataset_is_not_found(client, db):
    assert client.get("/data/people.json").status_code == 404
    assert client.get("/data/states.xml").status_code == 404


# --- The page that documents them ------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans", "ar"])
def test_a_bare_data_address_goes_to_the_visitors_language(client, db, language):
    response = client.get("/data/", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 302
    assert response["Location"] == f"/{language}/data/"


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans", "ar"])
def test_the_page_documents_every_field_and_links_every_file(client, site_data, language):
    response = client.get(f"/{language}/data/")
    html = response.content.decode()

    assert response.status_code == 200
    for dataset in DATASETS:
        assert f'id="{dataset.name}"' in html
        assert f'href="/data/{dataset.name}.json"' in html
        assert f'href="/data/{dataset.name}.csv"' in html
        for field in dataset.fields:
            assert f'<code dir="ltr">{field.name}</code>' in html, (dataset.name, field.name)
    assert 'href="/data/schema.json"' in html


def test_the_page_shows_types_and_examples_in_its_language(client, site_data):
    russian = html.unescape(text_of(client.get("/ru/data/").content.decode()))
    arabic = html.unescape(text_of(client.get("/ar/data/").content.decode()))

    assert "Тип: одно из значений: member, observer или null" in russian
    assert 'Пример: "Иран"' in russian
    assert 'Пример: "http://testserver/ru/members/kuwait/"' in russian
    assert 'Пример: "Четвертый саммит СВМДА"' in russian
    assert 'مثال: "إيران"' in arabic


def test_the_page_costs_only_the_footers_queries(client, site_data, django_assert_num_queries):
    with django_assert_num_queries(FOOTER_QUERIES):
        assert client.get("/zh-hans/data/").status_code == 200


@pytest.mark.parametrize("path", ["/en/", "/ru/members/", "/ar/history/", "/zh-hans/data/"])
def test_every_page_links_the_open_data_from_its_footer(client, site_data, path):
    html = client.get(path).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    language = path.split("/")[1]

    assert f'href="/{language}/data/"' in footer


def test_the_data_page_is_in_the_sitemap_in_every_language(client, site_data):
    sitemap = client.get("/sitemap.xml").content.decode()

    for language in LANGUAGES:
        assert f"http://testserver/{language}/data/" in sitemap
