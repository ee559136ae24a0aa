"""Drafts: content that staff can prepare and preview before visitors see it.

A model with a ``published`` field (``published_field()``) and a queryset built
on ``PublishableQuerySet`` offers ``published()`` for what visitors, the sitemap
and the figures may use, and ``visible_to(user)``, which adds the drafts for a
logged-in member of staff, so that they can preview them on the public pages.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


def published_field() -> models.BooleanField:
    return models.BooleanField(
        _("published"),
        default=True,
        help_text=_(
            "Untick to keep this as a draft: visitors do not see it; logged-in staff see it "
            "on its page, marked as a draft."
        ),
    )


def can_preview(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def visible_to(self, user):
        """Everything for staff (to preview drafts), published rows for everyone else."""
        return self if can_preview(user) else self.published()
