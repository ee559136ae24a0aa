from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecretariatConfig(AppConfig):
    name = "secretariat"
    verbose_name = _("Structure and Secretariat")

    def ready(self) -> None:
        from members.profile import ProfileSection, register_section

        from .models import Chairmanship

        register_section(
            ProfileSection(
                key="chairmanships",
                title=_("Chairmanship of CICA"),
                template_name="secretariat/includes/state_section.html",
                rows=lambda state: Chairmanship.objects.filter(state=state).latest_first(),
                order=30,
            )
        )
