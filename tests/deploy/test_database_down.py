"""When PostgreSQL goes away under a running app server: monitors learn it from /healthz,
cached pages are still served, and other pages say so in the visitor's language."""

import re
from collections.abc import Iterator

import psycopg
import pytest

from deploy.local import Server, free_port, request, start_gunicorn

from .conftest import POSTGRES, REDIS_ALONE_DB
from .forwarder import Forwarder

WARM_PAGE = "/en/"


@pytest.fixture(scope="module")
def server_without_database(deployment) -> Iterator[Server]:
    """An app server reaching PostgreSQL through a forwarder, which is cut once
    ``WARM_PAGE`` is in the page cache."""
    forwarder = Forwarder(("127.0.0.1", 5432))
    database_url = f"postgres://postgres@127.0.0.1:{forwarder.port}/{deployment.database_name}"
    env = deployment.env(database_url=database_url, redis_url=deployment.redis_url(REDIS_ALONE_DB))
    try:
        with start_gunicorn(
            free_port(), env, log_path=deployment.logs / "gunicorn-database-down.log"
        ) as server:
            assert request(server.url + "/healthz").status == 200
            assert request(server.url + WARM_PAGE).status == 200
            assert request(server.url + WARM_PAGE).header("X-Page-Cache") == "hit"
            forwarder.stop()
            yield server
    finally:
        forwarder.stop()


@pytest.fixture(scope="module")
def state_slug(deployment) -> str:
    with psycopg.connect(
        POSTGRES.replace("dbname=postgres", f"dbname={deployment.database_name}")
    ) as db:
        return db.execute("SELECT slug FROM members_state ORDER BY slug LIMIT 1").fetchone()[0]


def test_healthz_answers_503(server_without_database):
    response = request(server_without_database.url + "/healthz")

    assert response.status == 503


def test_a_cached_page_is_still_served(server_without_database):
    response = request(server_without_database.url + WARM_PAGE)

    assert response.status == 200
    assert response.header("X-Page-Cache") == "hit"


def test_another_page_answers_503_in_its_language(server_without_database, state_slug):
    response = request(f"{server_without_database.url}/ru/members/{state_slug}/")

    assert response.status == 503
    assert response.header("Retry-After")
    assert 'lang="ru"' in response.text
    assert re.search("[А-Яа-я]{4}", response.text)
    assert "Traceback" not in response.text
    assert "psycopg" not in response.text
