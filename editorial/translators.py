"""Translators: who they are, which fields they may change, and what the admin shows them.

A translator (a member of the Translators group who is neither an editor nor
an administrator) may change only the non-English translations: every other
field is read-only, and each translation field shows the English text beside
it. Translators cannot revert or recover versions, which would change English
text through the back door. Nor can they add or delete, use the change list's
editable columns, or run actions: each of these would change more than a
translation, so a translator's change list is read-only.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

EDITORS = "Editors"
TRANSLATORS = "Translators"
ADMINISTRATORS = "Administrators"
SOURCE_LANGUAGE = "en"
OTHER_LANGUAGES = ("ru", "zh-hans", "ar")


def is_translator(user) -> bool:
    """True for a member of Translators who is neither an editor nor an administrator."""
    if not user.is_authenticated or user.is_superuser:
        return False
    if not hasattr(user, "_cica_is_translator"):
        groups = set(user.groups.values_list("name", flat=True))
        user._cica_is_translator = TRANSLATORS in groups and not groups & {EDITORS, ADMINISTRATORS}
    return user._cica_is_translator


def translated_fields(model) -> tuple[str, ...]:
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def translator_editable_fields(model) -> set[str]:
    """The columns a translator may edit: every translation but the English one."""
    return {
        build_localized_fieldname(field, language)
        for field in translated_fields(model)
        for language in OTHER_LANGUAGES
    }


def translator_readonly_fields(model) -> list[str]:
    originals = set(translated_fields(model))
    editable = translator_editable_fields(model)
    return [
        field.name
        for field in model._meta.get_fields()
        if getattr(field, "editable", False)
        and getattr(field, "concrete", False)
        and not field.auto_created
        and not field.primary_key
        and field.name not in editable
        and field.name not in originals
    ]


def show_english_beside(form: forms.BaseForm, obj) -> None:
    """Put the English text of each translated field under its translations."""
    if obj is None:
        return
    for field in translated_fields(type(obj)):
        english = getattr(obj, build_localized_fieldname(field, SOURCE_LANGUAGE), "")
        if not english:
            continue
        for language in OTHER_LANGUAGES:
            name = build_localized_fieldname(field, language)
            if name in form.fields:
                form.fields[name].help_text = format_html(
                    '{}: <span lang="en" dir="ltr" class="source-text">{}</span>',
                    _("English"),
                    english,
                )


class TranslatorLimitsMixin:
    """The translators' limits, for a content admin and for its inlines alike."""

    def has_add_permission(self, request, *args, **kwargs) -> bool:
        if is_translator(request.user):
            return False
        return super().has_add_permission(request, *args, **kwargs)

    def has_delete_permission(self, request, *args, **kwargs) -> bool:
        if is_translator(request.user):
            return False
        return super().has_delete_permission(request, *args, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if is_translator(request.user):
            readonly += [f for f in translator_readonly_fields(self.model) if f not in readonly]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        # Slugs are filled from English names, which translators do not edit.
        if is_translator(request.user):
            return {}
        return super().get_prepopulated_fields(request, obj)

    # The change list (admins only; inlines have none). Its editable columns and its
    # actions change whole rows, not translations: a translator gets neither, and a
    # change list posted anyway is refused rather than saved.

    def get_actions(self, request):
        if is_translator(request.user):
            return {}
        return super().get_actions(request)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if is_translator(request.user):
            changelist.list_editable = ()
        return changelist

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and is_translator(request.user):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)
