"""Stale translations: the English of a field changed after it was translated.

One rule for every way content is saved (the admin, a fixture load, a revert,
the shell), applied when an object is saved, for each translated text field and
each language other than English:

* the translation is empty: nothing to review (it is missing, which the
  translation status counts apart);
* the translation changed in this save: it is up to date, made from this English;
* the English changed and the translation did not: it needs review, and the
  English it was made from is kept (a ``StaleTranslation`` row) so that the
  admin can show what changed, as a word diff. If the English changes back to
  that text, the translation is up to date again.

Beside each such field the admin shows the diff and a "still correct" box;
ticking it, like saving a new translation, clears the mark. Updates that bypass
``save()`` (``QuerySet.update``) are not followed.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from .diffs import inline_word_diff
from .models import StaleTranslation
from .translations import text_fields

SOURCE_LANGUAGE = "en"
STILL_CORRECT_FIELD = "_translation_still_correct"
_MISSING = object()


def other_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


_fields_of: dict[type, list[str]] = {}


def followed_fields(model) -> list[str]:
    """The translated text fields of ``model`` whose translations are followed."""
    if model not in _fields_of:
        registered = model in translator.get_registered_models(abstract=False)
        _fields_of[model] = text_fields(model) if registered else []
    return _fields_of[model]


def columns(model) -> list[str]:
    languages = [SOURCE_LANGUAGE, *other_languages()]
    return [
        build_localized_fieldname(name, code)
        for name in followed_fields(model)
        for code in languages
    ]


# --- Following saves ------------------------------------------------------------------


def remember_stored(sender, instance, raw=False, **kwargs) -> None:
    """Before a save: the texts as stored, to compare with what is saved."""
    if not followed_fields(sender):
        return
    stored = None
    if instance.pk is not None:
        stored = sender._base_manager.filter(pk=instance.pk).values(*columns(sender)).first()
    instance._editorial_stored = stored


def follow_translations(sender, instance, raw=False, **kwargs) -> None:
    """After a save: mark the translations whose English changed under them, and clear
    those saved anew or emptied."""
    stored = instance.__dict__.pop("_editorial_stored", _MISSING)
    if stored is _MISSING or stored is None:
        return  # not followed, or new: its translations are as new as its English
    content_type = ContentType.objects.get_for_model(sender, for_concrete_model=False)
    object_id = str(instance.pk)
    clear, english_changed = Q(), {}
    for name in followed_fields(sender):
        english_column = build_localized_fieldname(name, SOURCE_LANGUAGE)
        english_before = stored[english_column] or ""
        english = getattr(instance, english_column) or ""
        for code in other_languages():
            column = build_localized_fieldname(name, code)
            translation = getattr(instance, column) or ""
            if not translation or translation != (stored[column] or ""):
                clear |= Q(field=name, language=code)
            elif english != english_before:
                english_changed[(name, code)] = (english_before, english)
    rows = StaleTranslation.objects.filter(content_type=content_type, object_id=object_id)
    if clear:
        rows.filter(clear).delete()
    if not english_changed:
        return
    known = {(row.field, row.language): row for row in rows.filter(language__in=other_languages())}
    back, new = [], []
    for (name, code), (before, english) in english_changed.items():
        row = known.get((name, code))
        if row is None:
            new.append(
                StaleTranslation(
                    content_type=content_type,
                    object_id=object_id,
                    field=name,
                    language=code,
                    source=before,
                )
            )
        elif row.source == english:
            back.append(row.pk)  # the English is again what was translated
    if back:
        StaleTranslation.objects.filter(pk__in=back).delete()
    if new:
        StaleTranslation.objects.bulk_create(new, ignore_conflicts=True)


def forget_deleted(sender, instance, **kwargs) -> None:
    if not followed_fields(sender):
        return
    content_type = ContentType.objects.get_for_model(sender, for_concrete_model=False)
    StaleTranslation.objects.filter(content_type=content_type, object_id=str(instance.pk)).delete()


def connect_signals() -> None:
    pre_save.connect(remember_stored, dispatch_uid="editorial.stale.remember_stored")
    post_save.connect(follow_translations, dispatch_uid="editorial.stale.follow_translations")
    post_delete.connect(forget_deleted, dispatch_uid="editorial.stale.forget_deleted")


# --- Reading them ----------------------------------------------------------------------


def stale_counts() -> dict[str, int]:
    """The number of translations to review, per language (every language but English)."""
    counts = dict(
        StaleTranslation.objects.values_list("language").annotate(n=Count("pk")).order_by()
    )
    return {code: counts.get(code, 0) for code in other_languages()}


@dataclass
class StaleItem:
    """A translation to review, for the reports."""

    label: str  # "members.State"
    verbose_name: str
    pk: str
    title: str
    field: str
    field_name: str
    language: str
    source: str
    english: str
    admin_url: str

    @property
    def diff(self) -> SafeString:
        return inline_word_diff(self.source, self.english)


def stale_items(language: str | None = None) -> list[StaleItem]:
    """The translations to review, in one language or all, with the objects they belong
    to (one query per kind of content)."""
    rows = StaleTranslation.objects.select_related("content_type").order_by(
        "content_type_id", "object_id", "field", "language"
    )
    if language:
        rows = rows.filter(language=language)
    by_type: dict[ContentType, list[StaleTranslation]] = {}
    for row in rows:
        by_type.setdefault(row.content_type, []).append(row)
    items = []
    for content_type, group in by_type.items():
        model = content_type.model_class()
        if model is None or not followed_fields(model):
            continue
        opts = model._meta
        objects = model._base_manager.in_bulk({row.object_id for row in group})
        for row in group:
            obj = objects.get(opts.pk.to_python(row.object_id))
            if obj is None or row.field not in followed_fields(model):
                continue
            try:
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            except NoReverseMatch:
                url = ""
            items.append(
                StaleItem(
                    label=opts.label,
                    verbose_name=str(opts.verbose_name),
                    pk=row.object_id,
                    title=str(obj),
                    field=row.field,
                    field_name=str(opts.get_field(row.field).verbose_name),
                    language=row.language,
                    source=row.source,
                    english=getattr(obj, build_localized_fieldname(row.field, SOURCE_LANGUAGE))
                    or "",
                    admin_url=url,
                )
            )
    return items


# --- In the admin ----------------------------------------------------------------------


def still_correct_token(content_type: ContentType, pk, field: str, language: str) -> str:
    return f"{content_type.pk}.{pk}.{field}.{language}"


def mark_stale_translations(form, obj) -> None:
    """Beside each translation of ``obj`` that needs review: what changed in the English
    since it was made, and a box to say it is still correct."""
    if obj is None or obj.pk is None or not followed_fields(type(obj)):
        return
    content_type = ContentType.objects.get_for_model(type(obj), for_concrete_model=False)
    rows = StaleTranslation.objects.filter(content_type=content_type, object_id=str(obj.pk))
    for row in rows:
        name = build_localized_fieldname(row.field, row.language)
        field = form.fields.get(name)
        if field is None:
            continue
        english = getattr(obj, build_localized_fieldname(row.field, SOURCE_LANGUAGE)) or ""
        checkbox_id = f"{form.prefix + '-' if form.prefix else ''}{name}-still-correct"
        box = format_html(
            '<div class="stale-translation">'
            '<p class="stale-translation__title"><strong>{}</strong> {}</p>'
            '<p class="stale-translation__diff" lang="en" dir="ltr">{}</p>'
            # Not a <label>: modeltranslation's tabs rewrite every label of the row.
            '<p><input type="checkbox" name="{}" value="{}" id="{}" aria-labelledby="{}-text"> '
            '<span id="{}-text">{}</span></p></div>',
            _("Needs review:"),
            _("the English has changed since this was translated."),
            inline_word_diff(row.source, english),
            STILL_CORRECT_FIELD,
            still_correct_token(content_type, obj.pk, row.field, row.language),
            checkbox_id,
            checkbox_id,
            checkbox_id,
            _("Still correct"),
        )
        field.help_text = format_html("{}{}", field.help_text, box)
        field.widget.attrs["class"] = (field.widget.attrs.get("class", "") + " stale").strip()


def clear_still_correct(request, objects) -> int:
    """Clear the marks the editor ticked "still correct" on ``objects`` (the object of a
    form and its inline rows: a box for anything else is ignored)."""
    tokens = set(request.POST.getlist(STILL_CORRECT_FIELD))
    if not tokens:
        return 0
    cleared = 0
    for obj in objects:
        if obj is None or obj.pk is None or not followed_fields(type(obj)):
            continue
        content_type = ContentType.objects.get_for_model(type(obj), for_concrete_model=False)
        for row in StaleTranslation.objects.filter(
            content_type=content_type, object_id=str(obj.pk)
        ):
            if still_correct_token(content_type, obj.pk, row.field, row.language) in tokens:
                row.delete()
                cleared += 1
    return cleared
