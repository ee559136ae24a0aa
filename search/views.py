from dataclasses import dataclass

from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.views.generic import TemplateView

from cica.caching import CachedContentMixin

from .index import ensure_fresh
from .models import SearchEntry
from .query import find, nearest_names
from .text import clean_query, highlight, snippet, too_short

PAGE_SIZE = 20


@dataclass
class Result:
    url: str
    title: SafeString
    snippet: SafeString


@dataclass
class Group:
    kind: int
    label: str
    count: int
    results: list[Result]


def page_number(raw: str | None, pages: int) -> int:
    """The page asked for, within 1..pages; 1 for anything that is not a number."""
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return min(max(number, 1), max(pages, 1))


class SearchView(CachedContentMixin, TemplateView):
    """Every public object in the visitor's language, grouped by kind, ranked, the
    matching words marked, 20 a page (``search.query``).

    Never stored by the page cache (a query is not a page of its own, see
    ``cica.middleware``) nor in the sitemap; only the header and footer are cached
    fragments. A query too short, too long or made of symbols gets a page that says
    so, never an error.
    """

    template_name = "search/search.html"

    def get(self, request, *args, **kwargs):
        query, _cut = clean_query(request.GET.get("q", ""))
        if query:
            # The language switcher keeps the words (cica.context_processors.page_address).
            request.page_query = {"q": query}
        return super().get(request, *args, **kwargs)

    @cached_property
    def fragment_keys(self) -> dict[str, str]:
        # The header's language links carry the words: cached only for the empty page, so
        # that visitors' queries never fill the cache.
        # The footer does not depend on the words: its key is that of the empty page.
        query = self.request.__dict__.pop("page_query", None)
        try:
            keys = super().fragment_keys
        finally:
            if query:
                self.request.page_query = query
        kept = ("footer",) if query else ("header", "footer")
        return {name: key for name, key in keys.items() if name in kept}

    def get_content_data(self) -> dict:
        language = self.request.LANGUAGE_CODE
        query, cut = clean_query(self.request.GET.get("q", ""))
        context = {"query": query, "query_cut": cut, "groups": [], "suggestions": []}
        if not query:
            return context
        if too_short(query):
            context["too_short"] = True
            return context
        ensure_fresh(language)
        found = find(query, language)
        context["total"] = found.total
        context["counts"] = [
            (kind, label, found.counts[kind])
            for kind, label in SearchEntry.Kind.choices
            if kind in found.counts
        ]
        if not found.total:
            context["suggestions"] = nearest_names(query, language)
            return context
        pages = -(-found.total // PAGE_SIZE)
        number = page_number(self.request.GET.get("page"), pages)
        start = (number - 1) * PAGE_SIZE
        groups: list[Group] = []
        labels = dict(SearchEntry.Kind.choices)
        for entry in found.queryset[start : start + PAGE_SIZE]:
            if not groups or groups[-1].kind != entry.kind:
                groups.append(Group(entry.kind, labels[entry.kind], found.counts[entry.kind], []))
            groups[-1].results.append(
                Result(
                    url=entry.url,
                    title=highlight(entry.title, found.terms),
                    snippet=snippet(entry.text, found.terms) if entry.text else "",
                )
            )
        context.update(
            groups=groups,
            page=number,
            pages=pages,
            previous_page=number - 1 if number > 1 else None,
            next_page=number + 1 if number < pages else None,
        )
        return context
