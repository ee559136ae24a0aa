import datetime
import re

import pytest
from django.core.cache import cache

from members.models import State
from secretariat.models import Body, Chairmanship, Contact, Person, Position, Priority


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def today(monkeypatch):
    """Move the Secretariat's calendar to a given day."""

    def move(day: datetime.date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)

    return move


def test_structure_shows_the_three_categories_as_the_infographic(client, site_data):
    response = client.get("/en/structure/")
    content = response.content.decode()
    headings = re.findall(r'<h2 id="category-\d-heading">(.*?)</h2>', content)

    assert headings == ["Decision-taking bodies", "Working bodies", "Advisory bodies"]
    sections = content.split('class="structure__category"')[1:]
    assert re.findall(r'<h3 class="body-card__name">(.*?)</h3>', sections[0]) == [
        "Summit",
        "Ministerial Meeting",
        "Senior Officials Committee",
    ]
    assert re.findall(r'<h3 class="body-card__name">(.*?)</h3>', sections[1]) == [
        "Special Working Group",
        "Experts Meeting",
        "Specialised Meeting",
    ]
    advisory = text_of(sections[2])
    assert "Council of Eminent Persons" in advisory
    assert advisory.count("Since 2021") == 2 and advisory.count("Since 2014") == 2


def test_structure_shows_frequencies_in_the_readers_language(client, site_data):
    text = text_of(client.get("/ru/structure/").content.decode())

    assert "Специальная рабочая группа" in text
    assert "Заседает Не реже двух раз в год" in text


def test_secretariat_page_shows_mandate_established_date_and_positions(client, site_data):
    text = text_of(client.get("/en/secretariat/").content.decode())

    assert "A permanent administrative body assisting the Chairmanship" in text
    assert "Established 17 June 2006" in text
    for title in [
        "Executive Director",
        "Deputy Executive Director",
        "Professional personnel",
        "General and support personnel",
    ]:
        assert title in text


def test_secretariat_page_names_the_executive_directors(client, site_data):
    content = client.get("/en/secretariat/").content.decode()
    director = text_of(content.split('id="executive-director"')[1].split("</article>")[0])

    assert "> Executive Director Kairat Sarybay Kazakhstan since 24 September 2020 Earlier" in (
        director
    )
    assert (
        "Habibullo Mirzoev (Mirzozoda) Tajikistan 24 September 2018 – September 2020 "
        "Gong Jianwei China 2014 – September 2018 Çınar Aldemir Türkiye June 2010 – 2014 "
        "Dulat Bakishev Kazakhstan August 2008 – June 2010 "
        "Jandos Asanov Kazakhstan 2006 – August 2008"
    ) in director


def test_the_executive_director_follows_the_dates(client, site_data, today):
    today(datetime.date(2015, 3, 1))
    content = client.get("/en/secretariat/").content.decode()
    director = text_of(content.split('id="executive-director"')[1].split("Earlier")[0])

    assert "Gong Jianwei" in director
    assert "Most recent holder" not in director


def test_with_no_one_in_office_the_most_recent_holder_is_shown_as_such(client, site_data):
    deputy = text_of(
        client.get("/en/secretariat/")
        .content.decode()
        .split('id="deputy-executive-director"')[1]
        .split("</article>")[0]
    )

    assert "Chi Fang Most recent holder of the post China until September 2023" in deputy
    assert "A. Bakytbekkyzy Kazakhstan dates not recorded" in deputy


def test_current_chairmanship_follows_the_dates(client, site_data, today):
    today(datetime.date(2017, 1, 1))
    text = text_of(client.get("/en/secretariat/").content.decode())

    assert "Current chairmanship China 21 May 2014 – 24 September 2018" in text
    assert "Priorities" not in text  # China's priorities are not in the fixtures


def test_kazakhstans_chairmanship_shows_its_priorities_in_order(client, site_data, today):
    today(datetime.date(2021, 5, 1))
    content = client.get("/ru/secretariat/").content.decode()
    priorities = re.findall(
        r"<li>(.*?)</li>", content.split('class="priorities"')[1].split("</ol>")[0]
    )

    assert "Текущее председательство" in content
    assert len(priorities) == 5
    assert priorities[0].startswith("Продвижение инициативы по трансформации СВМДА")
    assert priorities[3].startswith("Развитие сотрудничества во время пандемии")


def test_after_the_last_term_the_page_says_most_recent(client, site_data, today):
    today(datetime.date(2026, 11, 28))
    text = text_of(client.get("/en/secretariat/").content.decode())

    assert "Most recent chairmanship Kazakhstan 24 September 2020 – 2022" in text


def test_a_new_chairmanship_becomes_current(client, site_data, today):
    today(datetime.date(2025, 6, 1))
    Chairmanship.objects.create(
        slug="azerbaijan-2024",
        state=State.objects.get(code="AZ"),
        start_date=datetime.date(2024, 12, 17),
        theme_en="Stronger CICA – Connectivity, Digitalization, and Sustainable Growth in Asia",
    )

    text = text_of(client.get("/en/secretariat/").content.decode())

    assert "Current chairmanship Azerbaijan since 17 December 2024 Stronger CICA" in text
    assert "Earlier chairmanships Kazakhstan 24 September 2020 – 2022" in text


def test_contacts_link_mail_phone_and_social_accounts(client, site_data):
    content = client.get("/en/secretariat/").content.decode()
    contacts = content.split('id="contacts"')[1]

    assert 'href="mailto:s-cica@s-cica.org"' in contacts
    assert 'href="tel:+77172576510"' in contacts
    assert 'href="https://www.instagram.com/cica_secretariat"' in contacts
    assert 'href="https://twitter.com/CicaSecretariat"' in contacts
    assert 'Facebook</span> <span class="contact-list__value" dir="auto">CICA Secretariat' in (
        contacts
    )


@pytest.mark.parametrize("path", ["/en/", "/ru/members/", "/zh-hans/cbm/", "/ar/history/"])
def test_every_page_has_the_contacts_in_its_footer(client, site_data, path):
    footer = client.get(path).content.decode().split('class="site-footer"')[1]

    assert 'href="mailto:s-cica@s-cica.org"' in footer
    assert 'href="tel:+77172576510"' in footer


def test_the_footer_follows_an_editors_change(admin_client, client, site_data):
    client.get("/en/")  # the contacts are now cached
    contact = Contact.objects.get()
    data = {
        "email": "info@s-cica.org",
        "phone": contact.phone,
        "website": contact.website,
        "address_en": "Mangilik Yel 1, Astana",
        "address_ru": "",
        "address_zh_hans": "",
        "address_ar": "",
        "social_links-TOTAL_FORMS": 0,
        "social_links-INITIAL_FORMS": 0,
        "social_links-MIN_NUM_FORMS": 0,
        "social_links-MAX_NUM_FORMS": 1000,
    }

    response = admin_client.post("/admin/secretariat/contact/1/change/", data)

    assert response.status_code == 302
    footer = client.get("/en/").content.decode().split('class="site-footer"')[1]
    assert 'href="mailto:info@s-cica.org"' in footer
    assert "Mangilik Yel 1, Astana" in footer


def test_the_contact_record_cannot_be_duplicated(admin_client, site_data):
    from django.db import IntegrityError, transaction

    assert admin_client.get("/admin/secretariat/contact/add/").status_code == 403
    assert admin_client.get("/admin/secretariat/contact/1/delete/").status_code == 403
    assert admin_client.get("/admin/secretariat/contact/")["Location"] == (
        "/admin/secretariat/contact/1/change/"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.bulk_create([Contact(pk=2, email="other@example.org")])
    assert Contact.objects.count() == 1


def test_state_page_shows_its_chairmanships(client, site_data):
    content = client.get("/en/members/kazakhstan/").content.decode()
    section = text_of(content.split('id="chairmanships-heading"')[1].split("</section>")[0])

    assert section == ">Chairmanship of CICA 24 September 2020 – 2022 until 8 June 2010"


def test_pages_are_in_the_sitemap(client, site_data):
    content = client.get("/sitemap.xml").content.decode()

    assert "<loc>http://testserver/ar/structure/</loc>" in content
    assert "<loc>http://testserver/zh-hans/secretariat/</loc>" in content


def test_secretariat_page_query_count_is_constant(client, site_data, django_assert_num_queries):
    executive = Position.objects.get(key="executive-director")
    states = list(State.objects.all())
    for index in range(80):
        Person.objects.create(
            slug=f"person-{index}",
            position=executive,
            name_en=f"Person {index}",
            nationality=states[index % 36],
            start_date=datetime.date(1990, 1, 1),
            end_date=datetime.date(1991, 1, 1),
        )
        chair = Chairmanship.objects.create(
            slug=f"chair-{index}",
            state=states[index % 36],
            start_date=datetime.date(1980 + index % 10, 1, 1),
            end_date=datetime.date(1980 + index % 10, 6, 1),
        )
        Priority.objects.create(chairmanship=chair, text_en="A priority", order=10)
    for index in range(30):
        Body.objects.create(key=f"body-{index}", category=2, name_en=f"Body {index}")
    cache.clear()

    # secretariat, positions, people (+ nationalities), chairmanships (+ states), priorities,
    # contact, social links
    with django_assert_num_queries(7):
        client.get("/en/secretariat/")
    with django_assert_num_queries(1):
        client.get("/en/structure/")  # the footer's contacts now come from the cache
