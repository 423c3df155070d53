from datetime import date

import pytest

from workers.extract.dates import DateExtractor, DateMatch, hijri_to_gregorian
from workers.extract.normalize import normalize_text

PUBLISHED = date(2025, 4, 30)  # a Wednesday


@pytest.fixture(scope="module")
def extractor() -> DateExtractor:
    return DateExtractor()


def _dates(extractor: DateExtractor, text: str, reference: date | None = PUBLISHED) -> list[DateMatch]:
    return extractor.find(normalize_text(text), reference)


def _values(extractor: DateExtractor, text: str) -> list[tuple[str, str | None, str]]:
    return [(d.value, d.value_end, d.precision) for d in _dates(extractor, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وصل في 15 مارس", ("2025-03-15", None, "day")),
        ("arrived on March 15", ("2025-03-15", None, "day")),
        ("وصل في 15 ديسمبر", ("2024-12-15", None, "day")),
        ("arrived on 15 December", ("2024-12-15", None, "day")),
    ],
)
def test_day_and_month_take_the_most_recent_past_year(
    extractor: DateExtractor, text: str, expected: tuple[str, None, str]
) -> None:
    assert _values(extractor, text) == [expected]


@pytest.mark.parametrize(
    "text", ["في تموز 2023", "في يوليو 2023", "in July 2023", "10 كانون الثاني 2023", "January 10, 2023"]
)
def test_named_years_are_kept_including_levantine_months(extractor: DateExtractor, text: str) -> None:
    (found,) = _dates(extractor, text)
    assert found.value in ("2023-07", "2023-01-10")


@pytest.mark.parametrize("text", ["بين فبراير وأبريل", "between February and April", "بين شباط ونيسان"])
def test_month_ranges_resolve_to_the_latest_past_span(extractor: DateExtractor, text: str) -> None:
    assert _values(extractor, text) == [("2025-02", "2025-04", "month")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("خلال صيف العام الماضي", ("2024-06", "2024-08", "season")),
        ("during the summer of 2022", ("2022-06", "2022-08", "season")),
        ("last winter", ("2024-12", "2025-02", "season")),
        ("الخريف الماضي", ("2024-09", "2024-11", "season")),
    ],
)
def test_seasons_are_northern_meteorological(
    extractor: DateExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert _values(extractor, text) == [expected]


@pytest.mark.parametrize("text", ["يوم الجمعة", "صباح الجمعة", "on Friday"])
def test_weekdays_are_the_latest_on_or_before_publication(extractor: DateExtractor, text: str) -> None:
    assert _values(extractor, text) == [("2025-04-25", None, "day")]


def test_today_with_weekday_is_the_publication_week(extractor: DateExtractor) -> None:
    assert _values(extractor, "أعلنت اليوم الاثنين") == [("2025-04-28", None, "day")]


@pytest.mark.parametrize("text", ["بين عامي 2001 و2003", "between 2001 and 2003"])
def test_year_ranges(extractor: DateExtractor, text: str) -> None:
    assert _values(extractor, text) == [("2001", "2003", "year")]


def test_bare_arabic_weekday_is_not_a_date_because_it_also_means_the_two(extractor: DateExtractor) -> None:
    assert _dates(extractor, "اتفق الاثنان على") == []
    assert _dates(extractor, "الاثنين معا") == []


def test_lowercase_may_is_a_verb_not_a_month(extractor: DateExtractor) -> None:
    assert _values(extractor, "the talks may resume in 2026") == [("2026", None, "year")]


def test_the_same_day_takes_the_previous_day_date(extractor: DateExtractor) -> None:
    values = _values(extractor, "وصل في 3 أبريل. وفي اليوم نفسه غادر")
    assert values == [("2025-04-03", None, "day"), ("2025-04-03", None, "day")]


def test_without_publication_date_only_dates_with_a_year_resolve(extractor: DateExtractor) -> None:
    found = _dates(extractor, "on Monday, in June 2024", reference=None)
    assert [(d.value, d.precision) for d in found] == [("2024-06", "month")]


def test_relative_years(extractor: DateExtractor) -> None:
    assert _values(extractor, "العام الماضي") == [("2024", None, "year")]
    assert _values(extractor, "last year") == [("2024", None, "year")]


def test_dateline_weekday_between_commas_is_a_date(extractor: DateExtractor) -> None:
    """ "أعلنت الوزارة، الأحد، ..." is the news style for a weekday."""
    assert _values(extractor, "أعلنت الوزارة، الأحد، مقتل") == [("2025-04-27", None, "day")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on 28/4/2025", "2025-04-28"),
        ("on 4/28/2025", "2025-04-28"),
        ("on 3/4/2025", "2025-03-04"),  # English text: month/day
        ("في 3/4/2025", "2025-04-03"),  # Arabic text: day/month
        ("في ٣/٤/٢٠٢٥", "2025-04-03"),
        ("2025/4/28", "2025-04-28"),
        ("28.4.2025", "2025-04-28"),
        ("on 28/4/25", "2025-04-28"),
    ],
)
def test_numeric_dates(extractor: DateExtractor, text: str, expected: str) -> None:
    assert _values(extractor, text) == [(expected, None, "day")]


def test_numeric_day_and_month_take_the_publication_year(extractor: DateExtractor) -> None:
    assert _values(extractor, "due on 2/15") == [("2025-02-15", None, "day")]


def test_numeric_month_and_year(extractor: DateExtractor) -> None:
    assert _values(extractor, "since 2/2013") == [("2013-02", None, "month")]


@pytest.mark.parametrize("text", ["open 24/7", "1/2 of the town", "3/4 of them", "version 2.5.1"])
def test_fractions_and_idioms_are_not_dates(extractor: DateExtractor, text: str) -> None:
    assert _dates(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "expected", "span"),
    [
        ("Monday, February 18th, 2013", "2013-02-18", "Monday, February 18th, 2013"),
        ("on monday, february 18th, 2013", "2013-02-18", "monday, february 18th, 2013"),
        ("the 18th of February 2013", "2013-02-18", "the 18th of February 2013"),
        ("Feb. 18, 2013", "2013-02-18", "Feb. 18, 2013"),
        ("18 شباط 2013", "2013-02-18", "18 شباط 2013"),
        ("الاثنين 18 فبراير 2013", "2013-02-18", "الاثنين 18 فبراير 2013"),
    ],
)
def test_month_name_dates_with_weekday_and_suffix(
    extractor: DateExtractor, text: str, expected: str, span: str
) -> None:
    (found,) = _dates(extractor, text)
    assert (found.value, text[found.start : found.end]) == (expected, span)


def test_day_and_month_soon_after_publication_stay_in_its_year(extractor: DateExtractor) -> None:
    """A date within half a year of publication is the nearest one, so talks "on May 5" are ahead."""
    assert _values(extractor, "talks on May 5") == [("2025-05-05", None, "day")]


@pytest.mark.parametrize(
    ("text", "expected"), [("in 2013", "2013"), ("عام 2013", "2013"), ("عام 2013م", "2013")]
)
def test_years(extractor: DateExtractor, text: str, expected: str) -> None:
    assert _values(extractor, text) == [(expected, None, "year")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 رمضان 1434 هـ", ("2013-07-23", None, "day")),
        ("15 رمضان 1434هـ", ("2013-07-23", None, "day")),
        ("1 محرم 1445 هـ", ("2023-07-19", None, "day")),
        ("في 10 ذو الحجة 1440 هجرية", ("2019-08-12", None, "day")),  # tabular; sighted Eid was the 11th
        ("رمضان 1446 هـ", ("2025-03-01", "2025-03-30", "day")),
    ],
)
def test_hijri_dates_with_the_marker(
    extractor: DateExtractor, text: str, expected: tuple[str, str | None, str]
) -> None:
    assert _values(extractor, text) == [expected]


def test_hijri_month_without_the_marker_is_not_converted(extractor: DateExtractor) -> None:
    assert _dates(extractor, "صام رمضان") == []


def test_tabular_hijri_epoch_is_16_july_622_julian() -> None:
    assert hijri_to_gregorian(1, 1, 1) == date(622, 7, 19)  # proleptic Gregorian


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the fifteenth of February 2013", "2013-02-15"),
        ("February twenty-first, 2013", "2013-02-21"),
        ("February the 15th, 2013", "2013-02-15"),
    ],
)
def test_english_day_words(extractor: DateExtractor, text: str, expected: str) -> None:
    assert _values(extractor, text) == [(expected, None, "day")]


def test_lowercase_march_and_may_need_a_capital_even_with_a_number(extractor: DateExtractor) -> None:
    assert _dates(extractor, "troops march 5 miles; they may 3 times") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("في الخامس عشر من شباط 2013", "2013-02-15"), ("الحادي والعشرين من مارس", "2025-03-21")],
)
def test_arabic_ordinal_days(extractor: DateExtractor, text: str, expected: str) -> None:
    assert _values(extractor, text) == [(expected, None, "day")]


def test_an_ordinal_in_a_levantine_month_name_is_not_a_day(extractor: DateExtractor) -> None:
    """The الثاني of تشرين الثاني followed by نوفمبر is the month's name, not the 2nd of November."""
    assert _values(extractor, "تشرين الثاني نوفمبر 2012") == [("2012-11", None, "month")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow", ("2025-05-01", None, "day")),
        ("this morning", ("2025-04-30", None, "day")),
        ("last night", ("2025-04-29", None, "day")),
        ("صباح اليوم", ("2025-04-30", None, "day")),
        ("two days ago", ("2025-04-28", None, "day")),
        ("5 months ago", ("2024-11", None, "month")),
        ("a year ago", ("2024", None, "year")),
        ("قبل يومين", ("2025-04-28", None, "day")),
        ("منذ ثلاثة أسابيع", ("2025-04-09", None, "day")),
        ("قبل 3 أيام", ("2025-04-27", None, "day")),
        ("last week", ("2025-04-21", "2025-04-27", "day")),
        ("الأسبوع المقبل", ("2025-05-05", "2025-05-11", "day")),
        ("last month", ("2025-03", None, "month")),
        ("الشهر الماضي", ("2025-03", None, "month")),
        ("في الشهر الجاري", ("2025-04", None, "month")),
        ("next year", ("2026", None, "year")),
        ("هذه السنة", ("2025", None, "year")),
        ("العام المقبل", ("2026", None, "year")),
        ("the 1990s", ("1990", "1999", "year")),
        ("mid-2023", ("2023", None, "year")),
        ("منتصف 2023", ("2023", None, "year")),
        ("next Monday", ("2025-05-05", None, "day")),
        ("الاثنين المقبل", ("2025-05-05", None, "day")),
    ],
)
def test_dates_relative_to_publication(
    extractor: DateExtractor, text: str, expected: tuple[str, str | None, str]
) -> None:
    """Published Wednesday 2025-04-30."""
    found = extractor.find(normalize_text(text), date(2025, 4, 30))
    assert [(d.value, d.value_end, d.precision) for d in found] == [expected]


@pytest.mark.parametrize(
    "text", ["منذ سنوات", "قبل يومين من الانتخابات", "الشهر", "the month before", "غدا الوضع أسوأ"]
)
def test_vague_or_anchored_durations_are_not_dates(extractor: DateExtractor, text: str) -> None:
    assert extractor.find(normalize_text(text), date(2025, 4, 30)) == []


def test_every_combination_of_calendar_words_resolves_or_is_skipped(extractor: DateExtractor) -> None:
    for this in ("", "هذا ", "هذه ", "و"):
        for unit in ("الأسبوع", "الشهر", "العام", "السنة", "أسبوع", "شهر"):
            for step in ("", " الماضي", " الماضية", " المقبل", " المقبلة", " الجاري", " القادمة", " المنصرم"):
                found = extractor.find(normalize_text(f"{this}{unit}{step}"), date(2025, 4, 30))
                assert len(found) <= 1
