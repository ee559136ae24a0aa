from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = _("History")

    def ready(self) -> None:
        from members.profile import ProfileSection, register_section

        from .models import Event

        register_section(
            ProfileSection(
                key="events",
                title=_("Meetings hosted"),
                template_name="timeline/includes/state_section.html",
                rows=Event.objects.hosted_by,
                order=20,
            )
        )
