from django.db.models import Prefetch
from django.views.generic import TemplateView

from cica.caching import CachedContentMixin
from members.asof import AsOfYearMixin
from members.collation import sorted_by_name

from .models import Area, Assignment, Dimension


class CatalogueView(AsOfYearMixin, CachedContentMixin, TemplateView):
    """The catalogue by dimension, and the same assignments as an areas × states matrix.

    With ``?year=`` it shows the areas and assignments of that year; an assignment whose
    first year is not recorded is marked so (``start_year`` is None).
    """

    template_name = "cbm/catalogue.html"

    def get_content_data(self) -> dict:
        context = {}
        year = self.on.year
        assignments = (
            Assignment.objects.current(year).select_related("state").order_by("order", "pk")
        )
        dimensions = list(
            Dimension.objects.prefetch_related(
                Prefetch(
                    "areas",
                    queryset=Area.objects.in_catalogue(year)
                    .order_by("order", "pk")
                    .prefetch_related(
                        Prefetch("assignments", queryset=assignments, to_attr="current")
                    ),
                )
            )
        )
        states = {}
        for dimension in dimensions:
            for area in dimension.areas.all():
                area.coordinators = [a for a in area.current if a.is_coordinator]
                area.co_coordinators = [a for a in area.current if not a.is_coordinator]
                for assignment in area.current:
                    states[assignment.state_id] = assignment.state
        matrix_states = sorted_by_name(states.values())
        for dimension in dimensions:
            for area in dimension.areas.all():
                roles = {assignment.state_id: assignment for assignment in area.current}
                area.matrix_cells = [roles.get(state.pk) for state in matrix_states]
        context["dimensions"] = dimensions
        context["matrix_states"] = matrix_states
        coordinating = {
            a.state_id for d in dimensions for area in d.areas.all() for a in area.coordinators
        }
        context["coordinating_state_count"] = len(coordinating)
        context["co_coordinating_only_count"] = len(matrix_states) - len(coordinating)
        context["area_count"] = sum(len(dimension.areas.all()) for dimension in dimensions)
        return context
