"""Two editors on one record: the second save is stopped with what changed, never lost in
silence, and saving again applies it (on SQLite and PostgreSQL)."""

import re

import pytest
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from editorial.concurrency import TOKEN_FIELD
from members.models import Organization, State
from secretariat.singleton import SingletonModel
from tests.admin_forms import admin_form_data, changelist_form_data
from timeline.models import Event

UNSAFE_FLAGS = {"published", "correction"}  # hides the record; asks for a renaming


def content_admins():
    return sorted(
        (
            (model, model_admin)
            for model, model_admin in admin.site._registry.items()
            if model._meta.app_label in settings.CICA_CONTENT_APPS
        ),
        key=lambda item: item[0]._meta.label,
    )


def change_url(obj) -> str:
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def editor(username: str) -> Client:
    user = get_user_model().objects.create_superuser(username, f"{username}@example.org", "x")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def alice(site_data) -> Client:
    return editor("alice")


@pytest.fixture
def bob(site_data) -> Client:
    return editor("bob")


def some_record(model):
    if issubclass(model, SingletonModel):
        return model.objects.get_solo()
    return model._default_manager.order_by("pk").first()


def editable_fields(form) -> list:
    return [
        bound
        for bound in form
        if bound.name != TOKEN_FIELD
        and not bound.is_hidden
        and not getattr(bound.field, "disabled", False)
    ]


def changes_for(form, count: int) -> list[tuple[str, str, str, str]]:
    """Up to ``count`` harmless changes of different fields: (name, value to send, label,
    value stored after).

    Russian, then Arabic text where there is some (it renames nothing and is free
    text); otherwise an order number, a flag or an empty year.
    """
    changes = []
    fields = editable_fields(form)
    for language in ("_ru", "_ar"):
        for bound in fields:
            if bound.name.endswith(language) and type(bound.field) is forms.CharField:
                value = f"{bound.value() or ''} (правка {len(changes) + 1})".strip()
                changes.append((bound.name, value, str(bound.label), value))
    for bound in fields:
        if bound.name == "order" and isinstance(bound.field, forms.IntegerField):
            value = str(int(bound.value() or 0) + 7)
            changes.append(("order", value, str(bound.label), value))
        elif isinstance(bound.field, forms.BooleanField) and bound.name not in UNSAFE_FLAGS:
            checked = bool(bound.value())
            changes.append(
                (bound.name, "" if checked else "on", str(bound.label), str(not checked))
            )
    for bound in fields:
        if isinstance(bound.field, forms.IntegerField) and bound.value() in (None, ""):
            changes.append((bound.name, "2000", str(bound.label), "2000"))
    return changes[:count]


def stored(obj, name: str) -> str:
    obj.refresh_from_db()
    value = getattr(obj, name)
    return "" if value is None else str(value)


def conflict_text(response) -> str:
    return " ".join(str(error) for error in response.context["adminform"].form.non_field_errors())


@pytest.mark.parametrize("model_admin", content_admins(), ids=lambda item: item[0]._meta.label)
def test_a_save_over_someone_elses_change_is_stopped_then_applied_when_repeated(
    alice, bob, model_admin
):
    model, _admin = model_admin
    obj = some_record(model)
    url = change_url(obj)
    alice_page = alice.get(url)
    assert alice_page.status_code == 200
    form = alice_page.context["adminform"].form
    changes = changes_for(form, 2)
    assert len(changes) == 2, f"{model._meta.label}: not two fields to change in this test"
    (bob_field, bob_value, bob_label, bob_stored), (alice_field, alice_value, _l, alice_stored) = (
        changes
    )
    alice_before = stored(obj, alice_field)

    response = bob.post(url, admin_form_data(bob.get(url), **{bob_field: bob_value}))
    assert response.status_code == 302, response.context["adminform"].form.errors
    response = alice.post(url, admin_form_data(alice_page, **{alice_field: alice_value}))

    assert response.status_code == 200
    assert stored(obj, alice_field) == (bob_stored if alice_field == bob_field else alice_before)
    assert stored(obj, bob_field) == bob_stored
    message = conflict_text(response)
    assert message.startswith("bob saved this record on "), message
    assert bob_label[0].upper() + bob_label[1:] in message, message
    assert "saving again will apply your version" in message

    again = alice.post(url, admin_form_data(response))
    assert again.status_code == 302, again.context and again.context["adminform"].form.errors
    assert stored(obj, alice_field) == alice_stored


def inline_row_change(response):
    """A change to the first stored row of the first inline that has one."""
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        if not formset.initial_form_count():
            continue
        changes = changes_for(formset.forms[0], 1)
        if changes:
            return formset.forms[0].instance, changes[0]
    return None, None


def admins_with_inline_rows():
    return [item for item in content_admins() if item[1].inlines]


@pytest.mark.parametrize(
    "model_admin", admins_with_inline_rows(), ids=lambda item: item[0]._meta.label
)
def test_a_change_to_an_inline_row_stops_a_save_too(alice, bob, model_admin):
    model, _admin = model_admin
    obj = next(
        record
        for record in model._default_manager.order_by("pk")
        if inline_row_change(alice.get(change_url(record)))[0] is not None
    )
    url = change_url(obj)
    alice_page = alice.get(url)
    row, (row_field, row_value, row_label, row_stored) = inline_row_change(alice_page)
    prefix = next(
        inline.formset.prefix
        for inline in alice_page.context["inline_admin_formsets"]
        if inline.formset.initial_form_count() and inline.formset.forms[0].instance == row
    )
    alice_field, alice_value, _label, alice_stored = changes_for(
        alice_page.context["adminform"].form, 1
    )[0]
    alice_before = stored(obj, alice_field)

    bob_data = admin_form_data(bob.get(url), **{f"{prefix}-0-{row_field}": row_value})
    assert bob.post(url, bob_data).status_code == 302
    response = alice.post(url, admin_form_data(alice_page, **{alice_field: alice_value}))

    assert response.status_code == 200
    assert stored(obj, alice_field) == alice_before
    assert stored(row, row_field) == row_stored
    message = conflict_text(response)
    assert f"“{row}”" in message and row_label in message, message

    assert alice.post(url, admin_form_data(response)).status_code == 302
    assert stored(obj, alice_field) == alice_stored


def test_the_message_lists_each_change_with_old_and_new_values(alice, bob):
    event = Event.objects.get(slug="2014-4th-summit")
    url = change_url(event)
    alice_page = alice.get(url)
    document = event.documents.get(order=10)
    bob_data = admin_form_data(
        bob.get(url),
        place_ru="Шанхай (КНР)",
        published="",
        **{"documents-0-title_ru": "Шанхайская декларация 2014"},
    )
    bob_data.pop("published")
    assert bob.post(url, bob_data).status_code == 302

    response = alice.post(url, admin_form_data(alice_page, theme_ar="موضوع"))

    errors = [str(error) for error in response.context["adminform"].form.non_field_errors()]
    assert errors[1:-1] == [
        "What changed since you opened the form:",
        "Place [ru]: Шанхай → Шанхай (КНР)",
        "Published: yes → no",
        f"Documents, “{document}”: Title [ru]: Шанхайская декларация → Шанхайская декларация 2014",
    ]
    event.refresh_from_db()
    assert event.theme_ar != "موضوع"


def history(state) -> list:
    return list(state.status_changes.order_by("date").values_list("status", "date", "precision"))


def test_a_row_removed_meanwhile_is_named_and_saving_again_puts_it_back(alice, bob):
    state = State.objects.get(code="LK")
    url = change_url(state)
    alice_page = alice.get(url)
    first = state.status_changes.order_by("date").first()
    before = history(state)
    bob_data = admin_form_data(bob.get(url))
    index = next(
        i
        for i in range(int(bob_data["status_changes-TOTAL_FORMS"]))
        if bob_data.get(f"status_changes-{i}-id") == str(first.pk)
    )
    bob_data[f"status_changes-{index}-DELETE"] = "on"
    assert bob.post(url, bob_data).status_code == 302

    response = alice.post(url, admin_form_data(alice_page, name_ar="سريلانكا ١"))

    assert response.status_code == 200
    assert f"Status over time: “{first}” removed" in conflict_text(response)
    state.refresh_from_db()
    assert state.name_ar != "سريلانكا ١"
    rows = response.context["inline_admin_formsets"][0].formset
    assert (rows.initial_form_count(), rows.total_form_count()) == (1, 2)

    assert alice.post(url, admin_form_data(response)).status_code == 302
    state.refresh_from_db()
    assert state.name_ar == "سريلانكا ١"
    assert history(state) == before
    assert not state.status_changes.filter(pk=first.pk).exists()  # put back as a new row


@pytest.mark.parametrize(
    "token", [None, "", "junk", "a:b:c"], ids=["missing", "empty", "junk", "forged"]
)
def test_a_form_without_a_valid_snapshot_is_refused_then_applied(alice, token):
    state = State.objects.get(code="MN")
    url = change_url(state)
    data = admin_form_data(alice.get(url), name_ru="Монголия 2")
    if token is None:
        del data[TOKEN_FIELD]
    else:
        data[TOKEN_FIELD] = token

    response = alice.post(url, data)

    assert response.status_code == 200
    assert "cannot be checked against changes saved by others" in conflict_text(response)
    state.refresh_from_db()
    assert state.name_ru == "Монголия"
    assert alice.post(url, admin_form_data(response)).status_code == 302
    state.refresh_from_db()
    assert state.name_ru == "Монголия 2"


def test_a_snapshot_of_another_record_is_refused(alice):
    mongolia, china = State.objects.get(code="MN"), State.objects.get(code="CN")
    data = admin_form_data(alice.get(change_url(mongolia)), name_ru="Монголия 2")
    data[TOKEN_FIELD] = admin_form_data(alice.get(change_url(china)))[TOKEN_FIELD]

    response = alice.post(change_url(mongolia), data)

    assert response.status_code == 200
    mongolia.refresh_from_db()
    assert mongolia.name_ru == "Монголия"


def test_a_record_deleted_while_the_form_was_open_gets_a_message(alice, bob):
    event = Event.objects.get(slug="2014-4th-summit")
    url = change_url(event)
    alice_page = alice.get(url)
    assert bob.post(f"/admin/timeline/event/{event.pk}/delete/", {"post": "yes"}).status_code == 302

    response = alice.post(url, admin_form_data(alice_page, theme_ru="Тема"), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/admin/timeline/event/"
    text = " ".join(str(message) for message in response.context["messages"])
    assert "was deleted by someone else while your form was open" in text
    assert not Event.objects.filter(slug="2014-4th-summit").exists()


def test_the_snapshot_is_hidden_and_not_in_the_history(alice):
    state = State.objects.get(code="MN")
    url = change_url(state)
    page = alice.get(url)
    content = page.content.decode()
    assert re.search(rf'<input type="hidden" name="{TOKEN_FIELD}" value="[^"]+"', content)

    alice.post(url, admin_form_data(page, name_ru="Монголия 2"))

    history = alice.get(f"{url.removesuffix('change/')}history/").content.decode()
    assert "Changed Name [ru]." in history
    assert "version opened" not in history.lower()


def test_the_row_is_locked_while_it_is_checked_and_saved(alice):
    """On PostgreSQL; SQLite has no row locks (a writer holds the whole file)."""
    state = State.objects.get(code="MN")
    url = change_url(state)
    data = admin_form_data(alice.get(url), name_ru="Монголия 2")

    with CaptureQueriesContext(connection) as queries:
        assert alice.post(url, data).status_code == 302

    locks = [query["sql"] for query in queries if "FOR UPDATE" in query["sql"]]
    if connection.features.has_select_for_update:
        assert len(locks) == 1 and '"members_state"' in locks[0]
    else:
        assert locks == []


def order_field(response, obj) -> str:
    formset = response.context["cl"].formset
    form = next(form for form in formset.forms if form.instance.pk == obj.pk)
    return form["order"].html_name


@pytest.mark.parametrize(
    "model_admin",
    [item for item in content_admins() if item[1].list_editable],
    ids=lambda item: item[0]._meta.label,
)
def test_a_list_saved_over_someone_elses_change_is_stopped_then_applied(alice, bob, model_admin):
    model, _admin = model_admin
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    alice_page = alice.get(url)
    first, second = [form.instance for form in alice_page.context["cl"].formset.forms[:2]]
    bob_page = bob.get(url)
    assert (
        bob.post(
            url, changelist_form_data(bob_page, **{order_field(bob_page, first): "77"})
        ).status_code
        == 302
    )

    response = alice.post(
        url, changelist_form_data(alice_page, **{order_field(alice_page, second): "88"})
    )

    assert response.status_code == 200
    errors = [str(error) for error in response.context["cl"].formset.non_form_errors()]
    assert errors[1:-1] == [f"“{first}”: Order: {first.order} → 77"]
    second.refresh_from_db()
    assert second.order != 88

    assert alice.post(url, changelist_form_data(response)).status_code == 302
    assert model.objects.get(pk=first.pk).order == first.order  # the list's value
    assert model.objects.get(pk=second.pk).order == 88


def test_a_list_without_a_valid_snapshot_is_refused_then_applied(alice):
    organization = Organization.objects.order_by("pk").first()
    url = "/admin/members/organization/"
    page = alice.get(url)
    data = changelist_form_data(page, **{order_field(page, organization): "66"})
    data = {name: value for name, value in data.items() if not name.endswith(TOKEN_FIELD)}

    response = alice.post(url, data)

    assert response.status_code == 200
    organization.refresh_from_db()
    assert organization.order != 66
    assert alice.post(url, changelist_form_data(response)).status_code == 302
    organization.refresh_from_db()
    assert organization.order == 66
