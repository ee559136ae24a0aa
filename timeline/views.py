from itertools import groupby

from django.views.generic import DetailView, TemplateView

from .models import Event


class TimelineView(TemplateView):
    """Every event in date order, grouped by year, with the documents adopted."""

    template_name = "timeline/event_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = list(Event.objects.for_timeline(self.request.user))
        context["years"] = [
            (year, list(group)) for year, group in groupby(events, key=lambda e: e.date.year)
        ]
        context["event_count"] = len(events)
        return context


class EventDetailView(DetailView):
    model = Event
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.for_timeline(self.request.user)
