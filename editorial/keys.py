"""Stable identifiers for rows that other rows, page addresses and the fixtures refer to.

Models named by a ``key`` (goals, dimensions, areas, bodies, positions) declare
it with ``key_field()``, use ``KeyedQuerySet`` (or a subclass) as their manager
and ``KeyedModel.natural_key``, so that fixtures refer to them by key and
loading them twice changes nothing.

Nobody types an identifier: a key or slug left empty is made from the English
name when the row is first saved (``fill_slug``), in Latin letters, made unique
with ``-2``, ``-3``... and never changed afterwards, so that links and fixtures
keep working when the name is edited. Fixtures carry their own identifiers
(``loaddata`` does not call ``save()``).
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

IDENTIFIER_HELP = _(
    "Made from the English name when the item is first saved, and never changed "
    "afterwards, so that links keep working. Nothing to type."
)
PAGE_ADDRESS_HELP = _(
    "The last part of the page address, the same in every language. Made from the English "
    "name when the item is first saved, and never changed afterwards, so that links keep "
    "working. Nothing to type."
)


def key_field(max_length: int = 60) -> models.SlugField:
    return models.SlugField(
        _("key"), max_length=max_length, unique=True, blank=True, help_text=IDENTIFIER_HELP
    )


def english(instance: models.Model, field: str) -> str:
    """The English text of a translated field (the field itself if it is not translated)."""
    return getattr(instance, f"{field}_en", None) or getattr(instance, field, "") or ""


def unique_slug(instance: models.Model, text: str, field: str = "slug") -> str:
    """A slug of ``text`` for ``field`` that no other row of the model has: ``text`` in
    lower-case Latin letters, digits and hyphens, cut at a word to fit the column, with
    ``-2``, ``-3``... added on a collision; the model's name if nothing of it is Latin."""
    model = type(instance)
    max_length = model._meta.get_field(field).max_length
    base = _cut(slugify(text), max_length) or model._meta.model_name
    others = model._base_manager.all()
    if instance.pk is not None:
        others = others.exclude(pk=instance.pk)
    taken = set(
        others.filter(**{f"{field}__startswith": _cut(base, max_length - 4)}).values_list(
            field, flat=True
        )
    )
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = _cut(base, max_length - len(suffix)) + suffix
    return candidate


def fill_slug(instance: models.Model, text: str, field: str = "slug") -> None:
    """Give ``instance`` a slug made from ``text`` unless it already has one (a slug,
    once given, never changes: page addresses and fixtures depend on it)."""
    if not getattr(instance, field):
        setattr(instance, field, unique_slug(instance, text, field))


def _cut(slug: str, length: int) -> str:
    if len(slug) <= length:
        return slug
    cut = slug[:length]
    if slug[length] != "-" and "-" in cut:
        cut = cut.rsplit("-", 1)[0]
    return cut.strip("-")


class KeyedQuerySet(models.QuerySet):
    def get_by_natural_key(self, key: str):
        return self.get(key=key)


class KeyedModel(models.Model):
    """Abstract: adds nothing to the table, only the natural key, and a key made from
    the English text of ``key_source`` when the row is first saved without one."""

    key_source = "name"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        fill_slug(self, english(self, self.key_source), "key")
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str]:
        return (self.key,)


def optional_date(field: str, value: str | None) -> dict:
    """The lookup for a date that may be missing in a natural key (None: not recorded)."""
    return {f"{field}__isnull": True} if value is None else {field: value}
