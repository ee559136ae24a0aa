from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from editorial.keys import KeyedModel, KeyedQuerySet, key_field
from members.models import FIRST_YEAR, State

# Open-ended years stand for "from the beginning" and "until further notice".
OPEN_START = 0
OPEN_END = 9999


class Dimension(KeyedModel):
    """One of the five dimensions of the CICA Catalogue of Confidence Building Measures."""

    key = key_field()
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Listed from the lowest number up.")
    )

    objects = KeyedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cbm:catalogue") + f"#{self.key}"


class AreaQuerySet(KeyedQuerySet):
    def in_catalogue(self, year: int | None = None) -> "AreaQuerySet":
        """The areas in the Catalogue in ``year`` (this year by default): those added by
        then, and those whose year of addition is not recorded."""
        year = year or timezone.localdate().year
        return self.filter(Q(since_year__isnull=True) | Q(since_year__lte=year))


class Area(KeyedModel):
    """A specific confidence building measure, or a dimension taken as a whole."""

    dimension = models.ForeignKey(
        Dimension, on_delete=models.PROTECT, related_name="areas", verbose_name=_("dimension")
    )
    key = key_field(max_length=80)
    name = models.CharField(_("name"), max_length=200)
    is_general = models.BooleanField(
        _("general"),
        default=False,
        help_text=_(
            "Tick when this area stands for the dimension as a whole, e.g. “New challenges and "
            "threats (general)”."
        ),
    )
    since_year = models.PositiveSmallIntegerField(
        _("in the catalogue since"),
        null=True,
        blank=True,
        help_text=_(
            "The year the area was added to the Catalogue, e.g. 2021 for the areas of the "
            "updated Catalogue. Leave empty if not recorded. Pages of earlier years leave it out."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Listed from the lowest number up, within a dimension.")
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["dimension__order", "order", "pk"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.CheckConstraint(
                condition=Q(since_year__isnull=True)
                | Q(since_year__gte=FIRST_YEAR, since_year__lte=2100),
                name="%(app_label)s_%(class)s_since_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cbm:catalogue") + f"#{self.key}"


class AssignmentQuerySet(models.QuerySet):
    def current(self, year: int | None = None) -> "AssignmentQuerySet":
        """Assignments in force in ``year`` (this year by default)."""
        year = year or timezone.localdate().year
        return self.filter(
            Q(start_year__isnull=True) | Q(start_year__lte=year),
            Q(end_year__isnull=True) | Q(end_year__gte=year),
        )

    def get_by_natural_key(
        self, area_key: str, state_code: str, start_year: int | None
    ) -> "Assignment":
        return self.get(area__key=area_key, state__code=state_code, start_year=start_year)

    def for_state(self, state: State) -> "AssignmentQuerySet":
        """The areas ``state`` coordinates or co-coordinates now, in catalogue order."""
        return (
            self.current()
            .filter(state=state)
            .select_related("area__dimension")
            .order_by("area__dimension__order", "area__order", "role")
        )


class Assignment(models.Model):
    """A state coordinating or co-coordinating an area for a span of years."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        CO_COORDINATOR = "co-coordinator", _("co-coordinator")

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("area")
    )
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="cbm_assignments", verbose_name=_("state")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    start_year = models.PositiveSmallIntegerField(
        _("from"),
        null=True,
        blank=True,
        help_text=_("First year of the assignment. Leave empty if not recorded."),
    )
    end_year = models.PositiveSmallIntegerField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("Last year of the assignment. Leave empty while it is in force."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Order among the co-coordinators of the area, lowest first."),
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["area__dimension__order", "area__order", "order", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["coordinator", "co-coordinator"]),
                name="%(app_label)s_%(class)s_role_valid",
            ),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True)
                | Q(end_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="%(app_label)s_%(class)s_years_in_order",
            ),
            models.CheckConstraint(
                condition=(Q(start_year__isnull=True) | Q(start_year__gte=FIRST_YEAR))
                & (Q(end_year__isnull=True) | Q(end_year__lte=2100)),
                name="%(app_label)s_%(class)s_years_plausible",
            ),
            # Overlapping years are refused by the database too: see migration
            # 0002 (an exclusion constraint on PostgreSQL, triggers on SQLite).
        ]

    def __str__(self) -> str:
        return f"{self.state} – {self.get_role_display()} – {self.area}"

    def get_absolute_url(self) -> str:
        return reverse("cbm:catalogue") + f"#{self.area.key}"

    def natural_key(self) -> tuple[str, str, int | None]:
        # The overlap rules make (area, state, first year) unique.
        return (self.area.key, self.state.code, self.start_year)

    natural_key.dependencies = ["cbm.area", "members.state"]

    @property
    def is_coordinator(self) -> bool:
        return self.role == self.Role.COORDINATOR

    @property
    def span(self) -> tuple[int, int]:
        return (self.start_year or OPEN_START, self.end_year or OPEN_END)
