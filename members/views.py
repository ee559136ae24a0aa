from django.views.generic import DetailView, TemplateView

from cica.caching import CachedContentMixin

from .asof import AsOfYearMixin
from .collation import sorted_by_name
from .models import Organization, State
from .profile import sections_for


def number_notes(states: list[State], prefix: str) -> list[dict]:
    """The distinct notes on the dates of ``states`` (``status_note``), numbered in the
    order they first appear, each with a state that carries it (for the template tag
    ``status_note``); each state with a note gets ``note_number`` and ``note_id``."""
    notes: dict[str, dict] = {}
    for state in states:
        text = state.status_note or state.status_note_en
        if not text:
            continue
        note = notes.get(text)
        if note is None:
            number = len(notes) + 1
            note = {"number": number, "id": f"{prefix}-note-{number}", "state": state}
            notes[text] = note
        state.note_number, state.note_id = note["number"], note["id"]
    return list(notes.values())


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
        context["member_notes"] = number_notes(context["member_states"], "member")
        context["observer_notes"] = number_notes(context["observer_states"], "observer")
        # A state the sources place only between two dates may not have been counted yet.
        for group in ("member_states", "observer_states"):
            context[f"{group}_uncertain"] = next(
                (
                    state
                    for state in context[group]
                    if state.status_certain_from
                    and self.on < state.status_certain_from
                    and getattr(state, "note_id", None)
                ),
                None,
            )
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
