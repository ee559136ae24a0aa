import datetime

import pytest
from django.utils.translation import override

from members.dates import format_date, format_span
from timeline import ordinals
from timeline.models import Event

DAY = datetime.date(1992, 10, 5)
MONTH = datetime.date(2011, 9, 1)


@pytest.mark.parametrize(
    ("language", "day", "month", "year"),
    [
        ("en", "5 October 1992", "September 2011", "2011"),
        ("ru", "5 октября 1992 г.", "Сентябрь 2011 г.", "2011 г."),
        ("zh-hans", "1992年10月5日", "2011年9月", "2011年"),
        ("ar", "5 أكتوبر 1992", "سبتمبر 2011", "2011"),
    ],
)
def test_date_precision_renders_in_each_language(language, day, month, year):
    with override(language):
        assert format_date(DAY, "day") == day
        assert format_date(MONTH, "month") == month
        assert format_date(MONTH, "year") == year


@pytest.mark.parametrize(
    ("language", "same_month", "two_months"),
    [
        ("en", "20–21 May 2014", "30 September 2014 – 2 October 2014"),
        ("ru", "20–21 мая 2014 г.", "30 сентября 2014 г. – 2 октября 2014 г."),
        ("zh-hans", "2014年5月20日至21日", "2014年9月30日至2014年10月2日"),
        ("ar", "20–21 مايو 2014", "30 سبتمبر 2014 – 2 أكتوبر 2014"),
    ],
)
def test_meetings_over_several_days_show_their_span(language, same_month, two_months):
    with override(language):
        assert format_span(datetime.date(2014, 5, 20), datetime.date(2014, 5, 21), "day") == (
            same_month
        )
        assert format_span(datetime.date(2014, 9, 30), datetime.date(2014, 10, 2), "day") == (
            two_months
        )


@pytest.mark.parametrize(
    ("number", "english", "chinese", "arabic_feminine", "arabic_masculine"),
    [
        (1, "1st", "一", "الأولى", "الأول"),
        (2, "2nd", "二", "الثانية", "الثاني"),
        (3, "3rd", "三", "الثالثة", "الثالث"),
        (4, "4th", "四", "الرابعة", "الرابع"),
        (11, "11th", "十一", "الحادية عشرة", "الحادي عشر"),
        (12, "12th", "十二", "الثانية عشرة", "الثاني عشر"),
        (13, "13th", "十三", "الثالثة عشرة", "الثالث عشر"),
        (20, "20th", "二十", "العشرون", "العشرون"),
        (21, "21st", "二十一", "الـ21", "الـ21"),
        (22, "22nd", "二十二", "الـ22", "الـ22"),
        (111, "111th", "111", "الـ111", "الـ111"),
    ],
)
def test_ordinal_forms(number, english, chinese, arabic_feminine, arabic_masculine):
    forms = ordinals.forms(number)

    assert forms["ordinal"] == english
    assert forms["ordinal_zh"] == chinese
    assert forms["ordinal_ar_f"] == arabic_feminine
    assert forms["ordinal_ar_m"] == arabic_masculine


@pytest.mark.parametrize(
    ("language", "summit", "ministerial"),
    [
        ("en", "4th CICA Summit", "2nd CICA Ministerial Meeting"),
        ("ru", "Четвертый саммит СВМДА", "Второе совещание министров иностранных дел СВМДА"),
        ("zh-hans", "亚信第四次峰会", "亚信第二次外长会议"),
        ("ar", "قمة سيكا الرابعة", "الاجتماع الوزاري الثاني لسيكا"),
    ],
)
def test_numbered_meetings_are_named_correctly_in_each_language(language, summit, ministerial):
    with override(language):
        assert Event(kind="summit", ordinal=4).name == summit
        assert Event(kind="ministerial", ordinal=2).name == ministerial


def test_a_title_of_its_own_wins_over_the_standard_name():
    event = Event(kind="summit", ordinal=6, title_en="Jubilee Summit")

    with override("en"):
        assert event.name == "Jubilee Summit"


def test_meetings_without_a_number_have_a_plain_name():
    with override("ru"):
        assert Event(kind="informal-ministerial").name == (
            "Неформальная встреча министров иностранных дел СВМДА"
        )


@pytest.mark.parametrize(
    ("number", "masculine", "neuter", "feminine"),
    [
        (1, "Первый", "Первое", "Первая"),
        (2, "Второй", "Второе", "Вторая"),
        (3, "Третий", "Третье", "Третья"),
        (4, "Четвертый", "Четвертое", "Четвертая"),
        (7, "Седьмой", "Седьмое", "Седьмая"),
        (21, "21-й", "21-е", "21-я"),
    ],
)
def test_russian_ordinals_are_spelled_in_the_nouns_gender(number, masculine, neuter, feminine):
    assert [ordinals.russian(number, gender) for gender in "mnf"] == [masculine, neuter, feminine]
