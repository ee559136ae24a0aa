"""Two editors on one record: the second save is stopped, not lost in silence.

A change form carries a hidden field with a signed snapshot of the record as it
was stored when the form was opened: its fields, its many-to-many choices and
the rows of every inline shown on the form. Before a change is saved, the record
is locked (``SELECT ... FOR UPDATE`` on PostgreSQL, so two saves cannot both pass
the check) and read again. If it no longer matches the snapshot, nothing is
saved: the form comes back with the editor's input, a list of what changed since
it was opened (and who saved it, from django-reversion's history), and a fresh
snapshot, so that saving again applies the editor's version over the other one.

A list page whose rows are edited in place (``list_editable``) carries the same
kind of snapshot of the columns it edits; a row saved from it that someone else
has changed since is refused the same way.

A form without a valid snapshot (an old page, or data altered on the way) cannot
show that it saw the stored record, so it is treated like one that is out of
date: nothing is saved, the form comes back, and saving again applies it.
"""

import datetime
import decimal
import json
import re
import uuid

import reversion
from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.admin.options import TO_FIELD_VAR
from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, router, transaction
from django.db.models.fields.files import FieldFile
from django.http import HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from reversion.models import Version

TOKEN_FIELD = "_opened_version"
CONFLICT_ATTRIBUTE = "_cica_edit_conflict"
SALT = "members.concurrency"  # its first home: a new salt would refuse open forms
SHOWN_CHARACTERS = 80
MAX_ROWS = 1000  # a formset's own ceiling (forms.formsets.DEFAULT_MAX_NUM)


class OpenedVersionField(forms.CharField):
    """The hidden snapshot; never counted as a change in the history."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data) -> bool:
        return False


def _plain(value):
    """A stored value as JSON, so that a snapshot compares equal after signing."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return str(value)


def _stored_fields(model) -> list[models.Field]:
    """The columns of a record that the snapshot compares.

    The original field of a translated one (``name`` beside ``name_en``...) is left
    out: it reads the request's language, and its columns are already there.
    """
    try:
        originals = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        originals = set()
    return [
        field
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if field.name not in originals
    ]


def record_state(obj) -> dict:
    values = {}
    for field in _stored_fields(type(obj)):
        if field.many_to_many:
            values[field.name] = sorted(
                _plain(related.pk) for related in getattr(obj, field.name).all()
            )
        else:
            value = _plain(field.value_from_object(obj))
            # A form saves an empty text as "" where the fixtures left NULL: no change.
            if value is None and isinstance(field, models.CharField | models.TextField):
                value = ""
            values[field.name] = value
    return values


def inline_prefixes(formsets_with_inlines):
    """The prefixes the admin gives inline formsets (``_create_formsets`` numbers repeats)."""
    seen = {}
    for formset_class, inline in formsets_with_inlines:
        prefix = formset_class.get_default_prefix()
        seen[prefix] = seen.get(prefix, 0) + 1
        if seen[prefix] != 1 or not prefix:
            prefix = f"{prefix}-{seen[prefix]}"
        yield prefix, formset_class, inline


class ConcurrentEditMixin:
    """For a ``ModelAdmin``: refuse a save based on a record someone else has changed since."""

    # Snapshots.

    def edit_snapshot(self, request, obj) -> dict:
        """The record and its inline rows as stored, with names to show them by."""
        rows, labels, inlines = {}, {}, {}
        for prefix, formset_class, inline in inline_prefixes(
            self.get_formsets_with_inlines(request, obj)
        ):
            formset = formset_class(
                instance=obj, prefix=prefix, queryset=inline.get_queryset(request)
            )
            rows[prefix] = {str(row.pk): record_state(row) for row in formset.get_queryset()}
            labels[prefix] = {str(row.pk): str(row) for row in formset.get_queryset()}
            inlines[prefix] = {
                "title": str(capfirst(inline.verbose_name_plural or "")),
                "model": inline.model._meta.label,
            }
        return {
            "opened": timezone.now().isoformat(),
            "state": json.loads(json.dumps({"record": record_state(obj), "rows": rows})),
            "labels": labels,
            "inlines": inlines,
        }

    def edit_token(self, snapshot: dict, obj) -> str:
        return signing.dumps(snapshot, salt=self._edit_salt(obj), compress=True)

    def _edit_salt(self, obj) -> str:
        return f"{SALT}:{obj._meta.label}:{obj.pk}"

    def _read_token(self, token, obj) -> dict | None:
        if not token:
            return None
        try:
            snapshot = signing.loads(token, salt=self._edit_salt(obj))
        except (signing.BadSignature, ValueError, TypeError):
            return None
        if not isinstance(snapshot, dict) or not isinstance(snapshot.get("state"), dict):
            return None
        return snapshot

    # The form.

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        return [*fieldsets, (None, {"fields": [TOKEN_FIELD], "classes": ["hidden"]})]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if kwargs.get("fields"):
            kwargs["fields"] = [name for name in kwargs["fields"] if name != TOKEN_FIELD]
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or not self.has_change_permission(request, obj):
            return form  # nothing to save, nothing to check
        admin = self

        class ConcurrentEditForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields[TOKEN_FIELD] = OpenedVersionField(
                    label=_("version opened"), required=False
                )
                if not self.is_bound:
                    self.initial[TOKEN_FIELD] = admin.edit_token(
                        admin.edit_snapshot(request, self.instance), self.instance
                    )

            def clean(self):
                conflict = getattr(request, CONFLICT_ATTRIBUTE, None)
                if conflict:
                    raise forms.ValidationError(conflict)
                return super().clean()

        return ConcurrentEditForm

    # The list: rows changed in place (``list_editable``) are checked the same way.

    def get_changelist_formset(self, request, **kwargs):
        formset = super().get_changelist_formset(request, **kwargs)
        admin = self

        class ConcurrentListFormSet(formset):
            @cached_property
            def management_form(self):
                form = super().management_form
                form.fields[TOKEN_FIELD] = OpenedVersionField(required=False)
                if not self.is_bound:
                    form.initial[TOKEN_FIELD] = admin._list_token(
                        [form.instance for form in self.forms]
                    )
                return form

            def clean(self):
                super().clean()
                admin._check_list(self)

        return ConcurrentListFormSet

    def changelist_view(self, request, extra_context=None):
        if request.method != "POST":
            return super().changelist_view(request, extra_context)
        # The rows are locked while they are checked and saved (see _check_list).
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().changelist_view(request, extra_context)

    def _list_salt(self) -> str:
        return f"{SALT}:list:{self.model._meta.label}"

    def _list_state(self, objects) -> dict:
        """The columns a list page edits, of each of its rows."""
        fields = [self.model._meta.get_field(name) for name in self.list_editable]
        state = {
            str(obj.pk): {field.name: _plain(field.value_from_object(obj)) for field in fields}
            for obj in objects
        }
        return json.loads(json.dumps(state))

    def _list_token(self, objects) -> str:
        return signing.dumps(self._list_state(objects), salt=self._list_salt(), compress=True)

    def _check_list(self, formset) -> None:
        changed = [form for form in formset.forms if form.has_changed()]
        if not changed:
            return
        management = formset.management_form
        try:
            opened = signing.loads(
                formset.data.get(management.add_prefix(TOKEN_FIELD)) or "",
                salt=self._list_salt(),
            )
        except (signing.BadSignature, ValueError, TypeError):
            opened = None
        stored = {
            str(obj.pk): obj
            for obj in self.model._default_manager.select_for_update()
            .filter(pk__in=[form.instance.pk for form in formset.forms])
            .order_by("pk")
        }
        now = self._list_state(stored.values())
        lines = []
        for form in changed:
            pk = str(form.instance.pk)
            if pk in now and (opened is not None) and opened.get(pk) != now[pk]:
                lines += [
                    gettext("“{row}”: {change}").format(row=stored[pk], change=line)
                    for line in _field_lines(self.model, opened.get(pk, {}), now[pk])
                ]
        if opened is not None and not lines:
            return
        data = formset.data.copy()
        data[management.add_prefix(TOKEN_FIELD)] = self._list_token(stored.values())
        management.data = data
        if opened is None:
            raise ValidationError(
                gettext(
                    "This list does not show which versions of the records it was opened "
                    "on, so it cannot be checked against changes saved by others meanwhile. "
                    "Nothing has been saved; saving again will apply your values."
                )
            )
        raise ValidationError(
            [
                gettext(
                    "Someone else changed these records after you opened this list, so "
                    "nothing has been saved. What changed:"
                ),
                *lines,
                gettext(
                    "The list below still holds your values. Check them against these "
                    "changes; saving again will apply your values over the other changes."
                ),
            ]
        )

    # The check.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST" or object_id is None or "_saveasnew" in request.POST:
            return super().changeform_view(request, object_id, form_url, extra_context)
        to_field = request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR))
        if to_field and not self.to_field_allowed(request, to_field):
            return super().changeform_view(request, object_id, form_url, extra_context)

        with transaction.atomic(using=router.db_for_write(self.model)):
            obj = self.get_object(request, unquote(object_id), to_field)
            if obj is None:
                if not self.has_change_permission(request):
                    return super().changeform_view(request, object_id, form_url, extra_context)
                return self._deleted_meanwhile(request)
            # Hold the row until this save ends: a second save waits, then sees this one.
            list(
                self.model._default_manager.select_for_update()
                .filter(pk=obj.pk)
                .order_by()
                .values_list("pk", flat=True)
            )
            stored = self.model._default_manager.get(pk=obj.pk)
            current = self.edit_snapshot(request, stored)
            opened = self._read_token(request.POST.get(TOKEN_FIELD), stored)
            if opened is None or opened["state"] != current["state"]:
                setattr(
                    request, CONFLICT_ATTRIBUTE, self._conflict_message(stored, opened, current)
                )
                data = request.POST.copy()
                data[TOKEN_FIELD] = self.edit_token(current, stored)
                for prefix, rows in current["state"]["rows"].items():
                    model = apps.get_model(current["inlines"][prefix]["model"])
                    data = rows_gone_as_new(data, prefix, model._meta.pk.name, set(rows))
                request.POST = data
            return super().changeform_view(request, object_id, form_url, extra_context)

    def _deleted_meanwhile(self, request):
        opts = self.model._meta
        self.message_user(
            request,
            gettext(
                "The record you were editing was deleted by someone else while your form "
                "was open, so your changes have not been saved. A deleted record can be "
                "recovered from its list."
            ),
            messages.WARNING,
        )
        return HttpResponseRedirect(
            reverse(
                f"admin:{opts.app_label}_{opts.model_name}_changelist",
                current_app=self.admin_site.name,
            )
        )

    # The message.

    def _conflict_message(self, obj, opened: dict | None, current: dict) -> list[str]:
        if opened is None:
            return [
                gettext(
                    "This form does not show which version of the record it was opened on, "
                    "so it cannot be checked against changes saved by others meanwhile. "
                    "Nothing has been saved."
                ),
                gettext(
                    "The form below holds what you sent. Check it against the record; "
                    "saving again will apply it over the stored version."
                ),
            ]
        return [
            self._who_saved(obj, opened),
            gettext("What changed since you opened the form:"),
            *describe_changes(type(obj), opened, current),
            gettext(
                "The form below still holds your version. Check it against these "
                "changes; saving again will apply your version over the other change."
            ),
        ]

    def _who_saved(self, obj, opened: dict) -> str:
        try:
            since = datetime.datetime.fromisoformat(opened["opened"])
        except (KeyError, TypeError, ValueError):
            since = None
        version = (
            Version.objects.get_for_object(obj).select_related("revision__user").first()
            if reversion.is_registered(type(obj))
            else None
        )
        revision = version.revision if version else None
        if revision is None or since is None or revision.date_created <= since:
            return gettext(
                "Someone else changed this record after you opened this form, so your "
                "changes have not been saved."
            )
        user = revision.user
        return gettext(
            "{user} saved this record on {time}, after you opened this form, so your "
            "changes have not been saved."
        ).format(
            user=(user.get_full_name() or user.get_username()) if user else gettext("Someone"),
            time=formats.date_format(timezone.localtime(revision.date_created), "DATETIME_FORMAT"),
        )


def rows_gone_as_new(data: QueryDict, prefix: str, pk_name: str, stored: set[str]) -> QueryDict:
    """The POST of an inline formset whose rows someone else deleted meanwhile, with those
    rows sent as new ones: saving again puts them back, as the editor's form had them.

    (Kept as stored rows, each would fail with an error the form cannot show.)
    Uploaded files are not renumbered: the form is refused anyway, and a browser sends
    no file twice.
    """
    try:
        total = int(data[f"{prefix}-TOTAL_FORMS"])
        initial = int(data[f"{prefix}-INITIAL_FORMS"])
    except (KeyError, ValueError):
        return data
    if not 0 <= initial <= total <= MAX_ROWS:
        return data
    gone = [i for i in range(initial) if data.get(f"{prefix}-{i}-{pk_name}") not in stored]
    if not gone:
        return data
    wanted = [i for i in gone if not data.get(f"{prefix}-{i}-DELETE")]
    kept = [i for i in range(initial) if i not in gone]
    order = kept + wanted + list(range(initial, total))
    position = {old: new for new, old in enumerate(order)}
    form_key = re.compile(rf"^{re.escape(prefix)}-(\d+)-([^-]+)$")
    renumbered = QueryDict(mutable=True)
    for key, values in data.lists():
        match = form_key.match(key)
        if match is None:
            renumbered.setlist(key, values)
        elif int(match[1]) in position:
            renumbered.setlist(f"{prefix}-{position[int(match[1])]}-{match[2]}", values)
    for i in wanted:
        renumbered[f"{prefix}-{position[i]}-{pk_name}"] = ""
    renumbered[f"{prefix}-TOTAL_FORMS"] = str(len(order))
    renumbered[f"{prefix}-INITIAL_FORMS"] = str(len(kept))
    return renumbered


def describe_changes(model, opened: dict, current: dict) -> list[str]:
    """One line per changed field or inline row, old value → new value."""
    lines = _field_lines(model, opened["state"].get("record", {}), current["state"]["record"])
    old_rows, new_rows = opened["state"].get("rows", {}), current["state"]["rows"]
    for prefix in sorted(set(old_rows) | set(new_rows)):
        inline = current["inlines"].get(prefix) or opened.get("inlines", {}).get(prefix) or {}
        title = inline.get("title") or prefix
        try:
            row_model = apps.get_model(inline["model"])
        except (KeyError, LookupError, ValueError):
            row_model = None
        old, new = old_rows.get(prefix, {}), new_rows.get(prefix, {})
        old_labels = opened.get("labels", {}).get(prefix, {})
        new_labels = current["labels"].get(prefix, {})
        for pk in new.keys() - old.keys():
            lines.append(
                gettext("{inline}: “{row}” added").format(inline=title, row=new_labels.get(pk, pk))
            )
        for pk in old.keys() - new.keys():
            lines.append(
                gettext("{inline}: “{row}” removed").format(
                    inline=title, row=old_labels.get(pk, pk)
                )
            )
        for pk in sorted(old.keys() & new.keys()):
            if old[pk] == new[pk]:
                continue
            row = new_labels.get(pk, pk)
            for line in _field_lines(row_model, old[pk], new[pk]):
                lines.append(
                    gettext("{inline}, “{row}”: {change}").format(
                        inline=title, row=row, change=line
                    )
                )
    return lines


def _field_lines(model, before: dict, after: dict) -> list[str]:
    lines = []
    for name in [*after, *(name for name in before if name not in after)]:
        if before.get(name) == after.get(name):
            continue
        field = _field(model, name)
        label = capfirst(field.verbose_name) if field is not None else name
        lines.append(
            gettext("{field}: {old} → {new}").format(
                field=label,
                old=readable(field, before.get(name)),
                new=readable(field, after.get(name)),
            )
        )
    return lines


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def readable(field, value) -> str:
    """A stored value as an editor knows it: labels of choices, names of related records."""
    if value in (None, "", []):
        return gettext("(empty)")
    if field is None:
        return Truncator(str(value)).chars(SHOWN_CHARACTERS)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if field.many_to_many or field.many_to_one or field.one_to_one:
        pks = value if isinstance(value, list) else [value]
        related = field.related_model._default_manager.in_bulk(pks)
        names = [str(related[pk]) if pk in related else f"#{pk}" for pk in pks]
        return Truncator(", ".join(names)).chars(SHOWN_CHARACTERS)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    try:
        python = field.to_python(value)
    except ValidationError:
        python = value
    if isinstance(python, datetime.datetime | datetime.date | datetime.time):
        return formats.localize(python)
    return Truncator(str(python)).chars(SHOWN_CHARACTERS)
