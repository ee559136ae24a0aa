from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline
from modeltranslation.utils import build_localized_fieldname

from editorial.admin import URL_FIELDS, ContentAdmin, TranslatableInlineMixin
from editorial.translators import is_translator
from editorial.widgets import LocalDateField

from .models import (
    Body,
    Chairmanship,
    Contact,
    FormerBodyName,
    FormerPositionTitle,
    Person,
    Position,
    Priority,
    Secretariat,
    SocialLink,
)
from .singleton import SingletonAdminMixin

RENAMING_FIELDS = ("renamed_on", "correction")


class RenamingForm(forms.ModelForm):
    """Changing the English name of a body or the title of a post must say what it is:
    a renaming from a date (the old name is kept for earlier dates) or a correction.

    Subclasses set ``name_field`` ("name" or "title") and ``former_names`` (the related
    name of the former names).
    """

    name_field = "name"
    former_names = "former_names"

    renamed_on = LocalDateField(
        label=_("Renamed on"),
        required=False,
        help_text=_(
            "If you changed the name because CICA renamed it, the day the new name took "
            "effect: the old name, in every language, is kept for earlier dates."
        ),
    )
    correction = forms.BooleanField(
        label=_("Correction of a mistake"),
        required=False,
        help_text=_(
            "Tick instead if the old name was simply wrong: it is then replaced everywhere, "
            "on earlier dates too."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        english = build_localized_fieldname(self.name_field, settings.LANGUAGE_CODE)
        if self.instance.pk is None or english not in self.fields:
            return cleaned_data
        renamed_on, correction = cleaned_data.get("renamed_on"), cleaned_data.get("correction")
        changed = english in self.changed_data
        if renamed_on and correction:
            raise forms.ValidationError(
                gettext(
                    "Give the date of the renaming or tick “Correction of a mistake”, not both."
                )
            )
        if changed and not (renamed_on or correction or self.adds_former_name(english)):
            self.add_error(
                english,
                gettext(
                    "You changed the name. If CICA renamed it, give the day the new name took "
                    "effect in “Renamed on”, so that earlier dates keep the old name; if the "
                    "old name was a mistake, tick “Correction of a mistake”."
                ),
            )
        elif renamed_on and not changed:
            self.add_error(
                "renamed_on",
                gettext("The English name is unchanged: type the new name, or leave this empty."),
            )
        elif renamed_on and getattr(self.instance, self.former_names).filter(ended=renamed_on):
            self.add_error(
                "renamed_on", gettext("A former name already ended on that day: choose another.")
            )
        return cleaned_data

    def adds_former_name(self, english: str) -> bool:
        """Whether the same save adds a former name in the inline below the form."""
        prefix = self.former_names
        try:
            initial = int(self.data.get(f"{prefix}-INITIAL_FORMS", 0))
            total = int(self.data.get(f"{prefix}-TOTAL_FORMS", 0))
        except (TypeError, ValueError):
            return False
        return any(
            self.data.get(f"{prefix}-{index}-{english}", "").strip()
            and not self.data.get(f"{prefix}-{index}-DELETE")
            for index in range(initial, min(total, initial + 1000))
        )


class RenamingAdminMixin:
    """Keeps the old name (all its languages) as a former name when an editor renames."""

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if obj is None or is_translator(request.user):
            return [field for field in fields if field not in RENAMING_FIELDS]
        return fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and not is_translator(request.user):
            return form

        # A new record has nothing to rename; translators do not change English names.
        class WithoutRenaming(form):
            pass

        for name in RENAMING_FIELDS:
            WithoutRenaming.base_fields.pop(name, None)
        return WithoutRenaming

    def save_model(self, request, obj, form, change) -> None:
        renamed_on = form.cleaned_data.get("renamed_on") if "renamed_on" in form.fields else None
        if renamed_on:
            stored = type(obj).objects.get(pk=obj.pk)
            field = form.name_field
            old = {
                build_localized_fieldname(field, code): getattr(
                    stored, build_localized_fieldname(field, code)
                )
                for code, _name in settings.LANGUAGES
            }
            getattr(obj, form.former_names).create(ended=renamed_on, **old)
            self.message_user(
                request,
                gettext("“{name}” is kept as the former name for dates before {date}.").format(
                    name=old[build_localized_fieldname(field, settings.LANGUAGE_CODE)],
                    date=renamed_on.isoformat(),
                ),
                messages.INFO,
            )
        super().save_model(request, obj, form, change)


class BodyForm(RenamingForm):
    name_field = "name"
    former_names = "former_names"


class FormerBodyNameInline(TranslatableInlineMixin, TranslationTabularInline):
    model = FormerBodyName
    fields = ("name", "ended", "ended_precision")
    extra = 0


@admin.register(Body)
class BodyAdmin(RenamingAdminMixin, ContentAdmin):
    form = BodyForm
    list_display = ("name", "category", "frequency", "since_year", "order")
    list_editable = ("order",)
    list_filter = ("category",)
    search_fields = (
        "name_en", "name_ru", "name_zh_hans", "name_ar",
        "former_names__name_en", "former_names__name_ru",
        "former_names__name_zh_hans", "former_names__name_ar",
    )  # fmt: skip
    ordering = ("category", "order")
    fields = (
        "category", "name", *RENAMING_FIELDS, "role", "frequency", "since_year", "order", "key",
    )  # fmt: skip
    readonly_fields = ("key",)
    inlines = [FormerBodyNameInline]


@admin.register(Secretariat)
class SecretariatAdmin(SingletonAdminMixin, ContentAdmin):
    fields = ("mandate", "established")


class PersonInline(TranslatableInlineMixin, TranslationStackedInline):
    model = Person
    fields = (
        "name", "nationality", "photo",
        ("start_date", "start_precision"), ("end_date", "end_precision"),
        "published", "slug",
    )  # fmt: skip
    readonly_fields = ("slug",)
    autocomplete_fields = ("nationality",)
    extra = 0


class PositionForm(RenamingForm):
    name_field = "title"
    former_names = "former_titles"


class FormerPositionTitleInline(TranslatableInlineMixin, TranslationTabularInline):
    model = FormerPositionTitle
    fields = ("title", "ended", "ended_precision")
    extra = 0


@admin.register(Position)
class PositionAdmin(RenamingAdminMixin, ContentAdmin):
    form = PositionForm
    list_display = ("title", "lists_holders", "holder_count", "order")
    list_editable = ("order",)
    search_fields = (
        "title_en", "title_ru", "title_zh_hans", "title_ar",
        "former_titles__title_en", "former_titles__title_ru",
        "former_titles__title_zh_hans", "former_titles__title_ar",
    )  # fmt: skip
    fields = ("title", *RENAMING_FIELDS, "description", "lists_holders", "order", "key")
    readonly_fields = ("key",)
    inlines = [FormerPositionTitleInline, PersonInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(holders=models.Count("people"))

    @admin.display(description=_("people"), ordering="holders")
    def holder_count(self, position: Position) -> int:
        return position.holders


@admin.register(Person)
class PersonAdmin(ContentAdmin):
    list_display = (
        "photo_thumbnail", "name", "position", "nationality", "start_date", "end_date", "published",
    )  # fmt: skip
    list_display_links = ("photo_thumbnail", "name")
    list_filter = ("published", "position")
    search_fields = ("name_en", "name_ru", "name_zh_hans", "name_ar")
    list_select_related = ("position", "nationality")
    autocomplete_fields = ("nationality",)
    fields = (
        "position", "name", "nationality", "photo",
        ("start_date", "start_precision"), ("end_date", "end_precision"),
        "published", "slug",
    )  # fmt: skip
    readonly_fields = ("slug",)

    @admin.display(description=_("photo"))
    def photo_thumbnail(self, person: Person) -> str:
        if not person.photo:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="36" height="48" class="photo-thumbnail">', person.photo.url
        )


class PriorityInline(TranslatableInlineMixin, TranslationTabularInline):
    model = Priority
    fields = ("order", "text", "published")
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}
    extra = 1


@admin.register(Chairmanship)
class ChairmanshipAdmin(ContentAdmin):
    list_display = ("state", "start_date", "end_date", "theme")
    list_select_related = ("state",)
    search_fields = ("state__name_en", "state__name_ru", "state__name_zh_hans", "state__name_ar")
    autocomplete_fields = ("state",)
    fields = (
        "state", ("start_date", "start_precision"), ("end_date", "end_precision"), "theme", "slug",
    )  # fmt: skip
    readonly_fields = ("slug",)
    inlines = [PriorityInline]


class SocialLinkInline(admin.TabularInline):
    model = SocialLink
    fields = ("network", "label", "url", "order")
    formfield_overrides = URL_FIELDS
    extra = 1


@admin.register(Contact)
class ContactAdmin(SingletonAdminMixin, ContentAdmin):
    fields = ("email", "phone", "address", "website")
    formfield_overrides = URL_FIELDS
    inlines = [SocialLinkInline]
