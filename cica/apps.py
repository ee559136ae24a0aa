from django.apps import AppConfig
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _


class CicaConfig(AppConfig):
    name = "cica"
    verbose_name = _("CICA site")

    def ready(self) -> None:
        from .caching import connect_signals

        # Django names Arabic "العربيّة", with a shadda that Arabic text leaves out
        # (and the site's Arabic pages write العربية); the language switcher, the
        # admin and the documents' language labels all read this table.
        LANG_INFO["ar"]["name_local"] = "العربية"

        connect_signals()
