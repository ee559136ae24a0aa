"""Every object with a public page links to it from the admin, in the editor's language."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType


def models_with_pages():
    return [
        model
        for model in admin.site._registry
        if model._meta.app_label in settings.CICA_CONTENT_APPS
        and hasattr(model, "get_absolute_url")
    ]


@pytest.mark.parametrize("model", models_with_pages(), ids=lambda model: model._meta.label)
def test_view_on_site_opens_the_public_page_in_the_editors_language(admin_client, site_data, model):
    obj = model._default_manager.first()
    opts = model._meta
    content = admin_client.get(f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/")
    link = f"/admin/r/{ContentType.objects.get_for_model(model).pk}/{obj.pk}/"
    assert link in content.content.decode()

    response = admin_client.get(link, headers={"accept-language": "zh-CN,zh;q=0.9"})

    assert response.status_code == 302
    location = response["Location"].removeprefix("http://testserver")
    assert location.startswith("/zh-hans/")
    page = admin_client.get(location.split("#")[0])
    assert page.status_code == 200
