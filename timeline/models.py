from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from members.models import State
from members.publishing import PublishableQuerySet, published_field

from . import ordinals
from .dates import format_span
from .validators import PdfValidator


class EventQuerySet(PublishableQuerySet):
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

    class Precision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month")
        YEAR = "year", _("year")

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

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
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
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_(
            "The last part of the page address, in Latin letters, the same in every "
            "language, e.g. 2014-4th-summit."
        ),
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
        if self.date_precision == self.Precision.MONTH:
            self.date = self.date.replace(day=1)
        elif self.date_precision == self.Precision.YEAR:
            self.date = self.date.replace(month=1, day=1)
        if self.date_precision != self.Precision.DAY:
            self.end_date = None
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("timeline:detail", kwargs={"slug": self.slug})

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def name(self) -> str:
        """The title, else the standard name of the kind with its number, in the active
        language."""
        if self.title:
            return self.title
        if self.ordinal and self.kind in self.NUMBERED_NAMES:
            return str(self.NUMBERED_NAMES[self.kind]).format(**ordinals.forms(self.ordinal))
        return str(self.NAMES.get(self.kind, self.get_kind_display()))

    @property
    def title_is_fallback(self) -> bool:
        """True when the title shown is the English one, for want of a translation."""
        own = getattr(self, build_localized_fieldname("title", get_language() or "en"), "")
        return bool(self.title) and not own

    @property
    def when(self) -> str:
        return format_span(self.date, self.end_date, self.date_precision)


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
        upload_to="documents/",
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
