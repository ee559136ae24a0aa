"""The search page as a visitor uses it, on SQLite and PostgreSQL alike (where the two
differ, the test says what each does)."""

import re

import pytest
from django.core.cache import cache
from django.db import connection

from members.models import State
from search.index import ensure_fresh
from search.models import SearchEntry
from search.text import fold, query_terms, words
from tests.admin_forms import admin_form_data, opened_version
from tests.conftest import FOOTER_QUERIES
from timeline.models import Document, Event

POSTGRESQL = connection.vendor == "postgresql"


def search(client, language: str, query: str, **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    """The titles of the results, as shown (without their marks)."""
    html = response.content.decode()
    found = re.findall(r'class="search-result__title" href="[^"]*">(.*?)</a>', html)
    return [re.sub(r"</?mark>", "", title) for title in found]


def urls(response) -> list[str]:
    return [result.url for group in response.context["groups"] for result in group.results]


def marked(response) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", response.content.decode())


def suggestions(response) -> list[str]:
    return [entry.title for entry in response.context["suggestions"]]


def status(response) -> str:
    html = response.content.decode()
    block = re.search(r'<div id="search-status".*?</div>', html, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", block).split())


def test_kazakhstan_finds_the_state_first(client, site_data):
    response = search(client, "en", "Kazakhstan")

    assert titles(response)[0] == "Kazakhstan"
    assert response.context["groups"][0].label == "States"
    assert "Kazakhstan" in marked(response)


def test_energy_security_finds_the_measure(client, site_data):
    response = search(client, "en", "energy security")

    assert titles(response)[0] == "Energy security"
    assert response.context["groups"][0].label == "Confidence building measures"
    assert marked(response)[:2] == ["Energy", "security"]


def test_russian_plural_finds_the_summits(client, site_data):
    # PostgreSQL stems with the russian configuration; both databases also look for a
    # long word without its ending (search.text.STEM_FROM), so SQLite finds them too.
    response = search(client, "ru", "саммиты")

    found = titles(response)
    assert "Шестой саммит СВМДА" in found
    assert "Первый саммит СВМДА" in found
    assert "саммит" in marked(response)


def test_shanghai_declaration_in_russian(client, site_data):
    response = search(client, "ru", "Шанхайская декларация")

    assert titles(response) == ["Шанхайская декларация"]
    assert response.context["groups"][0].label == "Документы"


def test_chinese_phrase_finds_numbered_summits(client, site_data):
    response = search(client, "zh-hans", "亚信峰会")

    found = titles(response)
    assert found[:6] == [
        "亚信第六次峰会",
        "亚信第五次峰会",
        "亚信第四次峰会",
        "亚信第三次峰会",
        "亚信第二次峰会",
        "亚信第一次峰会",
    ]
    assert "亚信" in marked(response) and "峰会" in marked(response)
    assert "信" not in marked(response)  # marked as words, not character by character


def test_a_single_chinese_character_is_a_search(client, site_data):
    response = search(client, "zh-hans", "峰")

    assert response.context["total"] > 0


@pytest.mark.parametrize("query", ["قمة", "القمة", "القمّة", "قمـــة", "بالقمة"])
def test_arabic_summit_in_every_spelling(client, site_data, query):
    response = search(client, "ar", query)

    assert "قمة سيكا السادسة" in titles(response)
    assert "إعلان القمة" in titles(response)


def test_arabic_hamza_forms_are_one_letter(client, site_data):
    with_hamza = titles(search(client, "ar", "الأمن"))
    bare = titles(search(client, "ar", "امن"))

    assert with_hamza and with_hamza == bare


def test_normalisation():
    assert fold("Türkiye") == "turkiye"
    assert fold("Ёлка") == "елка"
    assert words("القُمَّةُ وَالأَمْن") == ["قمه", "امن"]
    assert words("إسلام آسيا مؤتمر رئيس مستوى") == ["اسلام", "اسيا", "موتمر", "رييس", "مستوي"]
    assert query_terms("亚信峰会") == ["亚", "信", "峰", "会"]
    assert query_terms("a !&|():* %_") == []


def test_typo_suggests_the_nearest_name(client, site_data):
    response = search(client, "en", "Kazahstan")

    assert response.context["total"] == 0
    assert suggestions(response)[0] == "Kazakhstan"
    html = response.content.decode()
    assert '<a href="/en/members/kazakhstan/">Kazakhstan</a>' in html


def test_nothing_found_says_so_calmly(client, site_data):
    response = search(client, "en", "zzqqxx")

    assert status(response) == "Nothing was found for “zzqqxx”."
    assert suggestions(response) == []


def test_empty_query_shows_the_box(client, site_data):
    response = client.get("/en/search/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="search-query"' in html
    assert status(response).startswith("Type a name, a place, a year or any words")
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize("query", ["a", "я", "!", "  ", "%", "_"])
def test_one_letter_asks_for_two(client, site_data, query):
    response = search(client, "en", query)

    if query.strip():
        assert status(response) == "Type at least two letters (one Chinese character is enough)."
    else:
        assert status(response).startswith("Type a name")


def test_a_long_query_is_cut_with_a_note(client, site_data):
    response = search(client, "en", "Kazakhstan " * 50)

    assert "only its first 200 characters were used" in status(response)
    assert len(response.context["query"]) <= 200
    assert titles(response)[0] == "Kazakhstan"


@pytest.mark.parametrize(
    "query",
    [
        "!&|():*",
        "kazakh:* & !(x | y)",
        "' OR 1=1; --",
        "security\x00",
        "100% _energy_",
        "\\ \\\\ ''",
        "<>",
        "-security",
        '"energy',
        "саммит)&(",
    ],
)
def test_hostile_queries_are_plain_words(client, site_data, query):
    response = search(client, "en", query)

    assert "\x00" not in response.content.decode()
    assert response.context["query"] == " ".join(query.replace("\x00", " ").split())


def test_query_is_escaped(client, site_data):
    response = search(client, "en", "<script>alert(1)</script> Kazakhstan")
    html = response.content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_highlighted_text_is_escaped(client, site_data):
    state = State.objects.get(code="KZ")
    state.description_en = "Kazakhstan <b>bold</b> & <script>x()</script>"
    state.save()

    html = search(client, "en", "Kazakhstan").content.decode()

    assert "<b>bold</b>" not in html and "<script>x()" not in html
    assert "<mark>Kazakhstan</mark> &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;x()" in html


def test_results_are_grouped_in_a_fixed_order(client, site_data):
    response = search(client, "en", "Kazakhstan")

    labels = [group.label for group in response.context["groups"]]
    order = [label for _kind, label in SearchEntry.Kind.choices]
    assert labels == sorted(labels, key=order.index)
    assert labels[:2] == ["States", "Organisations"]
    counts = {label: count for _kind, label, count in response.context["counts"]}
    assert sum(counts.values()) == response.context["total"]


def test_results_are_paginated(client, site_data):
    first = search(client, "en", "CICA")
    total = first.context["total"]
    assert total > 40 and first.context["pages"] == -(-total // 20)

    second = search(client, "en", "CICA", page=2)
    last = search(client, "en", "CICA", page=first.context["pages"])

    assert len(titles(first)) == len(titles(second)) == 20
    assert not set(urls(first)) & set(urls(second))
    assert len(titles(last)) == total - 20 * (first.context["pages"] - 1)
    assert 'rel="next"' in first.content.decode() and 'rel="prev"' in last.content.decode()


@pytest.mark.parametrize("page", ["0", "-1", "x", "99999", "1e9", "2.5", ""])
def test_bad_page_numbers_give_a_page(client, site_data, page):
    response = search(client, "en", "CICA", page=page)

    assert response.context["page"] in (1, response.context["pages"])
    assert titles(response)


def test_drafts_are_not_found(client, site_data):
    event = Event.objects.get(slug="2017-informal-ministerial-meeting")
    event.published = False
    event.save()
    document = Document.objects.filter(event__slug="2014-4th-summit").first()
    document.published = False
    document.save()

    found = urls(search(client, "en", "informal ministerial meeting")) + urls(
        search(client, "en", "declaration")
    )

    assert found
    assert not any("2017-informal-ministerial-meeting" in url for url in found)
    assert not any(url.endswith(f"#document-{document.pk}") for url in found)


def test_an_area_added_later_is_found_from_its_year(client, site_data, today):
    import datetime

    from cbm.models import Area

    area = Area.objects.get(key="energy-security")
    area.since_year = 2030
    area.save()

    assert "Energy security" not in titles(search(client, "en", "energy security"))
    today(datetime.date(2030, 1, 1))
    assert "Energy security" in titles(search(client, "en", "energy security"))


def test_an_admin_edit_is_found_at_once(admin_client, client, site_data):
    assert search(client, "ru", "Казахстан").context["total"] > 0
    state = State.objects.get(code="KZ")
    url = f"/admin/members/state/{state.pk}/change/"
    form = admin_client.get(url)
    data = admin_form_data(form, name_ru="Республика Казахстан Тест")

    response = admin_client.post(url, opened_version(admin_client, url) | data)

    assert response.status_code == 302
    assert "Республика Казахстан Тест" in titles(search(client, "ru", "Республика Казахстан"))
    assert titles(search(client, "en", "Kazakhstan"))[0] == "Kazakhstan"


def test_a_deleted_object_disappears_at_once(client, site_data):
    assert "Energy security" in titles(search(client, "en", "energy security"))

    from cbm.models import Area

    Area.objects.get(key="energy-security").delete()

    assert "Energy security" not in titles(search(client, "en", "energy security"))


@pytest.mark.parametrize(
    ("query", "queries"),
    [
        # The index's state, the counts by kind, the page of results.
        ("CICA", 3),
        ("Kazakhstan", 3),
        # Nothing found: the nearest names instead of a page of results.
        ("Kazahstan", 3),
        # Nothing to search for.
        ("a", 0),
    ],
)
def test_search_queries_are_few_and_constant(
    client, site_data, django_assert_num_queries, query, queries
):
    ensure_fresh("en")
    cache.clear()
    with django_assert_num_queries(queries + FOOTER_QUERIES):
        search(client, "en", query)


def test_search_is_not_in_the_sitemap(client, site_data):
    assert "/search/" not in client.get("/sitemap.xml").content.decode()


def test_every_page_has_the_search_box(client, site_data):
    for path in ["/en/", "/ru/members/", "/zh-hans/history/", "/ar/structure/"]:
        html = client.get(path).content.decode()
        form = re.search(
            r'<form class="site-search" role="search" aria-label="[^"]+" action="([^"]+)"', html
        )
        assert form and form.group(1) == path[: path.index("/", 1)] + "/search/"
        assert '<label class="visually-hidden" for="site-search">' in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Search"), ("ru", "Поиск"), ("zh-hans", "搜索"), ("ar", "البحث")],
)
def test_the_page_is_in_the_visitors_language(client, site_data, language, heading):
    html = client.get(f"/{language}/search/").content.decode()

    assert f'<h1 id="search-heading">{heading}</h1>' in html


def test_a_query_page_is_not_stored_by_the_page_cache(client, site_data, settings):
    settings.DEBUG = False
    response = client.get("/en/search/", {"q": "Kazakhstan"})

    assert response["X-Page-Cache"] == "bypass"
    assert "private" in response["Cache-Control"]


def test_full_text_search_on_postgresql_only(client, site_data):
    # The english configuration stems what the crude stemming cannot (securities →
    # secur); SQLite, documented as simpler, finds nothing and suggests nearest names.
    response = search(client, "en", "energy securities")

    if POSTGRESQL:
        assert SearchEntry.objects.filter(vector=None).count() == 0
        assert "Energy security" in titles(response)
    else:
        assert SearchEntry.objects.exclude(vector=None).count() == 0
        assert titles(response) == []


def test_a_snippet_keeps_the_parts_of_an_entry_apart(client, site_data):
    """Place, country and description are separate lines of the entry, not one run-on
    phrase ("Астана Казахстан Саммит был…")."""
    html = search(client, "ru", "Шестой саммит").content.decode()

    assert re.search(r"Астана · Казахстан · ", html)


def test_the_language_switcher_keeps_the_words(client, site_data):
    html = search(client, "ru", "саммит").content.decode()

    assert 'href="/en/search/?q=%D1%81%D0%B0%D0%BC%D0%BC%D0%B8%D1%82"' in html
    assert 'href="/ar/search/?q=%D1%81%D0%B0%D0%BC%D0%BC%D0%B8%D1%82"' in html


def test_a_query_never_gives_the_header_a_cache_entry(client, site_data, settings):
    """Each visitor's words would otherwise be a header of their own in the cache."""
    settings.DEBUG = False
    cache.clear()

    def fragments() -> set[str]:
        return {key for key in cache._cache if ":fragment:" in key}  # the local memory cache

    search(client, "en", "first words")
    before = fragments()
    html = search(client, "en", "other words").content.decode()

    assert before and fragments() == before
    assert 'href="/ru/search/?q=other+words"' in html
