from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """How content is edited, whatever the app: drafts, keys, uploads, concurrent edits,
    translators and roles. It imports no content app; content apps import it."""

    name = "editorial"
    verbose_name = _("Editing")

    def ready(self) -> None:
        import warnings

        from PIL import Image

        from .cleanup import connect_cleanup
        from .roles import ensure_roles_after_migrate
        from .stale import connect_signals

        # Pillow only warns about an image between MAX_IMAGE_PIXELS and twice that;
        # the site refuses it like a larger one (editorial.images reports it as too
        # large). Set once here, for the whole process.
        warnings.simplefilter("error", Image.DecompressionBombWarning)

        post_migrate.connect(ensure_roles_after_migrate, sender=self)
        connect_cleanup()
        connect_signals()
