"""When Redis cannot be reached the site is served uncached, and the log says why."""

from collections.abc import Iterator

import pytest

from deploy.local import Server, free_port, request, start_gunicorn


@pytest.fixture(scope="module")
def server_without_redis(deployment) -> Iterator[Server]:
    nowhere = f"redis://127.0.0.1:{free_port()}/0"
    env = deployment.env(redis_url=nowhere)
    with start_gunicorn(
        free_port(), env, workers=1, log_path=deployment.logs / "gunicorn-redis-down.log"
    ) as server:
        yield server


@pytest.mark.parametrize("page", ["/en/", "/ru/members/", "/en/history/", "/admin/login/"])
def test_pages_are_served(server_without_redis, page):
    response = request(server_without_redis.url + page)

    assert response.status == 200


def test_the_log_says_the_cache_is_unreachable(server_without_redis):
    request(server_without_redis.url + "/en/")

    assert "unreachable" in server_without_redis.log_text()
