import pytest

from workers.extract.gazetteer import Gazetteer
from workers.extract.normalize import normalize_text
from workers.extract.organizations import find_organizations
from workers.extract.people import find_people


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def _names(gazetteer: Gazetteer, text: str) -> list[tuple[str, str, str | None]]:
    normalized = normalize_text(text)
    result = []
    for match in gazetteer.find(normalized.text, normalized.original, normalized.origin):
        start, end = normalized.span_to_original(match.start, match.end)
        result.append((text[start:end], match.entry.name, match.entry.country))
    return result


@pytest.mark.parametrize(
    ("text", "country"),
    [("وروسيا", "RU"), ("بأوكرانيا", "UA"), ("للصين", "CN"), ("Russia", "RU"), ("in Ukraine", "UA")],
)
def test_countries_match_through_proclitics(gazetteer: Gazetteer, text: str, country: str) -> None:
    assert [m[2] for m in _names(gazetteer, text)] == [country]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("الجنود الأوكرانيين", "UA"),
        ("جندي كوري جنوبي", "KR"),
        ("القوات الكورية الشمالية", "KP"),
        ("الرئيس الروسي", "RU"),
        ("مصادر أمريكية", "US"),
        ("إخواننا الروس", "RU"),
        ("North Korean troops", "KP"),
        ("Ukrainian drones", "UA"),
    ],
)
def test_nationality_adjectives_link_to_their_country(gazetteer: Gazetteer, text: str, country: str) -> None:
    assert [m[2] for m in _names(gazetteer, text)] == [country]


@pytest.mark.parametrize("text", ["بيونغ يانغ", "بيونج يانج", "Pyongyang"])
def test_transliteration_variants_of_a_capital(gazetteer: Gazetteer, text: str) -> None:
    assert _names(gazetteer, text) == [(text, "Pyongyang", "KP")]


def test_ambiguous_city_takes_the_most_populous_sense(gazetteer: Gazetteer) -> None:
    assert _names(gazetteer, "موسكو") == [("موسكو", "Moscow", "RU")]


def test_longest_match_wins_over_the_country_inside_a_name(gazetteer: Gazetteer) -> None:
    text = "وكالة الأنباء المركزية الكورية الشمالية"
    assert _names(gazetteer, text) == [(text, "Korean Central News Agency", "KP")]


def test_definite_article_belongs_to_the_mention(gazetteer: Gazetteer) -> None:
    assert _names(gazetteer, "والأوكرانيين")[0][0] == "الأوكرانيين"


def test_bare_surname_links_only_after_the_full_name(gazetteer: Gazetteer) -> None:
    assert _names(gazetteer, "قال بوتين") == []
    linked = _names(gazetteer, "قال فلاديمير بوتين ثم أضاف بوتين")
    assert [m[1] for m in linked] == ["Vladimir Putin", "Vladimir Putin"]


def test_english_surname_after_full_name(gazetteer: Gazetteer) -> None:
    linked = _names(gazetteer, "Kim Jong Un met officials. Kim said")
    assert [m[0] for m in linked] == ["Kim Jong Un", "Kim"]


def test_generic_agency_name_needs_its_country_in_the_article(gazetteer: Gazetteer) -> None:
    assert _names(gazetteer, "قال جهاز الاستخبارات الوطني") == []
    names = [m[1] for m in _names(gazetteer, "قال جهاز الاستخبارات الوطني في كوريا الجنوبية")]
    assert names == ["National Intelligence Service (South Korea)", "South Korea"]


def test_names_respect_word_boundaries(gazetteer: Gazetteer) -> None:
    assert _names(gazetteer, "a woman from Omaha") == [("Omaha", "Omaha", "US")]


def test_acronyms_keep_their_case(gazetteer: Gazetteer) -> None:
    assert _names(gazetteer, "the US said") == [("US", "United States", "US")]
    assert _names(gazetteer, "told us") == []


def test_common_arabic_words_are_not_cities(gazetteer: Gazetteer) -> None:
    assert _names(gazetteer, "الأسلحة عالية التقنية") == []


def test_accusative_nisba_after_a_number(gazetteer: Gazetteer) -> None:
    """مقتل 45 فلسطينيا: the accusative -an form still names the country."""
    assert [m[2] for m in _names(gazetteer, "مقتل 45 فلسطينيا")] == ["PS"]
    assert _names(gazetteer, "روسيا")[0][1:] == ("Russia", "RU")


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("أعلنت وزارة الصحة في غزة الحصيلة", "وزارة الصحة", "PS"),
        ("وقال المتحدث باسم الجيش اللبناني إن", "الجيش اللبناني", "LB"),
        ("The Syrian Observatory for Human Rights said", "Syrian Observatory for Human Rights", "SY"),
        ("the Ministry of Health in Gaza said", "Ministry of Health", "PS"),
    ],
)
def test_unlisted_organizations_by_head_noun(
    gazetteer: Gazetteer, text: str, surface: str, country: str
) -> None:
    """An institution head noun plus its modifiers is an ORG; its country is inside or right after it."""
    normalized = normalize_text(text)
    places = gazetteer.find(normalized.text, normalized.original, normalized.origin)
    found = [
        (text[slice(*normalized.span_to_original(o.start, o.end))], o.country)
        for o in find_organizations(normalized, places)
    ]
    assert found == [(surface, country)]


def test_listed_organizations_are_not_found_again_by_head_noun(gazetteer: Gazetteer) -> None:
    normalized = normalize_text("قالت وزارة الدفاع الروسية إن")
    places = gazetteer.find(normalized.text, normalized.original, normalized.origin)
    assert find_organizations(normalized, places) == []


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("قال وزير الدفاع الأمريكي لويد أوستن إن", "لويد أوستن", "US"),
        ("وقال الرئيس الفرنسي ماكرون، إن", "ماكرون", "FR"),
        ("French President Emmanuel Macron said", "Emmanuel Macron", "FR"),
        ("Defence Secretary John Healey said", "John Healey", None),
    ],
)
def test_unlisted_people_after_a_title(
    gazetteer: Gazetteer, text: str, surface: str, country: str | None
) -> None:
    """A title, its nationality and one to three name words give a PERSON (a city-named surname included)."""
    normalized = normalize_text(text)
    places = gazetteer.find(normalized.text, normalized.original, normalized.origin)
    found = [
        (text[slice(*normalized.span_to_original(p.start, p.end))], p.country)
        for p in find_people(normalized, places)
    ]
    assert found == [(surface, country)]


@pytest.mark.parametrize(
    "text", ["قال الرئيس إن الحرب ستنتهي", "قال الرئيس للصحفيين", "قال الرئيس الروسي فلاديمير بوتين"]
)
def test_titles_without_an_unlisted_name_give_no_person(gazetteer: Gazetteer, text: str) -> None:
    normalized = normalize_text(text)
    places = gazetteer.find(normalized.text, normalized.original, normalized.origin)
    assert find_people(normalized, places) == []


@pytest.mark.parametrize(
    ("text", "surface", "name", "country"),
    [
        ("وأعلن الحوثيون مسؤوليتهم عن الهجوم", "الحوثيون", "Houthis", "YE"),
        ("قصفت طائرات مواقع لتنظيم داعش قرب الموصل", "تنظيم داعش", "Islamic State", None),
        ("Coalition aircraft struck Da’esh positions near Mosul", "Da’esh", "Islamic State", None),
        ("Hezbollah fired rockets, the Israeli army said", "Hezbollah", "Hezbollah", "LB"),
    ],
)
def test_armed_groups_link_to_their_canonical_name(
    gazetteer: Gazetteer, text: str, surface: str, name: str, country: str | None
) -> None:
    normalized = normalize_text(text)
    found = {
        (text[slice(*normalized.span_to_original(m.start, m.end))], m.entry.name, m.entry.country)
        for m in gazetteer.find(normalized.text, normalized.original, normalized.origin)
    }
    assert (surface, name, country) in found
