"""Site-wide template context: navigation and the page in every language."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info, override
from django.utils.translation import gettext_lazy as _

from secretariat.models import Contact

# Sections of the site in the order the header lists them.
NAVIGATION = [
    ("cica:home", _("Home")),
    ("members:list", _("Members")),
    ("cbm:catalogue", _("Confidence building measures")),
    ("timeline:list", _("History")),
    ("secretariat:structure", _("Structure")),
    ("secretariat:secretariat", _("Secretariat")),
]


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # the language's name in that language
    bidi: bool
    url: str  # the current page in that language
    absolute_url: str
    current: bool


@dataclass(frozen=True)
class NavItem:
    url: str
    label: str
    current: bool


def absolute(request: HttpRequest, url: str) -> str:
    """``url`` with the scheme and host; as it is when the host is not one of ours (the
    error page that says so must still render)."""
    try:
        return request.build_absolute_uri(url)
    except DisallowedHost:
        return url


def page_address(request: HttpRequest) -> str:
    """The page's path with the query that makes it a page of its own: the year of a
    year page (``members.asof``) or what a view sets in ``request.page_query`` (the words
    of a search), never a visitor's tracking parameters or a bad year."""
    year = getattr(request, "as_of_year", None)
    if year:
        return f"{request.path}?year={year}"
    query = getattr(request, "page_query", None)
    return f"{request.path}?{urlencode(query)}" if query else request.path


def language_links(request: HttpRequest) -> list[LanguageLink]:
    """The current page in each language; the home page when the page does not exist."""
    current = get_language()
    found = getattr(request, "resolver_match", None) is not None
    links = []
    for code, _name in settings.LANGUAGES:
        if found:
            url = translate_url(page_address(request), code)
        else:
            with override(code):
                url = reverse("cica:home")
        info = get_language_info(code)
        links.append(
            LanguageLink(
                code=code,
                name=info["name_local"],
                bidi=info["bidi"],
                url=url,
                absolute_url=absolute(request, url),
                current=code == current,
            )
        )
    return links


def x_default_url(request: HttpRequest) -> str:
    """The page without a language prefix: it redirects by the visitor's preference."""
    url = translate_url(page_address(request), settings.LANGUAGE_CODE)
    prefix = f"/{settings.LANGUAGE_CODE}/"
    if url.startswith(prefix):
        url = "/" + url[len(prefix) :]
    return absolute(request, url)


def canonical_url(request: HttpRequest) -> str:
    return absolute(request, page_address(request))


def site_origin(request: HttpRequest) -> str:
    """The scheme and host, ``https://example.org``: the print stylesheet puts it before
    the address of every internal link; empty when the host is not one of ours."""
    return absolute(request, "/").removesuffix("/")


def navigation(request: HttpRequest) -> list[NavItem]:
    items = []
    for name, label in NAVIGATION:
        url = reverse(name)
        is_home = name == "cica:home"
        current = request.path == url if is_home else request.path.startswith(url)
        items.append(NavItem(url=url, label=str(label), current=current))
    return items


def site(request: HttpRequest) -> dict:
    return {
        "language_links": SimpleLazyObject(lambda: language_links(request)),
        "x_default_url": SimpleLazyObject(lambda: x_default_url(request)),
        "canonical_url": SimpleLazyObject(lambda: canonical_url(request)),
        "site_origin": SimpleLazyObject(lambda: site_origin(request)),
        "navigation": SimpleLazyObject(lambda: navigation(request)),
        # The footer of every page shows the Secretariat's contacts (cached).
        "site_contact": SimpleLazyObject(Contact.objects.cached),
    }
