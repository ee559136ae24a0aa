"""The production deployment, run for real: gunicorn servers on a PostgreSQL database of
their own, Redis, nginx in front (see deploy/local.py).

Whatever database the rest of the suite runs on, these tests create a PostgreSQL database
``cica_deploy_<random>`` on 127.0.0.1:5432, load the site into it once for the whole
package and drop it at the end; they use Redis databases 13 to 15 on 127.0.0.1:6379,
flushed before and after. Without PostgreSQL, Redis or nginx they are skipped (which
fails under CICA_STRICT_TESTS=1, as in CI).
"""

import secrets
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import redis

from deploy.local import (
    Server,
    free_port,
    manage,
    production_env,
    start_gunicorn,
    stop_all,
    wait_for_gunicorn,
)

POSTGRES = "host=127.0.0.1 port=5432 user=postgres dbname=postgres connect_timeout=3"
REDIS = "redis://127.0.0.1:6379"
# The Redis databases of these tests: the app servers A and B share the first; the
# server whose database goes down has the second, so that nothing A and B cached
# reaches it.
REDIS_SHARED_DB = 13
REDIS_ALONE_DB = 14
# The server whose Redis goes away for a moment has a database of its own too.
REDIS_BLIP_DB = 15
# Public pages may be kept 2 s by browsers and nginx, so that a test can see an edit
# reach nginx's visitors.
MAX_AGE = 2


@dataclass
class Deployment:
    database_name: str
    database_url: str
    static_root: Path
    media_root: Path
    logs: Path
    editor: tuple[str, str]

    def redis_url(self, number: int = REDIS_SHARED_DB) -> str:
        return f"{REDIS}/{number}"

    def env(self, *, database_url: str | None = None, redis_url: str | None = None, **extra):
        return production_env(
            database_url=database_url or self.database_url,
            static_root=self.static_root,
            media_root=self.media_root,
            redis_url=redis_url or self.redis_url(),
            **extra,
        )


def _redis(number: int) -> redis.Redis:
    return redis.Redis.from_url(f"{REDIS}/{number}", socket_connect_timeout=2)


@pytest.fixture(scope="package")
def postgres_database() -> Iterator[tuple[str, str]]:
    """A new, empty PostgreSQL database: (name, URL); dropped at the end."""
    try:
        admin = psycopg.connect(POSTGRES, autocommit=True)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL is not reachable on 127.0.0.1:5432 as postgres: {error}")
    name = f"cica_deploy_{secrets.token_hex(4)}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield name, f"postgres://postgres@127.0.0.1:5432/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="package")
def redis_databases() -> Iterator[None]:
    """Redis databases 13 to 15, empty at the start and at the end."""
    try:
        for number in (REDIS_SHARED_DB, REDIS_ALONE_DB, REDIS_BLIP_DB):
            _redis(number).flushdb()
    except redis.RedisError as error:
        pytest.skip(f"Redis is not reachable on 127.0.0.1:6379: {error}")
    yield
    for number in (REDIS_SHARED_DB, REDIS_ALONE_DB, REDIS_BLIP_DB):
        _redis(number).flushdb()


@pytest.fixture(scope="package")
def deployment(postgres_database, redis_databases, tmp_path_factory) -> Deployment:
    """The site deployed as the README says: migrated, loaded, static files collected, an
    editor account."""
    name, url = postgres_database
    root = tmp_path_factory.mktemp("deploy")
    editor = ("editor", secrets.token_urlsafe(16))
    site = Deployment(
        database_name=name,
        database_url=url,
        static_root=root / "static",
        media_root=root / "media",
        logs=root / "logs",
        editor=editor,
    )
    site.media_root.mkdir()
    site.logs.mkdir()
    env = site.env()
    with ThreadPoolExecutor(max_workers=1) as pool:
        static = pool.submit(manage, "collectstatic", "--noinput", "-v0", env=env)
        manage("migrate", "--noinput", "-v0", env=env)
        manage("loadsite", "-v0", env=env)
        manage(
            "createsuperuser",
            "--noinput",
            f"--username={editor[0]}",
            "--email=editor@example.org",
            env=env | {"DJANGO_SUPERUSER_PASSWORD": editor[1]},
        )
        static.result()
    return site


@pytest.fixture(scope="package")
def app_servers(deployment) -> Iterator[tuple[Server, Server]]:
    """Two app servers, A and B, on the same database and Redis, as behind nginx (which
    adds the visitor's address to X-Forwarded-For)."""
    env = deployment.env(
        CICA_CACHE_MAX_AGE=str(MAX_AGE), CICA_CACHE_S_MAXAGE=str(MAX_AGE), CICA_PROXY_COUNT="1"
    )
    servers = []
    try:
        for name in ("a", "b"):
            servers.append(
                start_gunicorn(
                    free_port(), env, log_path=deployment.logs / f"gunicorn-{name}.log", wait=False
                )
            )
        for server in servers:
            wait_for_gunicorn(server)
        yield tuple(servers)
    finally:
        stop_all(servers)
