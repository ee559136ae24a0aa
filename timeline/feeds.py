"""Subscriptions to the history, in each language: an Atom feed of every event and an
iCalendar file of the meetings whose days are known.

Both list published events only, whoever asks (a feed is kept by readers and calendars,
which must never receive a draft). They are public addresses like the pages: the page
cache keeps them under the content version (``cica.middleware.PageCacheMiddleware``),
and they take GET and HEAD only.

The calendar holds the events known to the day: an event known only to its month or
year ("September 2011") has no day a calendar could put it on, and an entry spanning
the whole month or year would claim a meeting that lasted that long. The Atom feed
carries every event, with its date as the history writes it.

Every calendar value is a date (all-day events: ``DTSTART;VALUE=DATE`` and an exclusive
``DTEND``, the day after the last day), which calendars show on that day in any time
zone; the only times are ``DTSTAMP`` and ``LAST-MODIFIED``, in UTC as RFC 5545 requires.
``X-WR-TIMEZONE`` names the Secretariat's zone (``settings.TIME_ZONE``) for calendar
applications that ask which zone a subscribed calendar is in; no ``VTIMEZONE`` is needed
since no value refers to one.
"""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from icalendar import Calendar, vText
from icalendar import Event as CalendarEvent

from cica.caching import current_version, version_time

from .models import Event

FEED_TITLE = _("History of CICA")
FEED_SUBTITLE = _("The summits, ministerial meetings and other events of CICA, newest first.")
CALENDAR_TITLE = _("CICA meetings")
CALENDAR_DESCRIPTION = _(
    "The summits, ministerial meetings and other events of CICA whose days are known. "
    "Events known only to their month or year are on the history page."
)


def place_of(event: Event) -> str:
    """Where the event was, in the active language: “Shanghai, China”, the city or the
    country alone, or “Videoconference”; empty when not recorded."""
    if event.host_state_id:
        country = event.host_state.name
        if event.place:
            return pgettext("city in a country", "%(city)s, %(country)s") % {
                "city": event.place,
                "country": country,
            }
        return country
    return event.place


def last_changed(event: Event) -> datetime.datetime:
    """When the event last changed: its last version in the history; for an event that has
    none, when the content last changed (the content version), which is no earlier."""
    if event.last_revised is not None:
        return event.last_revised.astimezone(datetime.UTC).replace(microsecond=0)
    version = current_version()
    if version is None:
        return timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    return version_time(version).replace(microsecond=0)


class EventFeed(Feed):
    """Atom feed of every published event, newest first, with links to their pages.

    Ids are the absolute addresses of the event pages (stable: slugs never change
    language), ``updated`` is when each event last changed (``last_changed``).
    """

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        return str(FEED_TITLE)

    def subtitle(self) -> str:
        return str(FEED_SUBTITLE)

    def link(self) -> str:
        return reverse("timeline:list")

    def feed_url(self) -> str:
        return reverse("timeline:feed")

    def feed_guid(self) -> str:
        return self.request.build_absolute_uri(reverse("timeline:feed"))

    def author_name(self) -> str:
        return gettext("CICA Secretariat")

    def author_link(self) -> str:
        return self.request.build_absolute_uri(reverse("secretariat:secretariat"))

    def items(self):
        return list(Event.objects.for_feeds())

    def item_title(self, event: Event) -> str:
        return event.name

    def item_link(self, event: Event) -> str:
        return event.get_absolute_url()

    def item_updateddate(self, event: Event) -> datetime.datetime:
        return last_changed(event)

    def item_categories(self, event: Event) -> list[str]:
        return [capfirst(event.get_kind_display())]

    def item_description(self, event: Event) -> str:
        """HTML: the date and place, the theme and the description."""
        place = place_of(event)
        when = (
            pgettext("date and place of a meeting", "%(date)s, %(city)s")
            % {"date": event.when, "city": place}
            if place
            else event.when
        )
        parts = [format_html("<p>{}</p>", when)]
        if event.theme:
            parts.append(format_html("<p>{}</p>", event.theme))
        if event.description:
            parts.append(mark_safe(linebreaks(event.description, autoescape=True)))
        return format_html_join("", "{}", ((part,) for part in parts))


def calendar_text(request: HttpRequest) -> bytes:
    """The iCalendar file of the published events known to the day, in the active
    language."""
    language = get_language() or settings.LANGUAGE_CODE
    host = request.get_host().rsplit(":", 1)[0]
    history = request.build_absolute_uri(reverse("timeline:list"))

    calendar = Calendar()
    calendar.add("prodid", "-//CICA Secretariat//History of CICA//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", str(CALENDAR_TITLE))
    # Not registered with icalendar: given as text, so that commas are escaped.
    calendar.add("x-wr-calname", vText(str(CALENDAR_TITLE)))
    calendar.add("description", str(CALENDAR_DESCRIPTION))
    calendar.add("x-wr-caldesc", vText(str(CALENDAR_DESCRIPTION)))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("url", history)
    calendar.add("source", request.build_absolute_uri(reverse("timeline:calendar")))
    calendar.add("refresh-interval", datetime.timedelta(days=1))
    calendar.add("x-published-ttl", "P1D")

    events = Event.objects.for_feeds().filter(date_precision=Event.Precision.DAY)
    for event in events:
        changed = last_changed(event)
        url = request.build_absolute_uri(event.get_absolute_url())
        entry = CalendarEvent()
        # The natural key: the same in every language and never changed.
        entry.add("uid", f"{event.slug}@{host}")
        entry.add("dtstamp", changed)
        entry.add("last-modified", changed)
        entry.add("dtstart", event.date)
        entry.add("dtend", (event.end_date or event.date) + datetime.timedelta(days=1))
        entry.add("summary", event.name, parameters=_language(event.name_is_fallback, language))
        place = place_of(event)
        if place:
            entry.add("location", place, parameters={"LANGUAGE": language})
        description = [text for text in (event.theme, event.description) if text]
        if description:
            entry.add("description", "\n\n".join([*description, url]))
        else:
            entry.add("description", url)
        entry.add("url", url)
        entry.add("categories", [capfirst(event.get_kind_display())])
        entry.add("class", "PUBLIC")
        entry.add("transp", "TRANSPARENT")
        calendar.add_component(entry)
    return calendar.to_ical()


def _language(fallback: bool, language: str) -> dict:
    return {"LANGUAGE": settings.LANGUAGE_CODE if fallback else language}


event_feed = csrf_exempt(require_safe(EventFeed()))


@csrf_exempt  # no form: other methods are answered 405 with Allow, as on every page
@require_safe
def event_calendar(request: HttpRequest) -> HttpResponse:
    return HttpResponse(calendar_text(request), content_type="text/calendar; charset=utf-8")
