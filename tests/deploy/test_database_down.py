"""When PostgreSQL goes away under a running app server: monitors learn it from /healthz,
cached pages are still served, and other pages say so in the visitor's language."""

import re
import socket
import threading
from collections.abc import Iterator

import psycopg
import pytest

from deploy.local import Server, free_port, request, start_gunicorn

from .conftest import POSTGRES, REDIS_ALONE_DB

WARM_PAGE = "/en/"


class Forwarder:
    """A TCP relay from a port of its own to ``target``, which can be cut: the listener
    and every connection are closed at once, as when the database host goes away."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.connections: set[socket.socket] = set()
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                client, _address = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            for sock in (client, upstream):
                sock.settimeout(None)
            with self.lock:
                if self.stopped.is_set():
                    client.close()
                    upstream.close()
                    return
                self.connections |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def stop(self) -> None:
        self.stopped.set()
        self.listener.close()
        self.thread.join(timeout=2)
        with self.lock:
            for sock in self.connections:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.connections.clear()


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
