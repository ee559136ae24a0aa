from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CicaConfig(AppConfig):
    name = "cica"
    verbose_name = _("CICA site")

    def ready(self) -> None:
        from .caching import connect_signals
        from .roles import ensure_roles_after_migrate
        from .uploads import connect_cleanup

        post_migrate.connect(ensure_roles_after_migrate, sender=self)
        connect_signals()
        connect_cleanup()
