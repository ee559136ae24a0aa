"""When Redis cannot be reached the site is served uncached, and the log says why."""

import time
from collections.abc import Iterator

import pytest

from deploy.local import Browser, Server, free_port, request, start_gunicorn

from .conftest import REDIS_BLIP_DB
from .forwarder import Forwarder
from .test_scale_out import PAGE, change_tagline


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


def test_an_edit_made_while_redis_is_away_is_seen_when_it_is_back(deployment):
    """Redis goes away for a moment between a page being cached and an edit: the edit
    cannot be recorded in Redis, yet no worker serves the old page once Redis is back."""
    forwarder = Forwarder(("127.0.0.1", 6379))
    env = deployment.env(redis_url=f"redis://127.0.0.1:{forwarder.port}/{REDIS_BLIP_DB}")
    log = deployment.logs / "gunicorn-redis-blip.log"
    try:
        with start_gunicorn(free_port(), env, workers=2, log_path=log) as server:
            for _ in range(4):  # cached by both workers
                assert request(server.url + PAGE).status == 200
            assert request(server.url + PAGE).header("X-Page-Cache") == "hit"
            editor = Browser(server.url)
            editor.login(*deployment.editor)

            forwarder.stop()
            tagline = change_tagline(editor)
            during = [request(server.url + PAGE) for _ in range(4)]
            forwarder = Forwarder(("127.0.0.1", 6379), port=forwarder.port)

            assert all(tagline in response.text for response in during)
            deadline = time.monotonic() + 8
            seen = []
            while time.monotonic() < deadline:
                seen.append(tagline in request(server.url + PAGE).text)
                time.sleep(0.2)
            assert all(seen[-10:]), seen
            assert request(server.url + PAGE).header("X-Page-Cache") in {"hit", "miss"}
            assert "a new content version starts" in server.log_text()
    finally:
        forwarder.stop()
