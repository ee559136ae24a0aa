"""What a page tells link previews and search engines about itself.

Every public page carries Open Graph and Twitter card tags (title, summary, its own
address in its language, a share image) and schema.org JSON-LD: the Organization on
every page, the Event on a meeting's page, the officials on the Secretariat's. All of
it is rendered into the page's cached "head" fragment (``base.html``), so it costs a
cached page nothing and an uncached one no query of its own: it reads what the page
has already fetched (the contacts of the footer, the event, the officials).

The share images are PNGs made once per page type and language by
``manage.py shareimages`` (``cica.share_images``) and served as static files.
"""

import datetime
import html
import json
from dataclasses import dataclass

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from secretariat.views import CURRENT

from .context_processors import NAVIGATION, absolute

# Open Graph locales as Facebook, the main reader of og:locale, knows them. English is
# en_GB: the site writes British English. Simplified Chinese is zh_CN. Arabic is ar_AR,
# Facebook's umbrella locale for Arabic (not an ISO region, but the only Arabic locale
# it accepts).
OG_LOCALES = {"en": "en_GB", "ru": "ru_RU", "zh-hans": "zh_CN", "ar": "ar_AR"}

# The share images: one per section of the site, titled as the navigation names it.
# The home page's image carries the organisation's name alone (title None).
_SECTIONS = dict(NAVIGATION)
SHARE_IMAGES = {
    "home": None,
    "members": _SECTIONS["members:list"],
    "cbm": _SECTIONS["cbm:catalogue"],
    "history": _SECTIONS["timeline:list"],
    "structure": _SECTIONS["secretariat:structure"],
    "secretariat": _SECTIONS["secretariat:secretariat"],
}
SHARE_IMAGE_SIZE = (1200, 630)
SHARE_IMAGE_DIR = "img/share"


@dataclass(frozen=True)
class PageType:
    image: str  # a key of SHARE_IMAGES
    og_type: str  # "website" for the site's sections, "article" for a page about one thing


# Public pages by URL name. A page not listed (an error page) gets no share tags.
PAGE_TYPES = {
    "cica:home": PageType("home", "website"),
    "members:list": PageType("members", "website"),
    "members:detail": PageType("members", "article"),
    "cbm:catalogue": PageType("cbm", "website"),
    "timeline:list": PageType("history", "website"),
    "timeline:detail": PageType("history", "article"),
    "secretariat:structure": PageType("structure", "website"),
    "secretariat:secretariat": PageType("secretariat", "website"),
}

# Kinds of event that are CICA's own meetings (it organised them); an initiative or
# another event may predate CICA or belong to someone else.
MEETING_KINDS = frozenset({"summit", "ministerial", "informal-ministerial", "special-ministerial"})
# What editors write as the place of a meeting held online (``Event.place``: "the city,
# or “videoconference”"), compared in English.
ONLINE_PLACES = frozenset({"videoconference", "video conference", "online"})


def share_image_name(key: str, language: str) -> str:
    """The static path of a share image: img/share/members.zh-hans.png."""
    return f"{SHARE_IMAGE_DIR}/{key}.{language}.png"


def share_image_alt(key: str) -> str:
    """The words of a share image, for og:image:alt, in the active language."""
    title = SHARE_IMAGES[key]
    if title is None:
        return _("Conference on Interaction and Confidence Building Measures in Asia (CICA)")
    return _(
        "{section} – Conference on Interaction and Confidence Building Measures in Asia"
    ).format(section=title)


def plain_text(fragment: str) -> str:
    """Text rendered by a template block (escaped HTML) as plain text, on one line."""
    return " ".join(html.unescape(strip_tags(str(fragment))).split())


# What must not appear as is inside a <script> element: "</script>" or "<!--" in a name
# would end it or change how it is parsed. The same escapes as Django's json_script.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    """``data`` as the body of a ``<script type="application/ld+json">`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))


def partial_date(date: datetime.date, precision: str) -> str:
    """An ISO 8601 date no more precise than known: 2014-05-20, 2011-09 or 1992."""
    if precision == "year":
        return f"{date:%Y}"
    if precision == "month":
        return f"{date:%Y-%m}"
    return date.isoformat()


def organization_node(request, contact) -> dict:
    """CICA as a schema.org Organization, named in the active language.

    Its ``@id`` is one for every language (the address without a language prefix), so
    that the four versions of a page describe one organisation. ``sameAs`` lists only
    the addresses the Secretariat's contact record holds.
    """
    name = _("Conference on Interaction and Confidence Building Measures in Asia")
    abbreviation = _("CICA")
    alternate = [abbreviation] + (["CICA"] if abbreviation != "CICA" else [])
    node = {
        "@type": "Organization",
        "@id": organization_id(request),
        "name": name,
        "alternateName": alternate,
        "url": absolute(request, reverse("cica:home")),
    }
    if contact is not None:
        same_as = [contact.website] if contact.website else []
        same_as += [link.url for link in contact.social_links.all() if link.url]
        if same_as:
            node["sameAs"] = list(dict.fromkeys(same_as))
    return node


def organization_id(request) -> str:
    return absolute(request, "/") + "#organization"


def event_node(event, url: str, org_id: str) -> dict:
    """A meeting or moment of CICA's history as a schema.org Event.

    The dates say no more than is known (``partial_date``); the place is the city and
    the host state's ISO code as recorded, or a virtual location for a meeting held by
    videoconference; CICA is the organiser of its own meetings only.
    """
    node = {
        "@type": "Event",
        "name": event.name,
        "url": url,
        "startDate": partial_date(event.date, event.date_precision),
    }
    if event.end_date:
        node["endDate"] = event.end_date.isoformat()
    place = event.place
    online = (getattr(event, "place_en", "") or "").strip().casefold() in ONLINE_PLACES
    if online:
        node["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
        node["location"] = {"@type": "VirtualLocation", "name": place}
    elif place or event.host_state:
        address = {"@type": "PostalAddress"}
        if place:
            address["addressLocality"] = place
        if event.host_state:
            address["addressCountry"] = event.host_state.code
        location = {"@type": "Place", "address": address}
        if place:
            location["name"] = place
        node["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        node["location"] = location
    if event.kind in MEETING_KINDS:
        node["organizer"] = {"@id": org_id}
    if event.theme:
        node["description"] = event.theme
    return node


def person_nodes(officials, org_id: str) -> list[dict]:
    """The officials in office (the Executive Director or Secretary General, the
    deputies) as schema.org Persons, each with the title of the post today."""
    nodes = []
    for position in officials:
        if position.shown_as != CURRENT:
            continue
        for person in position.shown:
            node = {
                "@type": "Person",
                "name": person.name,
                "jobTitle": position.titled.title,
                "worksFor": {"@id": org_id},
            }
            if person.nationality:
                node["nationality"] = {"@type": "Country", "name": person.nationality.name}
            nodes.append(node)
    return nodes


def twitter_account(contact) -> str:
    """The Secretariat's X account as twitter:site wants it (@name), if recorded."""
    if contact is None:
        return ""
    for link in contact.social_links.all():
        if link.network == "x" and link.label.startswith("@") and " " not in link.label:
            return link.label
    return ""


def page_metadata(context, title: str, description: str) -> dict | None:
    """The share tags and structured data of the page being rendered, or None for a
    page that is not one of the public pages (an error page)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    page_type = PAGE_TYPES.get(match.view_name) if match else None
    if page_type is None:
        return None
    language = get_language() or settings.LANGUAGE_CODE
    url = str(context.get("canonical_url") or absolute(request, request.path))
    contact = context.get("site_contact")
    contact = contact if contact else None  # a lazy None is still an object
    org = organization_node(request, contact)
    graph = [org]
    event = context.get("event")
    if match.view_name == "timeline:detail" and event is not None:
        graph.append(event_node(event, url, org["@id"]))
    officials = context.get("officials")
    if (
        match.view_name == "secretariat:secretariat"
        and officials
        and context.get("year") is None
        and context.get("established", True)
    ):
        graph.extend(person_nodes(officials, org["@id"]))
    image = page_type.image
    return {
        "og_type": page_type.og_type,
        "title": plain_text(title),
        "description": plain_text(description),
        "url": url,
        "site_name": _("Conference on Interaction and Confidence Building Measures in Asia"),
        "locale": OG_LOCALES.get(language, ""),
        "locale_alternates": [locale for code, locale in OG_LOCALES.items() if code != language],
        "image_url": absolute(request, static(share_image_name(image, language))),
        "image_width": SHARE_IMAGE_SIZE[0],
        "image_height": SHARE_IMAGE_SIZE[1],
        "image_alt": share_image_alt(image),
        "twitter_site": twitter_account(contact),
        "json_ld": json_ld({"@context": "https://schema.org", "@graph": graph}),
    }
