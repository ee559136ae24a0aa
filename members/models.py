import datetime
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from cica.caching import cached_reverse
from editorial.images import RasterImageValidator, normalised_image
from editorial.keys import (
    IDENTIFIER_HELP,
    PAGE_ADDRESS_HELP,
    english,
    fill_slug,
    optional_date,
)
from editorial.uploads import IMAGE_EXTENSIONS, UploadName, safe_words

from .dates import Precision, first_day

FLAG_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_BYTES = 2 * 1024 * 1024
FIRST_YEAR = 1992  # CICA was proposed in 1992; nobody joined before.

iso_code_validator = RegexValidator(
    r"^[A-Z]{2}$", _("Enter the two capital letters of the ISO 3166-1 alpha-2 code, e.g. KZ.")
)


def flag_words(state: "State", filename: str) -> list[str]:
    """``flags/<slug>.png``; the ISO code while the state has no slug yet."""
    return safe_words(state.slug, state.code)[:1] or ["flag"]


def logo_words(organization: "Organization", filename: str) -> list[str]:
    """``logos/<slug>.png``."""
    return safe_words(organization.slug)[:1] or ["logo"]


@cache
def shipped_flag_codes() -> frozenset[str]:
    """ISO codes (lower case) of the SVG flags shipped in static/flags/4x3."""
    folder = settings.BASE_DIR / "static" / "flags" / "4x3"
    return frozenset(path.stem for path in folder.glob("*.svg"))


@cache
def shipped_flag_url(code: str) -> str:
    """The address of the shipped SVG flag for ``code`` (lower case), or an empty string.

    Asked for every flag of every list: the hashed name is looked up once per process.
    """
    return static(f"flags/4x3/{code}.svg") if code in shipped_flag_codes() else ""


class StateQuerySet(models.QuerySet):
    @staticmethod
    def _in_force(on: datetime.date | None) -> models.QuerySet:
        """The change of status in force on ``on`` for the outer state, latest first."""
        return (
            StatusChange.objects.filter(state=OuterRef("pk"))
            .filter(Q(date__lte=on or timezone.localdate()) | Q(date__isnull=True))
            .order_by(F("date").desc(nulls_last=True))
        )

    def with_status(self, on: datetime.date | None = None) -> "StateQuerySet":
        """Each state with the status in force on ``on`` (today by default), in one query.

        Annotates ``status`` (None when the state was neither a member nor an observer
        yet), and the start of that status: ``status_since`` (None when not recorded),
        ``status_precision``, ``status_approximate``, ``status_certain_from``, and
        ``status_note`` in the active language with ``status_note_en`` (the template tag
        ``status_note`` shows the English when a translation is missing). See
        ``StatusChange``.
        """
        in_force = self._in_force(on)
        note = build_localized_fieldname("note", get_language() or settings.LANGUAGE_CODE)
        if not hasattr(StatusChange, note):
            note = "note_en"
        return self.annotate(
            status=Subquery(in_force.values("status")[:1]),
            status_since=Subquery(in_force.values("date")[:1]),
            status_precision=Subquery(in_force.values("precision")[:1]),
            status_approximate=Subquery(in_force.values("approximate")[:1]),
            status_certain_from=Subquery(in_force.values("certain_from")[:1]),
            status_note=Subquery(in_force.values(note)[:1]),
            status_note_en=Subquery(in_force.values("note_en")[:1]),
        )

    def members(self, on: datetime.date | None = None) -> "StateQuerySet":
        """The member states on ``on`` (today by default)."""
        return self.with_status(on).filter(status=StatusChange.Status.MEMBER)

    def observers(self, on: datetime.date | None = None) -> "StateQuerySet":
        """The observer states on ``on`` (today by default)."""
        return self.with_status(on).filter(status=StatusChange.Status.OBSERVER)

    def counts(self, on: datetime.date | None = None) -> dict[str, int]:
        """The number of member and observer states on ``on`` (today by default), in one
        query."""
        status = Subquery(self._in_force(on).values("status")[:1])
        return self.annotate(status=status).aggregate(
            members=Count("pk", filter=Q(status=StatusChange.Status.MEMBER)),
            observers=Count("pk", filter=Q(status=StatusChange.Status.OBSERVER)),
        )

    def get_by_natural_key(self, code: str) -> "State":
        return self.get(code=code)


class State(models.Model):
    """A state that is or was a member or observer of CICA.

    Its status is not a column: it is the series of its ``StatusChange`` rows, so
    that the status on any date (today, or the end of a past year) is known, and
    the year it joined follows from them.
    """

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("The name as lists show it, e.g. “Iran” or “Republic of Korea”."),
    )
    short_name = models.CharField(
        _("official short name"),
        max_length=150,
        help_text=_(
            "The United Nations short name in this language, e.g. “Iran (Islamic Republic of)”."
        ),
    )
    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        validators=[iso_code_validator],
        help_text=_("ISO 3166-1 alpha-2 code, two capital letters. It chooses the shipped flag."),
    )
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, blank=True, help_text=PAGE_ADDRESS_HELP
    )
    description = models.TextField(_("description"), blank=True)
    flag = models.ImageField(
        _("uploaded flag"),
        upload_to=UploadName("flags", flag_words, IMAGE_EXTENSIONS),
        blank=True,
        validators=[RasterImageValidator(FLAG_MAX_BYTES)],
        help_text=_(
            "Optional. Leave empty to use the shipped flag for the ISO code. PNG, JPEG, WebP "
            "or GIF up to 2 MB; it is resized to fit 640×480 pixels."
        ),
    )

    objects = StateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("state")
        verbose_name_plural = _("states")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z][A-Z]$"),
                name="%(app_label)s_%(class)s_code_iso_alpha2",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        fill_slug(self, english(self, "name"))
        if self.flag and not self.flag._committed:
            self.flag = normalised_image(self.flag, max_width=640, max_height=480)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return cached_reverse("members:detail", self.slug)

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def flag_url(self) -> str:
        """The uploaded flag, else the shipped SVG for the ISO code, else an empty string."""
        if self.flag:
            return self.flag.url
        return shipped_flag_url(self.code.lower())

    @property
    def is_member(self) -> bool:
        """Whether the state is a member, by the status ``with_status()`` annotated."""
        return self.status == StatusChange.Status.MEMBER

    @property
    def is_observer(self) -> bool:
        """Whether the state is an observer, by the status ``with_status()`` annotated."""
        return self.status == StatusChange.Status.OBSERVER

    def history(self) -> list["StatusChange"]:
        """Its changes of status, earliest first (those with no recorded date first)."""
        return sorted(self.status_changes.all(), key=StatusChange.sort_key)

    @property
    def joined(self) -> "StatusChange | None":
        """The change by which the state joined CICA (its first), or None."""
        history = self.history()
        return history[0] if history else None


class StatusChangeQuerySet(models.QuerySet):
    def get_by_natural_key(self, state_code: str, date: str | None) -> "StatusChange":
        return self.get(state__code=state_code, **optional_date("date", date))


class StatusChange(models.Model):
    """A state becoming a member or an observer of CICA on a date.

    A state's status on a day is the one of its latest change on or before that
    day. A change whose date was not recorded counts as the earliest, in force
    from an unknown date; a change known only as "by 2004" is recorded with that
    year and marked approximate. A change the sources place only between two dates
    (one of the founding states joined after 1999, which one is not known) is in
    force from its date and ``certain_from`` the later one; its ``note`` says what
    is known.
    """

    class Status(models.TextChoices):
        MEMBER = "member", _("member state")
        OBSERVER = "observer", _("observer state")

    state = models.ForeignKey(
        State, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("state")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    date = models.DateField(
        _("from"),
        null=True,
        blank=True,
        help_text=_(
            "The day the status took effect. Known only to the month or the year: any day "
            "of it, with the precision below. Leave empty if not recorded."
        ),
    )
    precision = models.CharField(
        _("known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    approximate = models.BooleanField(
        _("at the latest"),
        default=False,
        help_text=_(
            "Tick when the source says only that the state had this status by that date "
            "(“observer by 2004”): the date is then shown as approximate."
        ),
    )
    certain_from = models.DateField(
        _("certain from"),
        null=True,
        blank=True,
        help_text=_(
            "Only when the sources leave the date open between two dates: the later one, from "
            "which the status is certain. The date above is then the earliest it may have taken "
            "effect. Shown at the same precision."
        ),
    )
    note = models.TextField(
        _("note on the date"),
        blank=True,
        help_text=_(
            "Shown beside the date: what the sources say when they leave it open, e.g. which "
            "of the founding states joined after 1999 is not recorded."
        ),
    )

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["state", F("date").asc(nulls_first=True)]
        verbose_name = _("change of status")
        verbose_name_plural = _("changes of status")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["member", "observer"]),
                name="%(app_label)s_%(class)s_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(precision__in=["day", "month", "year"]),
                name="%(app_label)s_%(class)s_precision_valid",
            ),
            models.CheckConstraint(
                condition=Q(date__isnull=True)
                | Q(
                    date__gte=datetime.date(FIRST_YEAR, 1, 1), date__lte=datetime.date(2100, 12, 31)
                ),
                name="%(app_label)s_%(class)s_date_plausible",
                violation_error_message=_("CICA dates from 1992: give a date from 1992 on."),
            ),
            models.CheckConstraint(
                condition=Q(approximate=False) | Q(date__isnull=False),
                name="%(app_label)s_%(class)s_approximate_needs_a_date",
                violation_error_message=_("“At the latest” needs a date."),
            ),
            models.CheckConstraint(
                condition=Q(certain_from__isnull=True)
                | Q(approximate=False, date__isnull=False, certain_from__gt=F("date")),
                name="%(app_label)s_%(class)s_certain_from_after_date",
                violation_error_message=_(
                    "“Certain from” must come after the date, and cannot be combined with "
                    "“at the latest”."
                ),
            ),
            models.UniqueConstraint(
                fields=["state", "date"],
                name="%(app_label)s_%(class)s_one_change_a_day",
                violation_error_message=_(
                    "This state already has a change of status on that date."
                ),
            ),
            models.UniqueConstraint(
                fields=["state"],
                condition=Q(date__isnull=True),
                name="%(app_label)s_%(class)s_one_change_without_date",
                violation_error_message=_(
                    "This state already has a change of status without a date."
                ),
            ),
        ]

    def __str__(self) -> str:
        when = self.date.isoformat() if self.date else "…"
        return f"{self.state}: {self.get_status_display()} ({when})"

    def save(self, *args, **kwargs) -> None:
        self.date = first_day(self.date, self.precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return self.state.get_absolute_url()

    def clean(self) -> None:
        super().clean()
        if self.certain_from and not self.note_en:
            raise ValidationError(
                {
                    "certain_from": _(
                        "Say in the note (in English at least) what the sources leave open "
                        "about this date."
                    )
                }
            )

    def natural_key(self) -> tuple[str, str | None]:
        return (self.state.code, self.date.isoformat() if self.date else None)

    natural_key.dependencies = ["members.state"]

    @staticmethod
    def sort_key(change: "StatusChange") -> tuple[bool, datetime.date]:
        return (change.date is not None, change.date or datetime.date.min)


class OrganizationQuerySet(models.QuerySet):
    def observers(self) -> "OrganizationQuerySet":
        return self.filter(kind=Organization.Kind.OBSERVER)

    def partners(self) -> "OrganizationQuerySet":
        return self.filter(kind=Organization.Kind.PARTNER)

    def get_by_natural_key(self, slug: str) -> "Organization":
        return self.get(slug=slug)


class Organization(models.Model):
    """An international organisation that is an observer or a partner of CICA."""

    class Kind(models.TextChoices):
        OBSERVER = "observer", _("observer organisation")
        PARTNER = "partner", _("partner organisation")

    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(
        _("abbreviation"),
        max_length=60,
        blank=True,
        help_text=_("As used in this language, e.g. UN, ООН. Leave empty if there is none."),
    )
    kind = models.CharField(_("status"), max_length=10, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, blank=True, help_text=IDENTIFIER_HELP
    )
    logo = models.ImageField(
        _("logo"),
        upload_to=UploadName("logos", logo_words, IMAGE_EXTENSIONS),
        blank=True,
        validators=[RasterImageValidator(LOGO_MAX_BYTES)],
        help_text=_("Optional. PNG, JPEG, WebP or GIF up to 2 MB; resized to fit 480×240 pixels."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Listed from the lowest number up, within each kind.")
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "order", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["observer", "partner"]),
                name="%(app_label)s_%(class)s_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        fill_slug(self, english(self, "abbreviation") or english(self, "name"))
        if self.logo and not self.logo._committed:
            self.logo = normalised_image(self.logo, max_width=480, max_height=240)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("members:list") + f"#{self.slug}"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)
