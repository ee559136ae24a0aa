import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from members.collation import sorted_by_name
from members.models import Organization, State
from secretariat.models import Chairmanship, Person
from secretariat.views import split_current
from timeline.models import Event

from . import worldmap
from .caching import CachedContentMixin, current_version
from .models import Goal, Introduction


class HomeView(CachedContentMixin, TemplateView):
    """What CICA is and does, and CICA today: who chairs it, who heads the Secretariat,
    its latest and next meetings, and a map of its member and observer states.

    What is current is what is in force on the Secretariat's calendar day (the page
    cache is keyed by that day too).
    """

    template_name = "cica/home.html"

    def get_content_data(self) -> dict:
        today = timezone.localdate()
        user = self.request.user
        states = sorted_by_name(State.objects.with_status(today))
        members = [state for state in states if state.is_member]
        observers = [state for state in states if state.is_observer]
        chairs, chair_shown_as, _earlier = split_current(
            list(Chairmanship.objects.select_related("state").latest_first()), today
        )
        heads, head_shown_as, _earlier = split_current(
            list(Person.objects.visible_to(user).heads()), today
        )
        head = heads[0] if heads else None
        return {
            "introduction": Introduction.objects.get_solo(),
            "goals": Goal.objects.all(),
            "state_counts": {"members": len(members), "observers": len(observers)},
            "organization_count": Organization.objects.count(),
            "today": today,
            "chairmanship": chairs[0] if chairs else None,
            "chairmanship_shown_as": chair_shown_as,
            "head": head,
            "head_title": head.position.titled_on(today) if head else None,
            "head_shown_as": head_shown_as,
            "latest_meeting": Event.objects.latest_meeting(today, user),
            "next_meeting": Event.objects.next_meeting(today, user),
            "member_states": members,
            "observer_states": observers,
            "world_map": worldmap.drawn(members, observers),
        }


@csrf_exempt  # no form: other methods are answered 405 with Allow
@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@csrf_exempt  # no form: other methods are answered 405 with Allow
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not: for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse(
            "database unreachable\n", status=503, content_type="text/plain; charset=utf-8"
        )
    # Without the cache the site still serves, only slower: say so, but stay healthy.
    cache_state = "ok" if current_version() is not None else "unreachable"
    return HttpResponse(f"ok\ncache: {cache_state}\n", content_type="text/plain; charset=utf-8")


# How long a visitor is asked to wait when the database is unreachable.
RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, or 503 with ``Retry-After`` when the database is unreachable.

    Both are in the visitor's language (from the address, else the browser's
    preference) and are rendered without the database or the site's context, which
    may be what failed.
    """
    unavailable = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    language = translation.get_language_from_path(
        request.path_info
    ) or translation.get_language_from_request(request)
    with translation.override(language):
        html = render_to_string(
            "503.html" if unavailable else "500.html", {"home_url": f"/{language}/"}
        )
    response = HttpResponse(html, status=503 if unavailable else 500)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
