from django.views.generic import DetailView, TemplateView

from .collation import sorted_by_name
from .models import Organization, State
from .profile import sections_for


class MemberListView(TemplateView):
    """The member and observer states, and the observer and partner organisations."""

    template_name = "members/state_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["member_states"] = sorted_by_name(State.objects.members())
        context["observer_states"] = sorted_by_name(State.objects.observers())
        context["observer_organizations"] = list(
            Organization.objects.observers().order_by("order", "name")
        )
        context["partner_organizations"] = list(
            Organization.objects.partners().order_by("order", "name")
        )
        return context


class StateDetailView(DetailView):
    model = State
    context_object_name = "state"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profile_sections"] = sections_for(self.object)
        return context
