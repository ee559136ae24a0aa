"""The search index: every public object in every language, rebuilt whole when stale.

The content is small (a few hundred objects) and its pages show one object through
others (an event is named from its kind, number and the recorded names of meetings, a
document from its event), so the index is not patched object by object: any save or
delete of content (an admin save with its inlines, a revert, a fixture load) counts one
change in ``IndexState`` inside its own transaction, and the first search in a language
that finds the count ahead of that language's entries rebuilds them whole (a few hundred
rows), under a row lock so that only one request does, before answering. An edit is
thus found by the very next search, on every app server, with nothing to run by hand;
``manage.py searchindex`` rebuilds everything anyway.
"""

import datetime
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps as global_apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import F, Prefetch
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext as _
from django.utils.translation import override

from cbm.models import Dimension
from members.models import Organization, State
from secretariat.models import Body, Chairmanship, Person, Priority
from timeline.models import Document, Event

from .models import IndexState, SearchEntry
from .text import normalised

logger = logging.getLogger(__name__)

# PostgreSQL's text search configuration for each language: stemming for English and
# Russian; Chinese and Arabic are matched on their normalised words (search.text).
CONFIGURATIONS = {"en": "english", "ru": "russian", "zh-hans": "simple", "ar": "simple"}


def configuration(language: str) -> str:
    return CONFIGURATIONS.get(language, "simple")


@dataclass
class Entry:
    kind: int
    url: str
    title: str
    text: str
    visible_from: datetime.date | None = None


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _years(start: datetime.date | None, end: datetime.date | None) -> str:
    if start is None:
        return ""
    if end is None:
        return f"{start.year}–"
    return str(start.year) if end.year == start.year else f"{start.year}–{end.year}"


def entries() -> Iterator[Entry]:
    """The public objects in the active language: what visitors may see (no drafts)."""
    kind = SearchEntry.Kind
    for state in State.objects.all():
        yield Entry(
            kind.STATE,
            state.get_absolute_url(),
            state.name,
            _join(state.short_name, state.description),
        )
    for organization in Organization.objects.order_by("kind", "order", "name"):
        yield Entry(
            kind.ORGANIZATION,
            organization.get_absolute_url(),
            organization.name,
            _join(organization.abbreviation, organization.get_kind_display()),
        )
    for dimension in Dimension.objects.prefetch_related("areas"):
        yield Entry(
            kind.MEASURE, dimension.get_absolute_url(), dimension.name, dimension.description
        )
        for area in dimension.areas.all():
            since = datetime.date(area.since_year, 1, 1) if area.since_year else None
            yield Entry(
                kind.MEASURE, area.get_absolute_url(), area.name, dimension.name, visible_from=since
            )
    events = Event.objects.published().select_related("host_state").order_by("-date", "-pk")
    for event in events:
        yield Entry(
            kind.EVENT,
            event.get_absolute_url(),
            event.name,
            _join(
                event.when,
                event.place,
                event.host_state.name if event.host_state else "",
                event.theme,
                event.description,
            ),
        )
    documents = (
        Document.objects.published()
        .filter(event__published=True)
        .select_related("event")
        .order_by("-event__date", "order", "pk")
    )
    for document in documents:
        yield Entry(
            kind.DOCUMENT,
            document.get_absolute_url(),
            document.title,
            _join(document.event.name, document.event.when),
        )
    for body in Body.objects.prefetch_related("former_names"):
        former = [name.name for name in body.former_names.all()]
        yield Entry(
            kind.BODY, body.get_absolute_url(), body.name, _join(body.role, body.frequency, *former)
        )
    people = Person.objects.published().select_related("position", "nationality")
    for person in people.order_by("position__order", F("start_date").desc(nulls_last=True)):
        yield Entry(
            kind.PERSON,
            person.get_absolute_url(),
            person.name,
            _join(person.position.title, person.nationality.name if person.nationality else ""),
        )
    priorities = Prefetch("priorities", queryset=Priority.objects.published())
    chairmanships = Chairmanship.objects.select_related("state").prefetch_related(priorities)
    for chairmanship in chairmanships:
        title = _("{state}: chairmanship {years}").format(
            state=chairmanship.state.name,
            years=_years(chairmanship.start_date, chairmanship.end_date),
        )
        yield Entry(
            kind.CHAIRMANSHIP,
            chairmanship.get_absolute_url(),
            title.strip(),
            _join(
                chairmanship.theme, *(priority.text for priority in chairmanship.priorities.all())
            ),
        )


def rows(language: str) -> list[SearchEntry]:
    with override(language):
        return [
            SearchEntry(
                language=language,
                kind=entry.kind,
                url=entry.url,
                title=entry.title[:400],
                text=entry.text,
                normalised_title=normalised(entry.title)[:400],
                normalised=normalised(entry.title, entry.text),
                visible_from=entry.visible_from,
                position=position,
            )
            for position, entry in enumerate(entries())
        ]


def rebuild(language: str) -> int:
    """Replace the entries of ``language`` with the content as it is now; their number."""
    from django.contrib.postgres.search import SearchVector

    with transaction.atomic():
        SearchEntry.objects.filter(language=language).delete()
        count = len(SearchEntry.objects.bulk_create(rows(language), batch_size=500))
        if connection.vendor == "postgresql":
            config = configuration(language)
            SearchEntry.objects.filter(language=language).update(
                vector=SearchVector("normalised_title", weight="A", config=config)
                + SearchVector("normalised", weight="B", config=config)
            )
    return count


def rebuild_all() -> int:
    return sum(rebuild_if_stale(language, force=True) for language, _name in settings.LANGUAGES)


def ensure_fresh(language: str) -> None:
    """Rebuild the entries of ``language`` if content changed since they were built: one
    query when it did not."""
    values = dict(
        IndexState.objects.filter(key__in=[IndexState.EDITS, language]).values_list("key", "value")
    )
    if language in values and values[language] == values.get(IndexState.EDITS, 0):
        return
    rebuild_if_stale(language)


def rebuild_if_stale(language: str, force: bool = False) -> int:
    with transaction.atomic():
        # Whoever holds the language's row rebuilds; the others wait, then find it fresh.
        # The count of changes is read before the content: a change that commits meanwhile
        # leaves the language stale, to be rebuilt by the next search.
        state, _created = IndexState.objects.select_for_update().get_or_create(
            key=language, defaults={"value": -1}
        )
        edits = IndexState.objects.filter(key=IndexState.EDITS).values_list("value", flat=True)
        edits = edits.first() or 0
        if state.value == edits and not force:
            return 0
        count = rebuild(language)
        IndexState.objects.filter(key=language).update(value=edits)
    global _marked
    _marked = _Marker()
    logger.info("Search index rebuilt in %s: %d entries.", language, count)
    return count


class _Marker:
    """Stands in a transaction's commit hooks for "a change is counted": a transaction
    counts its first change only. A new marker after each rebuild, so that a transaction
    that searched (and so rebuilt) counts its next change again."""

    def __call__(self) -> None:
        pass


_marked = _Marker()


def mark_stale(using: str = DEFAULT_DB_ALIAS) -> None:
    """Count a content change: the next search rebuilds the index."""
    conn = connections[using]
    if conn.in_atomic_block and any(hook is _marked for _sids, hook, _robust in conn.run_on_commit):
        return  # counted once per transaction
    states = IndexState.objects.using(using)
    if not states.filter(key=IndexState.EDITS).update(value=F("value") + 1):
        states.get_or_create(key=IndexState.EDITS, defaults={"value": 1})
    if conn.in_atomic_block:
        transaction.on_commit(_marked, using=using)


def _content_changed(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    # Migrations save rows of historical models, before this app's table may exist.
    if sender._meta.app_label in settings.CICA_CONTENT_APPS and sender._meta.apps is global_apps:
        mark_stale(using)


def _m2m_changed(sender, instance, action, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    if action.startswith("post_"):
        _content_changed(type(instance), using=using)


def _migrated(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    # A deployment may rename things in the interface's translations (event names).
    # (Unless this app was migrated back to before its tables.)
    tables = connections[using].introspection.table_names()
    if sender.label == "search" and IndexState._meta.db_table in tables:
        mark_stale(using)


def connect_signals() -> None:
    post_save.connect(_content_changed, dispatch_uid="search-index-save")
    post_delete.connect(_content_changed, dispatch_uid="search-index-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="search-index-m2m")
    post_migrate.connect(_migrated, dispatch_uid="search-index-migrate")
