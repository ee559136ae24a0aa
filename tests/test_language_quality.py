"""Typography and grammar that a translator checks on every page in every language.

Each test walks the sitemap's pages in one language and reads their text as a
visitor does, so that a defect of one kind is caught wherever it comes from:
a template, a catalogue or the content.
"""

import html as html_module
import re

import pytest
from django.template import Context, Template
from django.utils import translation

from cica.management.commands.bench import sitemap_paths
from tests.pages import text_of

HAN = r"\u3400-\u9fff"
ARABIC_LETTER = r"\u0621-\u064a"
# The Egyptian/UN series, the only one the site writes.
ARABIC_MONTHS = "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر"
OTHER_ARABIC_MONTHS = [
    "إبريل", "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
    "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول", "يوليه", "جانفي", "فيفري",
]  # fmt: skip


def page_texts(client, language: str) -> dict[str, str]:
    """Every public page in ``language``, as visible text."""
    texts = {}
    for path in sitemap_paths(client):
        if not path.startswith(f"/{language}/"):
            continue
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        # What a search engine or a shared link shows is read as well as the page.
        head = re.findall(r"<title>(.*?)</title>", page, flags=re.S) + re.findall(
            r'<meta (?:name|property)="(?:description|og:[a-z:]*title|og:description|'
            r'og:image:alt|twitter:image:alt)" content="([^"]*)"',
            page,
        )
        html = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
        texts[path] = "\n".join([*map(html_module.unescape, head), text_of(html)])
    assert texts, language
    return texts


def findings(texts: dict[str, str], pattern: str) -> list[tuple[str, str]]:
    return [
        (path, text[max(match.start() - 20, 0) : match.end() + 20])
        for path, text in texts.items()
        for match in re.finditer(pattern, text)
    ]


def test_chinese_pages_use_full_width_commas_and_brackets(client, site_data):
    texts = page_texts(client, "zh-hans")

    ascii_next_to_han = rf"[{HAN}]\s*[,()]|[,()]\s*[{HAN}]"
    assert findings(texts, ascii_next_to_han) == []
    # A dash between Chinese words is the double dash ——, not a Latin dash with spaces.
    assert findings(texts, rf"[{HAN}] [–—-] [{HAN}]") == []


def test_chinese_pages_call_areas_and_dimensions_by_different_words(client, site_data):
    cbm = page_texts(client, "zh-hans")["/zh-hans/cbm/"]

    assert re.search(r"5 个领域", cbm) and re.search(r"\d+ 个具体方向", cbm)


def test_chinese_document_titles_are_in_title_marks(client, site_data):
    history = client.get("/zh-hans/history/2021-6th-ministerial-meeting/").content.decode()

    assert "《亚信信任措施目录》" in history or "《更新后的亚信信任措施目录》" in history


def test_arabic_pages_never_glue_the_preposition_li_to_a_word(client, site_data):
    texts = page_texts(client, "ar")

    # لـ written apart ("لـالأمم", "لـ منظمة") where Arabic joins it: للأمم, لمنظمة.
    assert findings(texts, r"لـ") == []


def test_arabic_pages_use_the_arabic_comma_and_one_series_of_month_names(client, site_data):
    texts = page_texts(client, "ar")

    assert findings(texts, rf"[{ARABIC_LETTER}0-9]\s*,\s*[{ARABIC_LETTER}]") == []
    assert findings(texts, "|".join(OTHER_ARABIC_MONTHS)) == []
    history = texts["/ar/history/"]
    assert "أبريل" in history and set(ARABIC_MONTHS.split()) & set(history.split())


def test_arabic_is_named_without_a_shadda(client, site_data):
    texts = page_texts(client, "ar")

    assert findings(texts, "العربيّة") == []
    assert "العربية" in texts["/ar/"]


def test_russian_pages_write_e_not_yo_and_spell_ordinals_in_names(client, site_data):
    texts = page_texts(client, "ru")

    assert findings(texts, "[ёЁ]") == []
    # A month named within a sentence is in lower case: "..., сентябрь 2011 г., Нью-Йорк".
    months = "Январь Февраль Март Апрель Май Июнь Июль Август Сентябрь Октябрь Ноябрь Декабрь"
    assert findings(texts, rf"[,;] (?:{'|'.join(months.split())}) \d{{4}}") == []
    # "1-е Совещание", "4-й саммит": official style spells the ordinal in a name.
    assert findings(texts, r"\b\d+-[йея] (?:[Сс]аммит|[Сс]овещание|заседание)") == []
    assert "Первое совещание министров иностранных дел СВМДА" in texts["/ru/history/"]
    # Between words Russian writes the dash — (the en dash – only joins numbers).
    assert findings(texts, r"[А-Яа-я] – [А-Яа-я]") == []


def test_chinese_calls_the_meetings_activities_not_incidents(client, site_data):
    texts = page_texts(client, "zh-hans")

    # 事件 is an incident; the pager between meetings says 活动.
    assert findings(texts, "事件") == []
    assert "上一项活动" in texts["/zh-hans/history/2022-6th-summit/"]


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Type of meeting Summit", "At the end of another year"]),
        ("ru", ["Формат мероприятия Саммит", "Состояние на конец года 1992"]),
        ("zh-hans", ["会议类型 峰会", "其他年份年底的情况 1992"]),
        ("ar", ["نوع الاجتماع قمة", "الوضع في نهاية سنة أخرى 1992"]),
    ],
)
def test_meeting_type_and_year_labels_read_as_an_editor_writes_them(
    client, site_data, language, labels
):
    event = text_of(client.get(f"/{language}/history/2022-6th-summit/").content.decode())
    members = text_of(client.get(f"/{language}/members/").content.decode())

    assert labels[0] in event
    assert labels[1] in members


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans", "ar"])
def test_organisation_links_name_the_organisation_without_declining_it(client, site_data, language):
    members = client.get(f"/{language}/members/").content.decode()
    hidden = re.findall(
        r'class="org-list__link[^"]*"[^>]*>[^<]*<span class="visually-hidden">([^<]*)', members
    )

    assert len(hidden) >= 5
    expected = {
        "en": " — United Nations: website",
        "ru": " — Организация Объединенных Наций: веб-сайт",
        "zh-hans": " — 联合国：网站",
        "ar": " — الأمم المتحدة: الموقع الإلكتروني",
    }[language]
    assert expected in hidden


@pytest.mark.parametrize(
    ("language", "text", "marked"),
    [
        ("zh-hans", "Gong Jianwei", True),
        ("ar", "CICA Secretariat", True),
        ("ru", "@CicaSecretariat", True),
        ("zh-hans", "A.巴克特别克克孜", False),
        ("ru", "Кайрат Сарыбай", False),
        ("en", "Gong Jianwei", False),
        ("zh-hans", "55/20", False),
    ],
)
def test_latin_text_on_a_page_of_another_script_is_marked_english(language, text, marked):
    with translation.override(language):
        html = Template("{% load cica %}{{ text|latin }}").render(Context({"text": text}))

    if marked:
        assert html == f'<span lang="en" dir="ltr">{text}</span>'
    else:
        assert html == text


def test_latin_names_on_the_chinese_secretariat_page_are_marked(client, site_data):
    page = client.get("/zh-hans/secretariat/").content.decode()

    for name in ["Gong Jianwei", "Chi Fang", "Zhang Ling"]:
        assert f'<span lang="en" dir="ltr">{name}</span>' in page


@pytest.mark.parametrize(
    ("language", "verb_form"),
    [
        # "Promote trade...", "Cooperate on...": imperatives, none a noun in -ion.
        ("en", r"^(?!\w+(?:ion|ment)\b)[A-Z][a-z]+\b"),
        # "Развивать...", "Сотрудничать...": infinitives, none a noun.
        ("ru", r"^[А-Я][а-я]+(?:ть|ться|чь)\b"),
    ],
)
def test_the_goals_on_the_home_page_are_parallel_verbs(client, site_data, language, verb_form):
    home = client.get(f"/{language}/").content.decode()
    goals = [text_of(item) for item in re.findall(r'class="goals__item">(.*?)</li>', home)]

    assert len(goals) == 8
    assert [goal for goal in goals if not re.match(verb_form, goal)] == []


# The short names of the United Nations terminology database (UNTERM) in Chinese and
# Arabic, the forms an official text uses; the lists may keep the common names.
UN_SHORT_NAMES = {
    "AF": ("阿富汗", "أفغانستان"),
    "AE": ("阿拉伯联合酋长国", "الإمارات العربية المتحدة"),
    "AZ": ("阿塞拜疆", "أذربيجان"),
    "BD": ("孟加拉国", "بنغلاديش"),
    "BH": ("巴林", "البحرين"),
    "BY": ("白俄罗斯", "بيلاروس"),
    "CN": ("中国", "الصين"),
    "EG": ("埃及", "مصر"),
    "ID": ("印度尼西亚", "إندونيسيا"),
    "IL": ("以色列", "إسرائيل"),
    "IN": ("印度", "الهند"),
    "IQ": ("伊拉克", "العراق"),
    "IR": ("伊朗（伊斯兰共和国）", "إيران (جمهورية - الإسلامية)"),
    "JO": ("约旦", "الأردن"),
    "JP": ("日本", "اليابان"),
    "KG": ("吉尔吉斯斯坦", "قيرغيزستان"),
    "KH": ("柬埔寨", "كمبوديا"),
    "KR": ("大韩民国", "جمهورية كوريا"),
    "KW": ("科威特", "الكويت"),
    "KZ": ("哈萨克斯坦", "كازاخستان"),
    "LA": ("老挝人民民主共和国", "جمهورية لاو الديمقراطية الشعبية"),
    "LK": ("斯里兰卡", "سري لانكا"),
    "MN": ("蒙古", "منغوليا"),
    "MY": ("马来西亚", "ماليزيا"),
    "PH": ("菲律宾", "الفلبين"),
    "PK": ("巴基斯坦", "باكستان"),
    "PS": ("巴勒斯坦国", "دولة فلسطين"),
    "QA": ("卡塔尔", "قطر"),
    "RU": ("俄罗斯联邦", "الاتحاد الروسي"),
    "TH": ("泰国", "تايلند"),
    "TJ": ("塔吉克斯坦", "طاجيكستان"),
    "TM": ("土库曼斯坦", "تركمانستان"),
    "TR": ("土耳其", "تركيا"),
    "UA": ("乌克兰", "أوكرانيا"),
    "US": ("美利坚合众国", "الولايات المتحدة الأمريكية"),
    "UZ": ("乌兹别克斯坦", "أوزبكستان"),
    "VN": ("越南", "فييت نام"),
}


def test_official_short_names_are_the_un_forms_in_chinese_and_arabic(site_data):
    from members.models import State

    names = {
        state.code: (state.short_name_zh_hans, state.short_name_ar) for state in State.objects.all()
    }

    assert names == UN_SHORT_NAMES


@pytest.mark.parametrize(
    ("path", "official"),
    [
        ("/zh-hans/members/united-states/", "美利坚合众国"),
        ("/ar/members/united-states/", "الولايات المتحدة الأمريكية"),
        ("/zh-hans/members/laos/", "老挝人民民主共和国"),
        ("/ar/members/laos/", "جمهورية لاو الديمقراطية الشعبية"),
    ],
)
def test_a_state_page_gives_the_official_un_name(client, site_data, path, official):
    page = client.get(path).content.decode()

    assert f'<p class="state-head__official">{official}</p>' in page


@pytest.mark.parametrize(
    ("language", "address"),
    [
        ("ru", "пр. Мангилик Ел, 55/20, Астана"),
        # The street in Xinhua's transcription of Kazakh, as Chinese addresses write it.
        ("zh-hans", "阿斯塔纳市曼吉利克·叶尔大街55/20号"),
        ("ar", "جادة مانغيليك إل 55/20، أستانا"),
    ],
)
def test_the_secretariat_address_is_written_in_the_pages_script(
    client, site_data, language, address
):
    page = client.get(f"/{language}/secretariat/").content.decode()
    shown = re.findall(r'contact-list__value">([^<]*\d+/\d+[^<]*)</span></li>', page)

    assert shown == [address]
    assert not re.search("[A-Za-z]", shown[0])
