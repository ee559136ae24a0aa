from functools import cache

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Count, Q
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .images import RasterImageValidator, normalised_image

FLAG_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_BYTES = 2 * 1024 * 1024
FIRST_YEAR = 1992  # CICA was proposed in 1992; nobody joined before.

iso_code_validator = RegexValidator(
    r"^[A-Z]{2}$", _("Enter the two capital letters of the ISO 3166-1 alpha-2 code, e.g. KZ.")
)


@cache
def shipped_flag_codes() -> frozenset[str]:
    """ISO codes (lower case) of the SVG flags shipped in static/flags/4x3."""
    folder = settings.BASE_DIR / "static" / "flags" / "4x3"
    return frozenset(path.stem for path in folder.glob("*.svg"))


class StateQuerySet(models.QuerySet):
    def members(self) -> "StateQuerySet":
        return self.filter(status=State.Status.MEMBER)

    def observers(self) -> "StateQuerySet":
        return self.filter(status=State.Status.OBSERVER)

    def counts(self) -> dict[str, int]:
        """The number of member and observer states, in one query."""
        return self.aggregate(
            members=Count("pk", filter=Q(status=State.Status.MEMBER)),
            observers=Count("pk", filter=Q(status=State.Status.OBSERVER)),
        )

    def get_by_natural_key(self, code: str) -> "State":
        return self.get(code=code)


class State(models.Model):
    """A member or observer state of CICA."""

    class Status(models.TextChoices):
        MEMBER = "member", _("member state")
        OBSERVER = "observer", _("observer state")

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
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    year_joined = models.PositiveSmallIntegerField(
        _("year joined"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)],
        help_text=_("The year the state became a member or observer. Leave empty if unknown."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_(
            "The last part of the page address, in Latin letters, the same in every language."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    flag = models.ImageField(
        _("uploaded flag"),
        upload_to="flags/",
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
                condition=Q(status__in=["member", "observer"]),
                name="%(app_label)s_%(class)s_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z][A-Z]$"),
                name="%(app_label)s_%(class)s_code_iso_alpha2",
            ),
            models.CheckConstraint(
                condition=Q(year_joined__isnull=True)
                | Q(year_joined__gte=FIRST_YEAR, year_joined__lte=2100),
                name="%(app_label)s_%(class)s_year_joined_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.flag and not self.flag._committed:
            self.flag = normalised_image(self.flag, max_width=640, max_height=480)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("members:detail", kwargs={"slug": self.slug})

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def flag_url(self) -> str:
        """The uploaded flag, else the shipped SVG for the ISO code, else an empty string."""
        if self.flag:
            return self.flag.url
        code = self.code.lower()
        return static(f"flags/4x3/{code}.svg") if code in shipped_flag_codes() else ""

    @property
    def is_member(self) -> bool:
        return self.status == self.Status.MEMBER


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
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("A short identifier in Latin letters, used by the fixtures."),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/",
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
        if self.logo and not self.logo._committed:
            self.logo = normalised_image(self.logo, max_width=480, max_height=240)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("members:list") + f"#{self.slug}"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)
