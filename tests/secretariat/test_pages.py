import datetime
import re

import pytest
from django.core.cache import cache

from members.models import State
from secretariat.models import Body, Chairmanship, Contact, Person, Position, Priority
from tests.admin_forms import opened_version
from tests.pages import text_of


def test_structure_shows_the_three_categories_as_the_infographic(client, site_data):
    response = client.get("/en/structure/")
    content = response.content.decode()
    headings = re.findall(r'<h2 id="category-\d-heading">(.*?)</h2>', content)

    assert headings == ["Decision-taking bodies", "Working bodies", "Advisory bodies"]
    sections = content.split('class="structure__category"')[1:]
    assert re.findall(r'<h3 class="body-card__name">(.*?)</h3>', sections[0]) == [
        "Council of Heads of State or Government",
        "Council of Ministers of Foreign Affairs",
        "Senior Officials Committee",
    ]
    assert re.findall(r'<h3 class="body-card__name">(.*?)</h3>', sections[1]) == [
        "Special Working Group",
        "Experts Meeting",
        "Specialised Meeting",
    ]
    advisory = text_of(sections[2])
    assert "Council of Eminent Persons" in advisory
    assert advisory.count("Year established 2021") == 2
    assert advisory.count("Year established 2014") == 2
    assert "CICA Fund" in advisory and "Year established 2022" in advisory


@pytest.mark.parametrize(
    ("language", "current", "former"),
    [
        (
            "en",
            "Council of Heads of State or Government",
            "Former name “Summit” until 13 October 2022",
        ),
        (
            "ru",
            "Совет глав государств и правительств",
            "Прежнее название «Саммит» — до 13 октября 2022 г.",
        ),
        ("zh-hans", "国家元首和政府首脑理事会", "曾用名 2022年10月13日前称“峰会”"),
        ("ar", "مجلس رؤساء الدول والحكومات", "الاسم السابق «القمة» حتى 13 أكتوبر 2022"),
    ],
)
def test_structure_shows_a_bodys_former_name(client, site_data, language, current, former):
    content = client.get(f"/{language}/structure/").content.decode()
    card = text_of(content.split('id="summit"')[1].split("</li>")[0])

    assert card.startswith(f"> {current}")
    assert former in card


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

    assert (
        "> Secretary General Kairat Sarybay Kazakhstan Executive Director from 24 September "
        "2020, Secretary General from 13 October 2022 Earlier"
    ) in director
    assert (
        "Habibullo Mirzoev (Mirzozoda) Tajikistan Executive Director, 24 September 2018 – "
        "September 2020 Gong Jianwei China Executive Director, 2014 – September 2018 "
        "Çınar Aldemir Türkiye Executive Director, June 2010 – 2014 "
        "Dulat Bakishev Kazakhstan Executive Director, August 2008 – June 2010 "
        "Jandos Asanov Kazakhstan Executive Director, 2006 – August 2008"
    ) in director


def test_the_executive_director_follows_the_dates(client, site_data, today):
    today(datetime.date(2015, 3, 1))
    content = client.get("/en/secretariat/").content.decode()
    director = text_of(content.split('id="executive-director"')[1].split("Earlier")[0])

    assert "Gong Jianwei" in director
    assert "Most recent holder" not in director


def test_with_no_one_in_office_the_most_recent_holder_is_shown_as_such(client, site_data):
    Person.objects.filter(slug="zhang-ling-2023").delete()
    deputy = text_of(
        client.get("/en/secretariat/")
        .content.decode()
        .split('id="deputy-executive-director"')[1]
        .split("</article>")[0]
    )

    assert (
        "Chi Fang Most recent holder of the post China Deputy Executive Director until "
        "December 2022, Deputy Secretary General from December 2022 until September 2023"
    ) in deputy
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


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Current chairmanship Azerbaijan since 17 December 2024 Stronger CICA"),
        ("ru", "Текущее председательство Азербайджан с 17 декабря 2024 г. Сильное СВМДА"),
        ("zh-hans", "现任主席国 阿塞拜疆 自2024年12月17日起 更强大的亚信"),
        ("ar", "الرئاسة الحالية أذربيجان منذ 17 ديسمبر 2024 سيكا أقوى"),
    ],
)
def test_today_azerbaijan_chairs_and_the_secretary_general_leads(
    client, site_data, language, expected
):
    text = text_of(client.get(f"/{language}/secretariat/").content.decode())

    assert expected in text
    title = {"en": "Secretary General", "ru": "Генеральный секретарь", "zh-hans": "秘书长",
             "ar": "الأمين العام"}[language]  # fmt: skip
    assert text.count(title) >= 2  # the heading and Kairat Sarybay's present title


def test_after_the_last_term_the_page_says_most_recent(client, site_data, today):
    Chairmanship.objects.filter(slug="azerbaijan-2024").update(end_date=datetime.date(2026, 6, 30))
    today(datetime.date(2026, 11, 28))
    text = text_of(client.get("/en/secretariat/").content.decode())

    assert "Most recent chairmanship Azerbaijan 17 December 2024 – 30 June 2026" in text


def test_a_new_chairmanship_becomes_current(client, site_data, today):
    today(datetime.date(2031, 6, 1))
    Chairmanship.objects.filter(slug="azerbaijan-2024").update(end_date=datetime.date(2030, 6, 30))
    Chairmanship.objects.create(
        slug="example-2030",
        state=State.objects.get(code="MN"),
        start_date=datetime.date(2030, 6, 30),
        theme_en="An example theme",
    )

    text = text_of(client.get("/en/secretariat/").content.decode())

    assert "Current chairmanship Mongolia since 30 June 2030 An example theme" in text
    assert "Earlier chairmanships Azerbaijan 17 December 2024 – 30 June 2030" in text


def test_contacts_link_mail_phone_and_social_accounts(client, site_data):
    content = client.get("/en/secretariat/").content.decode()
    contacts = content.split('id="contacts"')[1]

    # Once, in the footer, where Contact.get_absolute_url points: not again above it.
    assert content.count('href="mailto:s-cica@s-cica.org"') == 1
    assert content.count('id="contacts"') == 1

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

    url = "/admin/secretariat/contact/1/change/"
    response = admin_client.post(url, opened_version(admin_client, url) | data)

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

    assert section == ">Chairmanship of CICA 24 September 2020 – 17 December 2024 until 8 June 2010"


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

    # secretariat, positions, their former titles, people (+ nationalities), chairmanships
    # (+ states), priorities, contact, social links
    with django_assert_num_queries(8):
        client.get("/en/secretariat/")
    with django_assert_num_queries(2):
        client.get("/en/structure/")  # bodies, former names; the footer's contacts are cached
