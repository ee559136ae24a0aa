import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cica.caching import versioned
from editorial.drafts import PublishableQuerySet, published_field
from editorial.images import RasterImageValidator, normalised_image
from editorial.keys import (
    IDENTIFIER_HELP,
    KeyedModel,
    KeyedQuerySet,
    english,
    fill_slug,
    key_field,
)
from editorial.uploads import IMAGE_EXTENSIONS, UploadName, safe_words
from members.dates import Precision, first_day, last_day
from members.models import State

from .singleton import SingletonModel, SingletonQuerySet

PHOTO_MAX_BYTES = 5 * 1024 * 1024


def photo_words(person: "Person", filename: str) -> list[str]:
    """``people/<slug>.jpg``; the English name while the person has no slug yet."""
    return safe_words(person.slug, person.name_en)[:1] or ["person"]


class Body(KeyedModel):
    """A decision-taking, working or advisory body of CICA."""

    class Category(models.IntegerChoices):
        DECISION_TAKING = 1, _("decision-taking bodies")
        WORKING = 2, _("working bodies")
        ADVISORY = 3, _("advisory bodies")

    key = key_field()
    category = models.PositiveSmallIntegerField(_("category"), choices=Category.choices)
    name = models.CharField(_("name"), max_length=150)
    role = models.TextField(_("role"), blank=True)
    frequency = models.CharField(
        _("meets"), max_length=150, blank=True, help_text=_("How often, e.g. “as needed”.")
    )
    since_year = models.PositiveSmallIntegerField(
        _("since"), null=True, blank=True, help_text=_("The year the body dates from, if known.")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Listed from the lowest number up, within a category.")
    )

    objects = KeyedQuerySet.as_manager()

    class Meta:
        ordering = ["category", "order", "pk"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=[1, 2, 3]), name="%(app_label)s_%(class)s_category_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("secretariat:structure") + f"#{self.key}"

    def named_on(self, on: datetime.date) -> "Body | FormerBodyName":
        """What holds the body's ``name`` on ``on``: a former name, or the body itself."""
        return name_in_force(self, self.former_names.all(), on)


class Secretariat(SingletonModel):
    """The Secretariat as an institution: what it is for and since when."""

    mandate = models.TextField(_("mandate"))
    established = models.DateField(_("established on"))

    class Meta(SingletonModel.Meta):
        verbose_name = _("Secretariat")
        verbose_name_plural = _("Secretariat")

    def __str__(self) -> str:
        return str(_("CICA Secretariat"))

    def get_absolute_url(self) -> str:
        return reverse("secretariat:secretariat")


class Position(KeyedModel):
    """A post or a group of staff of the Secretariat."""

    key = key_field()
    key_source = "title"
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    lists_holders = models.BooleanField(
        _("name its holders"),
        default=False,
        help_text=_(
            "Tick for posts whose holders the Secretariat page names, such as the "
            "Executive Director."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = KeyedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("secretariat:secretariat") + f"#{self.key}"

    def titled_on(self, on: datetime.date) -> "Position | FormerPositionTitle":
        """What holds the position's ``title`` on ``on``: a former title, or the position."""
        return name_in_force(self, self.former_titles.all(), on)


class FormerNameQuerySet(models.QuerySet):
    def get_by_natural_key(self, owner_key: str, ended: str):
        return self.get(**{f"{self.model.owner_field}__key": owner_key, "ended": ended})


class FormerName(models.Model):
    """A name something had until a date (abstract): a body's or a position's.

    The current name stays on the body or position; each former name keeps the day
    the next name took effect, so that a page about an earlier date uses the name of
    that date (see ``name_in_force``). Subclasses name the foreign key to what was
    renamed (``owner_field``) and the field of the name (``name_field``).
    """

    owner_field = ""
    name_field = ""

    ended = models.DateField(
        _("replaced on"),
        help_text=_(
            "The day the next name took effect (13 October 2022 for the renamings of the "
            "Astana Statement). Pages use this name for earlier dates. Known only to the "
            "month or the year: any day of it, with the precision beside."
        ),
    )
    ended_precision = models.CharField(
        _("known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )

    objects = FormerNameQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return getattr(self, self.name_field)

    def save(self, *args, **kwargs) -> None:
        # A renaming known to the month or year takes effect from its first day.
        self.ended = first_day(self.ended, self.ended_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return getattr(self, self.owner_field).get_absolute_url()

    def natural_key(self) -> tuple[str, str]:
        return (getattr(self, self.owner_field).key, self.ended.isoformat())


def former_name_constraints(owner_field: str, message) -> list:
    """One former name a day per body or position; a known precision."""
    return [
        models.UniqueConstraint(
            fields=[owner_field, "ended"],
            name="%(app_label)s_%(class)s_one_a_day",
            violation_error_message=message,
        ),
        models.CheckConstraint(
            condition=Q(ended_precision__in=["day", "month", "year"]),
            name="%(app_label)s_%(class)s_precision_valid",
        ),
    ]


def name_in_force(current, former_names, on: datetime.date):
    """The former name in use on ``on`` (the first to end after it), else ``current``."""
    for former in sorted(former_names, key=lambda former: former.ended):
        if on < former.ended:
            return former
    return current


class FormerBodyName(FormerName):
    owner_field = "body"
    name_field = "name"

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="former_names", verbose_name=_("body")
    )
    name = models.CharField(_("name"), max_length=150)

    class Meta(FormerName.Meta):
        ordering = ["body", "ended"]
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        constraints = former_name_constraints(
            "body", _("Another former name ended on the same day.")
        )

    def natural_key(self) -> tuple[str, str]:
        return super().natural_key()

    natural_key.dependencies = ["secretariat.body"]


class FormerPositionTitle(FormerName):
    owner_field = "position"
    name_field = "title"

    position = models.ForeignKey(
        Position, on_delete=models.CASCADE, related_name="former_titles", verbose_name=_("position")
    )
    title = models.CharField(_("title"), max_length=150)

    class Meta(FormerName.Meta):
        ordering = ["position", "ended"]
        verbose_name = _("former title")
        verbose_name_plural = _("former titles")
        constraints = former_name_constraints(
            "position", _("Another former title ended on the same day.")
        )

    def natural_key(self) -> tuple[str, str]:
        return super().natural_key()

    natural_key.dependencies = ["secretariat.position"]


class TermQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> "TermQuerySet":
        """Terms that have begun and not ended on ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )

    def latest_first(self) -> "TermQuerySet":
        return self.order_by(F("start_date").desc(nulls_last=True), "-pk")

    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


class Term(models.Model):
    """A span of time known to the day, month or year at each end."""

    start_date = models.DateField(
        _("from"), null=True, blank=True, help_text=_("Leave empty if not recorded.")
    )
    start_precision = models.CharField(
        _("known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    end_date = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Leave empty while the term runs.")
    )
    end_precision = models.CharField(
        _("known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    slug = models.SlugField(
        _("key"), max_length=80, unique=True, blank=True, help_text=IDENTIFIER_HELP
    )

    objects = TermQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="%(app_label)s_%(class)s_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(start_precision__in=["day", "month", "year"])
                & Q(end_precision__in=["day", "month", "year"]),
                name="%(app_label)s_%(class)s_precision_valid",
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        # A start known to the month or year is stored as its first day, an end as its
        # last day, so that "current" is a plain comparison of dates.
        self.start_date = first_day(self.start_date, self.start_precision)
        self.end_date = last_day(self.end_date, self.end_precision)
        fill_slug(self, self.slug_text())
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def slug_text(self) -> str:
        """What the key is made from when the term is first saved without one."""
        raise NotImplementedError

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        started = self.start_date is not None and self.start_date <= on
        return started and (self.end_date is None or self.end_date >= on)


@dataclass(frozen=True)
class TitledSpan:
    """Part of a term under one title of its post: ``holder.title`` from ``start`` to
    ``end`` (either may be None: not recorded, or still running)."""

    holder: "Position | FormerPositionTitle"
    start: datetime.date | None
    start_precision: str
    end: datetime.date | None
    end_precision: str


class PersonQuerySet(TermQuerySet, PublishableQuerySet):
    def heads(self) -> "PersonQuerySet":
        """The holders of the head of the Secretariat's post, latest first, with their post,
        its former titles and their nationality: two queries.

        The head's post is the first post whose holders the Secretariat page names (the
        Executive Director, Secretary General since 2022)."""
        head = Position.objects.filter(lists_holders=True).order_by("order", "pk")
        return (
            self.filter(position=models.Subquery(head.values("pk")[:1]))
            .select_related("position", "nationality")
            .prefetch_related("position__former_titles")
            .latest_first()
        )


class Person(Term):
    """Someone who held a position in the Secretariat, for a term."""

    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="people", verbose_name=_("position")
    )
    name = models.CharField(_("name"), max_length=150)
    nationality = models.ForeignKey(
        State,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="secretariat_officials",
        verbose_name=_("nationality"),
    )
    photo = models.ImageField(
        _("photo"),
        upload_to=UploadName("people", photo_words, IMAGE_EXTENSIONS),
        blank=True,
        validators=[RasterImageValidator(PHOTO_MAX_BYTES)],
        help_text=_("Optional. PNG, JPEG or WebP up to 5 MB; resized to fit 600×800 pixels."),
    )
    published = published_field()

    objects = PersonQuerySet.as_manager()

    class Meta(Term.Meta):
        ordering = ["position__order", F("start_date").desc(nulls_last=True), "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.photo and not self.photo._committed:
            self.photo = normalised_image(
                self.photo, max_width=600, max_height=800, image_format="JPEG"
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("secretariat:secretariat") + f"#{self.position.key}"

    def slug_text(self) -> str:
        # The English name and the first year: jandos-asanov-2006.
        year = self.start_date.year if self.start_date else ""
        return f"{english(self, 'name')} {year}"

    def titled_spans(self, until: datetime.date) -> list[TitledSpan]:
        """The term cut where the post was renamed (up to ``until``), each part with the
        title of its time: Executive Director from 24 September 2020, Secretary General
        from 13 October 2022. Empty when neither end of the term is recorded."""
        start, end = self.start_date, self.end_date
        if start is None and end is None:
            return []
        renamings = [
            former
            for former in sorted(self.position.former_titles.all(), key=lambda f: f.ended)
            if (start is None or former.ended > start)
            and former.ended <= until
            and (end is None or former.ended < end)
        ]
        spans = []
        span_start, span_precision = start, self.start_precision
        for former in renamings:
            spans.append(
                TitledSpan(former, span_start, span_precision, former.ended, former.ended_precision)
            )
            span_start, span_precision = former.ended, former.ended_precision
        last = self.position.titled_on(min(end, until) if end else until)
        spans.append(TitledSpan(last, span_start, span_precision, end, self.end_precision))
        return spans


class Chairmanship(Term):
    """A state chairing CICA for a term, with its priorities."""

    state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="chairmanships", verbose_name=_("state")
    )
    theme = models.CharField(_("theme"), max_length=300, blank=True)

    class Meta(Term.Meta):
        ordering = [F("start_date").desc(nulls_last=True), "pk"]
        verbose_name = _("chairmanship")
        verbose_name_plural = _("chairmanships")

    def __str__(self) -> str:
        year = self.start_date.year if self.start_date else "…"
        return f"{self.state} ({year})"

    def get_absolute_url(self) -> str:
        return reverse("secretariat:secretariat") + "#chairmanship"

    def slug_text(self) -> str:
        # The state's English name and the first year: azerbaijan-2024.
        year = self.start_date.year if self.start_date else ""
        state = english(self.state, "name") if self.state_id else ""
        return f"{state} {year}"


class PriorityQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, chairmanship_slug: str, order: int) -> "Priority":
        return self.get(chairmanship__slug=chairmanship_slug, order=order)


class Priority(models.Model):
    """One priority of a chairmanship, in order."""

    chairmanship = models.ForeignKey(
        Chairmanship,
        on_delete=models.CASCADE,
        related_name="priorities",
        verbose_name=_("chairmanship"),
    )
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    published = published_field()

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["chairmanship", "order", "pk"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self) -> str:
        return self.text[:80]

    def natural_key(self) -> tuple[str, int]:
        return (self.chairmanship.slug, self.order)

    natural_key.dependencies = ["secretariat.chairmanship"]


CONTACT_CACHE_KEY = "secretariat:contact"
CONTACT_CACHE_SECONDS = 300


class ContactQuerySet(SingletonQuerySet):
    def cached(self) -> "Contact | None":
        """The contact record with its social links, from the cache under the content
        version when it can."""
        contact = versioned(
            CONTACT_CACHE_KEY,
            lambda: (
                self.prefetch_related("social_links").filter(pk=Contact.SOLO_PK).first() or False
            ),
            CONTACT_CACHE_SECONDS,
        )
        return contact or None


class Contact(SingletonModel):
    """How to reach the Secretariat: shown on the Secretariat page and in every footer."""

    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("In international form, e.g. +7 7172 576510."),
    )
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = ContactQuerySet.as_manager()

    class Meta(SingletonModel.Meta):
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self) -> str:
        return str(_("Contact details of the Secretariat"))

    def get_absolute_url(self) -> str:
        return reverse("secretariat:secretariat") + "#contacts"

    @property
    def phone_uri(self) -> str:
        digits = "".join(char for char in self.phone if char.isdigit())
        return f"tel:+{digits}" if self.phone.strip().startswith("+") else f"tel:{digits}"


class SocialLink(models.Model):
    class Network(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        INSTAGRAM = "instagram", "Instagram"
        X = "x", "X (Twitter)"
        YOUTUBE = "youtube", "YouTube"
        TELEGRAM = "telegram", "Telegram"
        LINKEDIN = "linkedin", "LinkedIn"
        OTHER = "other", _("other")

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="social_links")
    network = models.CharField(_("network"), max_length=20, choices=Network.choices)
    label = models.CharField(
        _("account name"), max_length=100, help_text=_("e.g. @CicaSecretariat")
    )
    url = models.URLField(_("address"), blank=True, help_text=_("Leave empty if not known."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("social media account")
        verbose_name_plural = _("social media accounts")

    def __str__(self) -> str:
        return f"{self.get_network_display()}: {self.label}"
