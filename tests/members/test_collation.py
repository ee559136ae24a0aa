from members.collation import sort_key


def ordered(names, language):
    return sorted(names, key=lambda name: sort_key(name, language))


def test_chinese_names_are_in_pinyin_order():
    names = ["中国", "阿富汗", "伊朗", "巴林", "俄罗斯联邦", "柬埔寨"]
    assert ordered(names, "zh-hans") == ["阿富汗", "巴林", "俄罗斯联邦", "柬埔寨", "伊朗", "中国"]


def test_arabic_lists_ignore_the_article_and_hamza_on_alif():
    names = ["مصر", "الأردن", "إيران", "أذربيجان", "باكستان", "البحرين"]
    assert ordered(names, "ar") == ["أذربيجان", "الأردن", "إيران", "باكستان", "البحرين", "مصر"]


def test_latin_letters_with_marks_sort_with_their_base_letter():
    assert ordered(["Zambia", "Türkiye", "Tajikistan"], "en") == ["Tajikistan", "Türkiye", "Zambia"]


def test_russian_alphabet_order():
    assert ordered(["Япония", "Ирак", "Египет", "Азербайджан"], "ru") == [
        "Азербайджан",
        "Египет",
        "Ирак",
        "Япония",
    ]
