"""The admin index as a dashboard, the history of changes, and the difference of a change.

* ``recent_changes`` — the latest revisions (django-reversion) by anyone, each with
  the objects it changed, a link to their change form and to their difference.
* ``drafts`` — unpublished objects of every model with a ``published`` flag.
* ``translation_rows`` — filled, empty and stale translations per language (stale:
  the English changed after they were made, ``editorial.stale``).
* ``shortcuts`` — the frequent tasks, each a link to the admin form that does it.
* ``version_diff`` — one version against the previous version of the same object.

Like the rest of ``editorial`` it imports no content app: content models are found
through ``django.apps`` (``settings.CICA_CONTENT_APPS`` and reversion's registry).
"""

import json
from dataclasses import dataclass, field

import reversion
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.urls import NoReverseMatch, reverse
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from reversion.models import Revision, Version

from .diffs import word_diff
from .roles import content_models
from .stale import SOURCE_LANGUAGE
from .translations import LANGUAGES, status
from .translators import ADMINISTRATORS, is_translator, translated_fields

RECENT_REVISIONS = 10
OBJECTS_PER_REVISION = 5
DRAFTS_SHOWN = 8
# Being written at the same time as the dashboard: translations whose English changed
# after they were made. Its counts join the translation table once the module exists.


def is_administrator(user) -> bool:
    """A superuser, or a member of the Administrators group."""
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()


def may_view(user, model) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def viewable_content_types(user) -> list[int]:
    """The ids of the content types under version control that ``user`` may look at."""
    models_ = [model for model in reversion.get_registered_models() if may_view(user, model)]
    if not models_:
        return []
    return [ct.pk for ct in ContentType.objects.get_for_models(*models_).values()]


# Links to the objects of versions


def change_url(model, pk) -> str:
    opts = model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
    except NoReverseMatch:
        return ""


def parent_field(model) -> models.ForeignKey | None:
    """For a model edited only as an inline (a state's changes of status): the foreign
    key to the object whose form holds it."""
    for candidate in model._meta.fields:
        if candidate.many_to_one and candidate.related_model in admin.site._registry:
            return candidate
    return None


def _to_pk(model, value):
    try:
        return model._meta.pk.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return None


def link_objects(versions) -> None:
    """Set ``kind``, ``change_url`` (empty for a deleted object) and ``diff_url`` on each
    version:
    one query per kind of content among them, whatever their number."""
    by_type: dict[int, list] = {}
    for version in versions:
        version.diff_url = reverse("change_diff", args=[version.pk])
        version.change_url = ""
        version.kind = kind_of(version)
        by_type.setdefault(version.content_type_id, []).append(version)
    for content_type_id, group in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        pks = {v.pk: _to_pk(model, v.object_id) for v in group}
        wanted = {pk for pk in pks.values() if pk is not None}
        if model in admin.site._registry:
            existing = set(model._base_manager.filter(pk__in=wanted).values_list("pk", flat=True))
            for version in group:
                if pks[version.pk] in existing:
                    version.change_url = change_url(model, pks[version.pk])
            continue
        parent = parent_field(model)
        if parent is None:
            continue
        rows = dict(model._base_manager.filter(pk__in=wanted).values_list("pk", parent.attname))
        anchor = f"#{parent.remote_field.get_accessor_name()}-group"
        for version in group:
            parent_pk = rows.get(pks[version.pk])
            if parent_pk is not None and (url := change_url(parent.related_model, parent_pk)):
                version.change_url = url + anchor


def kind_of(version) -> str:
    model = version.content_type.model_class()
    return str(model._meta.verbose_name) if model else version.content_type.model


# (a) Recent changes


def recent_changes(user, limit: int = RECENT_REVISIONS) -> list[Revision]:
    """The latest revisions by anyone that touch content ``user`` may see, newest first,
    each with ``shown`` (its first objects), ``objects`` (how many) and ``more``.
    A constant number of queries: revisions, their first versions, and the links."""
    types = viewable_content_types(user)
    versions = Version.objects.filter(content_type_id__in=types)
    revisions = list(
        Revision.objects.filter(Exists(versions.filter(revision=OuterRef("pk"))))
        .select_related("user")
        .annotate(objects=Count("version", filter=Q(version__content_type_id__in=types)))
        .order_by("-date_created", "-pk")
        .prefetch_related(
            Prefetch(
                "version_set",
                queryset=versions.select_related("content_type")
                .defer("serialized_data")
                .order_by("pk")[:OBJECTS_PER_REVISION],
                to_attr="shown",
            )
        )[:limit]
    )
    link_objects([version for revision in revisions for version in revision.shown])
    for revision in revisions:
        revision.more = revision.objects - len(revision.shown)
    return revisions


# (b) Drafts waiting


@dataclass
class Draft:
    title: str
    url: str


@dataclass
class DraftGroup:
    verbose_name_plural: str
    count: int
    items: list[Draft]
    list_url: str = ""


def publishable_models() -> list:
    """Content models with a ``published`` flag (``editorial.drafts.published_field``)."""
    result = []
    for model in content_models():
        try:
            flag = model._meta.get_field("published")
        except Exception:  # FieldDoesNotExist
            continue
        if isinstance(flag, models.BooleanField):
            result.append(model)
    return result


def drafts(user) -> list[DraftGroup]:
    """The unpublished objects of each publishable model ``user`` may see: one query per
    model (two when there are more than can be shown)."""
    groups = []
    for model in publishable_models():
        if not may_view(user, model):
            continue
        queryset = model._base_manager.filter(published=False)
        parent = None if model in admin.site._registry else parent_field(model)
        if parent is not None:
            queryset = queryset.select_related(parent.name)
        rows = list(queryset[: DRAFTS_SHOWN + 1])
        if not rows:
            continue
        count = len(rows) if len(rows) <= DRAFTS_SHOWN else queryset.count()
        items = []
        for obj in rows[:DRAFTS_SHOWN]:
            if parent is None:
                url = change_url(model, obj.pk)
            else:
                url = change_url(parent.related_model, getattr(obj, parent.attname))
                url += f"#{parent.remote_field.get_accessor_name()}-group" if url else ""
            items.append(Draft(str(obj), url))
        list_url = ""
        model_admin = admin.site._registry.get(model)
        if model_admin is not None and "published" in model_admin.list_filter:
            opts = model._meta
            list_url = (
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
                + "?published__exact=0"
            )
        groups.append(DraftGroup(str(model._meta.verbose_name_plural), count, items, list_url))
    return groups


# (c) Translations per language


@dataclass
class LanguageRow:
    code: str
    name: str
    filled: int
    total: int
    missing: int
    stale: int | None = None


def translation_rows() -> list[LanguageRow]:
    """Per language: filled, total and empty translated fields, and the stale ones (none
    for English, the language translations are made from)."""
    report = status(with_gaps=False)
    return [
        LanguageRow(
            code=code,
            name=get_language_info(code)["name_translated"],
            filled=report[code].filled,
            total=report[code].total,
            missing=report[code].missing,
            stale=None if code == SOURCE_LANGUAGE else report[code].stale,
        )
        for code in LANGUAGES
    ]


# (d) Shortcuts to the frequent tasks


@dataclass
class Link:
    label: str
    url: str


@dataclass
class Shortcut:
    key: str
    title: str
    explanation: str
    links: list[Link] = field(default_factory=list)
    # A list to choose from, sent to ``choose_url`` as ``choose_name`` (a state).
    choose_url: str = ""
    choose_name: str = ""
    choose_label: str = ""
    choices: list[tuple[object, str]] = field(default_factory=list)


def content_model(label: str):
    """A content model by its label ("members.State"), or None if it is not installed."""
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def model_admin_for(label: str):
    model = content_model(label)
    return (model, admin.site._registry.get(model)) if model else (None, None)


def admin_url(model, view: str, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def shortcuts(request) -> list[Shortcut]:
    """The frequent tasks the user may do, each with the links that start it."""
    user = request.user
    result = []
    translator = is_translator(user)

    state, state_admin = model_admin_for("members.State")
    status_change = content_model("members.StatusChange")
    if (
        state_admin
        and status_change
        and not translator
        and state_admin.has_change_permission(request)
        and user.has_perm(f"{status_change._meta.app_label}.add_{status_change._meta.model_name}")
    ):
        shortcut = Shortcut(
            key="status",
            title=_("Record an accession or a change of status"),
            explanation=_(
                "A state joins CICA, or an observer becomes a member: choose the state and "
                "add a row under “Status over time”."
            ),
            choose_url=reverse("status_shortcut"),
            choose_name="state",
            choose_label=_("State"),
            choices=[(pk, name) for pk, name in state._base_manager.values_list("pk", "name")],
        )
        if state_admin.has_add_permission(request):
            shortcut.links.append(Link(_("A state new to CICA"), admin_url(state, "add")))
        shortcut.links.append(Link(_("All states"), admin_url(state, "changelist")))
        result.append(shortcut)

    chairmanship, chairmanship_admin = model_admin_for("secretariat.Chairmanship")
    if chairmanship_admin and chairmanship_admin.has_add_permission(request):
        result.append(
            Shortcut(
                key="chairmanship",
                title=_("A new chairmanship with its priorities"),
                explanation=_(
                    "The state that takes the chair, its term, and its priorities, one per row."
                ),
                links=[
                    Link(_("Add a chairmanship"), admin_url(chairmanship, "add")),
                    Link(_("All chairmanships"), admin_url(chairmanship, "changelist")),
                ],
            )
        )

    event, event_admin = model_admin_for("timeline.Event")
    if event_admin and event_admin.has_add_permission(request):
        add = admin_url(event, "add")
        kinds = dict(event._meta.get_field("kind").flatchoices)
        links = [
            Link(str(kinds[kind]).capitalize(), f"{add}?kind={kind}")
            for kind in ("summit", "ministerial")
            if kind in kinds
        ]
        result.append(
            Shortcut(
                key="meeting",
                title=_("A meeting with its documents"),
                explanation=_(
                    "A summit or a ministerial meeting, and the documents adopted at it, "
                    "with a PDF in each language."
                ),
                links=[*links, Link(_("Another event"), add)],
            )
        )

    person, person_admin = model_admin_for("secretariat.Person")
    position = content_model("secretariat.Position")
    if person_admin and position and person_admin.has_add_permission(request):
        add = admin_url(person, "add")
        posts = position._base_manager.filter(lists_holders=True).order_by("order", "pk")
        result.append(
            Shortcut(
                key="office-holder",
                title=_("A new office-holder"),
                explanation=_(
                    "Someone takes up a post in the Secretariat: the post, their name, "
                    "nationality and term. End the predecessor’s term on the same day."
                ),
                links=[
                    *[Link(str(post), f"{add}?position={post.pk}") for post in posts],
                    Link(_("Another post"), add),
                    Link(_("All office-holders"), admin_url(person, "changelist")),
                ],
            )
        )

    result.append(
        Shortcut(
            key="translations",
            title=_("Fill in missing translations"),
            explanation=_(
                "Every object with a field not yet translated, language by language, with a "
                "link to its form."
            ),
            links=[Link(_("Translation status"), reverse("translation_status"))],
        )
    )
    return result


# The difference of one version from the previous one


@dataclass
class DiffRow:
    label: str
    language: str  # a language code for a translation, else ""
    language_name: str
    before: str
    after: str
    changed: bool


def serialized_fields(version) -> dict:
    """The field values stored in a version (reversion's JSON), by field name."""
    try:
        return json.loads(version.serialized_data)[0]["fields"]
    except (ValueError, KeyError, IndexError, TypeError):
        return {}


def display(model_field, value) -> str:
    """A stored value as an editor reads it: choices by label, yes/no, related objects
    by name, dates in the active language's format; "" when empty."""
    if value is None or value == "":
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if model_field.many_to_one:
        related = model_field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if isinstance(model_field, models.DateField | models.DateTimeField | models.DecimalField):
        try:
            return str(localize(model_field.to_python(value)))
        except ValidationError:
            return str(value)
    return str(value)


def is_text(model_field) -> bool:
    return isinstance(model_field, models.CharField | models.TextField) and not (
        model_field.choices or isinstance(model_field, models.FileField)
    )


def diff_row(model_field, label, language, old, new, first: bool = False) -> DiffRow:
    """One field (in one language): ``before`` and ``after`` as safe HTML, the words
    removed in ``<del>`` and added in ``<ins>``; for a first version, the plain value."""
    changed = old != new
    language_name = get_language_info(language)["name_translated"] if language else ""
    if first:
        return DiffRow(
            str(label),
            language,
            language_name,
            "",
            escape(display(model_field, new)),
            new not in (None, ""),
        )
    if changed and is_text(model_field) and old and new:
        before, after = word_diff(str(old), str(new))
    else:
        before, after = escape(display(model_field, old)), escape(display(model_field, new))
        if changed and after:
            after = mark_safe(f"<ins>{after}</ins>")  # noqa: S308 (escaped)
        if changed and before:
            before = mark_safe(f"<del>{before}</del>")  # noqa: S308 (escaped)
    return DiffRow(str(label), language, language_name, before, after, changed)


def version_rows(model, old: dict | None, new: dict) -> list[DiffRow]:
    """Every field of ``model``, translated ones once per language, in the order of
    the model; ``old`` is None for a first version."""
    first = old is None
    old = old or {}
    translated = set(translated_fields(model))
    columns = {build_localized_fieldname(name, code) for name in translated for code in LANGUAGES}
    rows = []
    for model_field in model._meta.concrete_fields:
        name = model_field.name
        if model_field.primary_key or name in columns:
            continue
        label = model_field.verbose_name
        if name in translated:
            for code in LANGUAGES:
                column = build_localized_fieldname(name, code)
                rows.append(
                    diff_row(
                        model._meta.get_field(column),
                        label,
                        code,
                        old.get(column),
                        new.get(column),
                        first,
                    )
                )
            continue
        rows.append(diff_row(model_field, label, "", old.get(name), new.get(name), first))
    return rows


def earlier_and_later(version) -> tuple[Version | None, Version | None]:
    same = Version.objects.filter(
        content_type_id=version.content_type_id, object_id=version.object_id, db=version.db
    ).select_related("revision__user")
    earlier = same.filter(pk__lt=version.pk).order_by("-pk").first()
    later = same.filter(pk__gt=version.pk).order_by("pk").first()
    return earlier, later


def version_diff(version, earlier) -> list[DiffRow]:
    model = version.content_type.model_class()
    if model is None:
        return []
    old = serialized_fields(earlier) if earlier is not None else None
    return version_rows(model, old, serialized_fields(version))
