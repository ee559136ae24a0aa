import datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.views.generic import TemplateView

from cica.caching import CachedContentMixin
from members.asof import AsOfYearMixin

from .models import Body, Chairmanship, Person, Position, Priority, Secretariat

CURRENT = "current"  # in force on the date shown
UNCERTAIN = "uncertain"  # not ended by then, but its start is not recorded
MOST_RECENT = "most-recent"  # none in force: the latest one that had ended


class StructureView(CachedContentMixin, TemplateView):
    """The bodies of CICA in their three categories, with their former names."""

    template_name = "secretariat/structure.html"

    def get_content_data(self) -> dict:
        bodies = list(Body.objects.prefetch_related("former_names"))
        return {
            "categories": [
                (value, label, [body for body in bodies if body.category == value])
                for value, label in Body.Category.choices
            ]
        }


class SecretariatView(AsOfYearMixin, CachedContentMixin, TemplateView):
    """Mandate, staff, officials, the chairmanship and how to reach the Secretariat.

    With ``?year=`` it shows the officials and the chairmanship of the end of that year,
    under the titles of that time.
    """

    template_name = "secretariat/secretariat.html"

    def get_content_data(self) -> dict:
        context = {}
        user, on = self.request.user, self.on
        people = Person.objects.visible_to(user).select_related("nationality").latest_first()
        positions = list(
            Position.objects.prefetch_related("former_titles", Prefetch("people", queryset=people))
        )
        for position in positions:
            position.titled = position.titled_on(on)
            position.shown, position.shown_as, position.earlier = split_current(
                list(position.people.all()), on
            )
        priorities = Priority.objects.visible_to(user).order_by("order", "pk")
        chairmanships = (
            Chairmanship.objects.select_related("state")
            .prefetch_related(Prefetch("priorities", queryset=priorities))
            .latest_first()
        )
        shown, shown_as, earlier = split_current(list(chairmanships), on)
        secretariat = Secretariat.objects.get_solo()
        context |= {
            "secretariat": secretariat,
            "established": secretariat is None or secretariat.established <= on,
            "positions": positions,
            "officials": [position for position in positions if position.lists_holders],
            "chairmanship": shown[0] if shown else None,
            "chairmanship_shown_as": shown_as,
            "earlier_chairmanships": earlier,
        }
        return context


def split_current(terms: list, on: datetime.date | None = None) -> tuple[list, str, list]:
    """(terms to feature, how they stand on ``on``, the others), latest first.

    Terms that begin after ``on`` (today by default) are left out. The terms in force
    are featured; when none is, those that may have been (their start is not recorded,
    their end is after ``on``); when none of those either, the most recent one that had
    ended, so that a page never goes blank between an end and the next appointment;
    failing that, those whose dates are not recorded at all.
    """
    on = on or timezone.localdate()
    begun = [term for term in terms if term.start_date is None or term.start_date <= on]

    def rest(featured: list) -> list:
        return [term for term in begun if term not in featured]

    current = [term for term in begun if term.is_current(on)]
    if current:
        return current, CURRENT, rest(current)
    uncertain = [
        term for term in begun if term.start_date is None and term.end_date and term.end_date >= on
    ]
    if uncertain:
        return uncertain, UNCERTAIN, rest(uncertain)
    ended = sorted(
        (term for term in begun if term.end_date and term.end_date < on),
        key=lambda term: term.end_date,
        reverse=True,
    )
    if ended:
        return ended[:1], MOST_RECENT, rest(ended[:1])
    return begun, UNCERTAIN, []
