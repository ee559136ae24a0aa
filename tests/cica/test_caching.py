"""Visitors' pages from the cache, HTTP validators, and what makes them stale."""

import datetime
import logging

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from reversion.models import Version

from cica.management.commands.bench import sitemap_paths
from cica.models import Goal
from members.models import State
from tests.admin_forms import admin_form_data
from timeline.models import Event

# A page of each kind, and a year page.
PAGES = [
    "/en/",
    "/ru/members/",
    "/zh-hans/members/kazakhstan/",
    "/ar/cbm/",
    "/en/history/",
    "/ru/history/2002-1st-summit/",
    "/zh-hans/structure/",
    "/ar/secretariat/",
    "/en/members/?year=2010",
]


@pytest.mark.parametrize("path", PAGES)
def test_a_visitor_gets_the_second_request_from_the_cache(client, site_data, path):
    first = client.get(path)
    second = client.get(path)

    assert first.status_code == second.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == first["Content-Language"]
    assert second["ETag"] == first["ETag"]


def test_a_cached_page_runs_no_query(client, site_data, django_assert_num_queries):
    client.get("/en/cbm/")

    with django_assert_num_queries(0):
        assert client.get("/en/cbm/")["X-Page-Cache"] == "hit"


def test_no_public_page_sets_a_cookie_for_a_visitor(client, site_data):
    for path in sitemap_paths(client):
        for response in (client.get(path), client.get(path)):
            assert response.status_code == 200, path
            assert not response.cookies, (path, response.cookies)
            assert "Set-Cookie" not in response, path
    assert not client.cookies


def test_public_pages_can_be_kept_by_browsers_and_shared_caches(client, site_data, settings):
    settings.CICA_CACHE_MAX_AGE = 30
    settings.CICA_CACHE_S_MAXAGE = 120

    response = client.get("/en/members/")

    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=30", "s-maxage=120"}
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")


@pytest.mark.parametrize("path", ["/en/members/", "/ru/members/kazakhstan/"])
def test_a_conditional_request_with_the_etag_answers_not_modified(client, site_data, path):
    etag = client.get(path)["ETag"]

    response = client.get(path, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_conditional_request_by_date_answers_not_modified(client, site_data):
    last_modified = client.get("/en/history/")["Last-Modified"]

    assert client.get("/en/history/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_an_old_etag_gets_the_page_after_an_edit(client, site_data):
    old = client.get("/en/")["ETag"]
    Goal.objects.filter(pk=Goal.objects.first().pk).first().save()

    response = client.get("/en/", HTTP_IF_NONE_MATCH=old)

    assert response.status_code == 200
    assert response["ETag"] != old


def test_a_new_day_is_a_new_version_of_every_page(client, site_data, today):
    today(datetime.date(2026, 11, 29))
    first = client.get("/en/secretariat/")
    today(datetime.date(2026, 11, 30))

    second = client.get("/en/secretariat/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert second["X-Page-Cache"] == "miss"
    assert second["Last-Modified"] != first["Last-Modified"]


def _edit_state_name_in_admin(admin_client, state, **changes):
    url = f"/admin/members/state/{state.pk}/change/"
    response = admin_client.post(url, admin_form_data(admin_client.get(url), **changes))
    assert response.status_code == 302, response.content[:2000]


def test_an_admin_edit_is_on_the_next_visitor_request(client, admin_client, site_data):
    state = State.objects.get(code="MN")
    client.get("/en/members/")
    assert client.get("/en/members/")["X-Page-Cache"] == "hit"

    _edit_state_name_in_admin(admin_client, state, name_en="Mongolia (edited)")

    response = client.get("/en/members/")
    assert response["X-Page-Cache"] == "miss"
    assert "Mongolia (edited)" in response.content.decode()


def test_a_translation_saved_in_the_admin_is_on_the_next_request(client, admin_client, site_data):
    state = State.objects.get(code="MN")
    page = f"/ru/members/{state.slug}/"
    client.get(page)

    _edit_state_name_in_admin(admin_client, state, name_ru="Монголия (правка)")

    assert "Монголия (правка)" in client.get(page).content.decode()


def test_a_change_in_an_inline_is_on_the_next_request(client, admin_client, site_data):
    state = State.objects.get(code="TH")  # one change, known to the day
    page = f"/en/members/{state.slug}/"
    before = client.get(page).content.decode()
    change = state.status_changes.first()

    url = f"/admin/members/state/{state.pk}/change/"
    form = admin_client.get(url)
    data = admin_form_data(form)
    prefix = next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.endswith("-id") and str(value) == str(change.pk)
    )
    data[f"{prefix}-date"] = "2019-06-15"
    data[f"{prefix}-precision"] = "day"
    assert admin_client.post(url, data).status_code == 302

    after = client.get(page)
    assert after["X-Page-Cache"] == "miss"
    assert after.content.decode() != before
    assert "2019" in after.content.decode()


def test_a_deletion_is_on_the_next_request(client, site_data):
    event = Event.objects.get(slug="2002-1st-summit")
    assert event.name in client.get("/en/history/").content.decode()
    client.get("/en/history/")

    event.delete()

    assert event.name not in client.get("/en/history/").content.decode()
    assert client.get("/en/history/2002-1st-summit/").status_code == 404


def test_a_revert_in_the_admin_is_on_the_next_request(client, admin_client, db):
    call_command("loadsite", verbosity=0)  # every object with its first version
    state = State.objects.get(code="MN")
    _edit_state_name_in_admin(admin_client, state, name_en="Mistake")
    assert "Mistake" in client.get("/en/members/").content.decode()
    first = Version.objects.get_for_object(state).order_by("pk").first()

    url = f"/admin/members/state/{state.pk}/history/{first.pk}/"
    assert admin_client.post(url, admin_form_data(admin_client.get(url))).status_code == 302

    assert "Mistake" not in client.get("/en/members/").content.decode()


def test_a_fixture_load_makes_every_page_stale(client, site_data):
    client.get("/en/members/")
    State.objects.filter(code="MN").update(name_en="Changed behind the cache")
    assert client.get("/en/members/")["X-Page-Cache"] == "hit"

    call_command("loaddata", "members", verbosity=0)

    response = client.get("/en/members/")
    assert response["X-Page-Cache"] == "miss"
    assert "Changed behind the cache" not in response.content.decode()


def test_an_editor_bypasses_the_cache_and_sees_drafts(client, admin_client, site_data):
    event = Event.objects.get(slug="2002-1st-summit")
    client.get("/en/history/")
    Event.objects.filter(pk=event.pk).update(published=False)  # no signal: cache untouched
    assert event.name in client.get("/en/history/").content.decode()  # stale, from the cache

    response = admin_client.get("/en/history/")

    assert response["X-Page-Cache"] == "bypass"
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response
    assert event.name in response.content.decode()  # as a draft, from the database
    assert admin_client.get("/en/history/")["X-Page-Cache"] == "bypass"


def test_an_editors_page_is_never_served_to_a_visitor(client, admin_client, site_data):
    event = Event.objects.get(slug="2002-1st-summit")
    event.published = False
    event.save()
    assert event.name in admin_client.get("/en/history/").content.decode()

    assert event.name not in client.get("/en/history/").content.decode()
    assert event.name not in client.get("/en/history/").content.decode()


@pytest.mark.parametrize("query", ["?utm_source=x", "?year=2010&x=1", "?year=abcd"])
def test_other_queries_are_rendered_not_stored(client, site_data, query):
    first = client.get("/en/members/" + query)
    second = client.get("/en/members/" + query)

    assert second.get("X-Page-Cache") != "hit"
    assert first.status_code == second.status_code


@pytest.mark.parametrize("path", ["/en/?year=2010", "/ru/history/?year=2001", "/en/members/?x=1"])
def test_a_query_the_page_does_not_use_is_kept_by_nobody(client, site_data, path):
    client.get(path)
    response = client.get(path)

    assert response.status_code == 200
    assert response["X-Page-Cache"] == "bypass"
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_conditional_request_for_a_missing_page_is_not_found(client, site_data):
    etag = client.get("/en/members/")["ETag"]

    assert client.get("/en/members/nowhere/", HTTP_IF_NONE_MATCH=etag).status_code == 404
    future = "Tue, 01 Jan 2100 00:00:00 GMT"
    assert client.get("/en/nowhere/", HTTP_IF_MODIFIED_SINCE=future).status_code == 404


def test_a_failed_precondition_is_not_public(client, site_data):
    response = client.get("/en/members/", HTTP_IF_MATCH='"nope"')

    assert response.status_code == 412
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/en/", "/en/members/", "/robots.txt", "/admin/login/"])
def test_a_host_that_is_not_ours_is_a_bad_request(site_data, path):
    client = Client(raise_request_exception=False)

    response = client.get(path, HTTP_HOST="evil.example")

    assert response.status_code == 400


def test_public_pages_vary_by_cookie_whether_rendered_or_cached(client, site_data):
    for path in ("/en/history/", "/en/secretariat/", "/en/cbm/"):
        rendered, cached = client.get(path), client.get(path)
        assert cached["X-Page-Cache"] == "hit"
        for response in (rendered, cached):
            assert "Cookie" in response["Vary"], path


def test_a_year_page_is_cached_apart_from_todays_page(client, site_data):
    today_page = client.get("/en/members/").content
    client.get("/en/members/?year=2000")

    year_page = client.get("/en/members/?year=2000")

    assert year_page["X-Page-Cache"] == "hit"
    assert year_page.content != today_page


def test_the_page_cache_can_be_turned_off(client, site_data, settings):
    settings.CICA_PAGE_CACHE = False

    client.get("/en/members/")
    response = client.get("/en/members/")

    assert response["X-Page-Cache"] == "off"
    assert "ETag" in response


def test_nothing_is_cached_in_development(client, site_data, settings):
    settings.DEBUG = True

    client.get("/en/members/")
    response = client.get("/en/members/")

    assert "X-Page-Cache" not in response
    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_admin_pages_are_never_cached(admin_client, client, site_data):
    admin_client.get("/admin/")
    assert "X-Page-Cache" not in admin_client.get("/admin/")
    assert "X-Page-Cache" not in client.get("/admin/login/")
    assert "public" not in client.get("/healthz")["Cache-Control"]


def test_a_post_to_a_public_page_is_not_cached(client, site_data):
    client.get("/en/members/")

    response = client.post("/en/members/")

    assert "X-Page-Cache" not in response


def test_an_error_page_is_not_cached(client, site_data):
    assert client.get("/en/members/nowhere/").status_code == 404
    response = client.get("/en/members/nowhere/")
    assert response.status_code == 404
    assert response.get("X-Page-Cache") != "hit"


# --- Without Redis ----------------------------------------------------------


@pytest.fixture
def redis_down(settings):
    """The cache is Redis at an address where nothing listens."""
    settings.CACHES = {
        "default": {
            "BACKEND": "cica.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    from cica import cache

    cache.ResilientRedisCache._last_warning = float("-inf")
    yield
    cache.ResilientRedisCache._down_until = float("-inf")
    cache.clear_outage()


def test_with_redis_down_pages_are_served_uncached_and_it_is_logged(
    client, site_data, redis_down, caplog
):
    with caplog.at_level(logging.WARNING, logger="cica.cache"):
        first = client.get("/en/members/")
        second = client.get("/en/members/")

    assert first.status_code == second.status_code == 200
    assert "Kazakhstan" in second.content.decode()
    assert second.get("X-Page-Cache") != "hit"
    assert any("Cache unreachable" in record.getMessage() for record in caplog.records)
    assert client.get("/healthz").content == b"ok\ncache: unreachable\n"


def test_with_redis_down_an_editor_can_still_log_in(client, admin_user, site_data, redis_down):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": admin_user.username, "password": "password"}
    )

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


# --- When the database is down ----------------------------------------------


@pytest.fixture
def database_down(monkeypatch):
    """Every query fails as it does when the database server is unreachable."""
    from django.db.backends.utils import CursorWrapper

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    # Undone before the test database is cleaned up.
    with monkeypatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", refuse)
        patch.setattr(CursorWrapper, "executemany", refuse)
        yield


def test_with_the_database_down_a_cached_page_is_served(client, site_data, request):
    cached = client.get("/ru/members/").content
    request.getfixturevalue("database_down")

    response = client.get("/ru/members/")
    assert response.status_code == 200
    assert response.content == cached
    assert client.get("/healthz").status_code == 503


@pytest.mark.parametrize(
    ("path", "language", "text"),
    [
        ("/en/members/kazakhstan/", "en", "Temporarily unavailable"),
        ("/ru/members/kazakhstan/", "ru", "Временно недоступно"),
        ("/zh-hans/cbm/", "zh-hans", "暂时无法访问"),
        ("/ar/secretariat/", "ar", "الخدمة غير متاحة مؤقتًا"),
    ],
)
def test_with_the_database_down_other_pages_say_so_in_the_visitors_language(
    site_data, database_down, path, language, text
):
    client = Client(raise_request_exception=False)

    response = client.get(path)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert text in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert "ETag" not in response


def test_with_the_database_down_each_failed_request_is_one_line_in_the_log(
    site_data, database_down, caplog
):
    client = Client(raise_request_exception=False)

    with caplog.at_level(logging.ERROR, logger="django.request"):
        client.get("/en/cbm/")

    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert "database unreachable: connection refused" in record.getMessage()
    assert record.exc_info is None


def test_the_500_page_is_in_the_visitors_language_without_the_database(
    site_data, monkeypatch, django_assert_num_queries
):
    def fail(self):
        raise RuntimeError("a bug")

    monkeypatch.setattr("members.views.MemberListView.get_content_data", fail)
    client = Client(raise_request_exception=False)

    with django_assert_num_queries(0):
        response = client.get("/ar/members/")

    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert "خطأ في الخادم" in html
    assert "Retry-After" not in response
    assert "ETag" not in response


# --- Methods a public page does not take ------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_public_address_answers_other_methods_with_405_and_allow(site_data, method):
    client = Client(enforce_csrf_checks=True)
    paths = [*sitemap_paths(client), "/robots.txt", "/sitemap.xml", "/healthz"]

    for path in paths:
        response = getattr(client, method)(path)
        assert response.status_code == 405, (method, path, response.status_code)
        allowed = {name.strip() for name in response["Allow"].split(",")}
        assert {"GET", "HEAD"} <= allowed, (path, allowed)
        assert "POST" not in allowed


def test_head_is_answered_where_get_is(client, site_data):
    for path in ["/robots.txt", "/sitemap.xml", "/healthz", "/en/"]:
        assert client.head(path).status_code == 200, path
