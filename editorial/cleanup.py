"""Stored uploads are removed once nothing refers to them.

A stored file (a flag, a logo, a photo, a document) is referred to by a row, in any
file column of any model, and by the versions in the history: django-reversion keeps
each saved state of a row, and an editor may revert or recover to any of them, so a
file one of them names must stay. Hence:

* when a file column is changed or its row deleted, the file it held is removed after
  the transaction commits, unless a row or a version still refers to it. Usually one
  does (the version saved before the change), so the file stays with its version;
* ``manage.py cleanfiles`` removes the stored files that nothing refers to any more,
  e.g. after old versions were deleted with reversion's ``deleterevisions``, or an
  upload whose transaction was rolled back.

Only files in the folders that the models' ``UploadName`` store into (``flags/``,
``documents/``, ...) are ever removed: nothing else under ``MEDIA_ROOT``, and never the
shipped static files.
"""

import functools
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from django.apps import apps
from django.core.files.storage import Storage
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.html import escape
from reversion.models import Version

from .uploads import UploadName

logger = logging.getLogger(__name__)

# Names looked up in the history per query.
BATCH = 50


def file_fields(model) -> list[models.FileField]:
    """The model's file columns, translations included (``file``, ``file_en``, ...)."""
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


@functools.cache
def models_with_files() -> tuple:
    return tuple(model for model in apps.get_models() if file_fields(model))


@functools.cache
def upload_folders() -> frozenset[str]:
    """The folders uploads are stored in: the only places files are removed from."""
    return frozenset(
        field.upload_to.folder
        for model in models_with_files()
        for field in file_fields(model)
        if isinstance(field.upload_to, UploadName)
    )


def in_upload_folder(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and len(path.parts) >= 2
        and path.parts[0] in upload_folders()
        and ".." not in path.parts
    )


def _spellings(name: str) -> set[str]:
    """How ``name`` may be written in a version's serialized data (JSON, possibly with
    non-ASCII escaped, or XML)."""
    return {name, json.dumps(name)[1:-1], json.dumps(name, ensure_ascii=False)[1:-1], escape(name)}


def _batches(names: Iterable[str]) -> Iterator[list[str]]:
    names = sorted(names)
    for start in range(0, len(names), BATCH):
        yield names[start : start + BATCH]


def referenced(names: Iterable[str], using: str = DEFAULT_DB_ALIAS) -> set[str]:
    """Those of ``names`` that a row or a version in the history refers to.

    A version refers to a name its serialized data contains anywhere: when in doubt,
    a file is kept.
    """
    names = set(names)
    found: set[str] = set()
    for batch in _batches(names):
        found.update(_in_rows(batch, using))
        found.update(_in_versions(set(batch) - found, using))
    return found & names


def _in_rows(names: list[str], using: str) -> set[str]:
    found = set()
    for model in models_with_files():
        columns = [field.attname for field in file_fields(model)]
        condition = Q()
        for column in columns:
            condition |= Q(**{f"{column}__in": names})
        for row in model._base_manager.using(using).filter(condition).values_list(*columns):
            found.update(row)
    return found


def _in_versions(names: set[str], using: str) -> set[str]:
    if not names:
        return set()
    spellings = {name: _spellings(name) for name in names}
    condition = Q()
    for name_spellings in spellings.values():
        for spelling in name_spellings:
            condition |= Q(serialized_data__contains=spelling)
    found = set()
    versions = Version.objects.using(using).filter(condition)
    for data in versions.values_list("serialized_data", flat=True).iterator():
        found.update(
            name
            for name, name_spellings in spellings.items()
            if any(spelling in data for spelling in name_spellings)
        )
    return found


def remove_unreferenced(
    storage: Storage, names: Iterable[str], using: str = DEFAULT_DB_ALIAS
) -> list[str]:
    """Delete those of ``names`` that are in an upload folder and that nothing refers to;
    returns the names deleted."""
    candidates = {name for name in names if name and in_upload_folder(name)}
    removed = []
    for name in sorted(candidates - referenced(candidates, using)):
        if storage.exists(name):
            storage.delete(name)
            removed.append(name)
            logger.info("Removed %s: no row or version refers to it any more.", name)
    return removed


def _stored_names(instance) -> dict[Storage, set[str]]:
    """The names in the instance's file columns, grouped by storage.

    Both the value of each attribute and the one loaded from the database: for a
    translated field (``file``) the attribute reads the active language's column.
    """
    names: dict[Storage, set[str]] = {}
    for field in file_fields(type(instance)):
        for value in (instance.__dict__.get(field.attname), getattr(instance, field.attname)):
            name = getattr(value, "name", value)
            if name:
                names.setdefault(field.storage, set()).add(str(name))
    return names


def _remove_after_commit(names: dict[Storage, set[str]], using: str) -> None:
    for storage, stored in names.items():
        transaction.on_commit(
            functools.partial(remove_unreferenced, storage, stored, using),
            using=using,
            robust=True,  # the edit is saved: a file left behind is not worth a 500
        )


def _remember_files(sender, instance, using, update_fields=None, **kwargs) -> None:
    """Before a save: the names the row holds in the database, to compare after it."""
    fields = file_fields(sender)
    columns = {field.attname for field in fields}
    if instance.pk is None or (update_fields is not None and not columns & set(update_fields)):
        return
    row = sender._base_manager.using(using).filter(pk=instance.pk).values(*columns).first()
    before: dict[Storage, set[str]] = {}
    for field in fields:
        if row and row[field.attname]:
            before.setdefault(field.storage, set()).add(row[field.attname])
    instance._files_before_save = before


def _remove_replaced_files(sender, instance, using, **kwargs) -> None:
    before = instance.__dict__.pop("_files_before_save", {})
    now = _stored_names(instance)
    replaced = {storage: names - now.get(storage, set()) for storage, names in before.items()}
    if any(replaced.values()):
        _remove_after_commit(replaced, using)


def _remove_deleted_files(sender, instance, using, **kwargs) -> None:
    _remove_after_commit(_stored_names(instance), using)


def connect_cleanup() -> None:
    for model in models_with_files():
        label = model._meta.label_lower
        pre_save.connect(_remember_files, sender=model, dispatch_uid=f"uploads-before-{label}")
        post_save.connect(
            _remove_replaced_files, sender=model, dispatch_uid=f"uploads-replaced-{label}"
        )
        post_delete.connect(
            _remove_deleted_files, sender=model, dispatch_uid=f"uploads-deleted-{label}"
        )
