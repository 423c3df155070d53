"""Unnamed sources of speech verbs and "according to" phrases, on normalized text."""

import pytest

from workers.extract.attribution import unnamed_intro, unnamed_speaker
from workers.extract.normalize import normalize


def _speaker(text: str, verb: str, complementizer: str | None = None) -> str | None:
    normalized = normalize(text)
    start = normalized.index(normalize(verb))
    comp = None
    if complementizer is not None:
        at = normalized.index(complementizer, start)
        comp = (at, at + len(complementizer))
    source = unnamed_speaker(normalized, (start, start + len(normalize(verb))), (0, len(normalized)), comp)
    return None if source is None else normalized[source.start : source.end]


@pytest.mark.parametrize(
    ("text", "verb", "complementizer", "source"),
    [
        ("police said a man was shot", "said", None, "police"),
        ("the county sheriff said that", "said", "that", "county sheriff"),
        ("قالت مصادر طبية إن", "قالت", "ان", "مصادر طبيه"),
        ("نفى الجيش مقتل", "نفى", None, "الجيش"),
        ("said police spokesman john doe", "said", None, "police spokesman john doe"),
    ],
)
def test_unnamed_speaker_phrase(text: str, verb: str, complementizer: str | None, source: str) -> None:
    assert _speaker(text, verb, complementizer) == source


@pytest.mark.parametrize("text", ["he said", "they said"])
def test_pronoun_is_not_a_source(text: str) -> None:
    assert _speaker(text, "said") is None


def test_according_to_phrase_runs_to_the_clause_end() -> None:
    text = "according to the health ministry."
    source = unnamed_intro(text, len("according to "), len(text))
    assert source is not None and text[source.start : source.end] == "health ministry"
