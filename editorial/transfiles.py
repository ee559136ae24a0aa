"""Translator files: the translations of one language out to a PO file and back.

A translator downloads, for one language, every translated text field that is
empty or needs review there (or every field), opens the file in any
translation tool (Poedit, Lokalize, Weblate, OmegaT...), and uploads it back.
Files are written and read with ``polib``, never by hand.

Each unit of the file is one field of one object:

* ``msgctxt``: its id, ``<app_label>.<model>:<key>:<field>``, e.g.
  ``members.state:MN:name``. ``<key>`` is the object's natural key (the one the
  fixtures use), its parts joined with ``/`` (an empty part for a missing date),
  e.g. ``timeline.document:astana-summit-2022/1:title``; models without a
  natural key use the primary key. Ids therefore survive a database reload.
* ``msgid``: the English as it is now; ``msgstr``: the translation as it is now
  (empty when there is none);
* ``#.`` comments: what it is (kind of content, object, field), and ``#:``
  references: the admin page to change it and the public page showing it;
* a translation that needs review is flagged ``fuzzy``, with ``#| msgid`` the
  English it was translated from, so that tools show what changed.

Importing is all-or-nothing per file in this sense: a file that cannot be read
or does not name a language other than English changes nothing; otherwise
every unit is checked first and the units accepted are saved together, in one
transaction and one revision, or none is. A unit is refused, with its reason,
when its id is unknown, its English changed since the export, its translation
is empty or still marked as needing review (fuzzy), or it carries markup
(HTML tags, entities) that its English does not have. ``strict`` applies
nothing when any unit is refused. A unit that needed review and comes back
unchanged and no longer fuzzy confirms the translation: its mark is cleared.
"""

import os
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field

import polib
import reversion
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from .models import StaleTranslation
from .stale import SOURCE_LANGUAGE, followed_fields
from .translators import ADMINISTRATORS, EDITORS, TRANSLATORS

MAX_FILE_SIZE = 5 * 1024 * 1024
KEY_SEPARATOR = "/"

# Why a unit is refused (shown to the translator).
UNKNOWN_ID = gettext_lazy("unknown id: no such object or field")
NO_ID = gettext_lazy("no id (msgctxt): not a unit of an exported file")
DUPLICATE = gettext_lazy("the same id appears more than once in the file")
ENGLISH_CHANGED = gettext_lazy("the English has changed since the file was exported")
EMPTY = gettext_lazy("empty translation")
FUZZY = gettext_lazy("still marked as needing review")
MARKUP = gettext_lazy("markup that is not in the English: {markup}")  # format_lazy
NOT_ALLOWED = gettext_lazy("you may not change this kind of content")

MARKUP_RE = re.compile(r"<!--|-->|</?[A-Za-z][^<>]*>|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]\w*);")


class BrokenFile(Exception):
    """The file cannot be imported at all: nothing is changed."""


def may_exchange(user) -> bool:
    """Translators, editors and administrators may export and import translator files."""
    if not user.is_authenticated or not user.is_staff:
        return False
    if user.is_superuser:
        return True
    return bool(
        set(user.groups.values_list("name", flat=True)) & {TRANSLATORS, EDITORS, ADMINISTRATORS}
    )


def translatable_languages() -> list[tuple[str, str]]:
    """The languages a file can be made for: every one but English."""
    return [(code, name) for code, name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def models_with_text() -> list[type[models.Model]]:
    return [
        model
        for model in translator.get_registered_models(abstract=False)
        if followed_fields(model)
    ]


def object_key(obj: models.Model) -> str:
    if hasattr(obj, "natural_key"):
        parts = obj.natural_key()
        return KEY_SEPARATOR.join("" if part is None else str(part) for part in parts)
    return str(obj.pk)


def model_label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def unit_id(obj: models.Model, name: str) -> str:
    return f"{model_label(type(obj))}:{object_key(obj)}:{name}"


def objects_of(model) -> models.QuerySet:
    """Every object of ``model``, with what its key and its page address read."""
    related = [f.name for f in model._meta.fields if f.many_to_one or f.one_to_one]
    return model._base_manager.select_related(*related).order_by("pk")


def admin_url(obj) -> str:
    opts = obj._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def public_url(obj, language: str) -> str:
    if not hasattr(obj, "get_absolute_url"):
        return ""
    with translation.override(language):
        try:
            return obj.get_absolute_url()
        except NoReverseMatch:
            return ""


# --- Export -----------------------------------------------------------------------------


def stale_sources(language: str) -> dict[tuple[int, str, str], str]:
    """(content type id, object id, field) -> the English the translation was made from."""
    rows = StaleTranslation.objects.filter(language=language).values_list(
        "content_type_id", "object_id", "field", "source"
    )
    return {(ct, pk, name): source for ct, pk, name, source in rows}


def export(language: str, everything: bool = False, site: str = "") -> polib.POFile:
    """The PO file of ``language``: the fields that are empty or need review there (or,
    with ``everything``, every field that has English). One query per kind of content."""
    if language not in dict(translatable_languages()):
        raise ValueError(f"Not a language to translate into: {language}")
    now = timezone.now()
    po = polib.POFile(wrapwidth=0)
    po.header = (
        f"Translations of the {site or 'CICA Secretariat website'} content into "
        f"{language}, exported {now:%Y-%m-%d %H:%M} UTC "
        f"({'every field' if everything else 'empty fields and fields to review'}).\n"
        "Translate each msgstr; clear the fuzzy flag once a translation is reviewed."
    )
    po.metadata = {
        "Project-Id-Version": "CICA Secretariat website",
        "POT-Creation-Date": f"{now:%Y-%m-%d %H:%M}+0000",
        "PO-Revision-Date": f"{now:%Y-%m-%d %H:%M}+0000",
        "Language": translation.to_locale(language),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "CICA editorial (polib)",
    }
    sources = stale_sources(language)
    types = ContentType.objects.get_for_models(*models_with_text(), for_concrete_models=False)
    with translation.override("en"):
        for model in models_with_text():
            content_type = types[model]
            names = followed_fields(model)
            opts = model._meta
            for obj in objects_of(model):
                for name in names:
                    english = getattr(obj, build_localized_fieldname(name, SOURCE_LANGUAGE)) or ""
                    if not english:
                        continue  # nothing to translate from
                    current = getattr(obj, build_localized_fieldname(name, language)) or ""
                    source = sources.get((content_type.pk, str(obj.pk), name))
                    if not everything and current and source is None:
                        continue
                    entry = polib.POEntry(
                        msgctxt=unit_id(obj, name),
                        msgid=english,
                        msgstr=current,
                        comment="\n".join(
                            [
                                f"{str(opts.verbose_name).capitalize()}: {obj}",
                                f"Field: {opts.get_field(name).verbose_name}",
                            ]
                        ),
                        occurrences=[
                            (url, "") for url in (admin_url(obj), public_url(obj, language)) if url
                        ],
                    )
                    if source is not None and current:
                        entry.flags.append("fuzzy")
                        entry.previous_msgid = source
                    po.append(entry)
    return po


def file_name(language: str, everything: bool = False) -> str:
    scope = "all" if everything else "to-translate"
    return f"cica-{language}-{scope}-{timezone.localdate():%Y-%m-%d}.po"


# --- Import -----------------------------------------------------------------------------


@dataclass
class Unit:
    id: str
    reason: str = ""  # lazily translated: shown in the reader's language
    title: str = ""
    field_name: str = ""


@dataclass
class ImportReport:
    language: str
    filename: str
    applied: list[Unit] = field(default_factory=list)  # translation saved
    confirmed: list[Unit] = field(default_factory=list)  # unchanged, review mark cleared
    unchanged: list[Unit] = field(default_factory=list)  # nothing to do
    skipped: list[Unit] = field(default_factory=list)
    objects_changed: int = 0
    saved: bool = False  # False: a dry run, or strict with refusals

    @property
    def total(self) -> int:
        return len(self.applied) + len(self.confirmed) + len(self.unchanged) + len(self.skipped)


def read_file(content: bytes) -> polib.POFile:
    """The PO file in ``content``, or ``BrokenFile`` saying why it cannot be read."""
    if len(content) > MAX_FILE_SIZE:
        raise BrokenFile(_("The file is too large (more than 5 MB)."))
    if not content.strip():
        raise BrokenFile(_("The file is empty."))
    # polib takes a string for a path when a file of that name exists: give it a path.
    handle, path = tempfile.mkstemp(suffix=".po")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        return polib.pofile(path, wrapwidth=0)
    except (OSError, ValueError, UnicodeDecodeError, LookupError) as error:
        raise BrokenFile(
            _("This is not a translation file that can be read (PO format): {error}").format(
                error=str(error).replace(path, "").strip(" :") or error.__class__.__name__
            )
        ) from None
    finally:
        os.unlink(path)


def file_language(po: polib.POFile) -> str:
    """The site language the file's header names, or ``BrokenFile``."""
    declared = (po.metadata.get("Language") or "").strip()
    if not declared:
        raise BrokenFile(_("The file does not say which language it is in (no Language header)."))
    try:
        code = translation.get_supported_language_variant(declared.replace("_", "-").lower())
    except LookupError:
        raise BrokenFile(
            _("The file is in a language this site is not translated into: {language}.").format(
                language=declared
            )
        ) from None
    if code == SOURCE_LANGUAGE:
        raise BrokenFile(
            _(
                "The file is in English. English is the source of every translation and "
                "is changed in the content's own pages, not by importing a file."
            )
        )
    return code


def markup(text: str) -> list[str]:
    return MARKUP_RE.findall(text)


def resolve(ids: set[str]) -> dict[str, tuple[models.Model, str]]:
    """Unit id -> (object, field) for the ids that name a translated field of an object
    (one query per kind of content named)."""
    by_label: dict[str, list[str]] = defaultdict(list)
    for unit in ids:
        by_label[unit.split(":", 1)[0]].append(unit)
    found = {}
    for label, wanted in by_label.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        names = followed_fields(model)
        if not names or model not in models_with_text():
            continue
        wanted = set(wanted)
        for obj in objects_of(model):
            for name in names:
                unit = unit_id(obj, name)
                if unit in wanted:
                    found[unit] = (obj, name)
    return found


def import_file(
    content: bytes,
    filename: str,
    user=None,
    dry_run: bool = False,
    strict: bool = False,
) -> ImportReport:
    """Check every unit of the PO file in ``content``, then save the accepted ones in one
    transaction and one revision (unless ``dry_run``, or ``strict`` and some unit was
    refused). Raises ``BrokenFile`` when the file cannot be imported at all."""
    po = read_file(content)
    language = file_language(po)
    report = ImportReport(language=language, filename=filename)
    entries = [entry for entry in po if not entry.obsolete]
    found = resolve({entry.msgctxt for entry in entries if entry.msgctxt})
    sources = stale_sources(language)
    types = ContentType.objects.get_for_models(*models_with_text(), for_concrete_models=False)
    seen: set[str] = set()
    to_save: dict[int, tuple[models.Model, list[str]]] = {}
    to_confirm: list[tuple[int, str, str]] = []
    for entry in entries:
        if not entry.msgctxt:
            report.skipped.append(Unit(entry.msgid[:60], NO_ID))
            continue
        unit = Unit(entry.msgctxt)
        if entry.msgctxt in seen:
            unit.reason = DUPLICATE
            report.skipped.append(unit)
            continue
        seen.add(entry.msgctxt)
        if entry.msgctxt not in found:
            unit.reason = UNKNOWN_ID
            report.skipped.append(unit)
            continue
        obj, name = found[entry.msgctxt]
        model = type(obj)
        unit.title = str(obj)
        unit.field_name = model._meta.get_field(name).verbose_name
        english = getattr(obj, build_localized_fieldname(name, SOURCE_LANGUAGE)) or ""
        column = build_localized_fieldname(name, language)
        current = getattr(obj, column) or ""
        extra = [tag for tag in markup(entry.msgstr) if tag not in set(markup(entry.msgid))]
        if user is not None and not user.has_perm(
            f"{model._meta.app_label}.change_{model._meta.model_name}"
        ):
            unit.reason = NOT_ALLOWED
        elif entry.msgid != english:
            unit.reason = ENGLISH_CHANGED
        elif not entry.msgstr.strip():
            unit.reason = EMPTY
        elif entry.fuzzy:
            unit.reason = FUZZY
        elif extra:
            unit.reason = format_lazy(MARKUP, markup=" ".join(dict.fromkeys(extra)))
        if unit.reason:
            report.skipped.append(unit)
            continue
        key = (types[model].pk, str(obj.pk), name)
        if entry.msgstr != current:
            setattr(obj, column, entry.msgstr)
            to_save.setdefault(id(obj), (obj, []))[1].append(name)
            report.applied.append(unit)
        elif key in sources:
            to_confirm.append(key)
            report.confirmed.append(unit)
        else:
            report.unchanged.append(unit)
    report.objects_changed = len(to_save)
    if dry_run or (strict and report.skipped):
        return report
    with transaction.atomic(), reversion.create_revision():
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(f"Imported translations ({language}) from {filename}")
        for obj, _names in to_save.values():
            obj.save()  # editorial.stale clears the review marks of saved translations
        if to_confirm:
            confirmed = models.Q()
            for content_type_id, object_id, name in to_confirm:
                confirmed |= models.Q(
                    content_type_id=content_type_id, object_id=object_id, field=name
                )
            StaleTranslation.objects.filter(confirmed, language=language).delete()
    report.saved = True
    return report
