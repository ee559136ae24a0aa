import warnings

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from PIL import Image

        # Pillow only warns about an image between MAX_IMAGE_PIXELS and twice that;
        # the site refuses it like a larger one (members.images reports it as too
        # large). Set once here, for the whole process.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
