from django import forms
from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from editorial.admin import URL_FIELDS, ContentAdmin, TranslatableInlineMixin

from .dates import describe_since
from .models import Organization, State, StatusChange


class StatusChangeFormSet(forms.BaseInlineFormSet):
    """A state's changes of status, checked together: at least one, one change a day, and
    at most one whose date was not recorded (the database refuses the last two too)."""

    default_error_messages = {
        "too_few_forms": _("A state needs its status: give at least one change of status."),
    }

    def clean(self) -> None:
        # Before the formset's own unique check, which ignores changes without a date.
        if not any(self.errors):
            seen = set()
            for form in self.forms:
                if not form.cleaned_data or self._should_delete_form(form):
                    continue
                # A translator's form shows the date read-only: the stored one counts.
                date = form.cleaned_data.get("date", form.instance.date)
                if date in seen:
                    raise forms.ValidationError(
                        gettext("Two changes of status on the same date: keep one of them.")
                        if date
                        else gettext("Two changes of status without a date: keep one of them.")
                    )
                seen.add(date)
        super().clean()


class StatusChangeInline(TranslatableInlineMixin, TranslationStackedInline):
    model = StatusChange
    formset = StatusChangeFormSet
    fields = (("status", "date", "precision"), ("approximate", "certain_from"), "note")
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"})}
    }
    min_num = 1
    extra = 0
    verbose_name_plural = _("status over time")

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class StatusTodayFilter(admin.SimpleListFilter):
    title = _("status today")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return StatusChange.Status.choices

    def queryset(self, request, queryset):
        if self.value() in StatusChange.Status.values:
            return queryset.filter(status=self.value())
        return queryset


@admin.register(State)
class StateAdmin(ContentAdmin):
    list_display = ("flag_thumbnail", "name", "status_today", "status_since", "code")
    list_display_links = ("flag_thumbnail", "name")
    list_filter = (StatusTodayFilter,)
    search_fields = (
        "name_en", "name_ru", "name_zh_hans", "name_ar",
        "short_name_en", "short_name_ru", "short_name_zh_hans", "short_name_ar",
        "code",
    )  # fmt: skip
    ordering = ("name_en",)
    readonly_fields = ("slug", "flag_preview")
    fieldsets = (
        (None, {"fields": ("name", "short_name")}),
        (_("Identifiers"), {"fields": ("code", "slug")}),
        (_("Flag"), {"fields": ("flag_preview", "flag")}),
        (_("Description"), {"fields": ("description",)}),
    )

    inlines = [StatusChangeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_status()

    @admin.display(description=_("status today"), ordering="status")
    def status_today(self, state: State) -> str:
        return StatusChange.Status(state.status).label if state.status else "—"

    @admin.display(description=_("since"), ordering="status_since")
    def status_since(self, state: State) -> str:
        if not state.status:
            return "—"
        return describe_since(
            state.status_since,
            state.status_precision,
            state.status_approximate,
            state.status_certain_from,
        )

    @admin.display(description=_("flag"))
    def flag_thumbnail(self, state: State) -> str:
        if not state.flag_url:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="32" height="24" class="flag-thumbnail">', state.flag_url
        )

    @admin.display(description=_("flag shown"))
    def flag_preview(self, state: State) -> str:
        if not state.pk or not state.flag_url:
            return _("The flag appears once the ISO code is saved.")
        return format_html(
            '<img src="{}" alt="" width="120" height="90" class="flag-preview">', state.flag_url
        )


@admin.register(Organization)
class OrganizationAdmin(ContentAdmin):
    list_display = ("name", "abbreviation", "kind", "website", "order")
    list_editable = ("order",)
    list_filter = ("kind",)
    search_fields = (
        "name_en", "name_ru", "name_zh_hans", "name_ar",
        "abbreviation_en", "abbreviation_ru", "abbreviation_zh_hans", "abbreviation_ar",
    )  # fmt: skip
    ordering = ("kind", "order", "name_en")
    fields = ("name", "abbreviation", "kind", "website", "logo", "order", "slug")
    readonly_fields = ("slug",)
    formfield_overrides = URL_FIELDS
