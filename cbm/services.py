"""The rule for assignments, in one place: who may hold which role in an area, when."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from .models import Assignment


def overlaps(first: Assignment, second: Assignment) -> bool:
    (start_a, end_a), (start_b, end_b) = first.span, second.span
    return start_a <= end_b and start_b <= end_a


def years_label(assignment: Assignment) -> str:
    start, end = assignment.start_year, assignment.end_year
    if start and end:
        return f"{start}–{end}"
    if start:
        return _("from {year}").format(year=start)
    if end:
        return _("until {year}").format(year=end)
    return _("with no end date")


def conflicts(assignments: Iterable[Assignment]) -> list[str]:
    """Why these assignments of one area cannot all stand, as messages for an editor.

    A state holds at most one role in an area at a time, and an area has at most
    one coordinator at a time. The database enforces the same rules (migration
    0002); this gives the editor a clear message before it comes to that.
    """
    problems = []
    items = list(assignments)
    for index, first in enumerate(items):
        for second in items[index + 1 :]:
            if not overlaps(first, second):
                continue
            if first.state_id == second.state_id:
                problems.append(
                    _(
                        "{state} is listed twice for overlapping years ({first}; {second}): "
                        "a state holds one role in an area at a time."
                    ).format(
                        state=first.state, first=years_label(first), second=years_label(second)
                    )
                )
            elif first.is_coordinator and second.is_coordinator:
                problems.append(
                    _(
                        "{first_state} ({first}) and {second_state} ({second}) would both "
                        "coordinate this area in the same years: an area has one coordinator "
                        "at a time. Make one of them a co-coordinator or set the years."
                    ).format(
                        first_state=first.state,
                        first=years_label(first),
                        second_state=second.state,
                        second=years_label(second),
                    )
                )
    return problems
