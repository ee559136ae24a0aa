import re

import pytest
from django.contrib.staticfiles import finders

from cica.models import Goal, Introduction
from tests.admin_forms import opened_version


@pytest.fixture
def admin_client_with_data(admin_client, site_data):
    return admin_client


def script_and_style_urls(content: str) -> list[str]:
    return re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+\.(?:js|css))"', content)


def test_translation_tabs_load_only_files_served_by_the_site(admin_client_with_data):
    goal = Goal.objects.first()
    content = admin_client_with_data.get(f"/admin/cica/goal/{goal.pk}/change/").content.decode()
    urls = script_and_style_urls(content)

    assert any("jquery-ui" in url for url in urls)
    assert any("tabbed_translation_fields.js" in url for url in urls)
    assert [url for url in urls if not url.startswith("/static/")] == []
    for url in urls:
        assert finders.find(url.removeprefix("/static/")), url


def test_admin_saves_a_goal_in_all_four_languages(admin_client_with_data, client):
    goal = Goal.objects.get(key="terrorism")
    data = {
        "text_en": "Eradicate terrorism",
        "text_ru": "Искоренить терроризм",
        "text_zh_hans": "根除恐怖主义",
        "text_ar": "القضاء على الإرهاب",
        "key": "terrorism",
        "order": 5,
    }

    url = f"/admin/cica/goal/{goal.pk}/change/"
    response = admin_client_with_data.post(url, opened_version(admin_client_with_data, url) | data)

    assert response.status_code == 302
    for language, text in [
        ("en", "Eradicate terrorism"),
        ("ru", "Искоренить терроризм"),
        ("zh-hans", "根除恐怖主义"),
        ("ar", "القضاء على الإرهاب"),
    ]:
        assert text in client.get(f"/{language}/").content.decode()


def test_a_goal_without_english_text_gets_a_form_error(admin_client_with_data):
    response = admin_client_with_data.post(
        "/admin/cica/goal/add/", {"text_en": "", "text_ru": "Цель", "key": "x", "order": 1}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["text_en"]
    assert not Goal.objects.filter(key="x").exists()


def test_introduction_opens_straight_on_its_only_record(admin_client_with_data):
    response = admin_client_with_data.get("/admin/cica/introduction/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/cica/introduction/1/change/"


def test_introduction_cannot_be_added_twice_or_deleted(admin_client_with_data):
    assert admin_client_with_data.get("/admin/cica/introduction/add/").status_code == 403
    assert admin_client_with_data.get("/admin/cica/introduction/1/delete/").status_code == 403
    assert Introduction.objects.count() == 1


def test_introduction_edits_reach_the_home_page(admin_client_with_data, client):
    introduction = Introduction.objects.get()
    data = {
        f"{field}_{language}": getattr(introduction, f"{field}_{language}")
        for field in ("tagline", "about", "mission")
        for language in ("en", "ru", "zh_hans", "ar")
    }
    data["tagline_ru"] = "Новый подзаголовок главной страницы"

    url = "/admin/cica/introduction/1/change/"
    response = admin_client_with_data.post(url, opened_version(admin_client_with_data, url) | data)

    assert response.status_code == 302
    assert "Новый подзаголовок главной страницы" in client.get("/ru/").content.decode()


def test_goal_list_is_searchable_in_any_language(admin_client_with_data):
    response = admin_client_with_data.get("/admin/cica/goal/", {"q": "恐怖主义"})

    assert [goal.key for goal in response.context["cl"].result_list] == ["terrorism"]
