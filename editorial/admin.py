"""What every content admin of the site shares: history, and the translators' limits.

* ``ContentAdmin`` — django-reversion's history (who changed what and when,
  revert, recover deleted objects with their inline children), modeltranslation's
  tabs, concurrent edits refused (``editorial.concurrency``), and the translator's
  view of a form (``editorial.translators``).
* ``PlainContentAdmin`` — the same for content without translations.
* ``TranslatableInlineMixin`` — the translators' limits for inlines.
* ``ImageUploadMixin`` (in all) — image uploads use ``RasterImageFormField``.
* ``DateInputMixin`` (in all) — dates typed in the editor's language
  (``editorial.widgets``), with no time-zone note beside them.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin

from .concurrency import ConcurrentEditMixin
from .images import RasterImageFormField
from .stale import clear_still_correct, mark_stale_translations
from .translators import TranslatorLimitsMixin, is_translator, show_english_beside
from .widgets import DateOnlyWidget, LocalDateField


class ImageUploadMixin:
    """Image fields get ``RasterImageFormField``: an image too large to open says so."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.ImageField):
            kwargs.setdefault("form_class", RasterImageFormField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class DateInputMixin:
    """Date-only fields are typed in the editor's language (any digits, or ISO), and
    their calendar has no time-zone note: a date has no time of day."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateField) and not isinstance(
            db_field, models.DateTimeField
        ):
            kwargs.setdefault("form_class", LocalDateField)
            kwargs.setdefault("widget", DateOnlyWidget)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ContentAdmin(
    ConcurrentEditMixin,
    DateInputMixin,
    ImageUploadMixin,
    TranslatorLimitsMixin,
    VersionAdmin,
    TabbedTranslationAdmin,
):
    """Admin base for translated content: history, tabs, translators' limits, and the
    translations to review marked beside their fields (``editorial.stale``)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        translator = is_translator(request.user)

        class ContentForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if translator:
                    show_english_beside(self, obj)
                mark_stale_translations(self, obj)

        return ContentForm

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        rows = [row.instance for formset in formsets for row in formset.forms]
        clear_still_correct(request, [form.instance, *rows])

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if is_translator(request.user):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if is_translator(request.user):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)


class PlainContentAdmin(
    ConcurrentEditMixin,
    DateInputMixin,
    ImageUploadMixin,
    TranslatorLimitsMixin,
    VersionAdmin,
    admin.ModelAdmin,
):
    """Admin base for content without translations: history, and translators only look."""


class TranslatableInlineMixin(DateInputMixin, ImageUploadMixin, TranslatorLimitsMixin):
    """For inlines of translated models: the translators' limits, English beside, dates
    in the editor's language, and the translations to review marked."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        translator = is_translator(request.user)

        class ContentFormSet(formset):
            def _construct_form(self, i, **kwargs):
                form = super()._construct_form(i, **kwargs)
                instance = form.instance if form.instance.pk else None
                if translator:
                    show_english_beside(form, instance)
                mark_stale_translations(form, instance)
                return form

        return ContentFormSet


URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}
