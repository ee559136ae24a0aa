"""Link previews and structured data: what a preview bot or a search engine reads from a
page's head without running any script (cica.sharing), and the share images."""

import datetime
import io
import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import RequestFactory
from django.utils.translation import override
from PIL import Image

from cica.caching import fragment_keys
from cica.sharing import json_ld, partial_date
from secretariat.models import Contact, SocialLink
from tests.timeline.factories import make_event

LANGUAGES = ["en", "ru", "zh-hans", "ar"]
OG_LOCALES = {"en": "en_GB", "ru": "ru_RU", "zh-hans": "zh_CN", "ar": "ar_AR"}
SUFFIX = {"en": " · CICA", "ru": " · СВМДА", "zh-hans": " · 亚信", "ar": " · سيكا"}

# A page of every type, with its share image and Open Graph type.
PAGES = [
    ("/{}/", "home", "website"),
    ("/{}/members/", "members", "website"),
    ("/{}/members/kazakhstan/", "members", "article"),
    ("/{}/cbm/", "cbm", "website"),
    ("/{}/history/", "history", "website"),
    ("/{}/history/2014-4th-summit/", "history", "article"),
    ("/{}/structure/", "structure", "website"),
    ("/{}/secretariat/", "secretariat", "website"),
]


class Preview(HTMLParser):
    """The head of a page as a link-preview bot reads it: the title, meta tags (each
    property with all its values, in order), links and JSON-LD; no script is run."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, str] = {}
        self.title = ""
        self.json_ld: list[str] = []
        self._in = None
        self._in_head = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self._in_head = True
        if not self._in_head:
            return
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content", ""))
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.links["canonical"] = attrs["href"]
        elif tag == "title":
            self._in = "title"
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "json_ld"
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "json_ld":
            self.json_ld[-1] += data

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]

    def graph(self) -> list[dict]:
        assert len(self.json_ld) == 1
        data = json.loads(self.json_ld[0])
        assert data["@context"] == "https://schema.org"
        return data["@graph"]


def preview(client, path: str) -> Preview:
    response = client.get(path)
    assert response.status_code == 200, path
    return Preview(response.content.decode())


def of_type(graph: list[dict], kind: str) -> list[dict]:
    return [node for node in graph if node["@type"] == kind]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_has_share_tags_in_its_language(client, site_data, language):
    for pattern, image, og_type in PAGES:
        path = pattern.format(language)
        page = preview(client, path)
        url = f"http://testserver{path}"

        assert page.one("og:url") == page.links["canonical"] == url
        assert page.one("og:type") == og_type
        assert page.one("og:title") + SUFFIX[language] == page.title
        assert page.one("og:description") == page.one("description") != ""
        assert page.one("og:locale") == OG_LOCALES[language]
        assert page.meta["og:locale:alternate"] == [
            locale for code, locale in OG_LOCALES.items() if code != language
        ]
        assert page.one("og:site_name")
        assert urlsplit(page.one("og:image")).path == f"/static/img/share/{image}.{language}.png"
        assert page.one("og:image").startswith("http://testserver/")
        assert page.one("og:image:width") == "1200"
        assert page.one("og:image:height") == "630"
        assert page.one("og:image:type") == "image/png"
        assert page.one("og:image:alt")
        assert page.one("twitter:card") == "summary_large_image"
        assert page.one("twitter:site") == "@CicaSecretariat"
        organization = of_type(page.graph(), "Organization")
        assert len(organization) == 1, path


@pytest.mark.parametrize(
    ("language", "title", "site_name"),
    [
        ("en", "History", "Conference on Interaction and Confidence Building Measures in Asia"),
        ("ru", "История", "Совещание по взаимодействию и мерам доверия в Азии"),
        ("zh-hans", "历史", "亚洲相互协作与信任措施会议"),
        ("ar", "التاريخ", "مؤتمر التفاعل وتدابير بناء الثقة في آسيا"),
    ],
)
def test_share_tags_are_written_in_the_pages_language(
    client, site_data, language, title, site_name
):
    page = preview(client, f"/{language}/history/")

    assert page.one("og:title") == title
    assert page.one("og:site_name") == site_name
    assert of_type(page.graph(), "Organization")[0]["name"] == site_name


def test_a_year_page_shares_its_own_address(client, site_data):
    page = preview(client, "/ru/members/?year=2010")

    assert page.one("og:url") == "http://testserver/ru/members/?year=2010"
    assert page.one("og:title") == "Участники на конец 2010 года"


def test_tracking_parameters_are_not_shared(client, site_data):
    page = preview(client, "/en/structure/?utm_source=newsletter")

    assert page.one("og:url") == "http://testserver/en/structure/"


def test_error_pages_have_no_share_tags(client, site_data):
    response = client.get("/en/members/nowhere/")
    page = Preview(response.content.decode())

    assert response.status_code == 404
    assert not [key for key in page.meta if key.startswith(("og:", "twitter:"))]
    assert page.json_ld == []


def test_the_image_a_page_shares_answers_as_deployed(client, site_data, settings, tmp_path):
    # As in production: collected, with hashed names, served by whitenoise.
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    }
    call_command("collectstatic", interactive=False, verbosity=0)

    page = preview(client, "/ar/history/2014-4th-summit/")
    path = urlsplit(page.one("og:image")).path
    response = client.get(path)

    assert (
        path.startswith("/static/img/share/history.ar.")
        and path != "/static/img/share/history.ar.png"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "immutable" in response["Cache-Control"]
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
        assert image.size == (1200, 630)


def test_the_organization_is_described_from_the_data(client, site_data):
    contact = Contact.objects.get()
    SocialLink.objects.create(
        contact=contact,
        network="youtube",
        label="CICA",
        url="https://www.youtube.com/@cica",
        order=40,
    )

    graph = preview(client, "/ru/").graph()

    organization = of_type(graph, "Organization")[0]
    assert organization == {
        "@type": "Organization",
        "@id": "http://testserver/#organization",
        "name": "Совещание по взаимодействию и мерам доверия в Азии",
        "alternateName": ["СВМДА", "CICA"],
        "url": "http://testserver/ru/",
        # The Facebook account has no address in the data: it is not guessed.
        "sameAs": [
            "https://www.s-cica.org",
            "https://www.instagram.com/cica_secretariat",
            "https://twitter.com/CicaSecretariat",
            "https://www.youtube.com/@cica",
        ],
    }
    assert "logo" not in organization


def test_without_contacts_the_organization_has_no_same_as(client, db):
    graph = preview(client, "/en/").graph()

    assert "sameAs" not in of_type(graph, "Organization")[0]
    assert "twitter:site" not in preview(client, "/en/").meta


def test_a_meeting_page_describes_the_event(client, site_data):
    graph = preview(client, "/zh-hans/history/2014-4th-summit/").graph()

    (event,) = of_type(graph, "Event")
    assert event == {
        "@type": "Event",
        "name": "亚信第四次峰会",
        "url": "http://testserver/zh-hans/history/2014-4th-summit/",
        "startDate": "2014-05-20",
        "endDate": "2014-05-21",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": "上海",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "上海",
                "addressCountry": "CN",
            },
        },
        "organizer": {"@id": "http://testserver/#organization"},
    }


def test_event_dates_say_no_more_than_is_known(client, site_data):
    # Known to the month: 2011-09, no day and no end.
    graph = preview(client, "/en/history/2011-informal-ministerial-meeting/").graph()
    (event,) = of_type(graph, "Event")
    assert event["startDate"] == "2011-09"
    assert "endDate" not in event
    # Held at the UN in New York: the city is recorded, the country is not.
    assert event["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "New York",
    }

    make_event(
        slug="2031-event",
        kind="other",
        ordinal=None,
        title_en="A gathering",
        date=datetime.date(2031, 1, 1),
        date_precision="year",
        place_en="",
    )
    (event,) = of_type(preview(client, "/en/history/2031-event/").graph(), "Event")
    assert event["startDate"] == "2031"
    assert "location" not in event
    # Not one of CICA's own meetings: no organiser is claimed.
    assert "organizer" not in event


def test_a_meeting_by_videoconference_has_a_virtual_location(client, site_data):
    graph = preview(client, "/ru/history/2020-special-ministerial-meeting/").graph()

    (event,) = of_type(graph, "Event")
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"]["@type"] == "VirtualLocation"
    assert event["startDate"] == "2020-09-24"


def test_the_initiative_of_1992_is_not_said_to_be_organised_by_cica(client, site_data):
    (event,) = of_type(preview(client, "/en/history/1992-initiative/").graph(), "Event")

    assert event["startDate"] == "1992-10-05"
    assert "organizer" not in event


def test_other_pages_describe_no_event_or_person(client, site_data):
    for path in ["/en/", "/en/history/", "/en/members/china/", "/en/structure/"]:
        graph = preview(client, path).graph()
        assert [node["@type"] for node in graph] == ["Organization"], path


@pytest.mark.parametrize(
    ("language", "people"),
    [
        (
            "en",
            [
                ("Kairat Sarybay", "Secretary General", "Kazakhstan"),
                ("Zhang Ling", "Deputy Secretary General", "China"),
            ],
        ),
        (
            "ar",
            [
                ("قيرات ساريباي", "الأمين العام", "كازاخستان"),
                ("تشانغ لينغ", "نائب الأمين العام", "الصين"),
            ],
        ),
    ],
)
def test_the_secretariat_page_describes_the_officials_in_office(
    client, site_data, language, people
):
    graph = preview(client, f"/{language}/secretariat/").graph()

    persons = of_type(graph, "Person")
    assert [
        (person["name"], person["jobTitle"], person["nationality"]["name"]) for person in persons
    ] == people
    assert all(
        person["worksFor"] == {"@id": "http://testserver/#organization"} for person in persons
    )


def test_a_past_year_of_the_secretariat_names_no_one_as_in_office(client, site_data):
    graph = preview(client, "/en/secretariat/?year=2015").graph()

    assert of_type(graph, "Person") == []


def test_json_ld_cannot_end_its_script_element(client, site_data):
    title = '</script><script>alert("x")</script><!-- & -->'
    make_event(slug="2031-event", kind="other", ordinal=None, title_en=title)

    response = client.get("/en/history/2031-event/")
    content = response.content.decode()
    head = content[: content.index("</head>")]
    page = Preview(content)

    assert head.count("<script") == head.count("</script>") == 1
    assert "<!--" not in head
    (event,) = of_type(page.graph(), "Event")
    assert event["name"] == title
    assert page.one("og:title") == title
    assert "\\u003C/script\\u003E" in page.json_ld[0]


def test_json_ld_escapes_what_html_would_read():
    text = json_ld({"name": "<b>A & B</b>", "other": "\u2028"})

    assert text == '{"name":"\\u003Cb\\u003EA \\u0026 B\\u003C/b\\u003E","other":"\u2028"}'
    assert json.loads(text) == {"name": "<b>A & B</b>", "other": "\u2028"}


def test_partial_dates_follow_the_precision():
    day = datetime.date(2011, 9, 1)
    assert partial_date(day, "day") == "2011-09-01"
    assert partial_date(day, "month") == "2011-09"
    assert partial_date(day, "year") == "2011"


def test_share_tags_come_from_the_cached_head(
    client, site_data, settings, django_assert_num_queries
):
    settings.CICA_PAGE_CACHE = False  # fragments only
    first = client.get("/en/secretariat/").content

    with django_assert_num_queries(0):
        second = client.get("/en/secretariat/").content

    assert second == first
    assert of_type(Preview(second.decode()).graph(), "Person")


def test_a_head_rendered_alone_still_names_the_officials(client, site_data, settings):
    # The head fragment was evicted while the content stayed in the cache.
    settings.CICA_PAGE_CACHE = False
    first = client.get("/en/secretariat/").content
    request = RequestFactory().get("/en/secretariat/")
    request.as_of_year = None
    with override("en"):
        keys = fragment_keys(request)
    assert cache.get(keys["head"])
    cache.delete(keys["head"])

    second = client.get("/en/secretariat/").content

    assert second == first
    assert len(of_type(Preview(second.decode()).graph(), "Person")) == 2


@pytest.mark.parametrize(
    ("path", "description"),
    [
        ("/en/history/2014-4th-summit/", "4th CICA Summit, 20–21 May 2014, Shanghai, China."),
        (
            "/en/history/2013-informal-ministerial-meeting/",
            "Informal Meeting of the CICA Ministers of Foreign Affairs, 25 September 2013, "
            "New York.",
        ),
    ],
)
def test_a_meeting_is_summed_up_by_its_name_date_and_place(client, site_data, path, description):
    page = preview(client, path)

    assert page.one("og:description") == page.one("description") == description
