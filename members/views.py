from django.views.generic import DetailView, TemplateView

from cica.caching import CachedContentMixin

from .asof import AsOfYearMixin
from .collation import sorted_by_name
from .models import Organization, State
from .profile import sections_for


class MemberListView(AsOfYearMixin, CachedContentMixin, TemplateView):
    """The member and observer states, and the observer and partner organisations.

    With ``?year=`` the states are those of the end of that year; organisations,
    whose dates are not recorded, are listed only for today.
    """

    template_name = "members/state_list.html"

    def get_content_data(self) -> dict:
        context = {}
        # One query for both groups: filtering on the status in the database would
        # evaluate its subqueries twice over.
        states = sorted_by_name(State.objects.with_status(self.on))
        context["member_states"] = [state for state in states if state.is_member]
        context["observer_states"] = [state for state in states if state.is_observer]
        if self.year is None:
            context["observer_organizations"] = list(
                Organization.objects.observers().order_by("order", "name")
            )
            context["partner_organizations"] = list(
                Organization.objects.partners().order_by("order", "name")
            )
        return context


class StateDetailView(CachedContentMixin, DetailView):
    """One state: its status today, its history of statuses, and the sections other apps
    add."""

    model = State
    context_object_name = "state"

    def get_queryset(self):
        if self.page_is_cached:  # only whether the state exists
            return State.objects.only("slug")
        return State.objects.with_status().prefetch_related("status_changes")

    def get_content_data(self) -> dict:
        return {"history": self.object.history(), "profile_sections": sections_for(self.object)}
