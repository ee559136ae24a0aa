import hashlib
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import DataError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _

from .caching import current_version, page_validity

logger = logging.getLogger(__name__)

# Public pages carry no inline script or style, so they can be served under a
# strict policy; the admin keeps Django's own defaults.
PUBLIC_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", PUBLIC_POLICY)
        return response


# Paths that are never cached for visitors: the back office, the language switch, the
# health check, files (served as they are, by whitenoise or the web server) and
# robots.txt, the constant view that ``make bench`` measures pages against.
UNCACHED_PREFIXES = ("/admin/", "/i18n/", "/healthz", "/static/", "/media/", "/robots.txt")
# A query makes a page of its own only when it is a year page's (members.asof); any
# other query is rendered every time rather than letting anyone fill the cache.
CACHED_QUERY = re.compile(r"(?:year=\d{4})?")


class RecentPages:
    """The pages this process served last, with the validator each was rendered under.

    A hit then costs one small read of the shared cache (the content version) instead
    of fetching and unpickling the page: the shared copy is read only when this
    process has none for the current version. Bounded, least recently used first out.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[str, tuple] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str, etag: str) -> tuple | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry[0] != etag:
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: tuple) -> None:
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


# About 40 KB each: a few hundred pages are a few megabytes per process.
recent_pages = RecentPages(size=400)


class PageCacheMiddleware:
    """Public pages for visitors, from the cache, with HTTP validators and freshness.

    An anonymous GET or HEAD of a public page is answered from the cache when it is
    there under the current content version (``cica.caching``), else rendered and
    stored if it is a plain 200 that sets no cookie. Every such answer carries an
    ``ETag`` and ``Last-Modified`` derived from the content version, a ``Cache-Control``
    that lets browsers and shared caches keep it briefly, and answers a matching
    conditional request with 304. A request that carries a session cookie (an editor,
    who may preview drafts) bypasses all of it and is marked private. It comes before
    anything that reads the database, so cached pages are served while it is down.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.DEBUG  # development: a template being edited is seen at once
            or request.method not in ("GET", "HEAD")
            or request.path.startswith(UNCACHED_PREFIXES)
        ):
            return self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            response = self.get_response(request)
            if "Cache-Control" not in response:
                patch_cache_control(response, private=True, no_cache=True)
            response["X-Page-Cache"] = "bypass"
            return response

        query = request.META.get("QUERY_STRING", "")
        cached = settings.CICA_PAGE_CACHE
        key = self._key(request) if cached and CACHED_QUERY.fullmatch(query) else None
        version = current_version()
        if version is None:  # the cache is unreachable: render, and let nobody keep it long
            response = self.get_response(request)
            if self._storable(response) and self._own_address(request, query):
                self._mark_public(response)
            return response
        etag, last_modified = page_validity(version)

        # A page is stored under its address with the validator it was rendered under:
        # one entry per address, replaced when it is stale; this process keeps a copy.
        entry = None
        if key is not None:
            entry = recent_pages.get(key, etag)
            if entry is None:
                entry = cache.get(key)
                if entry is not None and entry[0] == etag:
                    recent_pages.put(key, entry)
                else:
                    entry = None
        if entry is not None:
            _etag, status, headers, content = entry
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return self._conditional(request, response, etag, last_modified)

        response = self.get_response(request)
        if not self._storable(response):
            return response
        if not self._own_address(request, query):
            # A query the page does not use (?utm_source=…, or a year on a page that has
            # none): served, but kept by nobody, or anyone could fill every cache.
            patch_cache_control(response, private=True)
            response["X-Page-Cache"] = "bypass"
            return response
        self._mark_public(response, etag, last_modified)
        if key is None:
            response["X-Page-Cache"] = "off"
        else:
            entry = (etag, response.status_code, list(response.items()), response.content)
            cache.set(key, entry, settings.CICA_PAGE_CACHE_SECONDS)
            recent_pages.put(key, entry)
            response["X-Page-Cache"] = "miss"
        return self._conditional(request, response, etag, last_modified)

    @staticmethod
    def _own_address(request: HttpRequest, query: str) -> bool:
        """Whether the query is the page's own: none, or the year a year page accepted."""
        return not query or query == f"year={getattr(request, 'as_of_year', None)}"

    @staticmethod
    def _conditional(request, response, etag: str, last_modified) -> HttpResponse:
        """304 when the visitor's copy is this one (after the page is known to exist)."""
        return (
            get_conditional_response(
                request, etag=etag, last_modified=int(last_modified.timestamp()), response=response
            )
            or response
        )

    @staticmethod
    def _key(request: HttpRequest) -> str:
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return f"page:{hashlib.sha256(address.encode()).hexdigest()}"

    @staticmethod
    def _storable(response: HttpResponse) -> bool:
        """A complete 200 for everyone: not streamed, no cookie, no caching rule of its own."""
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "Cache-Control" not in response
        )

    @staticmethod
    def _mark_public(response: HttpResponse, etag: str = "", last_modified=None) -> None:
        # A browser that kept a visitor's copy must not show it once its user logs in.
        patch_vary_headers(response, ("Cookie",))
        if etag:
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified.timestamp())
        patch_cache_control(
            response,
            public=True,
            max_age=settings.CICA_CACHE_MAX_AGE,
            s_maxage=settings.CICA_CACHE_S_MAXAGE,
        )


# What a database or the ORM raises when a filter value cannot be a value of its field:
# a year beyond 9999, a number too large for the column, a NUL byte on PostgreSQL.
JUNK_ERRORS = (ValueError, OverflowError, DataError)


class AdminJunkQueryMiddleware:
    """A list in the admin asked for with values its filters or search cannot take gets
    the list without them and a message saying so, not a server error.

    Django's admin turns the values it checks into an "invalid lookup" redirect; those
    that fail only when the database runs the query (``?decade=10000``, a date beyond
    the calendar, a NUL byte in a search on PostgreSQL) reach here.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not (
            request.path.startswith("/admin/")
            and request.method in ("GET", "HEAD")
            and request.META.get("QUERY_STRING")
            and isinstance(exception, JUNK_ERRORS)
        ):
            return None
        logger.info(
            "Junk query on %s answered with the unfiltered list: %r", request.path, exception
        )
        if request.path.endswith("/autocomplete/"):
            return JsonResponse({"results": [], "pagination": {"more": False}})
        messages.warning(
            request, _("The filters or the search could not be applied; here is the whole list.")
        )
        return HttpResponseRedirect(request.path)
