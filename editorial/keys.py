"""Stable identifiers for rows that other rows and the fixtures refer to.

Models named by a ``key`` (goals, dimensions, areas, bodies, positions) declare
it with ``key_field()``, use ``KeyedQuerySet`` (or a subclass) as their manager
and ``KeyedModel.natural_key``, so that fixtures refer to them by key and
loading them twice changes nothing.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


def key_field(max_length: int = 60) -> models.SlugField:
    return models.SlugField(
        _("key"),
        max_length=max_length,
        unique=True,
        help_text=_("A short unchanging identifier in Latin letters, used by the fixtures."),
    )


class KeyedQuerySet(models.QuerySet):
    def get_by_natural_key(self, key: str):
        return self.get(key=key)


class KeyedModel(models.Model):
    """Abstract: adds nothing to the table, only the natural key."""

    class Meta:
        abstract = True

    def natural_key(self) -> tuple[str]:
        return (self.key,)


def optional_date(field: str, value: str | None) -> dict:
    """The lookup for a date that may be missing in a natural key (None: not recorded)."""
    return {f"{field}__isnull": True} if value is None else {field: value}
