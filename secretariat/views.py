from django.db.models import Prefetch
from django.views.generic import TemplateView

from .models import Body, Chairmanship, Contact, Person, Position, Priority, Secretariat


class StructureView(TemplateView):
    """The bodies of CICA in their three categories."""

    template_name = "secretariat/structure.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bodies = list(Body.objects.all())
        context["categories"] = [
            (value, label, [body for body in bodies if body.category == value])
            for value, label in Body.Category.choices
        ]
        return context


class SecretariatView(TemplateView):
    """Mandate, staff, officials, the chairmanship and how to reach the Secretariat."""

    template_name = "secretariat/secretariat.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        people = Person.objects.visible_to(user).select_related("nationality").latest_first()
        positions = list(Position.objects.prefetch_related(Prefetch("people", queryset=people)))
        for position in positions:
            position.shown, position.shown_is_current, position.earlier = split_current(
                list(position.people.all())
            )
        priorities = Priority.objects.visible_to(user).order_by("order", "pk")
        chairmanships = (
            Chairmanship.objects.select_related("state")
            .prefetch_related(Prefetch("priorities", queryset=priorities))
            .latest_first()
        )
        shown, is_current, earlier = split_current(list(chairmanships))
        context |= {
            "secretariat": Secretariat.objects.get_solo(),
            "positions": positions,
            "officials": [position for position in positions if position.lists_holders],
            "chairmanship": shown[0] if shown else None,
            "chairmanship_is_current": is_current,
            "earlier_chairmanships": earlier,
            "contact": Contact.objects.cached(),
        }
        return context


def split_current(terms: list) -> tuple[list, bool, list]:
    """(terms to feature, whether they are current, the others), latest first.

    The current terms are featured; when none is current, the most recent one is,
    so that a page never goes blank between an end and the next appointment.
    """
    current = [term for term in terms if term.is_current()]
    if current:
        return current, True, [term for term in terms if term not in current]
    return terms[:1], False, terms[1:]
