import datetime

import pytest
from django.db import IntegrityError, transaction
from PIL import Image

from members.models import State, StatusChange
from tests.members.factories import image_upload, make_state


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["kz", "K1"], ids=["lower-case code", "digit in code"])
def test_database_refuses_invalid_codes(code):
    with pytest.raises(IntegrityError), transaction.atomic():
        State.objects.create(code=code, slug="x", name_en="X")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"status": "associate", "date": datetime.date(2010, 1, 1)},
        {"status": "member", "date": datetime.date(1900, 1, 1)},
        {"status": "member", "date": None, "approximate": True},
        {"status": "member", "date": datetime.date(2010, 1, 1), "precision": "week"},
    ],
    ids=["status", "year before CICA", "approximate without a date", "precision"],
)
def test_database_refuses_invalid_changes_of_status(fields):
    state = make_state()

    with pytest.raises(IntegrityError), transaction.atomic():
        StatusChange.objects.create(state=state, **fields)


@pytest.mark.django_db
def test_database_refuses_two_changes_of_one_state_on_one_date():
    state = make_state(since=datetime.date(2014, 5, 20))
    other = make_state(code="XB", slug="other", since=datetime.date(2014, 5, 20))

    with pytest.raises(IntegrityError), transaction.atomic():
        StatusChange.objects.create(state=state, status="observer", date=datetime.date(2014, 5, 20))
    StatusChange.objects.create(state=state, status="observer", date=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusChange.objects.create(state=state, status="member", date=None)
    assert other.status_changes.count() == 1  # another state may change on that day


@pytest.mark.django_db
def test_codes_and_slugs_are_unique_in_the_database():
    make_state(code="XA", slug="one")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_state(code="XA", slug="two")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_state(code="XB", slug="one")


@pytest.mark.django_db
def test_the_status_on_a_date_is_that_of_the_latest_change_by_then():
    state = make_state(status="observer", since=datetime.date(2010, 1, 1))
    StatusChange.objects.create(
        state=state, status="member", date=datetime.date(2014, 5, 1), precision="month"
    )

    def status_on(day):
        return State.objects.with_status(day).get(pk=state.pk).status

    assert status_on(datetime.date(2009, 12, 31)) is None
    assert status_on(datetime.date(2010, 1, 1)) == "observer"
    assert status_on(datetime.date(2014, 4, 30)) == "observer"
    assert status_on(datetime.date(2014, 5, 1)) == "member"
    found = State.objects.with_status(datetime.date(2020, 1, 1)).get(pk=state.pk)
    assert (found.status_since, found.status_precision) == (datetime.date(2014, 5, 1), "month")


@pytest.mark.django_db
def test_a_change_without_a_date_counts_from_the_start():
    state = make_state(status="member", since=datetime.date(2014, 5, 20))
    StatusChange.objects.create(state=state, status="observer", date=None)

    early = State.objects.with_status(datetime.date(1995, 1, 1)).get(pk=state.pk)
    late = State.objects.with_status(datetime.date(2015, 1, 1)).get(pk=state.pk)

    assert (early.status, early.status_since) == ("observer", None)
    assert (late.status, late.status_since) == ("member", datetime.date(2014, 5, 20))
    assert [change.status for change in state.history()] == ["observer", "member"]
    assert state.joined.date is None


@pytest.mark.django_db
def test_a_date_known_to_the_month_or_year_is_stored_as_its_first_day():
    state = make_state()
    change = StatusChange.objects.create(
        state=state, status="observer", date=datetime.date(2004, 7, 19), precision="year"
    )

    change.refresh_from_db()
    assert change.date == datetime.date(2004, 1, 1)


@pytest.mark.django_db
def test_an_uploaded_flag_is_resized_and_re_encoded(settings):
    state = make_state(flag=image_upload("big.jpg", size=(2000, 1500), image_format="JPEG"))

    state.refresh_from_db()
    with Image.open(state.flag.path) as image:
        assert image.format == "PNG"
        assert image.size == (640, 480)
    assert state.flag_url.startswith("/media/flags/")


@pytest.mark.django_db
def test_shipped_flag_is_used_without_an_upload():
    assert make_state(code="KZ").flag_url == "/static/flags/4x3/kz.svg"


@pytest.mark.django_db
def test_a_code_without_a_shipped_flag_shows_none():
    assert make_state(code="ZZ").flag_url == ""


@pytest.mark.django_db
def test_counts_come_from_one_query(django_assert_num_queries):
    make_state(code="XA", slug="a")
    make_state(code="XB", slug="b", status="observer")
    make_state(code="XC", slug="c", since=datetime.date(2030, 1, 1))  # not yet

    with django_assert_num_queries(1):
        assert State.objects.counts() == {"members": 1, "observers": 1}
    assert State.objects.counts(datetime.date(2031, 1, 1)) == {"members": 2, "observers": 1}
