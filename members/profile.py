"""Sections that other apps add to a state's public page.

``members`` does not know the apps that build on it. An app that has
something to say about a state (the CBM areas it coordinates, the events it
hosted, its chairmanships) registers a section from its ``AppConfig.ready()``::

    from members.profile import ProfileSection, register_section

    register_section(ProfileSection(
        key="cbm",
        title=_("Confidence building measures"),
        template_name="cbm/includes/state_section.html",
        rows=lambda state: Assignment.objects.for_state(state),
        order=10,
    ))

The state page calls ``rows(state)`` for each section (one query each, so the
page's query count does not grow with the data), skips sections with no rows,
and includes ``template_name`` with ``state`` and ``rows`` in its context,
under an ``<h2>`` with the section's title.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class ProfileSection:
    key: str
    title: str | Promise
    template_name: str
    rows: Callable[[Any], Iterable[Any]]
    order: int = 50


_sections: dict[str, ProfileSection] = {}


def register_section(section: ProfileSection) -> None:
    """Add (or replace, by key) a section of the state page."""
    _sections[section.key] = section


def unregister_section(key: str) -> None:
    _sections.pop(key, None)


def registered_sections() -> list[ProfileSection]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def sections_for(state) -> list[tuple[ProfileSection, list[Any]]]:
    """The registered sections that have rows for ``state``, with their rows, in order."""
    found = []
    for section in registered_sections():
        rows = list(section.rows(state))
        if rows:
            found.append((section, rows))
    return found
