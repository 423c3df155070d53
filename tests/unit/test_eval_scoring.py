"""Hand-written cases for the evaluation scorers and the loaders' selection rules."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from schemas.models import Counts, EntityMention, EventRecord, Evidence, Quantity
from workers.evaluate.datasets import states_absolute_date, unescape_haskell
from workers.evaluate.scoring import (
    NER_LABELS,
    CasualtyGold,
    DateGold,
    NumberGold,
    Span,
    casualty_accuracy,
    casualty_counts,
    date_case_passes,
    number_case_passes,
    predicted_spans,
    span_f1,
    spans_from_tags,
)


def _mention(kind: str, start: int = 0, end: int = 1, **fields: Any) -> EntityMention:
    return EntityMention(type=kind, text="x", start=start, end=end, **fields)


def _event(kind: str = "casualties", cumulative: bool | None = False, **counts: Quantity) -> EventRecord:
    return EventRecord(
        event_id="e",
        article_id="a",
        language="en",
        processed_at=datetime(2025, 1, 1, tzinfo=UTC),
        event_type=kind,
        counts=Counts(**counts),
        cumulative=cumulative,
        evidence=Evidence(sentence="s", start=0, end=1),
        confidence=1.0,
    )


# ---------------------------------------------------------------- tags → spans


def test_iob1_i_tag_after_o_starts_an_entity() -> None:
    tokens = ["in", "United", "Arab", "Emirates"]
    tags = ["O", "I-LOC", "I-LOC", "I-LOC"]
    (span,) = spans_from_tags(tokens, tags)
    assert (" ".join(tokens)[span.start : span.end], span.label) == ("United Arab Emirates", "LOC")


def test_iob1_b_tag_splits_adjacent_entities_of_one_type() -> None:
    tokens = ["Paris", "London", "Rome"]
    tags = ["I-LOC", "B-LOC", "I-LOC"]
    text = " ".join(tokens)
    assert [text[s.start : s.end] for s in spans_from_tags(tokens, tags)] == ["Paris", "London Rome"]


def test_i_tag_of_another_type_starts_a_new_entity() -> None:
    tokens = ["John", "Reuters"]
    assert spans_from_tags(tokens, ["I-PERS", "I-ORG"]) == [Span(0, 4, "PERS"), Span(5, 12, "ORG")]


def test_bio_b_then_i_is_one_entity_with_offsets_over_space_joined_tokens() -> None:
    tokens = ["قال", "عبدالله", "الثاني", "أمس"]
    tags = ["O", "B-PERS", "I-PERS", "O"]
    text = " ".join(tokens)
    (span,) = spans_from_tags(tokens, tags)
    assert text[span.start : span.end] == "عبدالله الثاني"


def test_predicted_spans_map_our_types_and_drop_unscored_ones() -> None:
    entities = [
        _mention("GPE", 0, 5),
        _mention("FAC", 6, 9),
        _mention("NORP", 10, 12),
        _mention("DATE", 0, 3),
    ]
    assert predicted_spans(entities, NER_LABELS) == [
        Span(0, 5, "LOC"),
        Span(6, 9, "LOC"),
        Span(10, 12, "MISC"),
    ]


# ---------------------------------------------------------------- span F1


def test_span_f1_counts_only_exact_span_and_type_matches() -> None:
    gold = [Span(0, 5, "PERS"), Span(10, 15, "LOC")]
    predicted = [Span(0, 5, "PERS"), Span(10, 14, "LOC"), Span(20, 25, "ORG")]
    scores = span_f1([(gold, predicted)])
    assert (scores.micro.true_positives, scores.micro.predicted, scores.micro.gold) == (1, 3, 2)
    assert round(scores.micro.f1, 4) == round(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2), 4)
    assert scores.per_label["LOC"].true_positives == 0
    assert scores.per_label["ORG"].gold == 0


def test_span_f1_sums_counts_over_documents_micro_style() -> None:
    scores = span_f1([([Span(0, 1, "ORG")], [Span(0, 1, "ORG")]), ([Span(0, 1, "ORG")], [])])
    assert scores.micro.precision == 1.0
    assert scores.micro.recall == 0.5


def test_span_f1_is_zero_without_predictions() -> None:
    assert span_f1([([Span(0, 1, "PERS")], [])]).micro.f1 == 0.0


# ---------------------------------------------------------------- casualties


def test_casualties_take_the_largest_non_cumulative_count() -> None:
    events = [
        _event(killed=Quantity(value=3)),
        _event(killed=Quantity(value=5), wounded=Quantity(value=2)),
        _event(cumulative=True, killed=Quantity(value=300)),
    ]
    assert casualty_counts(events) == CasualtyGold(killed=5, wounded=2)


def test_casualties_read_the_top_of_a_range() -> None:
    assert casualty_counts([_event(wounded=Quantity(min=3, max=5))]).wounded == 5


def test_casualties_count_attack_events_but_not_other_types() -> None:
    events = [_event("attack", killed=Quantity(value=4)), _event("deployment", killed=Quantity(value=9))]
    assert casualty_counts(events).killed == 4


def test_casualties_skip_negated_and_denied_events() -> None:
    negated = _event(wounded=Quantity(value=3)).model_copy(update={"negated": True})
    denied = _event(killed=Quantity(value=7)).model_copy(update={"modality": "denied"})
    assert casualty_counts([negated, denied, _event(wounded=Quantity(value=1))]) == CasualtyGold(0, 1)


def test_casualties_are_zero_without_events() -> None:
    assert casualty_counts([]) == CasualtyGold(killed=0, wounded=0)


def test_casualty_accuracy_splits_out_articles_with_nonzero_gold() -> None:
    pairs = [
        (CasualtyGold(0, 0), CasualtyGold(0, 0)),
        (CasualtyGold(2, 1), CasualtyGold(2, 0)),
        (CasualtyGold(1, 0), CasualtyGold(0, 0)),
    ]
    scores = casualty_accuracy(pairs)
    assert (scores.killed.correct, scores.killed.total) == (2, 3)
    assert (scores.killed_nonzero.correct, scores.killed_nonzero.total) == (1, 2)
    assert (scores.wounded_nonzero.correct, scores.wounded_nonzero.total) == (0, 1)


# ---------------------------------------------------------------- numbers


def test_number_case_passes_on_any_numeric_entity_with_the_value() -> None:
    assert number_case_passes([_mention("QUANTITY", value=12)], NumberGold(value=12))
    assert not number_case_passes([_mention("DATE", value=12)], NumberGold(value=12))


def test_number_values_compare_floats_with_tolerance_and_big_ints_exactly() -> None:
    assert number_case_passes([_mention("CARDINAL", value=0.1 + 0.2)], NumberGold(value=0.3))
    big = 10**42 + 3
    assert not number_case_passes([_mention("CARDINAL", value=10**42)], NumberGold(value=big))


def test_ordinal_case_needs_an_ordinal_entity() -> None:
    gold = NumberGold(value=3, ordinal=True)
    assert not number_case_passes([_mention("CARDINAL", value=3)], gold)
    assert number_case_passes([_mention("ORDINAL", value=3)], gold)


def test_money_case_naming_a_currency_needs_money_with_that_iso_unit() -> None:
    gold = NumberGold(value=20, currency="EUR")
    assert not number_case_passes([_mention("CARDINAL", value=20)], gold)
    assert not number_case_passes([_mention("MONEY", value=20, unit="USD")], gold)
    assert number_case_passes([_mention("MONEY", value=20, unit="EUR")], gold)


def test_money_range_needs_both_ends() -> None:
    gold = NumberGold(value=10, value_end=20)
    assert not number_case_passes([_mention("MONEY", value=10, unit="USD")], gold)
    assert number_case_passes([_mention("MONEY", value=10, value_end=20, unit="USD")], gold)


# ---------------------------------------------------------------- dates


def test_date_case_needs_the_exact_iso_value_at_the_gold_grain() -> None:
    assert date_case_passes([_mention("DATE", value="2013-02")], DateGold("2013-02"))
    assert not date_case_passes([_mention("DATE", value="2013-02-15")], DateGold("2013-02"))
    assert not date_case_passes([_mention("CARDINAL", value=2013)], DateGold("2013"))


def test_absolute_date_rule_keeps_stated_dates_and_drops_relative_ones() -> None:
    for stated in ("February 15", "10/31/1974", "in 2014", "October 2014", "الخميس 15 اغسطس"):
        assert states_absolute_date(stated), stated
    for relative in (
        "next tuesday",
        "tomorrow",
        "the 15th",
        "March",
        "in 3 days",
        "first tuesday of october",
    ):
        assert not states_absolute_date(relative), relative
    assert not states_absolute_date("ثاني اربعاء من شهر اكتوبر من عام 2014")


def test_duckling_haskell_escapes_are_decoded() -> None:
    assert unescape_haskell("\\x00a3\\&10") == "£10"
    assert unescape_haskell("20\\x20ac") == "20€"


def test_predicted_spans_widen_to_whole_tokens_for_token_corpora() -> None:
    text = "زار وموسكو أمس"
    inside = _mention("GPE", 5, 10)  # "موسكو" without the conjunction
    assert text[5:10] == "موسكو"
    assert predicted_spans([inside], NER_LABELS, token_text=text) == [Span(4, 10, "LOC")]
    assert predicted_spans([inside], NER_LABELS) == [Span(5, 10, "LOC")]


def test_predicted_spans_keep_one_flat_layer_longest_first() -> None:
    outer = _mention("ORG", 0, 20)
    nested = _mention("GPE", 6, 11)
    assert predicted_spans([nested, outer], NER_LABELS) == [Span(0, 20, "ORG")]
