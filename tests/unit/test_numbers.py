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


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("twenty one", 21),
        ("one hundred and five", 105),
        ("three thousand two hundred", 3200),
        ("a dozen eggs", 12),
        ("two dozen", 24),
        ("a hundred people", 100),
        ("zero", 0),
        ("twenty-five hundred", 2500),
        ("half a million", 500_000),
        ("two and a half million", 2_500_000),
        ("seven million four hundred thousand and twelve", 7_400_012),
        ("3.14", 3.14),
        ("1,234,567", 1_234_567),
        ("-5 degrees", -5),
        ("minus seven", -7),
        ("5k", 5000),
    ],
)
def test_english_number_words_of_any_size(extractor: NumberExtractor, text: str, value: float) -> None:
    assert _numbers(extractor, text)[0].value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("مائة و اثنان", 102),
        ("خمسمائة وثلاثة وعشرون", 523),
        ("ألفين وخمسمية", 2500),
        ("ثلاثمية", 300),
        ("تلات تلاف", 3000),
        ("اتناشر", 12),
        ("ميت ألف", 100_000),
        ("مئتين وخمسين ألف", 250_000),
        ("ثلاثون ألفا", 30_000),
        ("ألفا جندي", 2000),
        ("مليونان", 2_000_000),
        ("مليون ونصف", 1_500_000),
        ("نصف مليون", 500_000),
        ("ثلاثة ونص", 3.5),
        ("٣٫١٤", 3.14),
        ("١٬٢٣٤", 1234),
        ("ثلاثة ملايين ومئتا ألف", 3_200_000),
    ],
)
def test_arabic_number_words_standard_and_colloquial(
    extractor: NumberExtractor, text: str, value: float
) -> None:
    assert _numbers(extractor, text)[0].value == value


@pytest.mark.parametrize(
    "text",
    ["عثر على ميت في الشارع", "نص البيان", "half the population", "آلاف المتظاهرين", "a second attempt"],
)
def test_words_that_are_numbers_only_inside_a_number(extractor: NumberExtractor, text: str) -> None:
    """ميت (dead), نص (text), half, آلاف and "a" need the rest of a number to be one."""
    assert [n for n in _numbers(extractor, text) if n.kind == "CARDINAL"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("twenty-third", 23),
        ("one hundred and first", 101),
        ("the 3rd", 3),
        ("الحادي عشر", 11),
        ("الحادية عشرة", 11),
        ("الخامس والثلاثين", 35),
        ("العشرون", 20),
        ("ثالث مرة", 3),
    ],
)
def test_compound_ordinals(extractor: NumberExtractor, text: str, value: int) -> None:
    found = _numbers(extractor, text)[0]
    assert (found.kind, found.value) == ("ORDINAL", value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$5", (5, None, "USD", "exact")),
        ("5$", (5, None, "USD", "exact")),
        ("USD 5", (5, None, "USD", "exact")),
        ("€20", (20, None, "EUR", "exact")),
        ("20 euros", (20, None, "EUR", "exact")),
        ("10 pounds", (10, None, "GBP", "exact")),
        ("EGP 100", (100, None, "EGP", "exact")),
        ("100 جنيه مصري", (100, None, "EGP", "exact")),
        ("٥ دولارات", (5, None, "USD", "exact")),
        ("50 ريالا", (50, None, "SAR", "exact")),
        ("5 cents", (0.05, None, "USD", "exact")),
        ("5 dollars and 20 cents", (5.2, None, "USD", "exact")),
        ("US$ 7", (7, None, "USD", "exact")),
        ("$3.5m", (3_500_000, None, "USD", "exact")),
        ("about $5", (5, None, "USD", "about")),
        ("under $10", (10, None, "USD", "less_than")),
        ("between 5 and 10 dollars", (5, 10, "USD", "exact")),
        ("between $5 and $10", (5, 10, "USD", "exact")),
        ("$5-$10", (5, 10, "USD", "exact")),
        ("مليون ونصف دولار", (1_500_000, None, "USD", "exact")),
    ],
)
def test_money_forms(
    extractor: NumberExtractor, text: str, expected: tuple[float, float | None, str, str]
) -> None:
    found = _numbers(extractor, text)[0]
    assert found.kind == "MONEY"
    assert (found.value, found.value_end, found.unit, found.approx) == expected


def test_english_words_that_are_iso_codes_are_not_currencies(extractor: NumberExtractor) -> None:
    assert [n.kind for n in _numbers(extractor, "the top 5 teams")] == ["CARDINAL"]


def test_a_hyphen_between_numbers_is_a_range_not_a_minus(extractor: NumberExtractor) -> None:
    found = _numbers(extractor, "10-12 people")[0]
    assert (found.value, found.value_end) == (10, 12)


@pytest.mark.parametrize(
    ("text", "value"),
    [("three point one four", 3.14), ("one point five million", 1_500_000), ("ثلاثة فاصلة أربعة عشر", 3.14)],
)
def test_decimals_in_words(extractor: NumberExtractor, text: str, value: float) -> None:
    assert _numbers(extractor, text)[0].value == value


def test_the_dead_is_not_a_hundredth(extractor: NumberExtractor) -> None:
    """الميت is "the dead"; المئة is "the hundredth"."""
    assert _numbers(extractor, "دفن الميت") == []
    assert [(n.kind, n.value) for n in _numbers(extractor, "الذكرى المئة")] == [("ORDINAL", 100)]


def test_one_dead_is_one_not_a_hundred_and_one(extractor: NumberExtractor) -> None:
    assert [n.value for n in _numbers(extractor, "ميت واحد")] == [1]


@pytest.mark.parametrize(
    ("text", "value", "surface"),
    [("بيع بخمسة دولارات", 5, "خمسة دولارات"), ("للمرة الثالثة", 3, "الثالثة"), ("قتل واحد", 1, "واحد")],
)
def test_proclitics_stay_out_of_the_span(
    extractor: NumberExtractor, text: str, value: int, surface: str
) -> None:
    normalized = normalize_text(text)
    (found,) = extractor.find(normalized.text)
    start, end = normalized.span_to_original(found.start, found.end)
    assert (found.value, text[start:end]) == (value, surface)


def test_lasta_is_i_am_not_rather_than_for_six(extractor: NumberExtractor) -> None:
    assert _numbers(extractor, "لست أدري") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10 000 people", 10_000),
        ("1 234 567", 1_234_567),
        ("12\u202f500 refugees", 12_500),
        ("12 000,5", 12_000.5),
        ("3,5", 3.5),
        ("3,5 million", 3_500_000),
        ("1.234,56", 1234.56),
        ("1.234.567", 1_234_567),
        ("a hundred and twenty", 120),
        ("one hundred twenty-three", 123),
        ("a couple of people", 2),
        ("a couple hundred", 200),
        ("a couple of thousand", 2000),
        ("5 lakh", 500_000),
        ("2 crore", 20_000_000),
        ("3 mln", 3_000_000),
    ],
)
def test_grouping_styles_and_english_word_forms(extractor: NumberExtractor, text: str, value: float) -> None:
    assert _numbers(extractor, text)[0].value == value


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("on May 15 200 people marched", [15, 200]),
        ("scores 10 500", [10, 500]),
        ("1,2,3", []),
    ],
)
def test_a_plain_space_joins_groups_only_where_unambiguous(
    extractor: NumberExtractor, text: str, values: list[int]
) -> None:
    assert [n.value for n in _numbers(extractor, text)] == values


@pytest.mark.parametrize(("text", "value"), [("1st", 1), ("22nd", 22), ("103rd", 103), ("4TH", 4)])
def test_digit_ordinals(extractor: NumberExtractor, text: str, value: int) -> None:
    found = _numbers(extractor, text)[0]
    assert (found.kind, found.value) == ("ORDINAL", value)


@pytest.mark.parametrize(
    "text",
    ["someone often", "the couple said", "5 gold medals", "a pound of flour", "a dollar-denominated bond"],
)
def test_no_money_or_number_from_words_that_only_look_like_one(extractor: NumberExtractor, text: str) -> None:
    assert [n for n in _numbers(extractor, text) if n.kind in ("MONEY", "CARDINAL") and n.value != 5] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("درهم 5", (5, None, "AED")),
        ("دولار 20", (20, None, "USD")),
        ("ج.م 100", (100, None, "EGP")),
        ("ر.س. 50", (50, None, "SAR")),
        ("100 ج.م", (100, None, "EGP")),
        ("ريال واحد", (1, None, "SAR")),
        ("دولاران", (2, None, "USD")),
        ("دفع دولارين", (2, None, "USD")),
        ("ديناران", (2, None, "IQD")),
        ("بليرتين", (2, None, "TRY")),
        ("Rs 500", (500, None, "INR")),
        ("Rs. 3 lakh", (300_000, None, "INR")),
        ("Dhs 20", (20, None, "AED")),
        ("3M dollars", (3_000_000, None, "USD")),
        ("3m euros", (3_000_000, None, "EUR")),
        ("1.5bn dollars", (1_500_000_000, None, "USD")),
        ("£1.2 million", (1_200_000, None, "GBP")),
        ("USD 5 million", (5_000_000, None, "USD")),
        ("5 million dollars", (5_000_000, None, "USD")),
        ("five million US dollars", (5_000_000, None, "USD")),
        ("$5 to $10 million", (5_000_000, 10_000_000, "USD")),
        ("a dollar", (1, None, "USD")),
        ("an euro", (1, None, "EUR")),
        ("a cent", (0.01, None, "USD")),
        ("a couple million dollars", (2_000_000, None, "USD")),
        ("3 000,5 €", (3000.5, None, "EUR")),
        ("a $5-million grant", (5_000_000, None, "USD")),
        ("$1.2tn", (1_200_000_000_000, None, "USD")),
        ("KD 5", (5, None, "KWD")),
        ("between $1.5bn and $2bn", (1_500_000_000, 2_000_000_000, "USD")),
        ("5 to 10 million dollars", (5_000_000, 10_000_000, "USD")),
    ],
)
def test_more_money_forms(
    extractor: NumberExtractor, text: str, expected: tuple[float, float | None, str]
) -> None:
    found = _numbers(extractor, text)[0]
    assert found.kind == "MONEY"
    assert (found.value, found.value_end, found.unit) == expected


def test_a_currency_after_the_amount_wins_over_one_before(extractor: NumberExtractor) -> None:
    """ "سعر دولار 50 جنيها": 50 is pounds; دولار names what is priced."""
    found = _numbers(extractor, "دولار 50 جنيها")[0]
    assert (found.value, found.unit) == (50, "EGP")


def test_a_currency_closing_one_amount_does_not_open_the_next(extractor: NumberExtractor) -> None:
    found = _numbers(extractor, "5 ملايين دولار 20")
    assert [(n.kind, n.value) for n in found] == [("MONEY", 5_000_000), ("CARDINAL", 20)]


def test_m_without_a_currency_stays_metres(extractor: NumberExtractor) -> None:
    assert [(n.value, n.kind) for n in _numbers(extractor, "a 3m wall")] == [(3, "CARDINAL")]


def test_dual_span_leaves_out_the_proclitic(extractor: NumberExtractor) -> None:
    text = "اشتراه بدولارين"
    normalized = normalize_text(text)
    (found,) = extractor.find(normalized.text)
    start, end = normalized.span_to_original(found.start, found.end)
    assert text[start:end] == "دولارين"


@pytest.mark.parametrize(
    ("text", "value", "value_end"),
    [
        ("5 per cent", 5, None),
        ("5 pct", 5, None),
        ("5 في المئة", 5, None),
        ("between 10 and 20 per cent", 10, 20),
    ],
)
def test_two_word_and_abbreviated_percent(
    extractor: NumberExtractor, text: str, value: int, value_end: int | None
) -> None:
    (found,) = _numbers(extractor, text)
    assert (found.kind, found.value, found.value_end, found.unit) == ("QUANTITY", value, value_end, "percent")


def test_an_en_dash_between_numbers_is_a_range(extractor: NumberExtractor) -> None:
    found = _numbers(extractor, "10–12 people")[0]
    assert (found.value, found.value_end) == (10, 12)
