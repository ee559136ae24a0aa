"""The editorial app's own records: which translations need review.

Django sends ``post_migrate`` (which makes the roles' groups, editorial/roles.py)
only to apps with a models module; this is it.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaleTranslation(models.Model):
    """A translation made from English text that has changed since (editorial/stale.py).

    A translation with no row here is up to date. ``source`` is the English it was
    made from, so that the admin can show what changed in the English since.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    field = models.CharField(_("field"), max_length=64)
    language = models.CharField(_("language"), max_length=10)
    source = models.TextField(_("English it was translated from"), blank=True)
    since = models.DateTimeField(_("needs review since"), auto_now_add=True)

    class Meta:
        verbose_name = _("translation to review")
        verbose_name_plural = _("translations to review")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="%(app_label)s_%(class)s_one_per_translation",
            ),
        ]
        indexes = [models.Index(fields=["language"], name="editorial_stale_language")]

    def __str__(self) -> str:
        kind = f"{self.content_type.app_label}.{self.content_type.model}"
        return f"{kind} {self.object_id} {self.field} [{self.language}]"
