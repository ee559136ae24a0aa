from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Goal, Introduction

admin.site.site_header = _("CICA site administration")
admin.site.site_title = _("CICA site administration")
admin.site.index_title = _("Content of the site")


@admin.register(Introduction)
class IntroductionAdmin(TabbedTranslationAdmin):
    """The introduction is a single record: it can be changed, never added twice or deleted."""

    fields = ("tagline", "about", "mission")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not Introduction.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        introduction = Introduction.objects.get_solo()
        if introduction is None:
            return HttpResponseRedirect(reverse("admin:cica_introduction_add"))
        return HttpResponseRedirect(
            reverse("admin:cica_introduction_change", args=[introduction.pk])
        )


@admin.register(Goal)
class GoalAdmin(TabbedTranslationAdmin):
    list_display = ("text", "order")
    list_editable = ("order",)
    search_fields = ("text_en", "text_ru", "text_zh_hans", "text_ar", "key")
    prepopulated_fields = {"key": ("text_en",)}
    fields = ("text", "key", "order")
