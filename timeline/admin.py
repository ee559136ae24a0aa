from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from editorial.admin import ContentAdmin, TranslatableInlineMixin

from .models import Document, Event, MeetingName


class DecadeFilter(admin.SimpleListFilter):
    title = _("decade")
    parameter_name = "decade"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("date", "year")
        decades = sorted({value.year // 10 * 10 for value in years})
        return [(str(decade), f"{decade}–{decade + 9}") for decade in decades]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            decade = int(self.value())
        except ValueError:
            return queryset.none()
        return queryset.filter(date__year__gte=decade, date__year__lte=decade + 9)


class DocumentFormSet(forms.BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        # New rows take the next free order numbers (10, 20, ...), so that adding
        # several documents at once needs no renumbering by hand.
        if i >= self.initial_form_count():
            start = max((document.order for document in self.get_queryset()), default=0)
            kwargs.setdefault("initial", {})["order"] = start + 10 * (
                i - self.initial_form_count() + 1
            )
        return super()._construct_form(i, **kwargs)


class DocumentInline(TranslatableInlineMixin, TranslationStackedInline):
    model = Document
    formset = DocumentFormSet
    fields = ("title", "date", "file", "order", "published")
    extra = 1


@admin.register(Event)
class EventAdmin(ContentAdmin):
    list_display = (
        "__str__", "kind", "when", "place", "host_state", "document_count", "published",
    )  # fmt: skip
    list_filter = ("published", "kind", DecadeFilter, "host_state")
    date_hierarchy = "date"
    search_fields = (
        "title_en", "title_ru", "title_zh_hans", "title_ar",
        "place_en", "place_ru", "place_zh_hans", "place_ar",
        "theme_en", "slug",
    )  # fmt: skip
    list_select_related = ("host_state",)
    autocomplete_fields = ("host_state",)
    ordering = ("-date",)
    fieldsets = (
        (None, {"fields": ("kind", "ordinal", "title")}),
        (_("When"), {"fields": ("date", "date_precision", "end_date")}),
        (_("Where"), {"fields": ("place", "host_state")}),
        (_("About"), {"fields": ("theme", "description", "published")}),
        (_("Identifiers"), {"fields": ("slug",)}),
    )
    readonly_fields = ("slug",)
    inlines = [DocumentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(documents_total=Count("documents"))

    @admin.display(description=_("date"), ordering="date")
    def when(self, event: Event) -> str:
        return event.when

    @admin.display(description=_("documents"), ordering="documents_total")
    def document_count(self, event: Event) -> int:
        return event.documents_total


@admin.register(Document)
class DocumentAdmin(ContentAdmin):
    list_display = ("title", "event", "date", "languages", "published")
    list_filter = ("published", "event__kind")
    search_fields = ("title_en", "title_ru", "title_zh_hans", "title_ar")
    list_select_related = ("event",)
    autocomplete_fields = ("event",)
    fields = ("event", "title", "date", "file", "order", "published")

    @admin.display(description=_("files in"))
    def languages(self, document: Document) -> str:
        codes = [
            code for code in ("en", "ru", "zh_hans", "ar") if getattr(document, f"file_{code}")
        ]
        return ", ".join(code.upper().replace("_", "-") for code in codes) or "—"


@admin.register(MeetingName)
class MeetingNameAdmin(ContentAdmin):
    list_display = ("kind", "since", "name", "numbered_name")
    list_filter = ("kind",)
    search_fields = (
        "name_en", "name_ru", "name_zh_hans", "name_ar",
        "numbered_name_en", "numbered_name_ru", "numbered_name_zh_hans", "numbered_name_ar",
    )  # fmt: skip
    ordering = ("kind", "since")
    fields = ("kind", "since", "name", "numbered_name")
