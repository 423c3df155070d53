"""Pure helpers of the casualty rules, on normalized text."""

from datetime import date

import pytest

from workers.extract.casualties import (
    implied_counts,
    is_age,
    is_not_a_count,
    is_running_total,
    no_casualties,
    stated_day,
)
from workers.extract.normalize import normalize


def _implied(text: str) -> list[tuple[str, int, str]]:
    normalized = normalize(text)
    return [
        (normalized[c.start : c.end], c.value, c.approx)
        for c in implied_counts(normalized, 0, len(normalized))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل جنديين", [("جنديين", 2, "exact")]),
        ("أصيب شخصان وطفلان", [("شخصان", 2, "exact"), ("وطفلان", 2, "exact")]),
        ("قتلت امرأتين", [("امراتين", 2, "exact")]),
        ("قتل مدنيين", []),
    ],
)
def test_arabic_dual_of_a_broken_plural_noun_is_two(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert _implied(text) == expected


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("a man was shot", "a man"),
        ("an 18-year-old woman was killed", "an 18-year-old woman"),
        ("the victim died", "the victim"),
        ("he was shot dead", "he"),
    ],
)
def test_singular_person_phrase_counts_one(text: str, phrase: str) -> None:
    assert _implied(text) == [(phrase, 1, "exact")]


def test_pronoun_not_followed_by_a_passive_or_died_is_not_a_count() -> None:
    assert _implied("he said the man fled") == []


@pytest.mark.parametrize(
    ("text", "low"), [("dozens of people", 24), ("قتل العشرات", 20), ("hundreds were hurt", 200)]
)
def test_vague_plural_is_a_lower_bound(text: str, low: int) -> None:
    assert [(v, a) for _, v, a in _implied(text)] == [(low, "at_least")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("no one was hurt", "wounded"),
        ("nobody was killed", "killed"),
        ("there were no injuries", "wounded"),
        ("no casualties were reported", "total"),
        ("لم يصب أحد", "wounded"),
        ("لم تسفر الغارة عن إصابات", "wounded"),
        ("دون وقوع ضحايا", "total"),
    ],
)
def test_statements_that_nobody_was_hurt(text: str, kind: str) -> None:
    normalized = normalize(text)
    assert [z.kind for z in no_casualties(normalized, 0, len(normalized))] == [kind]


@pytest.mark.parametrize(
    ("text", "running"),
    [
        ("the death toll rose to 314", True),
        ("the toll has risen to 40", True),
        ("bringing the death toll to 12", True),
        ("in total 50 people", True),
        ("since the start of the war", True),
        ("so far this year", True),
        ("ارتفعت حصيلة القتلى إلى 314", True),
        ("منذ بداية الحرب", True),
        ("a total of 5 people were killed in the attack", False),
        ("since he was shot", False),
        ("the death toll in the attack was 5", False),
    ],
)
def test_running_toll_cues(text: str, running: bool) -> None:
    normalized = normalize(text)
    assert is_running_total(normalized, 0, len(normalized)) is running


@pytest.mark.parametrize(("text", "age"), [("23-year-old", True), ("25 عاما", True), ("3 people", False)])
def test_age_after_a_number(text: str, age: bool) -> None:
    normalized = normalize(text)
    number_end = len(normalized) - len(normalized.lstrip("0123456789"))
    assert is_age(normalized, number_end) is age


def test_today_and_yesterday_resolve_against_publication() -> None:
    published = date(2025, 4, 30)
    assert stated_day("killed today", 0, 12, published) == (published, "today")
    assert stated_day("قتل امس", 0, 7, published) == (date(2025, 4, 29), "امس")
    assert stated_day("killed", 0, 6, published) is None
    assert stated_day("killed today", 0, 12, None) is None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("a man in his 20s was killed", "20"),
        ("pronounced dead at 10:13 p.m.", "10"),
        ("pronounced dead at 10:13 p.m.", "13"),
        ("found dead about 5 a.m.", "5"),
        ("he died 20 minutes later", "20"),
        ("read more: https://example.com/story/394779002/", "394779002"),
        ("توفي بعد 20 دقيقه", "20"),
    ],
)
def test_ages_times_measures_and_web_addresses_are_not_head_counts(text: str, number: str) -> None:
    start = text.index(number)
    assert is_not_a_count(text, start, start + len(number))


@pytest.mark.parametrize(("text", "number"), [("12 people were killed", "12"), ("3 shot, 1 dead", "3")])
def test_numbers_before_people_or_casualty_words_remain_counts(text: str, number: str) -> None:
    start = text.index(number)
    assert not is_not_a_count(text, start, start + len(number))


def test_a_negated_subject_is_a_zero_count_of_that_kind() -> None:
    text = "the victim was not injured, police said"
    assert [(z.kind, text[z.start : z.end]) for z in no_casualties(text, 0, len(text))] == [
        ("wounded", "the victim was not injured")
    ]
