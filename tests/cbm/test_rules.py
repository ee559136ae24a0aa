"""One role per state and one coordinator per area at a time: in the admin and in the database."""

import pytest
from django.db import IntegrityError, transaction

from cbm.models import Area, Assignment
from members.models import State
from tests.admin_forms import opened_version


@pytest.fixture
def finance(site_data) -> Area:
    return Area.objects.get(key="finance")  # China coordinates, no co-coordinator


def inline_data(area: Area, rows: list[dict], extra: int = 1) -> dict:
    """The POST of the area's change form: its fields and the assignments inline."""
    data = {
        "dimension": area.dimension_id,
        "key": area.key,
        "order": area.order,
        "assignments-TOTAL_FORMS": len(rows) + extra,
        "assignments-INITIAL_FORMS": sum(1 for row in rows if row.get("id")),
        "assignments-MIN_NUM_FORMS": 0,
        "assignments-MAX_NUM_FORMS": 1000,
    }
    for language in ("en", "ru", "zh_hans", "ar"):
        data[f"name_{language}"] = getattr(area, f"name_{language}")
    for index, row in enumerate(rows):
        for field, value in row.items():
            data[f"assignments-{index}-{field}"] = "" if value is None else value
        data[f"assignments-{index}-area"] = area.pk
    for index in range(len(rows), len(rows) + extra):
        data[f"assignments-{index}-order"] = 0  # an untouched extra row, as a browser sends it
    return data


def existing_rows(area: Area) -> list[dict]:
    return [
        {
            "id": assignment.pk,
            "state": assignment.state_id,
            "role": assignment.role,
            "start_year": assignment.start_year,
            "end_year": assignment.end_year,
            "order": assignment.order,
        }
        for assignment in area.assignments.all()
    ]


def state(code: str) -> int:
    return State.objects.get(code=code).pk


def test_a_second_coordinator_for_the_same_years_is_refused_with_a_clear_error(
    admin_client, finance
):
    rows = existing_rows(finance) + [{"state": state("IN"), "role": "coordinator", "order": 20}]

    url = f"/admin/cbm/area/{finance.pk}/change/"
    response = admin_client.post(
        url, opened_version(admin_client, url) | inline_data(finance, rows)
    )

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert errors == [
        "China (with no end date) and India (with no end date) would both coordinate this area "
        "in the same years: an area has one coordinator at a time. Make one of them a "
        "co-coordinator or set the years."
    ]
    assert list(finance.assignments.values_list("state__code", flat=True)) == ["CN"]


def test_the_error_is_in_the_editors_language(admin_client, finance):
    rows = existing_rows(finance) + [{"state": state("IN"), "role": "coordinator", "order": 20}]

    url = f"/admin/cbm/area/{finance.pk}/change/"
    response = admin_client.post(
        url,
        opened_version(admin_client, url) | inline_data(finance, rows),
        headers={"accept-language": "ru"},
    )

    errors = response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert errors[0].startswith("Китай (бессрочно) и Индия (бессрочно) оказались бы координаторами")


def test_a_state_cannot_hold_two_roles_in_one_area_at_once(admin_client, finance):
    rows = existing_rows(finance) + [{"state": state("CN"), "role": "co-coordinator", "order": 20}]

    url = f"/admin/cbm/area/{finance.pk}/change/"
    response = admin_client.post(
        url, opened_version(admin_client, url) | inline_data(finance, rows)
    )

    errors = response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert errors == [
        "China is listed twice for overlapping years (with no end date; with no end date): "
        "a state holds one role in an area at a time."
    ]


def test_an_editor_reassigns_the_coordinator_and_both_pages_change(admin_client, client, finance):
    rows = existing_rows(finance)
    rows[0]["end_year"] = 2020
    rows[0]["start_year"] = 2015
    rows.append({"state": state("IN"), "role": "coordinator", "start_year": 2021, "order": 10})

    url = f"/admin/cbm/area/{finance.pk}/change/"
    response = admin_client.post(
        url, opened_version(admin_client, url) | inline_data(finance, rows)
    )

    assert response.status_code == 302
    catalogue = client.get("/en/cbm/").content.decode()
    finance_card = catalogue.split('id="finance"')[1].split("</li>\n")[0]
    assert "India" in finance_card and "China" not in finance_card
    assert "since 2021" in finance_card
    assert "Finance" in client.get("/en/members/india/").content.decode()
    assert (
        "Finance"
        not in client.get("/en/members/china/").content.decode().split('id="cbm-heading"')[1]
    )


def test_an_editor_swaps_coordinator_and_co_coordinator_in_one_save(admin_client, site_data):
    tourism = Area.objects.get(key="tourism")  # Tajikistan coordinates, Sri Lanka co-coordinates
    rows = existing_rows(tourism)
    rows[0]["role"], rows[1]["role"] = "co-coordinator", "coordinator"

    url = f"/admin/cbm/area/{tourism.pk}/change/"
    response = admin_client.post(
        url, opened_version(admin_client, url) | inline_data(tourism, rows)
    )

    assert response.status_code == 302
    roles = dict(tourism.assignments.values_list("state__code", "role"))
    assert roles == {"TJ": "co-coordinator", "LK": "coordinator"}


def test_successive_coordinators_are_accepted(admin_client, finance):
    rows = existing_rows(finance)
    rows[0].update(start_year=2010, end_year=2014)
    rows.append(
        {
            "state": state("IN"),
            "role": "coordinator",
            "start_year": 2015,
            "end_year": 2019,
            "order": 10,
        }
    )
    rows.append({"state": state("CN"), "role": "coordinator", "start_year": 2020, "order": 10})

    url = f"/admin/cbm/area/{finance.pk}/change/"
    response = admin_client.post(
        url, opened_version(admin_client, url) | inline_data(finance, rows)
    )

    assert response.status_code == 302
    assert finance.assignments.count() == 3


def test_years_out_of_order_are_refused(admin_client, finance):
    rows = existing_rows(finance)
    rows[0].update(start_year=2020, end_year=2010)

    url = f"/admin/cbm/area/{finance.pk}/change/"
    response = admin_client.post(
        url, opened_version(admin_client, url) | inline_data(finance, rows, extra=0)
    )

    assert response.status_code == 200
    assert finance.assignments.get().start_year is None


def test_the_assignment_admin_refuses_a_second_coordinator_too(admin_client, finance):
    response = admin_client.post(
        "/admin/cbm/assignment/add/",
        {"area": finance.pk, "state": state("IN"), "role": "coordinator", "order": 20},
    )

    assert response.status_code == 200
    assert "an area has one coordinator at a time" in str(
        response.context["adminform"].form.non_field_errors()
    )
    assert finance.assignments.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("new", "rule"),
    [
        ({"state": "IN", "role": "coordinator"}, "one_coordinator"),
        ({"state": "CN", "role": "co-coordinator"}, "one_role_per_state"),
        (
            {"state": "IN", "role": "coordinator", "start_year": 2000, "end_year": 2030},
            "one_coordinator",
        ),
    ],
)
def test_the_database_refuses_overlaps_that_bypass_the_admin(new, rule):
    from django.core.management import call_command

    call_command("loaddata", "cica", "members", "cbm", verbosity=0)
    finance = Area.objects.get(key="finance")
    fields = {"area": finance, "state": State.objects.get(code=new.pop("state"))} | new

    with pytest.raises(IntegrityError, match=rule), transaction.atomic():
        Assignment.objects.create(**fields)

    assert finance.assignments.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_accepts_successive_coordinators():
    from django.core.management import call_command

    call_command("loaddata", "cica", "members", "cbm", verbosity=0)
    finance = Area.objects.get(key="finance")
    finance.assignments.update(start_year=2010, end_year=2014)

    with transaction.atomic():
        Assignment.objects.create(
            area=finance, state=State.objects.get(code="IN"), role="coordinator", start_year=2015
        )

    assert finance.assignments.count() == 2
