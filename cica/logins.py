"""How django-axes counts failed logins here: whose address a request comes from, what a
right password forgets, and what the lock page says (settings: "Logins and passwords").

Failures are counted per account and per address (AXES_LOCKOUT_PARAMETERS); each stored
attempt holds both, so an address's count is the sum of the attempts of every account
tried from it.
"""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.timesince import timeuntil

# An IPv6 visitor is usually given a whole /64 network and can change address within it
# at will: the network counts as one address, stored as its first address.
IPV6_NETWORK_BITS = 64


def _address(value: str) -> str | None:
    """``value`` as the address the failures are counted under, or None if it is none."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        host_bits = 128 - IPV6_NETWORK_BITS
        return str(ipaddress.IPv6Address(int(address) >> host_bits << host_bits))
    return str(address)


def client_address(request: HttpRequest) -> str | None:
    """The visitor's address (AXES_CLIENT_IP_CALLABLE).

    Behind CICA_PROXY_COUNT proxies, each of which appends the address it was reached from
    to X-Forwarded-For, it is the entry the outermost proxy appended: the
    CICA_PROXY_COUNT-th from the right. Entries further left are the visitor's own words
    and never believed. Without proxies the header is ignored. When the header is missing,
    too short or not an address there (the request did not come through the proxies), the
    connection's address is used: a sender of junk is counted under the proxy's address,
    never every visitor.
    """
    count = settings.CICA_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= count:
            address = _address(forwarded[-count])
            if address:
                return address
    return _address(request.META.get("REMOTE_ADDR", ""))


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
