import pytest

from workers.extract.normalize import normalize_text
from workers.extract.numbers import NumberExtractor, NumberMatch


@pytest.fixture(scope="module")
def extractor() -> NumberExtractor:
    return NumberExtractor()


def _numbers(extractor: NumberExtractor, text: str) -> list[NumberMatch]:
    return extractor.find(normalize_text(text).text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("قتل 1,250 شخصا", 1250),
        ("killed 1,250 people", 1250),
        ("نزح ٣٠٠ شخص", 300),
        ("أكثر من 3 ملايين لاجئ", 3_000_000),
        ("3.5 million refugees", 3_500_000),
        ("خمسة وعشرون جنديا", 25),
        ("ثلاثة آلاف وخمسمائة", 3500),
        ("twenty-one soldiers", 21),
        ("two hundred and five people", 205),
        ("أسر ألفين من الجنود", 2000),
        ("قتل الأربعة", 4),
        ("ثلاثة عشر صاروخا", 13),
    ],
)
def test_digits_words_and_scales_give_the_value(extractor: NumberExtractor, text: str, value: int) -> None:
    """Digits with separators, Arabic-Indic digits, scale words, number words and duals."""
    assert _numbers(extractor, text)[0].value == value


@pytest.mark.parametrize(
    ("text", "approx"),
    [
        ("أكثر من 50 جنديا", "more_than"),
        ("more than 50 soldiers", "more_than"),
        ("نحو 50 جنديا", "about"),
        ("about 50 soldiers", "about"),
        ("ما لا يقل عن 50 جنديا", "at_least"),
        ("at least 50 soldiers", "at_least"),
        ("أقل من 50 جنديا", "less_than"),
        ("fewer than 50 soldiers", "less_than"),
        ("50 جنديا على الأقل", "at_least"),
    ],
)
def test_qualifiers_set_the_approximation(extractor: NumberExtractor, text: str, approx: str) -> None:
    """Qualifier phrases before (or at least after) a number become its approx value."""
    found = _numbers(extractor, text)[0]
    assert (found.value, found.approx) == (50, approx)


@pytest.mark.parametrize(
    "text",
    [
        "ما بين 3 آلاف و5 آلاف جندي",
        "بين 3 و5 آلاف جندي",
        "between 3,000 and 5,000 troops",
        "between 3 and 5 thousand",
    ],
)
def test_ranges_give_min_and_max(extractor: NumberExtractor, text: str) -> None:
    """A range keeps both ends, and a trailing scale word applies to both."""
    found = _numbers(extractor, text)[0]
    assert (found.value, found.value_end) == (3000, 5000)


@pytest.mark.parametrize(
    ("text", "value", "currency", "approx"),
    [
        ("أكثر من 2 مليار دولار", 2_000_000_000, "USD", "more_than"),
        ("more than $2 billion", 2_000_000_000, "USD", "more_than"),
        ("نحو 40 مليون يورو", 40_000_000, "EUR", "about"),
        ("about 40 million euros", 40_000_000, "EUR", "about"),
        ("5 ملايين روبل", 5_000_000, "RUB", "exact"),
    ],
)
def test_money_carries_iso_currency(
    extractor: NumberExtractor, text: str, value: int, currency: str, approx: str
) -> None:
    """Currency words and symbols turn a number into MONEY with an ISO 4217 unit."""
    found = _numbers(extractor, text)[0]
    assert (found.kind, found.value, found.unit, found.approx) == ("MONEY", value, currency, approx)


@pytest.mark.parametrize(
    ("text", "value"),
    [("the third attempt", 3), ("المرة الخامسة", 5), ("أول مشاركة", 1), ("the 22nd brigade", 22)],
)
def test_ordinals_are_their_own_kind(extractor: NumberExtractor, text: str, value: int) -> None:
    found = _numbers(extractor, text)[0]
    assert (found.kind, found.value) == ("ORDINAL", value)


def test_a_list_is_not_read_as_a_range_without_between(extractor: NumberExtractor) -> None:
    assert [n.value for n in _numbers(extractor, "units 5 and 6")] == [5, 6]


def test_percent_is_a_quantity(extractor: NumberExtractor) -> None:
    found = _numbers(extractor, "ارتفع بنسبة 40%")[0]
    assert (found.kind, found.value, found.unit) == ("QUANTITY", 40, "percent")


def test_word_range_with_attached_conjunction(extractor: NumberExtractor) -> None:
    """ما بين عشرة وعشرين is the range 10..20, not 30."""
    found = _numbers(extractor, "ما بين عشرة وعشرين جنديا")[0]
    assert (found.value, found.value_end) == (10, 20)


def test_a_conjunction_starts_a_new_number_and_stays_out_of_its_span(extractor: NumberExtractor) -> None:
    text = "5 قتلى وخمسة جرحى"
    normalized = normalize_text(text)
    found = extractor.find(normalized.text)
    assert [n.value for n in found] == [5, 5]
    assert normalized.text[found[1].start : found[1].end] == "خمسه"


def test_very_long_digit_runs_are_not_numbers(extractor: NumberExtractor) -> None:
    assert _numbers(extractor, "id " + "7" * 5000) == []


def test_ahad_is_one_of_not_a_number_unless_a_teen(extractor: NumberExtractor) -> None:
    """أحد النواب means "one of the deputies"; أحد عشر is eleven."""
    assert _numbers(extractor, "قال أحد النواب") == []
    assert _numbers(extractor, "قتل أحد عشر جنديا")[0].value == 11
