"""Run the production deployment on this machine: gunicorn app servers and nginx in front.

Used by the deployment tests (``tests/deploy/``) and the load test. Everything listens on
127.0.0.1 over plain HTTP; nginx runs the shipped ``deploy/nginx.conf``, rendered for
loopback by :func:`render_nginx_conf` (ports, upstreams and paths substituted, TLS
dropped), so what is tested is the file that is deployed.

The production site marks its cookies ``Secure``; over plain HTTP a client must keep
them itself, which :class:`Browser` does (it sends every cookie it was given).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NGINX_CONF = REPO / "deploy" / "nginx.conf"
MIME_TYPES = Path("/etc/nginx/mime.types")

# One secret key per run: app servers that share sessions must share the key.
SECRET_KEY = secrets.token_urlsafe(50)

# Variables of the calling environment that would otherwise leak into the deployment
# (the test suite runs with DJANGO_DEBUG=1; CI sets DATABASE_URL).
_CLEARED = re.compile(r"^(DJANGO_|CICA_)|^(DATABASE_URL|REDIS_URL|MEDIA_ROOT)$")

# The values of deploy/nginx.conf that a local run replaces.
SHIPPED_STATIC_ROOT = "/srv/cica/static/"
SHIPPED_MEDIA_ROOT = "/srv/cica/media/"
SHIPPED_CACHE_DIR = "/var/cache/nginx/cica"
SHIPPED_LOG_DIR = "/var/log/nginx/"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the time of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_binary() -> str | None:
    """Debian's nginx, or the first one on the PATH; None when there is none."""
    for candidate in ("/usr/sbin/nginx", shutil.which("nginx")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def production_env(
    *,
    database_url: str,
    static_root: Path,
    media_root: Path,
    redis_url: str | None = None,
    **extra: str,
) -> dict[str, str]:
    """The environment of a production app server on loopback (plain HTTP).

    A copy of ``os.environ`` without any of the site's own variables, plus production
    settings; ``extra`` overrides (``CICA_PAGE_CACHE="0"``, ``DJANGO_CONN_MAX_AGE="0"``).
    """
    env = {name: value for name, value in os.environ.items() if not _CLEARED.match(name)}
    env |= {
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "DJANGO_STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        # Loopback is plain HTTP; nginx's TLS server block is what redirects in production.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "PYTHONUNBUFFERED": "1",
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
    env |= extra
    return env


def manage(*args: str, env: dict[str, str], timeout: float = 300) -> str:
    """Run ``manage.py`` with ``env``; its output, or an error that includes it."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result.stdout


class Server:
    """A started server process whose output goes to ``log_path``; stop it when done."""

    def __init__(
        self, name: str, process: subprocess.Popen, port: int, log_path: Path, *, stop_signal
    ) -> None:
        self.name = name
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = log_path
        self._stop_signal = stop_signal

    def __repr__(self) -> str:
        return f"<Server {self.name} {self.url}>"

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def terminate(self) -> None:
        """Ask the server to stop, without waiting (see ``stop_all``)."""
        if self.running:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(self._stop_signal)

    def stop(self, timeout: float = 10) -> None:
        self.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout)

    def wait_until(self, ready, timeout: float, what: str) -> None:
        """Poll ``ready()`` until true; raise with the log if the process dies or time runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running:
                raise RuntimeError(
                    f"{self.name} exited ({self.process.returncode}) before {what}:\n"
                    f"{self.log_text()}"
                )
            if ready():
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.name} did not {what} within {timeout} s:\n{self.log_text()}")


def stop_all(servers: list[Server]) -> None:
    """Stop several servers at once (each takes a second or two to shut down)."""
    for server in servers:
        server.terminate()
    for server in servers:
        server.stop()


def _spawn(command: list[str], *, env: dict[str, str] | None, log_path: Path) -> subprocess.Popen:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        return subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def start_gunicorn(
    port: int,
    env: dict[str, str],
    *,
    workers: int = 2,
    log_path: Path,
    timeout: float = 30,
    wait: bool = True,
) -> Server:
    """gunicorn serving ``cica.wsgi`` on 127.0.0.1:``port`` with sync workers.

    Its error log and access log (one line per request) go to ``log_path``. Returns once
    ``/healthz`` answers (200, or 503 when the database is down); with ``wait=False`` at
    once, and ``wait_for_gunicorn(server)`` waits (to start several in parallel).
    """
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "cica.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--access-logfile=-",
        "--error-logfile=-",
        "--graceful-timeout=5",
        f"--name=cica-{port}",
    ]
    if _gunicorn_option("--no-control-socket"):
        # gunicorn 24+ opens a control socket at one path per user (~/.gunicorn): several
        # servers on one machine would take it from each other.
        command.append("--no-control-socket")
    server = Server(
        f"gunicorn :{port}",
        _spawn(command, env=env, log_path=log_path),
        port,
        log_path,
        stop_signal=signal.SIGTERM,
    )
    server.startup_timeout = timeout
    if wait:
        wait_for_gunicorn(server)
    return server


def _gunicorn_option(flag: str) -> bool:
    from gunicorn import config

    return any(flag in (setting.cli or []) for setting in config.KNOWN_SETTINGS)


def wait_for_gunicorn(server: Server) -> Server:
    def answers() -> bool:
        try:
            return request(f"{server.url}/healthz", timeout=2).status in (200, 503)
        except OSError:
            return False

    server.wait_until(answers, getattr(server, "startup_timeout", 30), "answer /healthz")
    return server


# --- nginx ----------------------------------------------------------------------


def _skip_quoted_or_comment(text: str, index: int) -> int:
    """The index after a quoted string or comment starting at ``index``, else ``index``."""
    char = text[index]
    if char == "#":
        end = text.find("\n", index)
        return len(text) if end == -1 else end
    if char in "\"'":
        end = index + 1
        while end < len(text) and text[end] != char:
            end += 2 if text[end] == "\\" else 1
        return end + 1
    return index


def _blocks(text: str, head: str) -> list[tuple[int, int]]:
    """(start, end) of every top-level block whose opening line matches ``head``."""
    found = []
    for match in re.finditer(rf"^{head}\s*\{{", text, re.MULTILINE):
        depth, index = 0, match.end() - 1
        while index < len(text):
            skipped = _skip_quoted_or_comment(text, index)
            if skipped != index:
                index = skipped
                continue
            if text[index] == "{":
                depth += 1
            elif text[index] == "}":
                depth -= 1
                if depth == 0:
                    found.append((match.start(), index + 1))
                    break
            index += 1
    return found


def _replace(text: str, old: str, new: str) -> str:
    if old not in text:
        raise ValueError(f"deploy/nginx.conf no longer contains {old!r}: update deploy/local.py")
    return text.replace(old, new)


def render_nginx_conf(
    *,
    port: int,
    upstreams: list[str],
    static_root: Path,
    media_root: Path,
    cache_dir: Path,
    log_dir: Path,
    source: Path = NGINX_CONF,
) -> str:
    """``deploy/nginx.conf`` for loopback: the HTTPS server becomes a plain HTTP server on
    127.0.0.1:``port``, the redirecting port-80 server goes, the upstream lists
    ``upstreams`` (host:port) and the paths point at the given folders."""
    text = source.read_text()

    # The port-80 server only redirects to HTTPS: there is no HTTPS here.
    redirects = [(s, e) for s, e in _blocks(text, "server") if "return 301" in text[s:e]]
    if len(redirects) != 1:
        raise ValueError("deploy/nginx.conf should have one redirecting server block")
    start, end = redirects[0]
    text = text[:start] + text[end:]

    # The upstream's servers.
    (start, end), *others = _blocks(text, r"upstream\s+\w+")
    if others:
        raise ValueError("deploy/nginx.conf should have one upstream block")
    block = text[start:end]
    lines = [line for line in block.splitlines() if not re.match(r"\s*server\s", line)]
    servers = [f"    server {address};" for address in upstreams]
    lines[1:1] = servers
    text = text[:start] + "\n".join(lines) + text[end:]

    # The HTTPS server: plain HTTP on loopback, no TLS settings, local names.
    text, listens = re.subn(r"^(\s*)listen\s+[^;]*;[^\n]*\n", "", text, flags=re.MULTILINE)
    if not listens:
        raise ValueError("deploy/nginx.conf has no listen directive")
    text, names = re.subn(
        r"^(\s*)server_name\s+[^;]*;",
        rf"\1listen 127.0.0.1:{port};\n\1server_name 127.0.0.1 localhost;",
        text,
        flags=re.MULTILINE,
    )
    if names != 1:
        raise ValueError("deploy/nginx.conf should have one server_name left")
    text = re.sub(r"^\s*ssl_\w+\s[^;]*;[^\n]*\n", "", text, flags=re.MULTILINE)

    text = _replace(text, SHIPPED_STATIC_ROOT, f"{static_root}/")
    text = _replace(text, SHIPPED_MEDIA_ROOT, f"{media_root}/")
    text = _replace(text, SHIPPED_CACHE_DIR, str(cache_dir))
    text = _replace(text, SHIPPED_LOG_DIR, f"{log_dir}/")
    return text


def main_nginx_conf(workdir: Path, site_conf: Path) -> str:
    """A minimal main configuration, all state in ``workdir``, that includes ``site_conf``
    as Debian's /etc/nginx/nginx.conf includes conf.d/*.conf."""
    types = (
        f"include {MIME_TYPES};"
        if MIME_TYPES.exists()
        else "types { text/html html; text/css css; application/javascript js; "
        "image/svg+xml svg; image/png png; text/plain txt; }"
    )
    # Run as root, nginx hands requests to workers running as "nobody", which cannot read
    # a private temporary folder: keep the workers as the user who started nginx.
    user = "user root;" if os.geteuid() == 0 else ""
    temp = workdir / "temp"
    return f"""\
{user}
worker_processes auto;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 512; }}
http {{
    {types}
    default_type application/octet-stream;
    sendfile on;
    access_log {workdir}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {site_conf};
}}
"""


def start_nginx(
    port: int,
    upstreams: list[str],
    *,
    static_root: Path,
    media_root: Path,
    workdir: Path,
    timeout: float = 10,
) -> Server:
    """nginx with the shipped configuration on 127.0.0.1:``port`` in front of ``upstreams``.

    The rendered files, the cache, the logs and the pid file are in ``workdir``;
    ``log_text()`` is nginx's error log followed by its access log.
    """
    binary = nginx_binary()
    if binary is None:
        raise FileNotFoundError("nginx is not installed (apt-get install nginx-light)")
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "temp").mkdir(exist_ok=True)
    site_conf = workdir / "cica.conf"
    site_conf.write_text(
        render_nginx_conf(
            port=port,
            upstreams=upstreams,
            static_root=static_root,
            media_root=media_root,
            cache_dir=workdir / "cache",
            log_dir=workdir,
        )
    )
    main_conf = workdir / "nginx.conf"
    main_conf.write_text(main_nginx_conf(workdir, site_conf))
    command = [binary, "-p", f"{workdir}/", "-c", str(main_conf), "-g", "daemon off;"]
    server = _NginxServer(
        f"nginx :{port}",
        _spawn(command, env=None, log_path=workdir / "nginx.out"),
        port,
        workdir / "nginx.out",
        stop_signal=signal.SIGTERM,
    )
    server.workdir = workdir

    def listening() -> bool:
        with socket.socket() as probe:
            probe.settimeout(1)
            return probe.connect_ex(("127.0.0.1", port)) == 0

    server.wait_until(listening, timeout, f"listen on port {port}")
    return server


class _NginxServer(Server):
    def log_text(self) -> str:
        parts = [super().log_text()]
        for name in ("error.log", "access.log", "cica.error.log", "cica.access.log"):
            path = self.workdir / name
            if path.exists():
                parts.append(f"--- {name}\n{path.read_text(errors='replace')}")
        return "\n".join(parts)


# --- HTTP -----------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    url: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def __repr__(self) -> str:
        return f"<Response {self.status} {self.url}>"


def request(
    url: str,
    method: str = "GET",
    *,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 15,
    source: str | None = None,
) -> Response:
    """One HTTP request, redirects not followed, nothing added but what is given; from the
    local address ``source`` if given (any 127.x.y.z stands for another visitor)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(
        parts.hostname,
        parts.port,
        timeout=timeout,
        source_address=(source, 0) if source else None,
    )
    try:
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read(), url)
    finally:
        connection.close()


@dataclass
class Browser:
    """A client that keeps cookies (even ``Secure`` ones, over plain HTTP) and posts forms;
    it sends ``headers`` with every request, from the local address ``source`` if given."""

    base_url: str
    cookies: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    source: str | None = None

    def get(self, path: str, *, headers: dict[str, str] | None = None) -> Response:
        return self._send("GET", path, headers=headers)

    def post(self, path: str, fields: list[tuple[str, str]]) -> Response:
        body = urllib.parse.urlencode(fields).encode()
        return self._send(
            "POST",
            path,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            body=body,
        )

    def follow(self, path: str, *, limit: int = 5) -> Response:
        """GET ``path`` and follow redirects."""
        response = self.get(path)
        for _ in range(limit):
            if response.status not in (301, 302, 303, 307, 308):
                break
            response = self.get(response.header("Location"))
        return response

    def submit(self, path: str, form_id: str, **changes: str) -> Response:
        """GET the page, fill in the form ``form_id`` as a browser would, change some fields,
        and post it to its action (with its submit button ``_save`` when it has one)."""
        page = self.follow(path)
        if page.status != 200:
            raise AssertionError(f"GET {path}: {page.status}\n{page.text[:2000]}")
        form = parse_form(page.text, form_id)
        names = {name for name, _value in form.fields}
        unknown = set(changes) - names
        if unknown:
            raise AssertionError(f"form {form_id} has no field {sorted(unknown)}")
        fields = [(name, changes.get(name, value)) for name, value in form.fields]
        action = urllib.parse.urljoin(page.url, form.action or page.url)
        return self.post(action, fields)

    def login(self, username: str, password: str) -> Response:
        """Log in through the admin's login form; the response is the redirect."""
        response = self.submit(
            "/admin/login/?next=/admin/", "login-form", username=username, password=password
        )
        if response.status != 302 or "sessionid" not in self.cookies:
            raise AssertionError(f"login failed: {response.status}\n{response.text[:3000]}")
        return response

    def _send(self, method, path, *, headers=None, body=None) -> Response:
        url = urllib.parse.urljoin(self.base_url + "/", path)
        headers = self.headers | (headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        response = request(url, method, headers=headers, body=body, source=self.source)
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response


@dataclass
class Form:
    action: str
    fields: list[tuple[str, str]]


class _FormParser(HTMLParser):
    """The successful controls of one form, as a browser submits them."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.form: Form | None = None
        self.inside = False
        self._textarea: tuple[str, list[str]] | None = None
        self._select: tuple[str, bool, list[tuple[str, bool]]] | None = None
        self._option: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.form = Form(attrs.get("action") or "", [])
            self.inside = True
            return
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.form.fields.append((name, attrs.get("value") or "on"))
            elif kind == "submit":
                if name == "_save":
                    self.form.fields.append((name, attrs.get("value") or ""))
            elif kind not in ("file", "image", "reset", "button"):
                self.form.fields.append((name, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = (name, [])
        elif tag == "select" and name:
            self._select = (name, "multiple" in attrs, [])
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "selected" in attrs, []]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)
        if self._option is not None:
            self._option[2].append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            # Browsers drop the newline that follows <textarea>.
            self.form.fields.append((name, "".join(parts).removeprefix("\n")))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            self._close_option()
        elif tag == "select" and self._select is not None:
            self._close_option()
            name, multiple, options = self._select
            chosen = [value for value, selected in options if selected]
            if not chosen and options and not multiple:
                chosen = [options[0][0]]
            self.form.fields.extend((name, value) for value in chosen)
            self._select = None

    def _close_option(self):
        if self._option is None:
            return
        value, selected, text = self._option
        self._select[2].append((value if value is not None else "".join(text).strip(), selected))
        self._option = None


def parse_form(html: str, form_id: str) -> Form:
    parser = _FormParser(form_id)
    parser.feed(html)
    parser.close()
    if parser.form is None:
        raise AssertionError(f"no form with id {form_id!r} in the page")
    return parser.form
