from itertools import groupby

from django.views.generic import DetailView, TemplateView

from cica.caching import CachedContentMixin

from .models import Event


class TimelineView(CachedContentMixin, TemplateView):
    """Every event in date order, grouped by year, with the documents adopted."""

    template_name = "timeline/event_list.html"

    def get_content_data(self) -> dict:
        events = list(Event.objects.for_timeline(self.request.user))
        return {
            "years": [
                (year, list(group)) for year, group in groupby(events, key=lambda e: e.date.year)
            ],
            "event_count": len(events),
        }


class EventDetailView(CachedContentMixin, DetailView):
    model = Event
    context_object_name = "event"

    def get_queryset(self):
        if self.page_is_cached:  # only whether the event exists (and may be seen)
            return Event.objects.visible_to(self.request.user).only("slug")
        return Event.objects.for_timeline(self.request.user)

    def get_content_data(self) -> dict:
        """The meetings before and after this one in the history: one query."""
        events = list(Event.objects.visible_to(self.request.user).order_by("date", "pk"))
        index = next(i for i, event in enumerate(events) if event.pk == self.object.pk)
        return {
            "previous_event": events[index - 1] if index > 0 else None,
            "next_event": events[index + 1] if index + 1 < len(events) else None,
        }
