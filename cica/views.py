import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from members.models import Organization, State

from .caching import CachedContentMixin, current_version
from .models import Goal, Introduction


class HomeView(CachedContentMixin, TemplateView):
    template_name = "cica/home.html"

    def get_content_data(self) -> dict:
        return {
            "introduction": Introduction.objects.get_solo(),
            "goals": Goal.objects.all(),
            "state_counts": State.objects.counts(),
            "organization_count": Organization.objects.count(),
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
