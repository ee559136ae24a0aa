import datetime
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils.translation import override

from cica.models import Goal, Introduction
from members.models import State
from secretariat.models import Chairmanship
from tests.conftest import FOOTER_QUERIES, MEETING_NAME_QUERIES
from timeline.models import Event

LANGUAGES = ["en", "ru", "zh-hans", "ar"]


def make_goal(**overrides) -> Goal:
    fields = {"key": "peace", "text_en": "Keep the peace", "order": 1} | overrides
    return Goal.objects.create(**fields)


def html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("ru-RU,ru;q=0.9", "/ru/"), ("zh-CN,zh;q=0.9", "/zh-hans/"), ("ar", "/ar/"), ("de", "/en/")],
)
def test_root_redirects_by_accept_language(client, db, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})

    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(
    ("language", "direction"), [("en", "ltr"), ("ru", "ltr"), ("zh-hans", "ltr"), ("ar", "rtl")]
)
def test_home_page_declares_language_and_direction(client, site_data, language, direction):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    assert html_tag(response) == f'<html lang="{language}" dir="{direction}">'


@pytest.mark.parametrize(
    ("language", "goal_text", "heading"),
    [
        ("en", "Combat illicit drug production and trafficking", "Our goals"),
        ("ru", "Бороться с незаконным производством и оборотом наркотиков", "Наши цели"),
        ("zh-hans", "打击非法毒品生产和贩运", "我们的目标"),
        ("ar", "مكافحة إنتاج المخدرات غير المشروع والاتجار بها", "أهدافنا"),
    ],
)
def test_home_page_shows_goals_in_the_visitors_language(
    client, site_data, language, goal_text, heading
):
    response = client.get(f"/{language}/")

    assert goal_text in response.content.decode()
    assert heading in response.content.decode()
    assert len(response.context["goals"]) == 8


def test_home_page_follows_edits_to_the_goals(client, site_data):
    goal = Goal.objects.get(key="environment")
    goal.text_ru = "Сотрудничество в области экологии и климата"
    goal.save()

    response = client.get("/ru/")

    assert "Сотрудничество в области экологии и климата" in response.content.decode()


def test_untranslated_text_falls_back_to_english_marked_as_english(client, db):
    make_goal(text_en="Keep the peace", text_ru="")

    response = client.get("/ru/")

    assert '<span lang="en" dir="ltr">Keep the peace</span>' in response.content.decode()


def test_text_an_editor_enters_is_escaped(client, db):
    make_goal(text_en='<script>alert("x")</script>')

    content = client.get("/en/").content.decode()

    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content


def test_home_page_works_on_an_empty_database(client, db):
    response = client.get("/en/")

    assert response.status_code == 200


def test_home_page_query_count_is_constant(client, site_data, django_assert_num_queries):
    for index in range(40):
        make_goal(key=f"extra-{index}", text_en=f"Extra goal {index}", order=100 + index)
    for index in range(300):
        code = chr(65 + index // 26 % 26) + chr(65 + index % 26)
        state, created = State.objects.get_or_create(
            code=code, defaults={"slug": f"s-{index}", "name_en": code}
        )
        if created:
            state.status_changes.create(status="observer", date=None)

    for index in range(30):
        Event.objects.create(
            kind="ministerial", ordinal=20 + index, date=datetime.date(2030 + index, 1, 1),
            slug=f"future-{index}",
        )  # fmt: skip
        Chairmanship.objects.create(
            state=State.objects.get(code="KZ"), slug=f"chair-{index}",
            start_date=datetime.date(1993, 1, 1 + index), end_date=datetime.date(1993, 2, 1),
        )  # fmt: skip

    # introduction, goals, states with their status, organisation count, chairmanships,
    # the head of the Secretariat with the titles of the post, the latest and the next
    # meeting; the names of meetings; the footer's contacts
    with django_assert_num_queries(9 + MEETING_NAME_QUERIES + FOOTER_QUERIES):
        client.get("/en/")


@pytest.mark.parametrize(
    ("language", "members", "observers", "organisations"),
    [
        ("en", "28 member states", "9 observer states", "10 observer and partner organisations"),
        (
            "ru",
            "28 государств-членов",
            "9 государств-наблюдателей",
            "10 организаций — наблюдателей",
        ),
        ("zh-hans", "28 个成员国", "9 个观察员国", "10 个观察员组织和伙伴组织"),
        ("ar", "28 دولة عضواً", "9 دول مراقبة", "10 منظمات مراقبة وشريكة"),
    ],
)
def test_home_page_headline_figures_come_from_the_data(
    client, site_data, language, members, observers, organisations
):
    text = re.sub(r"<[^>]+>", "", client.get(f"/{language}/").content.decode())
    text = re.sub(r"\s+", " ", text)

    assert members in text
    assert observers in text
    assert organisations in text


def test_language_switcher_links_to_the_same_page_in_every_language(client, site_data):
    content = client.get("/ru/").content.decode()

    for code, name in [("en", "English"), ("zh-hans", "简体中文"), ("ar", "العربية")]:
        assert f'href="/{code}/" hreflang="{code}" lang="{code}"' in content
        assert name in content
    assert 'href="/ru/" hreflang="ru" lang="ru" dir="ltr" aria-current="true"' in content


def test_pages_list_their_alternates_with_x_default(client, site_data):
    content = client.get("/zh-hans/").content.decode()

    for code in LANGUAGES:
        assert (
            f'<link rel="alternate" hreflang="{code}" href="http://testserver/{code}/">' in content
        )
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/">' in content


def test_every_page_has_a_skip_link_to_the_main_content(client, site_data):
    content = client.get("/ar/").content.decode()

    assert '<a class="skip-link" href="#content">تخطَّ إلى المحتوى الرئيسي</a>' in content
    assert '<main id="content"' in content


def test_unknown_language_prefix_gets_the_sites_own_404(client, db):
    response = client.get("/xx/", headers={"accept-language": "en"})

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'class="skip-link"' in response.content.decode()


def test_unknown_page_404_is_in_the_visitors_language(client, db):
    response = client.get("/ru/no-such-page/")

    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_public_pages_allow_a_strict_content_security_policy(client, site_data):
    response = client.get("/en/")
    content = response.content.decode()

    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "style=" not in content
    # Only data the browser never runs may be inline: the page's JSON-LD.
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", content)
    assert inline == ['<script type="application/ld+json">']


def test_home_page_stays_under_the_weight_budget(client, site_data):
    html = client.get("/ar/").content
    # Read from the static folders: the test client does not serve static files (it
    # would measure a 404 page).
    css = Path(finders.find("css/site.css")).read_bytes()

    assert len(css) > 10_000
    assert len(html) + len(css) < 100_000


def test_sitemap_lists_every_language_with_alternates(client, site_data):
    response = client.get("/sitemap.xml")
    content = response.content.decode()

    assert response.status_code == 200
    for code in LANGUAGES:
        assert f"<loc>http://testserver/{code}/</loc>" in content
        assert f'hreflang="{code}" href="http://testserver/{code}/"' in content
    assert 'hreflang="x-default" href="http://testserver/"' in content


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_healthz_answers_ok_when_the_database_is_reachable(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\ncache: ok\n"


def test_introduction_links_to_the_home_page_in_each_language(db):
    introduction = Introduction.objects.create(tagline_en="t", about_en="a", mission_en="m")

    with override("ar"):
        assert introduction.get_absolute_url() == "/ar/"
    assert reverse("cica:home") == "/en/"
