from datetime import date

import pytest

from workers.extract.dates import DateExtractor, DateMatch
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
