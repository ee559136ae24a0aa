"""The content version: one number that changes whenever any content changes.

Cached pages, their ``ETag`` and ``Last-Modified`` and cached fragments are keyed by
it, so that an edit makes every one of them stale at once, on every app server that
shares the cache, without knowing which pages show what. The version is the time of
the last change in microseconds (so it doubles as ``Last-Modified``) and lives in the
cache itself; a cache that lost it starts a new one, which is as safe as an edit.

It changes whenever a row of a content app is saved or deleted (an admin save with its
inlines, a revert or recovery, a translation, a fixture load) and again when that
transaction commits, and after ``migrate`` (a deployment may change how pages look).
"""

import datetime
import functools
import hashlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt

from .cache import clear_outage, outage_seen

logger = logging.getLogger(__name__)

VERSION_KEY = "content-version"

# The apps whose rows are shown on public pages.


def current_version() -> int | None:
    """The content version, or None when the cache cannot be reached.

    After this process failed to reach the cache, an edit made meanwhile may not have
    been recorded (here or on another server): a new version starts as soon as the
    cache answers again, and until then nothing is served from it.
    """
    if outage_seen():
        clear_outage()
        bump_version()
        if outage_seen():
            return None
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _now(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def versioned(name: str, compute, timeout: int):
    """``compute()``, kept in the cache under the current content version.

    For lookups that every page makes (the contacts in the footer, the names of
    meetings): any edit makes them stale at once, with the same guarantee as the pages,
    so that a request that read the rows during an edit cannot keep the old ones.
    ``compute()`` must not return None.
    """
    version = current_version()
    if version is None:
        return compute()
    key = f"{name}:{version:x}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def bump_version() -> int:
    """Start a new content version: everything cached before is stale.

    When the cache cannot be reached the change is not lost: this process retries in
    the background until it is recorded (and serves nothing from the cache meanwhile,
    see ``current_version``).
    """
    version = _record_new_version()
    if outage_seen():
        _retry_in_background()
    return version


def _record_new_version() -> int:
    version = max(_now(), (cache.get(VERSION_KEY) or 0) + 1)
    cache.set(VERSION_KEY, version, timeout=None)
    return version


# Seconds between two attempts to record a change the cache missed.
RETRY_SECONDS = 1
_retrying = threading.Lock()


def _retry_in_background() -> None:
    if not _retrying.acquire(blocking=False):
        return  # already retrying

    def retry() -> None:
        try:
            while True:
                time.sleep(RETRY_SECONDS)
                clear_outage()
                _record_new_version()
                if not outage_seen():
                    logger.warning("Cache reachable again: a new content version starts.")
                    return
        finally:
            _retrying.release()

    threading.Thread(target=retry, name="content-version-retry", daemon=True).start()


def version_time(version: int) -> datetime.datetime:
    """When the content of ``version`` last changed, as an aware datetime."""
    return datetime.datetime.fromtimestamp(version / 1_000_000, tz=datetime.UTC)


def page_validity(version: int) -> tuple[str, datetime.datetime]:
    """The ``ETag`` and ``Last-Modified`` of every public page under ``version``.

    Pages also depend on the Secretariat's calendar day (what is current), so a new day
    is a new validator even when nothing was edited.
    """
    today = timezone.localdate()
    start_of_day = datetime.datetime.combine(
        today, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    last_modified = max(version_time(version), start_of_day).replace(microsecond=0)
    return f'"{version:x}-{today:%Y%m%d}"', last_modified


def _now() -> int:
    return time.time_ns() // 1000


def _content_changed(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    if sender._meta.app_label not in settings.CICA_CONTENT_APPS:
        return
    # At once, so that this transaction's own later reads see the change, and again
    # when it commits, so that a page rendered meanwhile by another request from the
    # rows as they were is never found under the version that follows.
    bump_version()
    connection = connections[using]
    if connection.in_atomic_block and any(
        hook is bump_version for _savepoints, hook, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(bump_version, using=using, robust=True)


def _m2m_changed(sender, instance, action, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    if action.startswith("post_"):
        _content_changed(type(instance), using=using)


def _migrated(sender, **kwargs) -> None:
    if sender.label == "cica":
        bump_version()


def connect_signals() -> None:
    post_save.connect(_content_changed, dispatch_uid="cica-content-version-save")
    post_delete.connect(_content_changed, dispatch_uid="cica-content-version-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="cica-content-version-m2m")
    post_migrate.connect(_migrated, dispatch_uid="cica-content-version-migrate")


@functools.lru_cache(maxsize=8192)
def _remembered_reverse(urlconf, prefix: str, language: str, viewname: str, slug: str) -> str:
    return reverse(viewname, kwargs={"slug": slug})


def cached_reverse(viewname: str, slug: str) -> str:
    """``reverse(viewname, kwargs={"slug": slug})``, remembered per language, script prefix
    and URL configuration: lists ask it for every row of every page."""
    return _remembered_reverse(get_urlconf(), get_script_prefix(), get_language(), viewname, slug)


# The parts of a page that are cached whole (``{% cachedcontent %}`` in base.html).
FRAGMENTS = ("head", "header", "content", "footer")


def fragment_keys(request) -> dict[str, str]:
    """The cache keys of a page's fragments as this request sees them; none when they
    must be rendered (development, or no cache).

    A key holds everything its fragment may depend on: the content version, the
    Secretariat's day, the language, the page's address (with its year) and whether the
    visitor is an editor who sees drafts.
    """
    from editorial.drafts import can_preview

    from .context_processors import page_address

    if settings.DEBUG:
        return {}
    version = current_version()
    if version is None:
        return {}
    # An editor's session is read only when there is one: a visitor's page touches none.
    preview = settings.SESSION_COOKIE_NAME in request.COOKIES and can_preview(request.user)
    address = f"{request.get_host()}{page_address(request)}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    day = timezone.localdate()
    prefix = f"fragment:{version:x}:{day:%Y%m%d}:{get_language()}:{int(preview)}:{digest}"
    return {name: f"{prefix}:{name}" for name in FRAGMENTS}


class CachedContentMixin:
    """A page view whose fragments are cached under the content version.

    The data that only the page's content shows (and its structured data, in the head)
    comes from ``get_content_data()``, which runs only when the content or the head is
    not in the cache: a cached page then costs its view no query beyond what the page's
    title needs. One cache read fetches every fragment; the ``cachedcontent`` tag renders
    and stores those that were missing.
    """

    @classmethod
    def as_view(cls, **initkwargs):
        # A page takes no form: a POST, PUT or DELETE is answered by the view, 405 with
        # Allow, rather than refused by the CSRF check as if a form had been forged.
        return csrf_exempt(super().as_view(**initkwargs))

    def get_content_data(self) -> dict:
        return {}

    @cached_property
    def fragment_keys(self) -> dict[str, str]:
        return fragment_keys(self.request)

    @cached_property
    def cached_fragments(self) -> dict[str, str]:
        keys = self.fragment_keys
        found = cache.get_many(keys.values()) if keys else {}
        return {name: found[key] for name, key in keys.items() if key in found}

    @property
    def page_is_cached(self) -> bool:
        """Whether every fragment is cached: the view need only find its object."""
        return len(self.cached_fragments) == len(FRAGMENTS)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["fragment_keys"] = self.fragment_keys
        context["cached_fragments"] = self.cached_fragments
        # The head needs the content's data too: its structured data names what the
        # page shows (the officials on the Secretariat's page, cica.sharing).
        if not {"head", "content"} <= self.cached_fragments.keys():
            context.update(self.get_content_data())
        return context
