import json
import statistics
import time
from xml.etree import ElementTree

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PAGE_BUDGET_BYTES = 100_000
STYLESHEET = "/static/css/site.css"
# Queries are counted with no cache at all: every query a page can make, as after an edit.
NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


class Command(BaseCommand):
    help = (
        "Time pages in process with Django's test client, on the current database: median "
        "and worst time, SQL queries (with no cache) and weight (HTML + CSS) per page, every "
        "page of the sitemap unless paths are given. `make bench` (tools/loadtest.py) asks "
        "it for the queries and weights of the pages it load-tests."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="*", help="pages to measure (default: the sitemap)")
        parser.add_argument("--repeat", type=int, default=20, help="requests per page")
        parser.add_argument("--language", default="", help="only pages in this language")
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="print the measures as one JSON object instead of a table (no budget check)",
        )

    def handle(
        self, *args, paths: list[str], repeat: int, language: str, as_json: bool, **options
    ) -> None:
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        client = Client(SERVER_NAME=(settings.ALLOWED_HOSTS or ["localhost"])[0])
        if not paths:
            paths = sitemap_paths(client)
        if language:
            paths = [path for path in paths if path.startswith(f"/{language}/")]
        if not paths:
            raise CommandError("The sitemap lists no page: load the fixtures first.")
        css_bytes = len(b"".join(get(client, STYLESHEET).streaming_content))
        pages = [measure(client, path, repeat=repeat, css_bytes=css_bytes) for path in paths]

        if as_json:
            self.stdout.write(
                json.dumps({"database": connection.vendor, "css_bytes": css_bytes, "pages": pages})
            )
            return
        self.stdout.write(f"{'page':<45} {'median ms':>9} {'max ms':>7} {'queries':>7} {'KB':>6}")
        for page in pages:
            self.stdout.write(
                f"{page['path']:<45} {page['median_ms']:>9.1f} {page['max_ms']:>7.1f} "
                f"{page['queries']:>7} {page['weight_bytes'] / 1000:>6.1f}"
            )
        self.stdout.write(
            f"{len(pages)} pages, {repeat} requests each, database {connection.vendor}; "
            f"KB = HTML + {css_bytes / 1000:.1f} KB of CSS, budget {PAGE_BUDGET_BYTES // 1000} KB."
        )
        over_budget = [page["path"] for page in pages if page["weight_bytes"] > PAGE_BUDGET_BYTES]
        if over_budget:
            raise CommandError(f"Over the weight budget: {', '.join(over_budget)}")


def get(client: Client, path: str):
    # HTTPS, as production serves it: no redirect when DJANGO_SECURE_SSL_REDIRECT is on.
    return client.get(path, secure=True)


def sitemap_paths(client: Client) -> list[str]:
    response = get(client, "/sitemap.xml")
    if response.status_code != 200:
        raise CommandError(f"/sitemap.xml answered {response.status_code}.")
    root = ElementTree.fromstring(response.content)
    return ["/" + loc.text.split("/", 3)[3] for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


def measure(client: Client, path: str, *, repeat: int, css_bytes: int) -> dict:
    """Time ``path`` ``repeat`` times (after a first request that warms templates and
    caches), then count the queries of a request served with no cache at all."""
    get(client, path)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = get(client, path)
        timings.append((time.perf_counter() - start) * 1000)
    with override_settings(CACHES=NO_CACHE), CaptureQueriesContext(connection) as queries:
        get(client, path)
    return {
        "path": path,
        "status": response.status_code,
        "median_ms": statistics.median(timings),
        "max_ms": max(timings),
        "queries": len(queries),
        "html_bytes": len(response.content),
        "weight_bytes": len(response.content) + css_bytes,
    }
