from django.urls import path

from . import feeds, views

app_name = "timeline"

urlpatterns = [
    path("", views.TimelineView.as_view(), name="list"),
    # Before the events' pages: "feed" is not a slug an event may take.
    path("feed/", feeds.event_feed, name="feed"),
    path("meetings.ics", feeds.event_calendar, name="calendar"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]
