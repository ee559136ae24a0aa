"""Load test of the public site as production serves it: what ``make bench`` runs.

Usage: ``python -m tools.loadtest --database-url URL [options]`` on a database that is
already migrated and loaded (the Makefile does both on a fresh one).

Method
------
Static files are collected into a temporary folder, then gunicorn is started twice in
production mode (``deploy/local.py``, with 2 × cores + 1 workers, as the README advises):
one server with the page cache on, one with ``CICA_PAGE_CACHE=0``. nginx, with the real
``deploy/nginx.conf``, is started in front of the cached server when it is installed.

The pages are a sample per kind (home, members list, one state, CBM catalogue, history
list, one event, structure, secretariat) in each of the four languages, taken from
``/sitemap.xml``; ``--all`` takes every page of it.

A page's speed depends on the machine and on whatever else it is doing, so every figure
is a ratio measured in the same run. wrk measures pages and the constant view
``/robots.txt`` (it passes through the same middleware but renders nothing, and the page
cache leaves it alone) on the same server, alternately, in runs of ``--duration``
seconds: robots, the four languages of one kind, robots, the next kind, ..., robots
(``--group 1``: robots, page, robots, page, ...; the default group keeps the whole run
under five minutes). A page's ratio is its requests per second divided by the mean of
the two robots runs around its group. Pages served by nginx's cache are compared with
the same page through the cached gunicorn. Before each run the page is requested until
its headers prove the mode (``X-Page-Cache: off`` uncached, ``hit`` cached,
``X-Proxy-Cache: HIT`` nginx), which also warms the caches; a row that could not be
proven is flagged. "Uncached" means the page cache is off; the other caches (content
fragments, lookups) work as in production. Latencies are wrk's
median and 99th percentile (``--latency``).

Queries and weight come from ``manage.py bench --json``, in process on the same
database: the SQL queries of the page rendered with no cache at all (as after an edit),
and its HTML plus the site's CSS.

The budgets are printed with PASS or FAIL; a missed budget is reported, not an error.
The run ends with ``--load-duration`` seconds of wrk at 50 connections against the
cached gunicorn, cycling through the sampled pages; any socket error (wrk's timeout is
2 s) or response other than 2xx/3xx makes the exit status 1. Without wrk the exit
status is 2.
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

from deploy.local import (
    Server,
    free_port,
    manage,
    nginx_binary,
    production_env,
    start_gunicorn,
    start_nginx,
    wait_for_gunicorn,
)

CONSTANT_PATH = "/robots.txt"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
LANGUAGES = ("en", "ru", "zh-hans", "ar")
KINDS = ("home", "members", "state", "cbm", "history", "event", "structure", "secretariat")

# Budgets, as ratios measured in one run.
CACHED_MIN_RATIO = 0.90  # cached page through gunicorn / constant view
UNCACHED_MIN_RATIO = 0.15  # uncached page / constant view
NGINX_MIN_FACTOR = 10.0  # page from nginx's cache / same page through the cached gunicorn
WEIGHT_MAX_BYTES = 100_000  # HTML + CSS, as manage.py bench checks

# The headers that prove how a page was served, and the value each mode expects.
UNCACHED, CACHED, PROXIED = "uncached", "cached", "nginx"
PROOF = {
    UNCACHED: ("X-Page-Cache", "off"),
    CACHED: ("X-Page-Cache", "hit"),
    PROXIED: ("X-Proxy-Cache", "HIT"),
}
PROOF_ATTEMPTS = 5
ACCESS_LOG_LINE = re.compile(r'^\S+ - \S+ \[[^]]*\] "')


@dataclass
class Run:
    """What one wrk run reports."""

    requests: int
    seconds: float
    per_second: float
    p50_ms: float
    p99_ms: float
    bad_status: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return self.bad_status + sum(self.socket_errors.values())


@dataclass
class Measure:
    """A page in one mode."""

    run: Run
    ratio: float  # to the constant view (gunicorn) or to the cached gunicorn (nginx)
    proven: bool
    seen: str  # the value of the proving header


@dataclass
class Page:
    path: str
    kind: str
    queries: int | None = None
    weight_bytes: int | None = None
    measures: dict[str, Measure] = field(default_factory=dict)


class Wrk:
    def __init__(self, executable: str, *, threads: int, connections: int) -> None:
        self.executable = executable
        self.threads = threads
        self.connections = connections

    def run(
        self,
        url: str,
        duration: int,
        *,
        connections: int | None = None,
        script: Path | None = None,
    ) -> Run:
        connections = connections or self.connections
        command = [
            self.executable,
            f"--threads={min(self.threads, connections)}",
            f"--connections={connections}",
            f"--duration={duration}s",
            "--latency",
        ]
        if script:
            command.append(f"--script={script}")
        result = subprocess.run(
            [*command, url], capture_output=True, text=True, timeout=duration + 60
        )
        if result.returncode != 0:
            raise RuntimeError(f"wrk failed on {url}: {result.stderr.strip() or result.stdout}")
        return parse_wrk(result.stdout)


_DURATION_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _milliseconds(value: str, unit: str) -> float:
    return float(value) * _DURATION_UNITS[unit]


def parse_wrk(output: str) -> Run:
    """The figures of wrk's report (printed with ``--latency``)."""
    total = re.search(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h)", output, re.M)
    per_second = re.search(r"^Requests/sec:\s*([\d.]+)", output, re.M)
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+([\d.]+(?:us|ms|s|m|h))\s*$", output, re.M))
    if not (total and per_second and "50" in percentiles and "99" in percentiles):
        raise RuntimeError(f"Cannot read wrk's report:\n{output}")

    def percentile(name: str) -> float:
        value, unit = re.fullmatch(r"([\d.]+)(\D+)", percentiles[name]).groups()
        return _milliseconds(value, unit)

    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    bad_status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Run(
        requests=int(total[1]),
        seconds=_milliseconds(total[2], total[3]) / 1000,
        per_second=float(per_second[1]),
        p50_ms=percentile("50"),
        p99_ms=percentile("99"),
        bad_status=int(bad_status[1]) if bad_status else 0,
        socket_errors=(
            dict(
                zip(("connect", "read", "write", "timeout"), map(int, socket.groups()), strict=True)
            )
            if socket
            else {}
        ),
    )


def fetch(base_url: str, path: str) -> tuple[http.client.HTTPResponse, bytes]:
    """GET ``path`` from a server, as wrk does (no cookie, no conditional header)."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


def prove(base_url: str, path: str, mode: str) -> tuple[bool, str]:
    """Request ``path`` until its headers show it served as ``mode`` expects (this warms it)."""
    header, expected = PROOF[mode]
    seen = ""
    for _ in range(PROOF_ATTEMPTS):
        response, _ = fetch(base_url, path)
        seen = response.getheader(header) or f"no {header}"
        if response.status != 200:
            seen = f"{response.status}, {seen}"
        elif seen == expected:
            return True, seen
    return False, seen


def page_kind(path: str) -> tuple[str, str]:
    """The language and kind of a page of the sitemap, e.g. ("ru", "state")."""
    language, *rest = path.strip("/").split("/")
    match rest:
        case []:
            kind = "home"
        case ["members"]:
            kind = "members"
        case ["members", _]:
            kind = "state"
        case ["cbm"]:
            kind = "cbm"
        case ["history"]:
            kind = "history"
        case ["history", _]:
            kind = "event"
        case ["structure"] | ["secretariat"]:
            kind = rest[0]
        case _:
            kind = "other"
    return language, kind


def read_sitemap(base_url: str) -> list[str]:
    response, body = fetch(base_url, "/sitemap.xml")
    if response.status != 200:
        raise RuntimeError(f"/sitemap.xml answered {response.status}.")
    root = ElementTree.fromstring(body)
    return [urlsplit(loc.text).path for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


def sample(paths: list[str], *, every_page: bool) -> list[Page]:
    """One page per kind and language (the first the sitemap lists), kind by kind."""
    pages = [Page(path, page_kind(path)[1]) for path in paths]
    if every_page:
        return pages
    first: dict[tuple[str, str], Page] = {}
    for page in pages:
        first.setdefault(page_kind(page.path), page)
    chosen = [
        first[language, kind]
        for kind in KINDS
        for language in LANGUAGES
        if (language, kind) in first
    ]
    missing = [
        f"{kind} ({language})"
        for kind in KINDS
        for language in LANGUAGES
        if (language, kind) not in first
    ]
    if missing:
        print(f"The sitemap has no page of these kinds: {', '.join(missing)}.")
    return chosen


def count_queries_and_weight(env: dict[str, str], pages: list[Page]) -> int:
    """Queries (with no cache) and weight of every page, in process; the bytes of CSS."""
    report = json.loads(
        manage("bench", "--json", "--repeat=1", *[page.path for page in pages], env=env)
    )
    by_path = {page["path"]: page for page in report["pages"]}
    for page in pages:
        page.queries = by_path[page.path]["queries"]
        page.weight_bytes = by_path[page.path]["weight_bytes"]
    return report["css_bytes"]


def measure_against_constant(
    wrk: Wrk, server: Server, pages: list[Page], mode: str, duration: int, group: int
) -> list[Run]:
    """Each page in ``mode``, ``group`` pages between two runs of the constant view."""
    constant_url = server.url + CONSTANT_PATH
    wrk.run(constant_url, 1)  # warm the workers; not counted
    before = wrk.run(constant_url, duration)
    constants = [before]
    for start in range(0, len(pages), group):
        runs = []
        for page in pages[start : start + group]:
            proven, seen = prove(server.url, page.path, mode)
            runs.append((page, wrk.run(server.url + page.path, duration), proven, seen))
        after = wrk.run(constant_url, duration)
        constants.append(after)
        reference = statistics.mean([before.per_second, after.per_second])
        for page, run, proven, seen in runs:
            page.measures[mode] = Measure(run, run.per_second / reference, proven, seen)
            print(
                f"  {mode:<8} {page.path:<40} {run.per_second:>7.0f} req/s "
                f"{run.per_second / reference:>5.0%} of {CONSTANT_PATH} ({reference:.0f})"
                f"{'' if proven else f'  not proven: {seen}'}",
                flush=True,
            )
        before = after
    return constants


def measure_proxy(wrk: Wrk, server: Server, pages: list[Page], duration: int) -> None:
    """Each page from nginx's cache, compared with the same page through the cached gunicorn."""
    for page in pages:
        proven, seen = prove(server.url, page.path, PROXIED)
        run = wrk.run(server.url + page.path, duration)
        cached = page.measures.get(CACHED)
        ratio = run.per_second / cached.run.per_second if cached else float("nan")
        page.measures[PROXIED] = Measure(run, ratio, proven, seen)
        print(
            f"  {PROXIED:<8} {page.path:<40} {run.per_second:>7.0f} req/s "
            f"{ratio:>5.1f}× cached{'' if proven else f'  not proven: {seen}'}",
            flush=True,
        )


def mix_script(paths: list[str], folder: Path) -> Path:
    """A wrk script that cycles through ``paths``."""
    script = folder / "mix.lua"
    lua_paths = ", ".join(json.dumps(path) for path in paths)
    script.write_text(
        f"local paths = {{{lua_paths}}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        "  return wrk.format(nil, paths[i])\n"
        "end\n"
    )
    return script


def print_table(pages: list[Page]) -> None:
    width = max(len("page"), *(len(page.path) for page in pages))

    def cells(page: Page, mode: str) -> str:
        measure = page.measures.get(mode)
        if measure is None:
            return f"{'-':>7} {'-':>6} {'-':>13}"
        ratio = f"{measure.ratio:.1f}×" if mode == PROXIED else f"{measure.ratio:.0%}"
        flag = "" if measure.proven else "!"
        latency = f"{measure.run.p50_ms:.1f}/{measure.run.p99_ms:.1f}"
        return f"{measure.run.per_second:>7.0f} {ratio + flag:>6} {latency:>13}"

    group = f"{'req/s':>7} {'%':>6} {'p50/p99 ms':>13}"
    print(f"{'':<{width}}  {'uncached gunicorn':<28}  {'cached gunicorn':<28}  {'nginx cache':<28}")
    print(
        f"{'page':<{width}}  {group}  {group}  {group.replace('     %', '×cache')}  "
        f"{'queries':>7} {'KB':>6}"
    )
    for page in pages:
        queries = "-" if page.queries is None else str(page.queries)
        weight = "-" if page.weight_bytes is None else f"{page.weight_bytes / 1000:.1f}"
        print(
            f"{page.path:<{width}}  {cells(page, UNCACHED)}  {cells(page, CACHED)}  "
            f"{cells(page, PROXIED)}  {queries:>7} {weight:>6}"
        )


def check(passed: bool, text: str) -> bool:
    print(f"  {'PASS' if passed else 'FAIL'}  {text}")
    return passed


def ratio_budget(pages: list[Page], mode: str, minimum: float, text: str, unit: str) -> bool:
    measured = [page for page in pages if mode in page.measures]
    if not measured:
        return check(False, f"{text}: not measured")
    worst = min(measured, key=lambda page: page.measures[mode].ratio)
    below = [page for page in measured if page.measures[mode].ratio < minimum]

    def shown(value: float) -> str:
        return f"{value:.1f}×" if unit == "×" else f"{value:.0%}"

    median = statistics.median(page.measures[mode].ratio for page in measured)
    return check(
        not below,
        f"{text}: lowest {shown(worst.measures[mode].ratio)} ({worst.path}), median "
        f"{shown(median)}" + (f"; {len(below)} of {len(measured)} pages below" if below else ""),
    )


def print_budgets(pages: list[Page], proxy_note: str) -> None:
    print("\nBudgets (ratios measured in this run; a FAIL is reported, not an error):")
    ratio_budget(
        pages,
        CACHED,
        CACHED_MIN_RATIO,
        f"cached pages through gunicorn >= {CACHED_MIN_RATIO:.0%} of {CONSTANT_PATH}",
        "%",
    )
    ratio_budget(
        pages,
        UNCACHED,
        UNCACHED_MIN_RATIO,
        f"uncached pages >= {UNCACHED_MIN_RATIO:.0%} of {CONSTANT_PATH}",
        "%",
    )
    if proxy_note:
        check(False, f"nginx cache >= {NGINX_MIN_FACTOR:.0f}× gunicorn cached: {proxy_note}")
    else:
        ratio_budget(
            pages,
            PROXIED,
            NGINX_MIN_FACTOR,
            f"nginx cache >= {NGINX_MIN_FACTOR:.0f}× gunicorn cached",
            "×",
        )
    for mode in (UNCACHED, CACHED, PROXIED):
        header, expected = PROOF[mode]
        measured = [page for page in pages if mode in page.measures]
        unproven = [page for page in measured if not page.measures[mode].proven]
        if measured:
            check(
                not unproven,
                f"{mode} rows served as {header}: {expected}"
                + (
                    f" (not on {len(unproven)} pages, e.g. {unproven[0].path}: "
                    f"{unproven[0].measures[mode].seen})"
                    if unproven
                    else ""
                ),
            )
    heaviest = max(pages, key=lambda page: page.weight_bytes or 0)
    check(
        (heaviest.weight_bytes or 0) <= WEIGHT_MAX_BYTES,
        f"weight (HTML + CSS) <= {WEIGHT_MAX_BYTES // 1000} KB: heaviest "
        f"{(heaviest.weight_bytes or 0) / 1000:.1f} KB ({heaviest.path})",
    )


def print_search(env: dict[str, str]) -> None:
    """The search page's median time with the index at 10× the content (``manage.py
    searchbench``, in process, in a transaction it rolls back)."""
    report = json.loads(manage("searchbench", "--json", env=env))
    print(
        f"\nSearch ({report['database']}, {report['entries']} index entries = content ×10), "
        "median of each query through the whole site:"
    )
    for row in report["queries"]:
        print(
            f"  {row['language']:8} {row['query']:24} {row['median_ms']:6.1f} ms "
            f"{row['results']:5} results {row['sql_queries']} queries"
        )
    check(
        report["median_ms"] < report["budget_ms"],
        f"search median < {report['budget_ms']} ms at 10× the content: "
        f"{report['median_ms']:.1f} ms",
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.loadtest",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="a migrated and loaded database (default: $DATABASE_URL)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL", ""),
        help="the servers' cache (default: $REDIS_URL, or files in a temporary folder)",
    )
    parser.add_argument("--all", action="store_true", help="every page of the sitemap")
    parser.add_argument("--duration", type=int, default=2, help="seconds of each wrk run")
    parser.add_argument("--connections", type=int, default=8, help="connections of each run")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--group",
        type=int,
        default=len(LANGUAGES),
        help="pages measured between two runs of the constant view (default: %(default)s, "
        "the languages of one kind; 1 alternates page by page)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1) + 1,
        help="gunicorn workers (2 × cores + 1, as in production)",
    )
    parser.add_argument(
        "--load-duration", type=int, default=30, help="seconds of the final load run"
    )
    parser.add_argument(
        "--load-connections", type=int, default=50, help="connections of the load run"
    )
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("give --database-url (or set DATABASE_URL) to a loaded database")
    if (
        min(
            args.duration,
            args.load_duration,
            args.connections,
            args.threads,
            args.workers,
            args.group,
        )
        < 1
    ):
        parser.error("durations, connections, threads and workers must be at least 1")
    return args


@contextlib.contextmanager
def terminate_cleanly() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C, so that every server started is stopped."""

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    executable = shutil.which("wrk")
    if executable is None:
        print(
            "make bench needs wrk, the HTTP load generator: apt-get install wrk "
            "(or build it from https://github.com/wg/wrk).",
            file=sys.stderr,
        )
        return 2
    wrk = Wrk(executable, threads=args.threads, connections=args.connections)
    started = time.monotonic()
    with terminate_cleanly(), contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cica-bench-")))
        static_root, media_root = folder / "static", folder / "media"
        media_root.mkdir()

        def environment(name: str, **extra: str) -> dict[str, str]:
            if not args.redis_url:
                extra.setdefault("CICA_CACHE_DIR", str(folder / f"cache-{name}"))
            return production_env(
                database_url=args.database_url,
                static_root=static_root,
                media_root=media_root,
                redis_url=args.redis_url or None,
                **extra,
            )

        cached_env = environment(CACHED)
        uncached_env = environment(UNCACHED, CICA_PAGE_CACHE="0")
        print(
            f"{os.cpu_count()} cores; gunicorn with {args.workers} workers (2 × cores + 1, as "
            f"in production); cache: {'Redis ' + args.redis_url if args.redis_url else 'files'}; "
            f"wrk: {args.duration} s runs, {args.connections} connections, {args.threads} threads.",
            flush=True,
        )
        busy = os.getloadavg()[0]
        if busy > 0.5:
            print(
                f"Warning: the load average is {busy:.1f} before the servers start: other "
                "processes use the CPU, and the ratios will be noisy.",
                flush=True,
            )
        manage("collectstatic", "--noinput", "-v0", env=cached_env)
        # A Redis shared with an earlier run may hold fragments of another database.
        manage(
            "shell", "-c", "from cica.caching import bump_version; bump_version()", env=cached_env
        )

        servers = {
            name: stack.enter_context(
                start_gunicorn(
                    free_port(),
                    env,
                    workers=args.workers,
                    log_path=folder / f"gunicorn-{name}.log",
                    wait=False,
                )
            )
            for name, env in ((CACHED, cached_env), (UNCACHED, uncached_env))
        }
        for server in list(servers.values()):
            wait_for_gunicorn(server)
        proxy_note = ""
        if nginx_binary():
            try:
                servers[PROXIED] = stack.enter_context(
                    start_nginx(
                        free_port(),
                        [f"127.0.0.1:{servers[CACHED].port}"],
                        static_root=static_root,
                        media_root=media_root,
                        workdir=folder / "nginx",
                    )
                )
            except Exception as error:  # reported as the nginx budget's failure
                proxy_note = f"nginx did not start: {error}"
        else:
            proxy_note = "skipped, nginx is not installed (apt-get install nginx-light)"
        if proxy_note:
            print(f"nginx row: {proxy_note}")

        pages = sample(read_sitemap(servers[CACHED].url), every_page=args.all)
        css_bytes = count_queries_and_weight(environment("bench", CICA_PAGE_CACHE="0"), pages)
        print(f"{len(pages)} pages; measuring each against {CONSTANT_PATH}:", flush=True)
        constants = {
            mode: measure_against_constant(
                wrk, servers[mode], pages, mode, args.duration, args.group
            )
            for mode in (UNCACHED, CACHED)
        }
        if PROXIED in servers:
            measure_proxy(wrk, servers[PROXIED], pages, args.duration)

        print()
        print_table(pages)
        means = {
            mode: statistics.mean(run.per_second for run in runs)
            for mode, runs in constants.items()
        }
        print(
            f"Constant view {CONSTANT_PATH}: {means[UNCACHED]:.0f} req/s on the uncached server, "
            f"{means[CACHED]:.0f} on the cached one (means of the runs).\n"
            f"% = page ÷ {CONSTANT_PATH} on the same server around it; ×cache = nginx ÷ cached "
            "gunicorn; ! = the headers did not prove the mode;\n"
            f"queries = SQL queries with no cache at all; KB = HTML + {css_bytes / 1000:.1f} KB "
            "of CSS."
        )
        print_budgets(pages, proxy_note)
        print_search(environment("bench", CICA_PAGE_CACHE="0"))

        print(
            f"\nLoad: {args.load_duration} s, {args.load_connections} connections, cached "
            f"gunicorn, cycling through the {len(pages)} pages...",
            flush=True,
        )
        load = wrk.run(
            servers[CACHED].url + pages[0].path,
            args.load_duration,
            connections=args.load_connections,
            script=mix_script([page.path for page in pages], folder),
        )
        errors = ", ".join(f"{count} {name}" for name, count in load.socket_errors.items() if count)
        print(
            f"  {load.requests} requests, {load.per_second:.0f} req/s, latency p50 "
            f"{load.p50_ms:.1f} ms p99 {load.p99_ms:.1f} ms; {load.bad_status} non-2xx/3xx, "
            f"socket errors: {errors or 'none'}"
        )
        check(load.errors == 0, "zero errors in the load run (the only check that fails the bench)")
        if load.errors:
            log = servers[CACHED].log_text().splitlines()
            errors_logged = "\n".join(line for line in log if not ACCESS_LOG_LINE.match(line))
            print(f"\nThe cached server's log, but the requests:\n{errors_logged[-3000:]}")
    print(f"\nTotal time {time.monotonic() - started:.0f} s.")
    return 1 if load.errors else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nInterrupted; servers stopped.", file=sys.stderr)
        sys.exit(130)
