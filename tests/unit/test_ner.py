from __future__ import annotations

import itertools
from functools import cache

import pytest

from workers.extract.crf import bio_spans
from workers.extract.ner import LABELS, CrfTagger, NamedSpan
from workers.extract.ner_features import (
    normalize_ar,
    spaced_tokens,
    split_sentences,
    strip_proclitic,
    strip_suffix,
    tokenize,
)


@cache
def _tagger(language: str) -> CrfTagger:
    return CrfTagger.load(language)


def test_tokenizer_offsets_slice_back_to_the_original_words() -> None:
    text = "قال الوزيرُ، سامي الحداد؟ وذهب إلى بيروت.\nThe U.S. envoy (Mr. Kowalski) left at 3.30 p.m."
    spans = tokenize(text)
    words = [text[s:e] for s, e in spans]
    assert words[:5] == ["قال", "الوزيرُ", "،", "سامي", "الحداد"]
    assert "؟" in words and "وذهب" in words and "U.S." in words and "3.30" in words
    assert all(text[s:e].strip() == text[s:e] and e > s for s, e in spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_english_tokens_follow_the_training_data_tokenization() -> None:
    text = "We've seen Germany's O'Neill, G. McGrath and C$ 1.5 on 1996-08-30 (3-1, 87th, 20-year-old)."
    words = [text[s:e] for s, e in tokenize(text)]
    assert words[:8] == ["We", "'ve", "seen", "Germany", "'s", "O'Neill", ",", "G."]
    assert {"C$", "1996-08-30", "3-1", "87th", "20-year-old"} <= set(words)
    assert words[-2:] == [")", "."]


@pytest.mark.parametrize(
    "text",
    [
        "قال الوزيرُ، سامي الحداد؟ وذهب\n\n  إلى بيروت.  \t\n",
        "  Bowled by G.\nMcGrath. Then rain, said Mr.",
        "Mr. \u00a0\u2003Smith  left Co. \n",
        "",
        " \n ",
    ],
)
def test_spaced_tokens_are_the_tokens_with_the_whitespace_before_them(text: str) -> None:
    pieces = spaced_tokens(text)
    ends = list(itertools.accumulate(map(len, pieces)))
    spans = [(end - len(piece.lstrip()), end) for piece, end in zip(pieces, ends, strict=True)]
    assert spans == tokenize(text)


def test_a_capital_letter_and_a_period_before_a_name_is_an_initial_not_a_sentence_end() -> None:
    text = "Bowled by G. McGrath. Then rain"
    sents = [[text[s:e] for s, e in sent] for sent in split_sentences(text, tokenize(text))]
    assert sents == [["Bowled", "by", "G.", "McGrath", "."], ["Then", "rain"]]


def test_sentences_split_at_end_marks_and_line_breaks() -> None:
    text = "جاء سامي؟ ثم ذهب\nHe left. Then"
    sents = [[text[s:e] for s, e in sent] for sent in split_sentences(text, tokenize(text))]
    assert sents == [["جاء", "سامي", "؟"], ["ثم", "ذهب"], ["He", "left", "."], ["Then"]]


def test_arabic_normalization_folds_hamza_taa_marbuta_maqsura_diacritics_tatweel() -> None:
    assert normalize_ar("أإآمدرسـةُ مصطفى") == "ااامدرسه مصطفي"


@pytest.mark.parametrize(
    ("word", "proclitic", "rest"),
    [
        ("والقاهرة", "وال", "قاهره"),
        ("بالمدينة", "بال", "مدينه"),
        ("للعراق", "لل", "عراق"),
        ("وبيروت", "و", "بيروت"),
    ],
)
def test_proclitics_are_stripped_from_normalized_arabic_words(word: str, proclitic: str, rest: str) -> None:
    assert strip_proclitic(normalize_ar(word)) == (proclitic, rest)


def test_proclitic_stripping_keeps_at_least_two_letters() -> None:
    assert strip_proclitic("بل") == ("", "بل")


def test_suffix_stripping_removes_one_nominal_suffix() -> None:
    assert strip_suffix(normalize_ar("مصرية")) == "مصر"
    assert strip_suffix("لبنانيون") == "لبناني"


def test_bio_spans_read_stray_inside_tags_as_span_starts() -> None:
    assert bio_spans(["B-PERSON", "I-PERSON", "O", "I-LOC", "B-ORG", "B-ORG"]) == [
        (0, 2, "PERSON"),
        (3, 4, "LOC"),
        (4, 5, "ORG"),
        (5, 6, "ORG"),
    ]


def _check_spans(text: str, spans: list[NamedSpan]) -> None:
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    assert all(s.label in LABELS and 0.0 < s.confidence <= 1.0 for s in spans)


def test_arabic_model_finds_an_unseen_person_name() -> None:
    text = "قال الوزير سمير الحداد إن الحكومة ستدرس المقترح الأسبوع المقبل."
    spans = _tagger("ar").tag(text)
    _check_spans(text, spans)
    assert ("سمير الحداد", "PERSON") in {(text[s.start : s.end], s.label) for s in spans}


def test_english_model_finds_an_unseen_person_name() -> None:
    text = "Minister John Kowalski said on Tuesday that the plan would be reviewed."
    spans = _tagger("en").tag(text)
    _check_spans(text, spans)
    assert ("John Kowalski", "PERSON") in {(text[s.start : s.end], s.label) for s in spans}


def test_english_model_finds_a_location_with_offsets_into_the_original_text() -> None:
    text = "  Fighting continued near\tAleppo on Monday,  officials said.\n\nMore later"
    spans = _tagger("en").tag(text)
    _check_spans(text, spans)
    assert ("Aleppo", "LOC") in {(text[s.start : s.end], s.label) for s in spans}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_tagging_empty_or_punctuation_only_text_returns_no_spans(language: str) -> None:
    assert _tagger(language).tag("") == []
    assert _tagger(language).tag(" ... ؟ \n") == []


def test_spans_on_mixed_long_text_never_overlap_and_lie_inside_the_text() -> None:
    arabic = (
        "أعلنت وزارة الخارجية المصرية في القاهرة أن الرئيس عبد الفتاح السيسي التقى وفداً من الأمم المتحدة. "
    )
    english = "Reuters reported that the European Union and Iraq agreed in Brussels.\n"
    text = arabic * 5 + english * 3
    _check_spans(text, _tagger("ar").tag(text))
    _check_spans(text, _tagger("en").tag(text))
