from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .editing import URL_FIELDS, ContentAdmin
from .models import Organization, State


@admin.register(State)
class StateAdmin(ContentAdmin):
    list_display = ("flag_thumbnail", "name", "status", "year_joined", "code")
    list_display_links = ("flag_thumbnail", "name")
    list_filter = ("status",)
    search_fields = (
        "name_en", "name_ru", "name_zh_hans", "name_ar",
        "short_name_en", "short_name_ru", "short_name_zh_hans", "short_name_ar",
        "code",
    )  # fmt: skip
    ordering = ("name_en",)
    prepopulated_fields = {"slug": ("name_en",)}
    readonly_fields = ("flag_preview",)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "status", "year_joined")}),
        (_("Identifiers"), {"fields": ("code", "slug")}),
        (_("Flag"), {"fields": ("flag_preview", "flag")}),
        (_("Description"), {"fields": ("description",)}),
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
    prepopulated_fields = {"slug": ("abbreviation_en",)}
    fields = ("name", "abbreviation", "kind", "website", "slug", "logo", "order")
    formfield_overrides = URL_FIELDS
