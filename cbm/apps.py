from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CbmConfig(AppConfig):
    name = "cbm"
    verbose_name = _("Confidence building measures")

    def ready(self) -> None:
        from members.profile import ProfileSection, register_section

        from .models import Assignment

        register_section(
            ProfileSection(
                key="cbm",
                title=_("Confidence building measures"),
                template_name="cbm/includes/state_section.html",
                rows=Assignment.objects.for_state,
                order=10,
            )
        )
