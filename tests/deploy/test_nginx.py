"""nginx, configured by the shipped deploy/nginx.conf, in front of app servers A and B:
it keeps public pages as long as the app allows, never an editor's or the admin's,
and serves static and uploaded files itself."""

import json
import re
import secrets
import subprocess
import time

import pytest

from deploy.local import (
    NGINX_CONF,
    Browser,
    free_port,
    main_nginx_conf,
    manage,
    nginx_binary,
    render_nginx_conf,
    request,
    start_nginx,
)

from .conftest import MAX_AGE
from .test_scale_out import change_tagline


@pytest.fixture(scope="module")
def nginx(app_servers, deployment, tmp_path_factory):
    if nginx_binary() is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    upstreams = [f"127.0.0.1:{server.port}" for server in app_servers]
    with start_nginx(
        free_port(),
        upstreams,
        static_root=deployment.static_root,
        media_root=deployment.media_root,
        workdir=tmp_path_factory.mktemp("nginx"),
    ) as server:
        yield server


def requests_reaching(servers, path: str, *, at_least: int = 0) -> int:
    """How many requests for ``path`` the app servers' access logs show, once they show
    ``at_least`` (gunicorn writes the line after it has answered) or after a second."""
    pattern = re.compile(rf'"(GET|HEAD) {re.escape(path)}[ ?]')
    deadline = time.monotonic() + 1
    while True:
        count = sum(len(pattern.findall(server.log_text())) for server in servers)
        if count >= at_least or time.monotonic() > deadline:
            return count
        time.sleep(0.05)


def test_the_second_anonymous_request_of_a_page_is_served_by_nginx(nginx, app_servers):
    page = "/en/history/"
    first = request(nginx.url + page)
    second = request(nginx.url + page)

    assert (first.status, second.status) == (200, 200)
    assert first.header("X-Proxy-Cache") == "MISS"
    assert second.header("X-Proxy-Cache") == "HIT"
    assert second.body == first.body
    assert requests_reaching(app_servers, page, at_least=1) == 1


def test_a_conditional_request_with_the_etag_answers_304(nginx, app_servers):
    page = "/en/structure/"
    for url in (nginx.url, app_servers[0].url):
        etag = request(url + page).header("ETag")
        assert etag

        response = request(url + page, headers={"If-None-Match": etag})

        assert response.status == 304, url
        assert response.body == b""


def test_pages_are_compressed(nginx):
    response = request(nginx.url + "/en/members/", headers={"Accept-Encoding": "gzip"})

    assert response.status == 200
    assert response.header("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in response.header("Vary")


def test_an_edit_reaches_visitors_within_max_age_and_its_editor_at_once(
    nginx, app_servers, deployment
):
    page = "/en/"
    request(nginx.url + page)
    before = request(nginx.url + page)
    assert before.header("X-Proxy-Cache") == "HIT"

    editor = Browser(nginx.url)
    editor.login(*deployment.editor)
    tagline = change_tagline(editor)
    edited = time.monotonic()

    # The editor's own requests never come from nginx's cache.
    for _ in range(2):
        own = editor.get(page)
        assert own.status == 200
        assert own.header("X-Proxy-Cache") in (None, "BYPASS")
        assert tagline in own.text

    # Visitors see the change once the page nginx keeps has expired.
    while tagline not in (seen := request(nginx.url + page)).text:
        assert seen.status == 200
        assert time.monotonic() - edited < MAX_AGE + 2, "the edit did not reach nginx's visitors"
        time.sleep(0.2)


def test_the_admin_is_never_cached_by_nginx(nginx, app_servers, deployment):
    login = f"/admin/login/?next=/admin/{secrets.token_hex(4)}/"
    for _ in range(2):
        response = request(nginx.url + login)
        assert response.status == 200
        assert response.header("X-Proxy-Cache") is None
    assert requests_reaching(app_servers, login, at_least=2) == 2

    editor = Browser(nginx.url)
    editor.login(*deployment.editor)
    for _ in range(2):
        response = editor.get("/admin/")
        assert response.status == 200
        assert response.header("X-Proxy-Cache") is None
        assert "private" in response.header("Cache-Control")


def test_a_forged_x_forwarded_for_does_not_escape_the_address_lock(nginx, deployment):
    """The app counts failed logins under the address nginx saw (CICA_PROXY_COUNT=1), not
    under what the visitor writes in X-Forwarded-For; other visitors are not locked out.
    The visitors are other loopback addresses than the other tests' 127.0.0.1."""
    guesser, colleague = "127.0.0.2", "127.0.0.3"
    try:
        for attempt in range(10):
            browser = Browser(
                nginx.url, source=guesser, headers={"X-Forwarded-For": f"198.51.100.{attempt}"}
            )
            response = browser.submit(
                "/admin/login/?next=/admin/",
                "login-form",
                username=f"guess{attempt}",
                password="wrong",
            )
        assert response.status == 429
        assert "Logins from your address are blocked" in response.text
        assert guesser in response.text

        Browser(nginx.url, source=colleague).login(*deployment.editor)
    finally:
        manage("axes_reset_ip", guesser, env=deployment.env())


def test_static_files_are_served_by_nginx_for_a_year(nginx, app_servers, deployment):
    manifest = json.loads((deployment.static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css"

    response = request(f"{nginx.url}/static/{hashed}", headers={"Accept-Encoding": "gzip"})

    assert response.status == 200
    assert response.header("Content-Type") == "text/css"
    assert response.header("Content-Encoding") == "gzip"
    assert response.header("Cache-Control") == "max-age=315360000"
    unhashed = request(f"{nginx.url}/static/css/site.css")
    assert unhashed.status == 200
    assert unhashed.header("Cache-Control") == "max-age=3600"
    assert requests_reaching(app_servers, "/static/") == 0
    assert "/static/" not in "".join(server.log_text() for server in app_servers)


def test_uploaded_files_are_served_by_nginx(nginx, app_servers, deployment):
    upload = deployment.media_root / "documents" / "note.txt"
    upload.parent.mkdir(exist_ok=True)
    upload.write_text("uploaded\n")

    response = request(f"{nginx.url}/media/documents/note.txt")

    assert response.status == 200
    assert response.body == b"uploaded\n"
    assert "sandbox" in response.header("Content-Security-Policy")
    assert "/media/" not in "".join(server.log_text() for server in app_servers)


def test_the_shipped_configuration_is_valid_with_tls(tmp_path):
    """deploy/nginx.conf as deployed (TLS, redirect, production paths), checked by
    ``nginx -t`` with only the certificate and the folders replaced."""
    binary = nginx_binary()
    if binary is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=www.example.org", "-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )
    site = (
        NGINX_CONF.read_text()
        .replace("/etc/letsencrypt/live/www.example.org/fullchain.pem", str(certificate))
        .replace("/etc/letsencrypt/live/www.example.org/privkey.pem", str(key))
        .replace("/var/cache/nginx/cica", str(tmp_path / "cache"))
        .replace("/var/log/nginx/", f"{tmp_path}/")
    )
    (tmp_path / "temp").mkdir()
    (tmp_path / "cica.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(main_nginx_conf(tmp_path, tmp_path / "cica.conf"))

    result = subprocess.run(
        [binary, "-t", "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "listen 443 ssl" in site


def test_the_local_configuration_is_the_shipped_one(tmp_path):
    """What the tests run differs from deploy/nginx.conf only in what is local."""
    rendered = render_nginx_conf(
        port=8080,
        upstreams=["127.0.0.1:9001", "127.0.0.1:9002"],
        static_root=tmp_path / "static",
        media_root=tmp_path / "media",
        cache_dir=tmp_path / "cache",
        log_dir=tmp_path,
    )

    assert "listen 127.0.0.1:8080;" in rendered
    assert "server 127.0.0.1:9001;" in rendered and "server 127.0.0.1:9002;" in rendered
    assert "10.0.0.11" not in rendered
    assert not re.search(r"^\s*(ssl_|listen 443)", rendered, re.MULTILINE)
    assert "return 301" not in rendered
    for directive in (
        "proxy_cache cica_pages;",
        "proxy_cache_bypass $cookie_sessionid",
        "proxy_no_cache $cookie_sessionid",
        "proxy_cache_use_stale error timeout updating",
        "proxy_cache_lock on;",
        "add_header X-Proxy-Cache $upstream_cache_status always;",
    ):
        assert directive in rendered
