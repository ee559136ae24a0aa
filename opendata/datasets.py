"""The open data: what CICA's content is as files a program can read.

Each dataset is described once, field by field (``Dataset`` and ``Field``): the JSON
and CSV files, and the page that documents them, are all made from that description,
so that they cannot disagree. A dataset's records come from a fixed number of queries,
however many rows there are, and hold only what visitors may see (no drafts).

Every file holds every language: in JSON a translated field is an object keyed by
language code (``{"en": …, "ru": …, "zh-hans": …, "ar": …}``, null where a language
has no text), in CSV one column per language (``name_en``, ``name_ru``,
``name_zh_hans``, ``name_ar``).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override, pgettext_lazy
from modeltranslation.utils import build_localized_fieldname

from cbm.models import Assignment
from members.models import Organization, State, StatusChange
from timeline import ordinals
from timeline.models import Document, Event

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# The kinds of value a field holds, as the documentation names them.
TYPES = {
    "text": pgettext_lazy("type of a value", "text"),
    "translated": _("text in each language"),
    "integer": _("whole number"),
    "boolean": _("true or false"),
    "date": _("date (YYYY-MM-DD)"),
    "url": _("web address"),
    "translated-url": _("web address in each language"),
    "choice": _("one of the values listed"),
    "list": _("list of records"),
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a key of TYPES
    meaning: Promise
    # The example as the documentation shows it: a JSON value, or for a translated field
    # the value in each language (the page shows its own).
    example: str | dict[str, str] | Callable[[], str] = ""
    nullable: bool = False
    choices: tuple[str, ...] = ()
    in_csv: bool = True  # a list is in the JSON only

    @property
    def translated(self) -> bool:
        return self.type in ("translated", "translated-url")

    def columns(self) -> list[str]:
        """Its columns in the CSV file: one, or one per language."""
        if not self.in_csv:
            return []
        if self.translated:
            return [csv_column(self.name, code) for code in LANGUAGES]
        return [self.name]


def csv_column(name: str, language: str) -> str:
    """``name_zh_hans``: the CSV column of a translated field in one language."""
    return build_localized_fieldname(name, language)


@dataclass(frozen=True)
class Dataset:
    name: str  # the file name: states.json, states.csv
    title: Promise
    description: Promise
    key: tuple[str, ...]  # the fields that identify a record
    fields: tuple[Field, ...]
    records: Callable[["Context"], list[dict]] = field(repr=False)

    def columns(self) -> list[str]:
        return [column for f in self.fields for column in f.columns()]

    def csv_rows(self, records: list[dict]) -> list[list[str]]:
        """The records as CSV cells: empty for null, ``true``/``false`` for booleans."""
        rows = []
        for record in records:
            row = []
            for f in self.fields:
                if not f.in_csv:
                    continue
                if f.translated:
                    row.extend(cell(record[f.name][code]) for code in LANGUAGES)
                else:
                    row.append(cell(record[f.name]))
            rows.append(row)
        return rows


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass(frozen=True)
class Context:
    """What records need besides the database: the day that decides what is current, and
    how to make an address absolute."""

    today: datetime.date
    absolute: Callable[[str], str]


def in_each_language(obj, name: str) -> dict[str, str | None]:
    """A translated field's stored value in each language, None where it is empty."""
    return {code: getattr(obj, build_localized_fieldname(name, code)) or None for code in LANGUAGES}


def address_in_each_language(context: Context, url: Callable[[], str]) -> dict[str, str]:
    """``url()`` made in each language, as absolute addresses."""
    addresses = {}
    for code in LANGUAGES:
        with override(code):
            addresses[code] = context.absolute(url())
    return addresses


def iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


# --- The records -------------------------------------------------------------------


def status_change_record(change: StatusChange, state_code: str) -> dict:
    return {
        "state_code": state_code,
        "status": change.status,
        "date": iso(change.date),
        "precision": change.precision if change.date else None,
        "approximate": change.approximate,
        "certain_from": iso(change.certain_from),
        "note": in_each_language(change, "note"),
    }


def state_records(context: Context) -> list[dict]:
    """Two queries: the states with their status on the day, and their changes."""
    states = (
        State.objects.with_status(context.today).prefetch_related("status_changes").order_by("code")
    )
    records = []
    for state in states:
        records.append(
            {
                "code": state.code,
                "slug": state.slug,
                "name": in_each_language(state, "name"),
                "short_name": in_each_language(state, "short_name"),
                "status": state.status,
                "status_since": iso(state.status_since),
                "status_since_precision": state.status_precision if state.status_since else None,
                "status_since_approximate": (
                    state.status_approximate if state.status is not None else None
                ),
                "status_certain_from": iso(state.status_certain_from),
                "url": address_in_each_language(context, state.get_absolute_url),
                "status_history": [
                    {
                        k: v
                        for k, v in status_change_record(change, state.code).items()
                        if k != "state_code"
                    }
                    for change in state.history()
                ],
            }
        )
    return records


def status_change_records(context: Context) -> list[dict]:
    """One query."""
    changes = sorted(
        StatusChange.objects.select_related("state").only(
            "status",
            "date",
            "precision",
            "approximate",
            "certain_from",
            *(build_localized_fieldname("note", code) for code in LANGUAGES),
            "state__code",
        ),
        key=lambda change: (change.state.code, StatusChange.sort_key(change)),
    )
    return [status_change_record(change, change.state.code) for change in changes]


def organization_records(context: Context) -> list[dict]:
    """One query."""
    records = []
    for organization in Organization.objects.order_by("kind", "order", "slug"):
        records.append(
            {
                "slug": organization.slug,
                "kind": organization.kind,
                "name": in_each_language(organization, "name"),
                "abbreviation": in_each_language(organization, "abbreviation"),
                "website": organization.website or None,
                "url": address_in_each_language(context, organization.get_absolute_url),
            }
        )
    return records


def assignment_records(context: Context) -> list[dict]:
    """One query, in the Catalogue's order."""
    assignments = Assignment.objects.select_related("area__dimension", "state").order_by(
        "area__dimension__order", "area__order", "area__pk", "order", "start_year", "pk"
    )
    records = []
    for assignment in assignments:
        area = assignment.area
        records.append(
            {
                "area_key": area.key,
                "state_code": assignment.state.code,
                "start_year": assignment.start_year,
                "end_year": assignment.end_year,
                "role": assignment.role,
                "dimension_key": area.dimension.key,
                "dimension_name": in_each_language(area.dimension, "name"),
                "area_name": in_each_language(area, "name"),
                "area_is_general": area.is_general,
            }
        )
    return records


def event_name(event: Event, language: str) -> str | None:
    """The event's name as the site writes it in ``language``; None when that language
    has no translation of it (the site then shows the English one)."""
    with override(language):
        return None if event.name_is_fallback else event.name


def event_records(context: Context) -> list[dict]:
    """Two queries: the published events, and the recorded names of meetings (cached)."""
    events = Event.objects.published().select_related("host_state").order_by("date", "pk")
    records = []
    for event in events:
        records.append(
            {
                "slug": event.slug,
                "kind": event.kind,
                "ordinal": event.ordinal,
                "name": {code: event_name(event, code) for code in LANGUAGES},
                "date": iso(event.date),
                "date_precision": event.date_precision,
                "end_date": iso(event.end_date),
                "place": in_each_language(event, "place"),
                "host_state_code": event.host_state.code if event.host_state else None,
                "theme": in_each_language(event, "theme"),
                "description": in_each_language(event, "description"),
                "url": address_in_each_language(context, event.get_absolute_url),
            }
        )
    return records


def document_records(context: Context) -> list[dict]:
    """One query: the published documents of published events."""
    documents = (
        Document.objects.published()
        .filter(event__published=True)
        .select_related("event")
        .order_by("event__date", "event__pk", "order")
    )
    records = []
    for document in documents:
        files = {}
        for code in LANGUAGES:
            file = getattr(document, build_localized_fieldname("file", code))
            files[code] = context.absolute(file.url) if file else None
        records.append(
            {
                "event_slug": document.event.slug,
                "order": document.order,
                "title": in_each_language(document, "title"),
                "date": iso(document.date),
                "file_url": files,
            }
        )
    return records


def fourth_summit_name() -> str:
    """The name of the 4th Summit in the active language, as the site writes it."""
    return str(Event.NUMBERED_NAMES[Event.Kind.SUMMIT]).format(**ordinals.forms(4))


# --- The descriptions --------------------------------------------------------------

STATUSES = tuple(StatusChange.Status.values)
PRECISIONS = ("day", "month", "year")

STATUS_CHANGE_FIELDS = (
    Field("status", "choice", _("The status the state took."), '"member"', choices=STATUSES),
    Field(
        "date",
        "date",
        _(
            "The day it took effect; when known only to the month or the year, its first "
            "day. Null when not recorded."
        ),
        '"2022-10-13"',
        nullable=True,
    ),
    Field(
        "precision",
        "choice",
        _("What the date is known to: the day, the month or the year. Null without a date."),
        '"day"',
        nullable=True,
        choices=PRECISIONS,
    ),
    Field(
        "approximate",
        "boolean",
        _("True when the source says only that the state had this status by that date."),
        "false",
    ),
    Field(
        "certain_from",
        "date",
        _(
            "When the sources place the change only between two dates: the later one, from "
            "which the status is certain (date is then the earliest it may have taken "
            "effect). Null otherwise."
        ),
        '"2002-06-04"',
        nullable=True,
    ),
    Field(
        "note",
        "translated",
        _("What the sources say about the date when they leave it open."),
        {
            "en": "One of the 16 founding states. …",
            "ru": "Одно из 16 государств-основателей. …",
            "zh-hans": "16个创始成员国之一。……",
            "ar": "إحدى الدول المؤسسة الست عشرة. …",
        },
    ),
)

DATASETS = (
    Dataset(
        name="states",
        title=_("Member and observer states"),
        description=_(
            "Every state that is or was a member or an observer of CICA, with its status on "
            "the day the file was made and, in JSON, the history of its status."
        ),
        key=("code",),
        fields=(
            Field("code", "text", _("ISO 3166-1 alpha-2 code: the state's identifier."), '"KW"'),
            Field(
                "slug",
                "text",
                _("The last part of the state's page address, the same in every language."),
                '"kuwait"',
            ),
            Field(
                "name",
                "translated",
                _("The name as the site's lists show it."),
                {"en": "Iran", "ru": "Иран", "zh-hans": "伊朗", "ar": "إيران"},
            ),
            Field(
                "short_name",
                "translated",
                _("The United Nations short name."),
                {
                    "en": "Iran (Islamic Republic of)",
                    "ru": "Иран (Исламская Республика)",
                    "zh-hans": "伊朗（伊斯兰共和国）",
                    "ar": "إيران (جمهورية - الإسلامية)",
                },
            ),
            Field(
                "status",
                "choice",
                _(
                    "The status on the day in as_of; null when the state had none on that day "
                    "(its first change of status is later)."
                ),
                '"member"',
                nullable=True,
                choices=STATUSES,
            ),
            Field(
                "status_since",
                "date",
                _("The date that status took effect; null when not recorded."),
                '"2022-10-13"',
                nullable=True,
            ),
            Field(
                "status_since_precision",
                "choice",
                _("What status_since is known to: the day, the month or the year."),
                '"day"',
                nullable=True,
                choices=PRECISIONS,
            ),
            Field(
                "status_since_approximate",
                "boolean",
                _("True when the state is known only to have had that status by that date."),
                "false",
                nullable=True,
            ),
            Field(
                "status_certain_from",
                "date",
                _(
                    "When the sources place the start of that status only between two dates: "
                    "the later one, from which it is certain. Null otherwise."
                ),
                '"2002-06-04"',
                nullable=True,
            ),
            Field(
                "url",
                "translated-url",
                _("The state's page on this site."),
                {code: f"/{code}/members/kuwait/" for code in LANGUAGES},
            ),
            Field(
                "status_history",
                "list",
                _(
                    "Its changes of status, earliest first (one without a date first), each "
                    "with the fields status, date, precision, approximate, certain_from and note "
                    "of the dataset "
                    "“Changes of status”. Only in JSON: the CSV files list them in "
                    "status-changes.csv."
                ),
                '[{"status": "member", "date": "2022-10-13", "precision": "day", '
                '"approximate": false, "certain_from": null, "note": {…}}]',
                in_csv=False,
            ),
        ),
        records=state_records,
    ),
    Dataset(
        name="status-changes",
        title=_("Changes of status"),
        description=_(
            "Each time a state became a member or an observer of CICA. A state's status on a "
            "day is the one of its latest change on or before that day."
        ),
        key=("state_code", "date"),
        fields=(
            Field("state_code", "text", _("The state's ISO code (see “states”)."), '"KW"'),
            *STATUS_CHANGE_FIELDS,
        ),
        records=status_change_records,
    ),
    Dataset(
        name="organisations",
        title=_("Observer and partner organisations"),
        description=_("The international organisations that are observers or partners of CICA."),
        key=("slug",),
        fields=(
            Field("slug", "text", _("The organisation's identifier."), '"un"'),
            Field(
                "kind",
                "choice",
                _("Whether it is an observer or a partner."),
                '"observer"',
                choices=tuple(Organization.Kind.values),
            ),
            Field(
                "name",
                "translated",
                _("Its name."),
                {
                    "en": "United Nations",
                    "ru": "Организация Объединенных Наций",
                    "zh-hans": "联合国",
                    "ar": "الأمم المتحدة",
                },
            ),
            Field(
                "abbreviation",
                "translated",
                _("Its abbreviation as used in that language; null when it has none."),
                {"en": "UN", "ru": "ООН", "zh-hans": "联合国", "ar": "الأمم المتحدة"},
            ),
            Field(
                "website",
                "url",
                _("Its own website; null when not recorded."),
                '"https://www.un.org"',
                nullable=True,
            ),
            Field(
                "url",
                "translated-url",
                _("Where this site lists it."),
                {code: f"/{code}/members/#un" for code in LANGUAGES},
            ),
        ),
        records=organization_records,
    ),
    Dataset(
        name="cbm-assignments",
        title=_("Coordinators of confidence building measures"),
        description=_(
            "Which state coordinates or co-coordinates which area of the CICA Catalogue of "
            "Confidence Building Measures, and in which years, in the Catalogue's order."
        ),
        key=("area_key", "state_code", "start_year"),
        fields=(
            Field(
                "area_key",
                "text",
                _("The identifier of the area of the Catalogue."),
                '"new-challenges-and-threats-general"',
            ),
            Field("state_code", "text", _("The state's ISO code (see “states”)."), '"TR"'),
            Field(
                "start_year",
                "integer",
                _("The first year of the assignment; null when not recorded."),
                "null",
                nullable=True,
            ),
            Field(
                "end_year",
                "integer",
                _("The last year of the assignment; null while it is in force."),
                "null",
                nullable=True,
            ),
            Field(
                "role",
                "choice",
                _("Coordinator or co-coordinator of the area."),
                '"coordinator"',
                choices=tuple(Assignment.Role.values),
            ),
            Field(
                "dimension_key",
                "text",
                _("The identifier of the dimension the area belongs to."),
                '"new-challenges-and-threats"',
            ),
            Field(
                "dimension_name",
                "translated",
                _("The name of the dimension."),
                {
                    "en": "Military-political dimension",
                    "ru": "Военно-политическое измерение",
                    "zh-hans": "军事政治领域",
                    "ar": "البعد العسكري السياسي",
                },
            ),
            Field(
                "area_name",
                "translated",
                _("The name of the area."),
                {
                    "en": "New challenges and threats (general)",
                    "ru": "Новые вызовы и угрозы (общие вопросы)",
                    "zh-hans": "新威胁新挑战（综合）",
                    "ar": "التحديات والتهديدات الجديدة (عام)",
                },
            ),
            Field(
                "area_is_general",
                "boolean",
                _("True when the area stands for its dimension as a whole."),
                "true",
            ),
        ),
        records=assignment_records,
    ),
    Dataset(
        name="events",
        title=_("Events"),
        description=_(
            "CICA's summits, ministerial meetings and other events in date order, as the "
            "History page shows them."
        ),
        key=("slug",),
        fields=(
            Field("slug", "text", _("The event's identifier."), '"2014-4th-summit"'),
            Field(
                "kind",
                "choice",
                _("The kind of event."),
                '"summit"',
                choices=tuple(Event.Kind.values),
            ),
            Field(
                "ordinal",
                "integer",
                _("The number of a numbered meeting (4 for the 4th Summit); null otherwise."),
                "4",
                nullable=True,
            ),
            Field(
                "name",
                "translated",
                _(
                    "The name as the site writes it, with the name its kind of meeting had on "
                    "its date."
                ),
                fourth_summit_name,
            ),
            Field(
                "date",
                "date",
                _("The first day; when known only to the month or the year, its first day."),
                '"2014-05-20"',
            ),
            Field(
                "date_precision",
                "choice",
                _("What the date is known to: the day, the month or the year."),
                '"day"',
                choices=PRECISIONS,
            ),
            Field(
                "end_date",
                "date",
                _("The last day of an event over several days; null otherwise."),
                '"2014-05-21"',
                nullable=True,
            ),
            Field(
                "place",
                "translated",
                _("The city, or videoconference."),
                {"en": "Shanghai", "ru": "Шанхай", "zh-hans": "上海", "ar": "شنغهاي"},
            ),
            Field(
                "host_state_code",
                "text",
                _("The ISO code of the state that hosted it; null when none did."),
                '"CN"',
                nullable=True,
            ),
            Field("theme", "translated", _("Its theme, if it had one."), {}),
            Field("description", "translated", _("What happened."), {}),
            Field(
                "url",
                "translated-url",
                _("The event's page on this site."),
                {code: f"/{code}/history/2014-4th-summit/" for code in LANGUAGES},
            ),
        ),
        records=event_records,
    ),
    Dataset(
        name="documents",
        title=_("Documents"),
        description=_("The documents adopted or signed at the events, with their files."),
        key=("event_slug", "order"),
        fields=(
            Field(
                "event_slug",
                "text",
                _("The identifier of the event it was adopted at (see “events”)."),
                '"2014-4th-summit"',
            ),
            Field(
                "order",
                "integer",
                _("Its place among the documents of the event; with event_slug, its identifier."),
                "10",
            ),
            Field(
                "title",
                "translated",
                _("Its title."),
                {
                    "en": "Shanghai Declaration",
                    "ru": "Шанхайская декларация",
                    "zh-hans": "上海宣言",
                    "ar": "إعلان شنغهاي",
                },
            ),
            Field(
                "date",
                "date",
                _("The date of adoption or signature; null when not recorded."),
                '"2014-05-20"',
                nullable=True,
            ),
            Field(
                "file_url",
                "translated-url",
                _("The PDF file of the document in that language; null when there is none."),
                {},
            ),
        ),
        records=document_records,
    ),
)

BY_NAME = {dataset.name: dataset for dataset in DATASETS}
