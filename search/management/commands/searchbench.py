"""Time the search page with the index at ``--times`` the content: what ``make bench``
reports as the search budget (median under 50 ms on PostgreSQL).

In one transaction that is rolled back at the end, so the database is left as it was:
the index is built, then every entry is copied until there are ``--times`` as many (as
if the site held that many states, events, documents...), the planner's statistics are
refreshed, and each query of ``QUERIES`` is asked through the whole site (middleware,
view, template) ``--repeat`` times, without the page cache (a query is never cached).
"""

import json
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from search.index import ensure_fresh
from search.models import SearchEntry
from search.query import find

QUERIES = [
    ("en", "Kazakhstan"),
    ("en", "energy security"),
    ("en", "Kazahstan"),
    ("ru", "саммиты"),
    ("ru", "Шанхайская декларация"),
    ("zh-hans", "亚信峰会"),
    ("ar", "قمة"),
    ("ar", "الأمن"),
]
BUDGET_MS = 50


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = __doc__.split("\n\n")[0]

    def add_arguments(self, parser) -> None:
        parser.add_argument("--times", type=int, default=10, help="content multiplier (10)")
        parser.add_argument("--repeat", type=int, default=15, help="requests per query (15)")
        parser.add_argument("--json", action="store_true", help="print a JSON report")

    def handle(self, *args, times: int, repeat: int, json: bool, **options) -> None:
        report: dict = {}
        try:
            with transaction.atomic():
                report = self.measure(times, repeat)
                raise Rollback
        except Rollback:
            pass
        if json:
            self.stdout.write(_json(report))
            return
        self.stdout.write(
            f"Search on {report['database']}, {report['entries']} index entries "
            f"(content ×{times}), {repeat} requests per query, no page cache:"
        )
        for row in report["queries"]:
            self.stdout.write(
                f"  {row['language']:8} {row['query']:24} median {row['median_ms']:6.1f} ms "
                f"{row['results']:5} results, {row['sql_queries']} SQL queries"
            )
        verdict = "PASS" if report["median_ms"] < BUDGET_MS else "FAIL"
        self.stdout.write(
            f"{verdict} search median {report['median_ms']:.1f} ms (budget < {BUDGET_MS} ms)"
        )

    def measure(self, times: int, repeat: int) -> dict:
        for language, _name in settings.LANGUAGES:
            ensure_fresh(language)
        fields = [f.attname for f in SearchEntry._meta.concrete_fields if not f.primary_key]
        entries = list(SearchEntry.objects.values(*fields))
        copies = [
            SearchEntry(
                **entry
                | {
                    "url": f"{entry['url']}?copy={copy}",
                    "position": entry["position"] + copy * len(entries),
                }
            )
            for copy in range(1, times)
            for entry in entries
        ]
        SearchEntry.objects.bulk_create(copies, batch_size=1000)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE search_searchentry")
        client = Client(SERVER_NAME=(settings.ALLOWED_HOSTS or ["localhost"])[0])
        rows, all_times = [], []
        for language, query in QUERIES:
            client.get(f"/{language}/search/", {"q": query})  # templates, translations
            timings = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(f"/{language}/search/", {"q": query})
                    timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
            all_times.extend(timings)
            rows.append(
                {
                    "language": language,
                    "query": query,
                    "median_ms": statistics.median(timings),
                    "results": find(query, language).total,
                    "sql_queries": len(queries),
                }
            )
        return {
            "database": connection.vendor,
            "entries": SearchEntry.objects.count(),
            "queries": rows,
            "median_ms": statistics.median(all_times),
            "budget_ms": BUDGET_MS,
        }


def _json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False)
