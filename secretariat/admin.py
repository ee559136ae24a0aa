from django import forms
from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from members.editing import URL_FIELDS, ContentAdmin, TranslatableInlineMixin

from .models import Body, Chairmanship, Contact, Person, Position, Priority, Secretariat, SocialLink
from .singleton import SingletonAdminMixin


@admin.register(Body)
class BodyAdmin(ContentAdmin):
    list_display = ("name", "category", "frequency", "since_year", "order")
    list_editable = ("order",)
    list_filter = ("category",)
    search_fields = ("name_en", "name_ru", "name_zh_hans", "name_ar")
    ordering = ("category", "order")
    prepopulated_fields = {"key": ("name_en",)}
    fields = ("category", "name", "role", "frequency", "since_year", "key", "order")


@admin.register(Secretariat)
class SecretariatAdmin(SingletonAdminMixin, ContentAdmin):
    fields = ("mandate", "established")


class PersonInline(TranslatableInlineMixin, TranslationStackedInline):
    model = Person
    fields = (
        "name", "nationality", "photo",
        ("start_date", "start_precision"), ("end_date", "end_precision"),
        "slug", "published",
    )  # fmt: skip
    autocomplete_fields = ("nationality",)
    extra = 0


@admin.register(Position)
class PositionAdmin(ContentAdmin):
    list_display = ("title", "lists_holders", "holder_count", "order")
    list_editable = ("order",)
    search_fields = ("title_en", "title_ru", "title_zh_hans", "title_ar")
    prepopulated_fields = {"key": ("title_en",)}
    fields = ("title", "description", "lists_holders", "key", "order")
    inlines = [PersonInline]

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
        "slug", "published",
    )  # fmt: skip

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
