"""How django-axes counts failed logins here: what a right password forgets, and what
the lock page says (settings: "Logins and passwords").

Failures are counted per account and per address (AXES_LOCKOUT_PARAMETERS); each stored
attempt holds both, so an address's count is the sum of the attempts of every account
tried from it.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.timesince import timeuntil


class LoginAttemptHandler(AxesDatabaseHandler):
    """Axes's database handler, except that a right password forgets less.

    Axes forgets every attempt that shares the account *or the address* of a successful
    login, so whoever owns one account could clear their address's count, and the guesses
    made at other accounts from it, by logging in between guesses. Here a login forgets
    the failures of its own account only.
    """

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def _failures(request: HttpRequest, **lookup: str) -> int:
    attempts = AccessAttempt.objects.filter(
        attempt_time__gte=get_cool_off_threshold(request), **lookup
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """The lock page (AXES_LOCKOUT_CALLABLE): it says whether the account or the address
    is locked (or both), for how long, and what to do."""
    username = get_client_username(request, credentials) or ""
    address = request.axes_ip_address
    limit = get_failure_limit(request, credentials)
    address_locked = bool(address) and _failures(request, ip_address=address) >= limit
    account_locked = not address_locked or (
        bool(username) and _failures(request, username=username) >= limit
    )
    cool_off = get_cool_off(request)
    context = {
        "username": username,
        "address": address,
        "account_locked": account_locked,
        "address_locked": address_locked,
        "duration": timeuntil(request.axes_attempt_time + cool_off, request.axes_attempt_time),
    }
    response = render(
        request, "admin/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
