"""A translator tries every way into every content admin: only translations may change.

The walk is generic: it reads the admins registered for the content apps, their
editable columns, actions, inlines and history, so that a new admin, column,
action or inline is tried without a new test. Each attempt leaves every content
row as it was, and the translator is told no: a 403, or a form without the field.
"""

import datetime
import io

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core import serializers
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, models, transaction
from django.forms.models import _get_foreign_key
from django.test import Client, RequestFactory
from django.urls import reverse
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from PIL import Image
from reversion.models import Version

from editorial.concurrency import TOKEN_FIELD
from editorial.roles import content_models
from tests.admin_forms import admin_form_data, changelist_form_data

TRANSLATED_LANGUAGES = ("ru", "zh-hans", "ar")

CONTENT_ADMINS = sorted(
    (
        model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in settings.CICA_CONTENT_APPS
    ),
    key=lambda model_admin: model_admin.opts.label,
)
WITH_EDITABLE_COLUMNS = [model_admin for model_admin in CONTENT_ADMINS if model_admin.list_editable]


def each_admin(admins=CONTENT_ADMINS):
    return pytest.mark.parametrize(
        "model_admin", admins, ids=[model_admin.opts.label for model_admin in admins]
    )


def member_of(group: str, username: str) -> Client:
    user = User.objects.create_user(username, password="a long password 123", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def translator_client(site_data) -> Client:
    return member_of("Translators", "translator")


@pytest.fixture
def editor_client(site_data) -> Client:
    return member_of("Editors", "editor")


def content_rows() -> dict[tuple[str, object], dict]:
    """Every content row, as its serialized fields, by model and primary key.

    An empty translation is the same whether stored as "" or as NULL: saving a form,
    anyone's, stores a missing translation as NULL (modeltranslation's nullable fields).
    """
    return {
        (row["model"], row["pk"]): {
            name: None if value == "" else value for name, value in row["fields"].items()
        }
        for model in content_models()
        for row in serializers.serialize("python", model._default_manager.order_by("pk"))
    }


def changes_since(before: dict) -> list[str]:
    """What differs from ``before``: rows added or deleted, and fields changed."""
    after = content_rows()
    found = [f"added {key}" for key in after.keys() - before.keys()]
    found += [f"deleted {key}" for key in before.keys() - after.keys()]
    for key in before.keys() & after.keys():
        found += [
            f"{key} {name}: {value!r} -> {after[key][name]!r}"
            for name, value in before[key].items()
            if after[key][name] != value
        ]
    return sorted(found)


def translations(model) -> set[str]:
    """The columns a translator may change: the non-English translations."""
    try:
        fields = translator.get_options_for_model(model).fields
    except NotRegistered:
        return set()
    return {
        build_localized_fieldname(field, language)
        for field in fields
        for language in TRANSLATED_LANGUAGES
    }


def writable_fields(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and not field.auto_created
    ]


def forbidden_fields(model) -> list[models.Field]:
    """English, the untranslated original of each translated field, and every other field."""
    allowed = translations(model)
    return [field for field in writable_fields(model) if field.name not in allowed]


def png() -> bytes:
    image = io.BytesIO()
    Image.new("RGB", (32, 24), "red").save(image, "PNG")
    return image.getvalue()


def changed_value(field: models.Field, current=None):
    """What a browser posts to give ``field`` another valid value; None to leave it out.

    Valid, as far as a field alone can say, so that an editor's form would save it:
    a translator's attempt is then refused by the admin, not by a typo in the test.
    """
    if isinstance(field, models.BooleanField):
        return None if current else "on"
    if field.choices:
        others = [str(value) for value, _label in field.flatchoices if value not in (current, "")]
        return others[0] if others else None
    if isinstance(field, models.ForeignKey):
        other = field.related_model._default_manager.exclude(pk=current).first()
        return str(other.pk) if other else None
    if isinstance(field, models.ImageField):
        return SimpleUploadedFile("changed.png", png(), content_type="image/png")
    if isinstance(field, models.FileField):
        pdf = b"%PDF-1.4\n% changed by a translator\n%%EOF\n"
        return SimpleUploadedFile("changed.pdf", pdf, content_type="application/pdf")
    if isinstance(field, models.DateField):
        day = current + datetime.timedelta(days=1) if current else datetime.date.today()
        return day.isoformat()
    if isinstance(field, models.IntegerField | models.DecimalField | models.FloatField):
        return str((current or 0) + 1)
    if isinstance(field, models.EmailField):
        return "changed@example.org"
    if isinstance(field, models.URLField):
        return "https://changed.example.org/"
    if isinstance(field, models.CharField) and field.max_length <= 3:
        return "ZZZ"[: field.max_length]  # codes are capitals
    if isinstance(field, models.SlugField):
        return "changed-by-a-translator"[: field.max_length]
    # Braces, for texts that must name the {number} of a meeting.
    return "Changed by a translator {number}"[: field.max_length]


def changed(data: dict, changes: dict) -> dict:
    """``data`` with ``changes``, where None leaves the field out."""
    data = data | changes
    return {name: value for name, value in data.items() if value is not None}


def url(model_admin, view: str, *args) -> str:
    opts = model_admin.opts
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def richest_object(model_admin):
    """The row with rows in the most inlines, so that the walk finds something to change."""
    model = model_admin.model
    keys = [_get_foreign_key(model, inline.model, inline.fk_name) for inline in model_admin.inlines]

    def rows_below(obj) -> tuple[int, int]:
        counts = [key.model._default_manager.filter(**{key.name: obj}).count() for key in keys]
        return sum(1 for count in counts if count), sum(counts)

    objects = list(model._default_manager.order_by("pk"))
    assert objects, f"The walk needs a {model._meta.label} in fixtures/ to try its admin."
    return max(objects, key=rows_below)


def change_behind_the_admin(obj) -> None:
    """Change a field of ``obj`` in the database, so that going back to a version would show."""
    model = type(obj)
    for field in writable_fields(model):
        if field.choices or field.unique:
            continue
        if isinstance(field, models.CharField | models.TextField) and (field.max_length or 99) > 30:
            value = "Changed since the version"
        elif isinstance(field, models.IntegerField):
            value = (getattr(obj, field.attname) or 0) + 1
        else:
            continue
        try:
            with transaction.atomic():
                model._default_manager.filter(pk=obj.pk).update(**{field.attname: value})
        except IntegrityError:
            continue  # the database refuses this one: another
        return
    raise AssertionError(f"Nothing in a {model._meta.label} to change after its version.")


def superuser_request():
    request = RequestFactory().get("/admin/")
    request.user = User.objects.create_superuser("root", password="a long password 123")
    return request


@each_admin()
def test_a_translators_change_list_changes_nothing(model_admin, translator_client, editor_client):
    editable_page = editor_client.get(url(model_admin, "changelist"))
    actions = list(model_admin.get_actions(superuser_request()))
    everything = [str(pk) for pk in model_admin.model._default_manager.values_list("pk", flat=True)]
    before = content_rows()

    page = translator_client.get(url(model_admin, "changelist"))
    if page.status_code == 200:
        assert page.context["cl"].formset is None
        assert page.context["action_form"] is None
    else:
        assert page.status_code == 302  # a single record's change list leads to its form
    for name in model_admin.list_editable:
        field = model_admin.model._meta.get_field(name)
        forms = editable_page.context["cl"].formset.forms
        data = changed(
            changelist_form_data(editable_page),
            {
                f"form-{index}-{name}": changed_value(field, form.instance.serializable_value(name))
                for index, form in enumerate(forms)
            },
        )
        response = translator_client.post(url(model_admin, "changelist"), data)
        assert changes_since(before) == [], f"list_editable {name}"
        assert response.status_code == 403, f"list_editable {name}"
    for action in actions:
        selected = {"action": action, "_selected_action": everything, "post": "yes"}
        # Run at once (as from the list) and as confirmed (as from a confirmation page).
        for data in (selected | {"index": 0}, selected):
            response = translator_client.post(url(model_admin, "changelist"), data)
            assert changes_since(before) == [], action
            assert response.status_code == 403, action

    assert changes_since(before) == []


@each_admin(WITH_EDITABLE_COLUMNS)
def test_editors_still_change_the_editable_columns(model_admin, editor_client):
    for name in model_admin.list_editable:
        field = model_admin.model._meta.get_field(name)
        page = editor_client.get(url(model_admin, "changelist"))
        form = page.context["cl"].formset.forms[0]
        value = changed_value(field, form.instance.serializable_value(name))
        data = changelist_form_data(page, **{f"form-0-{name}": value})

        response = editor_client.post(url(model_admin, "changelist"), data)

        assert response.status_code == 302, (
            response.context and response.context["cl"].formset.errors
        )
        changed = model_admin.model._default_manager.get(pk=form.instance.pk)
        assert str(changed.serializable_value(name)) == value


@each_admin()
def test_a_translators_change_form_changes_only_translations(model_admin, translator_client):
    model = model_admin.model
    obj = richest_object(model_admin)
    page = translator_client.get(url(model_admin, "change", obj.pk))
    assert page.status_code == 200
    before = content_rows()

    # What the translator sees: translations to edit, the rest read-only.
    # ... and the hidden snapshot that guards against saving over someone else's change.
    assert set(page.context["adminform"].form.fields) - {TOKEN_FIELD} <= translations(model)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        keep = {formset.fk.name, formset.model._meta.pk.name}
        assert not inline.has_add_permission, formset.prefix
        assert not inline.has_delete_permission, formset.prefix
        if not inline.has_change_permission:
            continue  # rows of content without translations are shown, never saved
        for form in formset.forms:
            assert set(form.fields) - keep <= translations(formset.model), formset.prefix

    # What the translator might post anyway, one thing at a time so that no other value
    # in the same post spoils the attempt: each other field of the form, each in the
    # rows of each inline, the rows deleted, a row added.
    base = admin_form_data(page)
    attempts = {
        field.name: {field.name: changed_value(field, obj.serializable_value(field.name))}
        for field in forbidden_fields(model)
    }
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        prefix, rows = formset.prefix, formset.initial_form_count()
        for field in forbidden_fields(formset.model):
            if field.name != formset.fk.name:
                attempts[f"{prefix}-*-{field.name}"] = {
                    f"{prefix}-{index}-{field.name}": changed_value(
                        field, form.instance.serializable_value(field.name)
                    )
                    for index, form in enumerate(formset.forms[:rows])
                }
        attempts[f"{prefix}-*-DELETE"] = {f"{prefix}-{index}-DELETE": "on" for index in range(rows)}
        attempts[f"{prefix}-{rows}"] = {f"{prefix}-TOTAL_FORMS": rows + 1} | {
            f"{prefix}-{rows}-{field.name}": changed_value(field)
            for field in writable_fields(formset.model)
            if field.name != formset.fk.name
        }
    for attempt, changes in attempts.items():
        response = translator_client.post(
            url(model_admin, "change", obj.pk), changed(base, changes)
        )

        assert response.status_code in {200, 302, 403}, attempt
        assert changes_since(before) == [], attempt


@each_admin()
def test_a_translator_cannot_add_delete_revert_or_recover(model_admin, translator_client):
    model = model_admin.model
    obj = richest_object(model_admin)
    call_command("createinitialrevisions", model._meta.label, verbosity=0)
    version = Version.objects.get_for_object(obj).first()
    change_behind_the_admin(obj)
    new = changed({}, {field.name: changed_value(field) for field in writable_fields(model)})
    form = changed(
        admin_form_data(translator_client.get(url(model_admin, "change", obj.pk))),
        {
            field.name: changed_value(field, obj.serializable_value(field.name))
            for field in forbidden_fields(model)
        },
    )
    before = content_rows()

    attempts = [
        ("get", url(model_admin, "add"), {}),
        ("post", url(model_admin, "add"), new),
        ("get", url(model_admin, "delete", obj.pk), {}),
        ("post", url(model_admin, "delete", obj.pk), {"post": "yes"}),
        ("post", url(model_admin, "revision", obj.pk, version.pk), form),
        ("get", url(model_admin, "recoverlist"), {}),
        ("get", url(model_admin, "recover", version.pk), {}),
        ("post", url(model_admin, "recover", version.pk), form),
    ]
    for method, address, data in attempts:
        response = getattr(translator_client, method)(address, data)
        assert response.status_code == 403, f"{method.upper()} {address}"
    # An old version may be shown, as the record is, read-only.
    response = translator_client.get(url(model_admin, "revision", obj.pk, version.pk))
    assert response.status_code == 403 or not response.context["adminform"].form.fields
    for name in model_admin.autocomplete_fields:
        query = {
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": name,
            "term": "a",
        }
        assert translator_client.get(reverse("admin:autocomplete"), query).status_code in {200, 403}

    assert changes_since(before) == []
