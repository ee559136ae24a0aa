import datetime
from string import Formatter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from reversion.models import Version

from cica.caching import cached_reverse, versioned
from editorial.drafts import PublishableQuerySet, published_field
from editorial.keys import PAGE_ADDRESS_HELP, fill_slug, optional_date
from editorial.uploads import UploadName, safe_words, shortened
from members.dates import Precision, first_day, format_span
from members.models import State

from . import ordinals
from .validators import PdfValidator

MEETING_NAMES_CACHE_KEY = "timeline:meeting-names"
MEETING_NAMES_CACHE_SECONDS = 300


class MeetingNames:
    """The recorded names of meetings, read once for all the events of a query and only
    when one of them is named (see ``EventQuerySet._fetch_all``), from the cache when it
    can (``MeetingName.objects.cached()``)."""

    def __init__(self) -> None:
        self._rows: list[MeetingName] | None = None

    def in_force(self, kind: str, on: datetime.date) -> "MeetingName | None":
        if self._rows is None:
            self._rows = MeetingName.objects.cached()
        found = None
        for row in self._rows:  # ordered by kind, then from the earliest date
            if row.kind == kind and (row.since is None or row.since <= on):
                found = row
        return found


class EventQuerySet(PublishableQuerySet):
    def _fetch_all(self) -> None:
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._result_cache and isinstance(self._result_cache[0], Event):
            names = MeetingNames()
            for event in self._result_cache:
                event._meeting_names = names

    def for_timeline(self, user=None) -> "EventQuerySet":
        """The events ``user`` may see in date order, with host states and documents:
        two queries."""
        documents = Document.objects.visible_to(user).order_by("order", "pk")
        return (
            self.visible_to(user)
            .select_related("host_state")
            .prefetch_related(models.Prefetch("documents", queryset=documents))
            .order_by("date", "pk")
        )

    def for_feeds(self) -> "EventQuerySet":
        """The published events (never a draft, whoever asks: a feed is kept by feed
        readers and calendars) with their host states, newest first, each annotated with
        ``last_revised``: when its last version in the history was saved (None when it
        has none, e.g. created outside the admin and ``loadsite``). One query."""
        versions = Version.objects.filter(
            content_type__app_label=self.model._meta.app_label,
            content_type__model=self.model._meta.model_name,
            object_id=Cast(OuterRef("pk"), models.CharField()),
        ).order_by("-revision__date_created")
        return (
            self.published()
            .select_related("host_state")
            .annotate(last_revised=Subquery(versions.values("revision__date_created")[:1]))
            .order_by("-date", "-pk")
        )

    def meetings(self) -> "EventQuerySet":
        """Meetings of the states: summits and ministerial meetings of every kind, not
        initiatives or other events."""
        return self.filter(
            kind__in=[
                Event.Kind.SUMMIT,
                Event.Kind.MINISTERIAL,
                Event.Kind.INFORMAL_MINISTERIAL,
                Event.Kind.SPECIAL_MINISTERIAL,
            ]
        )

    def latest_meeting(self, on: datetime.date, user=None) -> "Event | None":
        """The last meeting ``user`` may see that began on or before ``on``, or None.

        A meeting known only to its month or year counts from the first day of it.
        """
        return (
            self.visible_to(user)
            .meetings()
            .filter(date__lte=on)
            .select_related("host_state")
            .order_by("-date", "-pk")
            .first()
        )

    def next_meeting(self, on: datetime.date, user=None) -> "Event | None":
        """The first meeting ``user`` may see that begins after ``on``, or None when none
        is recorded."""
        return (
            self.visible_to(user)
            .meetings()
            .filter(date__gt=on)
            .select_related("host_state")
            .order_by("date", "pk")
            .first()
        )

    def hosted_by(self, state: State) -> "EventQuerySet":
        return self.published().filter(host_state=state).order_by("date", "pk")

    def get_by_natural_key(self, slug: str) -> "Event":
        return self.get(slug=slug)


class Event(models.Model):
    """A meeting or moment in CICA's history."""

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("initiative")
        SUMMIT = "summit", _("summit")
        MINISTERIAL = "ministerial", _("ministerial meeting")
        INFORMAL_MINISTERIAL = "informal-ministerial", _("informal ministerial meeting")
        SPECIAL_MINISTERIAL = "special-ministerial", _("special meeting of ministers")
        OTHER = "other", _("other")

    Precision = Precision

    # How a meeting without a title of its own is named, with and without its number.
    # The ordinal placeholders are described in timeline/ordinals.py.
    # Translations choose among the placeholders, so they need not use {ordinal}.
    NUMBERED_NAMES = {
        # xgettext:no-python-brace-format
        Kind.SUMMIT: pgettext_lazy("event name", "{ordinal} CICA Summit"),
        # xgettext:no-python-brace-format
        Kind.MINISTERIAL: pgettext_lazy("event name", "{ordinal} CICA Ministerial Meeting"),
    }
    NAMES = {
        Kind.SUMMIT: pgettext_lazy("event name", "CICA Summit"),
        Kind.MINISTERIAL: pgettext_lazy("event name", "CICA Ministerial Meeting"),
        Kind.INFORMAL_MINISTERIAL: pgettext_lazy(
            "event name", "Informal Meeting of the CICA Ministers of Foreign Affairs"
        ),
        Kind.SPECIAL_MINISTERIAL: pgettext_lazy(
            "event name", "Special Meeting of the CICA Ministers of Foreign Affairs"
        ),
    }

    kind = models.CharField(_("type of meeting"), max_length=30, choices=Kind.choices)
    ordinal = models.PositiveSmallIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_(
            "For numbered meetings: 4 for the 4th CICA Summit. The name is written "
            "from it in every language."
        ),
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_(
            "Only for events without a standard name (initiatives, other events). "
            "Summits and ministerial meetings are named from their kind and number."
        ),
    )
    date = models.DateField(
        _("date"),
        help_text=_(
            "The first day. With month or year precision, any day of that month or "
            "year: it is stored as the first."
        ),
    )
    date_precision = models.CharField(
        _("date known to the"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
    )
    end_date = models.DateField(
        _("last day"),
        null=True,
        blank=True,
        help_text=_("For meetings over several days; leave empty for one day."),
    )
    place = models.CharField(
        _("place"), max_length=120, blank=True, help_text=_("The city, or “videoconference”.")
    )
    host_state = models.ForeignKey(
        State,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("host state"),
        help_text=_(
            "The state that hosted the event; its page lists the event. Leave empty "
            "for meetings at the United Nations or online."
        ),
    )
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    published = published_field()
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, blank=True, help_text=PAGE_ADDRESS_HELP
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "initiative",
                        "summit",
                        "ministerial",
                        "informal-ministerial",
                        "special-ministerial",
                        "other",
                    ]
                ),  # fmt: skip
                name="%(app_label)s_%(class)s_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(date_precision__in=["day", "month", "year"]),
                name="%(app_label)s_%(class)s_precision_valid",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(date_precision="day", end_date__gte=models.F("date")),
                name="%(app_label)s_%(class)s_end_date_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ordinal__isnull=True) | Q(ordinal__gte=1),
                name="%(app_label)s_%(class)s_ordinal_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.date.year})"

    def save(self, *args, **kwargs) -> None:
        self.date = first_day(self.date, self.date_precision)
        if self.date_precision != self.Precision.DAY:
            self.end_date = None
        if not self.slug:
            # The year and the English name: 2014-4th-cica-summit.
            with translation.override(settings.LANGUAGE_CODE):
                fill_slug(self, f"{self.date.year} {self.name}")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return cached_reverse("timeline:detail", self.slug)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def naming(self) -> "MeetingName | None":
        """The name its kind of meeting had on its date, if an editor recorded one."""
        if self.date is None:
            return None
        names = getattr(self, "_meeting_names", None)
        if names is None:
            names = self._meeting_names = MeetingNames()
        return names.in_force(self.kind, self.date)

    @property
    def name(self) -> str:
        """The title, else the name of its kind of meeting on its date with its number,
        in the active language: a recorded ``MeetingName``, else the site's translation
        of the kind's standard name."""
        if self.title:
            return self.title
        naming = self.naming
        if naming is not None:
            return naming.for_number(self.ordinal)
        if self.ordinal and self.kind in self.NUMBERED_NAMES:
            return str(self.NUMBERED_NAMES[self.kind]).format(**ordinals.forms(self.ordinal))
        return str(self.NAMES.get(self.kind, self.get_kind_display()))

    @property
    def name_is_fallback(self) -> bool:
        """True when the name shown is the English one, for want of a translation."""
        language = get_language() or settings.LANGUAGE_CODE
        if self.title:
            return not getattr(self, build_localized_fieldname("title", language), "")
        naming = self.naming
        return naming is not None and naming.is_fallback(self.ordinal, language)

    @property
    def when(self) -> str:
        return format_span(self.date, self.end_date, self.date_precision)

    @property
    def when_in_text(self) -> str:
        """``when`` within a sentence (Russian writes "сентябрь 2011 г." there)."""
        return format_span(self.date, self.end_date, self.date_precision, "in_text")


def is_name_pattern(value: str) -> bool:
    """Whether ``value`` names a meeting with its number: plain text and at least one
    placeholder of ``ordinals.forms``, each bare (no attribute, index, format or
    conversion, so that an edited pattern can only ever print a number)."""
    try:
        fields = [
            (field, spec, conversion)
            for _text, field, spec, conversion in Formatter().parse(value)
            if field is not None
        ]
    except ValueError:
        return False
    allowed = ordinals.forms(1)
    return bool(fields) and all(
        field in allowed and not spec and not conversion for field, spec, conversion in fields
    )


def check_name_pattern(value: str) -> None:
    if value and not is_name_pattern(value):
        raise ValidationError(
            _(
                "Write the number as a placeholder in braces: {ordinal} (7th), {number} (7), "
                "{ordinal_ru_m}, {ordinal_ru_n}, {ordinal_ru_f} (Седьмой, Седьмое, Седьмая), "
                "{ordinal_zh} (七), {ordinal_ar_m}, {ordinal_ar_f} (السابع، السابعة); "
                "other braces are not allowed."
            )
        )


class MeetingNameQuerySet(models.QuerySet):
    def cached(self) -> list["MeetingName"]:
        """Every recorded name, from the cache under the content version when it can."""
        return versioned(
            MEETING_NAMES_CACHE_KEY,
            lambda: list(self.order_by("kind", F("since").asc(nulls_first=True))),
            MEETING_NAMES_CACHE_SECONDS,
        )

    def get_by_natural_key(self, kind: str, since: str | None) -> "MeetingName":
        return self.get(kind=kind, **optional_date("since", since))


class MeetingName(models.Model):
    """What a kind of meeting is called from a date, in every language.

    CICA renames its meetings: the Astana Statement of 13 October 2022 made the
    Ministerial Meeting the Ministerial Council. Each event without a title of its
    own is named by the name its kind had on the event's date, so earlier meetings
    keep their own names. Before the first recorded name, the site's standard names
    apply (``Event.NUMBERED_NAMES`` and ``Event.NAMES``).
    """

    kind = models.CharField(_("type of meeting"), max_length=30, choices=Event.Kind.choices)
    since = models.DateField(
        _("from"),
        null=True,
        blank=True,
        help_text=_(
            "The day the name took effect; meetings from that day on use it. Leave empty "
            "for a name used from the beginning."
        ),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The name of one such meeting without its number, e.g. “CICA Summit”."),
    )
    numbered_name = models.CharField(
        _("name with a number"),
        max_length=200,
        blank=True,
        validators=[check_name_pattern],
        help_text=_(
            "The name of a numbered meeting, with the number as a placeholder: “{ordinal} CICA "
            "Summit” gives “7th CICA Summit”. Russian: {ordinal_ru_m}, {ordinal_ru_n}, "
            "{ordinal_ru_f} (Седьмой, Седьмое, Седьмая); Chinese: {ordinal_zh} (七); Arabic: "
            "{ordinal_ar_m}, {ordinal_ar_f} (السابع، السابعة); any language: {number} (7)."
        ),
    )

    objects = MeetingNameQuerySet.as_manager()

    class Meta:
        ordering = ["kind", F("since").asc(nulls_first=True)]
        verbose_name = _("name of a kind of meeting")
        verbose_name_plural = _("names of meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "since"],
                name="%(app_label)s_%(class)s_one_a_day",
                violation_error_message=_("This kind of meeting already has a name from that day."),
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(since__isnull=True),
                name="%(app_label)s_%(class)s_one_from_the_beginning",
                violation_error_message=_(
                    "This kind of meeting already has a name used from the beginning."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("timeline:list")

    def natural_key(self) -> tuple[str, str | None]:
        return (self.kind, self.since.isoformat() if self.since else None)

    def for_number(self, number: int | None) -> str:
        """The name in the active language (English when not translated), numbered when
        the meeting has a number and the name a numbered form."""
        pattern = self.numbered_name
        if number and pattern:
            if is_name_pattern(pattern):
                return pattern.format(**ordinals.forms(number))
            # A pattern that bypassed the form (a fixture, the shell): the plain name is
            # still right.
        return self.name

    def is_fallback(self, number: int | None, language: str) -> bool:
        field = "numbered_name" if number and self.numbered_name else "name"
        return not getattr(self, build_localized_fieldname(field, language), "")


def document_words(document: "Document", filename: str) -> list[str]:
    """``documents/<event slug>-<English title>-<language>.pdf``, e.g.
    ``documents/2014-4th-summit-shanghai-declaration-ru.pdf``.

    The document has one file column per language (modeltranslation), and
    ``upload_to`` is not told which one it names: it is the one whose file is being
    stored, i.e. not stored yet and under this name (columns are stored one by one).
    """
    event = safe_words(document.event.slug if document.event_id else "")
    title = safe_words(document.title_en) or [f"document-{document.order}"]
    language = ""
    for code, _name in settings.LANGUAGES:
        field_file = getattr(document, build_localized_fieldname("file", code), None)
        if field_file and not field_file._committed and field_file.name == filename:
            language = code
            break
    # Each part cut short, so that the language at the end survives (MAX_STEM).
    return [shortened(event[0], 27) if event else "", shortened(title[0], 24), language]


class DocumentQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, event_slug: str, order: int) -> "Document":
        return self.get(event__slug=event_slug, order=order)


class Document(models.Model):
    """A document adopted or signed at an event, with a file in each language it exists in."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="documents", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("Date of adoption or signature, if known.")
    )
    file = models.FileField(
        _("file"),
        upload_to=UploadName("documents", document_words, ("pdf",)),
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), PdfValidator()],
        help_text=_(
            "The document in this language, as a PDF of at most 25 MB. Leave empty if "
            "there is none."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=10, help_text=_("Order among the documents of the event.")
    )
    published = published_field()

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["event__date", "order", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "order"],
                name="%(app_label)s_%(class)s_unique_order_in_event",
                violation_error_message=_(
                    "Another document of this event has the same order number."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.event.get_absolute_url() + f"#document-{self.pk}"

    def natural_key(self) -> tuple[str, int]:
        return (self.event.slug, self.order)

    natural_key.dependencies = ["timeline.event"]

    def file_for(self, language: str | None = None) -> tuple[str, object] | None:
        """The file to offer a reader of ``language``: (language code, file), or None.

        The reader's own language first, then English, then any other.
        """
        language = language or get_language() or settings.LANGUAGE_CODE
        codes = [code for code, _name in settings.LANGUAGES]
        for code in [language, settings.LANGUAGE_CODE, *codes]:
            field_file = getattr(self, build_localized_fieldname("file", code), None)
            if field_file:
                return code, field_file
        return None
