"""Finding entries of the index for a visitor's query.

Every database: an entry matches when its normalised text contains every term of the
query (``search.text.query_terms``: words, and each character of Chinese words), and
ranks higher when its title holds the whole query or all its terms.

PostgreSQL adds full-text search in the language's configuration, so that inflected
words are found (саммиты finds саммит, securities finds security), ranked with
``ts_rank`` (titles weigh more), and trigram similarity for the nearest names when
nothing matches (Kazahstan → Kazakhstan). SQLite has no stemming: the nearest names
come from ``difflib`` over the titles.
"""

import difflib
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, Count, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Greatest
from django.utils import timezone

from .index import configuration
from .models import SearchEntry
from .text import highlight_terms, normalised, query_terms

SUGGESTIONS = 5
# Least trigram word similarity of a suggested name (pg_trgm's own default is 0.6).
SIMILARITY = 0.45


def entries_for(language: str) -> QuerySet:
    today = timezone.localdate()
    return SearchEntry.objects.filter(language=language).filter(
        Q(visible_from__isnull=True) | Q(visible_from__lte=today)
    )


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


@dataclass
class Found:
    """The matching entries, ordered by kind then rank, and their numbers by kind."""

    queryset: QuerySet
    terms: list[str]  # to mark in the results
    counts: dict[int, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def find(text: str, language: str) -> Found:
    """The entries matching ``text`` in ``language``: a queryset not yet run, and their
    counts by kind (one query)."""
    terms = query_terms(text)
    phrase = normalised(text)
    matches = Q()
    for term in terms:
        matches &= Q(normalised__contains=term)
    rank = (
        Case(When(normalised_title=phrase, then=Value(4.0)), default=Value(0.0))
        + Case(When(normalised_title__contains=phrase, then=Value(2.0)), default=Value(0.0))
        + Case(
            When(Q(*(Q(normalised_title__contains=term) for term in terms)), then=Value(1.0)),
            default=Value(0.0),
        )
    )
    if is_postgresql():
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = SearchQuery(phrase, config=configuration(language), search_type="plain")
        matches |= Q(vector=query)
        rank = rank + SearchRank(F("vector"), query)
    queryset = (
        entries_for(language)
        .filter(matches)
        .annotate(rank=rank)
        .order_by("kind", "-rank", "position", "pk")
    )
    counts = dict(queryset.order_by().values_list("kind").annotate(count=Count("pk")))
    return Found(queryset=queryset, terms=highlight_terms(text), counts=counts)


def nearest_names(text: str, language: str) -> list[SearchEntry]:
    """The titles closest to ``text`` (for a query that found nothing): one query."""
    phrase = normalised(text)
    if not phrase:
        return []
    if is_postgresql():
        from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity

        similarity = Greatest(
            TrigramWordSimilarity(Value(phrase), "normalised_title"),
            TrigramSimilarity("normalised_title", Value(phrase)),
            output_field=FloatField(),
        )
        found = (
            entries_for(language)
            .annotate(similarity=similarity)
            .filter(similarity__gte=SIMILARITY)
            .order_by("-similarity", "kind", "position")[: SUGGESTIONS * 3]
        )
        return _distinct(found)
    titles = list(entries_for(language).only("title", "url", "normalised_title", "kind"))
    scored = []
    for entry in titles:
        candidates = [entry.normalised_title, *entry.normalised_title.split()]
        best = max(difflib.SequenceMatcher(None, phrase, c).ratio() for c in candidates)
        if best >= 0.75:
            scored.append((-best, entry.kind, entry))
    scored.sort(key=lambda item: item[:2])
    return _distinct(entry for _score, _kind, entry in scored)


def _distinct(entries) -> list[SearchEntry]:
    seen, kept = set(), []
    for entry in entries:
        if entry.title not in seen:
            seen.add(entry.title)
            kept.append(entry)
        if len(kept) == SUGGESTIONS:
            break
    return kept
