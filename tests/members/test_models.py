import pytest
from django.db import IntegrityError, transaction
from PIL import Image

from members.models import State
from tests.members.factories import image_upload, make_state


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides",
    [
        {"status": "associate"},
        {"code": "kz"},
        {"code": "K1"},
        {"year_joined": 1900},
    ],
    ids=["status", "lower-case code", "digit in code", "year before CICA"],
)
def test_database_refuses_invalid_states(overrides):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_state(**overrides)


@pytest.mark.django_db
def test_codes_and_slugs_are_unique_in_the_database():
    make_state(code="XA", slug="one")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_state(code="XA", slug="two")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_state(code="XB", slug="one")


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
    make_state(code="XB", slug="b", status=State.Status.OBSERVER)

    with django_assert_num_queries(1):
        assert State.objects.counts() == {"members": 1, "observers": 1}
