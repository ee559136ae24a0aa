import statistics
import time
from xml.etree import ElementTree

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PAGE_BUDGET_BYTES = 100_000


class Command(BaseCommand):
    help = (
        "Time every page of the sitemap on the current database with Django's test client: "
        "median and worst time, SQL queries and weight (HTML + CSS) per page."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--repeat", type=int, default=20, help="requests per page")
        parser.add_argument("--language", default="", help="only pages in this language")

    def handle(self, *args, repeat: int, language: str, **options) -> None:
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        client = Client(SERVER_NAME=(settings.ALLOWED_HOSTS or ["localhost"])[0])
        sitemap = client.get("/sitemap.xml")
        if sitemap.status_code != 200:
            raise CommandError(f"/sitemap.xml answered {sitemap.status_code}.")
        root = ElementTree.fromstring(sitemap.content)
        paths = [
            "/" + loc.text.split("/", 3)[3] for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)
        ]
        if language:
            paths = [path for path in paths if path.startswith(f"/{language}/")]
        if not paths:
            raise CommandError("The sitemap lists no page: load the fixtures first.")
        css_bytes = len(b"".join(client.get("/static/css/site.css").streaming_content))

        self.stdout.write(f"{'page':<45} {'median ms':>9} {'max ms':>7} {'queries':>7} {'KB':>6}")
        over_budget = []
        for path in paths:
            client.get(path)  # warm caches and templates
            timings = []
            for _ in range(repeat):
                start = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - start) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            weight = len(response.content) + css_bytes
            if weight > PAGE_BUDGET_BYTES:
                over_budget.append(path)
            self.stdout.write(
                f"{path:<45} {statistics.median(timings):>9.1f} {max(timings):>7.1f} "
                f"{len(queries):>7} {weight / 1000:>6.1f}"
            )
        self.stdout.write(
            f"{len(paths)} pages, {repeat} requests each, database {connection.vendor}; "
            f"KB = HTML + {css_bytes / 1000:.1f} KB of CSS, budget {PAGE_BUDGET_BYTES // 1000} KB."
        )
        if over_budget:
            raise CommandError(f"Over the weight budget: {', '.join(over_budget)}")
