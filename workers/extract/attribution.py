"""Sources that the gazetteer does not name: "police said", "قالت مصادر طبية إن", "according to witnesses".

The event rules link a source to an entity when the attribution holds one; these helpers find
the surface phrase otherwise, so the claim still carries who says so. Offsets are into the
normalized text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Subjects that name nobody: "he said" is attributed, but to no one we could report.
_PRONOUNS = frozenset(
    ("he", "she", "they", "it", "we", "i", "you", "هو", "هي", "هم", "this", "that", "there")
)
_LEADING = re.compile(r"(?:and |but |the |و(?=\S))")
_MAX_WORDS = 6
# Arabic verb-subject order without إن: "نفى الجيش مقتل", "أعلنت الشرطة مقتل" — a definite noun
# and up to two definite adjectives after the verb.
_AR_DEFINITE_SUBJECT = re.compile(r" (?P<src>ال\w+(?: ال\w+){0,2})(?!\w)")


class Source(NamedTuple):
    start: int
    end: int
    anchor: int  # where the reported content starts


def _phrase(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The trimmed phrase in [start, end) when it can name a source (a few words, no digits)."""
    while start < end and text[start] in " ،,.:\"'«»":
        start += 1
    while end > start and text[end - 1] in " ،,.:\"'«»":
        end -= 1
    leading = _LEADING.match(text, start, end)
    if leading is not None:
        start = leading.end()
    words = text[start:end].split()
    if not words or len(words) > _MAX_WORDS or text[start:end] in _PRONOUNS:
        return None
    if any(ch.isdigit() for ch in text[start:end]):
        return None
    return start, end


def unnamed_speaker(
    text: str, verb: tuple[int, int], clause: tuple[int, int], complementizer: tuple[int, int] | None
) -> Source | None:
    """The source of a speech verb: between it and إن/that, right before it, or right after it."""
    verb_start, verb_end = verb
    clause_start, clause_end = clause
    if complementizer is not None:
        between = _phrase(text, verb_end, complementizer[0])
        if between is not None:  # "قالت مصادر طبية إن", "told reporters that" is caught below
            return Source(*between, complementizer[1])
    before = _phrase(text, clause_start, verb_start)
    if before is not None:  # "police said", "a spokesman for the army said that"
        return Source(*before, complementizer[1] if complementizer is not None else verb_end)
    subject = _AR_DEFINITE_SUBJECT.match(text, verb_end, clause_end)
    if subject is not None and complementizer is None:
        return Source(subject.start("src"), subject.end("src"), subject.end("src"))
    after = _phrase(text, verb_end, clause_end)
    if after is not None and clause_end - verb_end <= 60:  # "..., said police spokesman John Doe."
        return Source(*after, clause_end)
    return None


def unnamed_intro(text: str, intro_end: int, clause_end: int) -> Source | None:
    """ "according to police", "وفقا لمصادر طبية": the phrase up to the end of the clause."""
    phrase = _phrase(text, intro_end, clause_end)
    return None if phrase is None else Source(*phrase, clause_end)
