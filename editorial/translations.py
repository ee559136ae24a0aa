"""How complete the translations of the content are, per language.

A translated field of an object counts when some language has text for it; it
is filled in a language when that language has text. Files (a document's PDF in
each language) are not counted: a missing file is not a missing translation.
A filled translation whose English changed since is counted apart, as one to
review (``editorial.stale``).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass
class Gap:
    """An object with text missing in a language."""

    label: str  # "members.State"
    verbose_name: str
    pk: int
    title: str
    fields: list[str]
    admin_url: str


@dataclass
class LanguageStatus:
    code: str
    filled: int = 0
    total: int = 0
    gaps: list[Gap] = field(default_factory=list)
    stale: int = 0  # filled, but the English changed since
    stale_items: list = field(default_factory=list)  # editorial.stale.StaleItem

    @property
    def missing(self) -> int:
        return self.total - self.filled

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(self.filled * 100 / self.total)


def text_fields(model) -> list[str]:
    """The model's translated text fields, in the order the model declares them."""
    translated = set(translator.get_options_for_model(model).fields)
    return [
        field.name
        for field in model._meta.fields
        if field.name in translated and not isinstance(field, models.FileField)
    ]


def has_text(column: str) -> Q:
    return Q(**{f"{column}__gt": ""})


def status(with_gaps: bool = True) -> dict[str, LanguageStatus]:
    """Filled and total translated fields per language, the translations to review, and
    (``with_gaps``) the objects with gaps and the translations to review one by one."""
    from .stale import stale_counts, stale_items

    result = {code: LanguageStatus(code) for code in LANGUAGES}
    for code, count in stale_counts().items():
        result[code].stale = count
    if with_gaps:
        for item in stale_items():
            result[item.language].stale_items.append(item)
    for model in translator.get_registered_models(abstract=False):
        names = text_fields(model)
        if not names:
            continue
        aggregates = {}
        for name in names:
            any_text = Q()
            for code in LANGUAGES:
                any_text |= has_text(build_localized_fieldname(name, code))
            aggregates[f"{name}__total"] = Count("pk", filter=any_text)
            for code in LANGUAGES:
                column = build_localized_fieldname(name, code)
                aggregates[f"{name}__{code}"] = Count("pk", filter=any_text & has_text(column))
        counts = model._base_manager.aggregate(**aggregates)
        for code in LANGUAGES:
            result[code].total += sum(counts[f"{name}__total"] for name in names)
            result[code].filled += sum(counts[f"{name}__{code}"] for name in names)
        if with_gaps:
            for code in LANGUAGES:
                if any(counts[f"{n}__{code}"] < counts[f"{n}__total"] for n in names):
                    result[code].gaps += gaps_in(model, names, code)
    return result


def gaps_in(model, names: list[str], code: str) -> list[Gap]:
    missing = Q()
    for name in names:
        others = Q()
        for other in LANGUAGES:
            if other != code:
                others |= has_text(build_localized_fieldname(name, other))
        missing |= others & ~has_text(build_localized_fieldname(name, code))
    opts = model._meta
    gaps = []
    for obj in model._base_manager.filter(missing):
        empty = [
            str(opts.get_field(name).verbose_name)
            for name in names
            if not getattr(obj, build_localized_fieldname(name, code))
            and any(getattr(obj, build_localized_fieldname(name, o)) for o in LANGUAGES)
        ]
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        except NoReverseMatch:
            url = ""
        gaps.append(Gap(opts.label, str(opts.verbose_name), obj.pk, str(obj), empty, url))
    return gaps
