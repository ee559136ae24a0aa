from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CicaConfig(AppConfig):
    name = "cica"
    verbose_name = _("CICA site")
