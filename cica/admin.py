from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.admin import ContentAdmin
from secretariat.singleton import SingletonAdminMixin

from .models import Goal, Introduction

admin.site.site_header = _("CICA site administration")
admin.site.site_title = _("CICA site administration")
admin.site.index_title = _("Content of the site")


@admin.register(Introduction)
class IntroductionAdmin(SingletonAdminMixin, ContentAdmin):
    fields = ("tagline", "about", "mission")


@admin.register(Goal)
class GoalAdmin(ContentAdmin):
    list_display = ("text", "order")
    list_editable = ("order",)
    search_fields = ("text_en", "text_ru", "text_zh_hans", "text_ar", "key")
    fields = ("text", "order", "key")
    readonly_fields = ("key",)
