"""People the gazetteer does not list, recognized after a title.

"وزير الدفاع الأمريكي لويد أوستن", "الرئيس الفرنسي ماكرون", "Defence Secretary John Healey":
a title, its modifiers (where a nationality gives the country), then one to three name
words. Without a canonical record the surface name is the canonical name.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from workers.extract.gazetteer import GazetteerMatch
from workers.extract.normalize import NormalizedText, normalize
from workers.extract.organizations import NEXT_WORD, Spans, WordForms

_AR_TITLES = frozenset(
    normalize(word)
    for word in (
        "رئيس", "رئيسة", "زعيم", "نائب", "نائبة", "سفير", "جنرال", "لواء", "عميد", "ملك", "أمير", "شيخ",
        "مستشار", "مبعوث", "قائد", "وزير", "وزيرة",
    )
)  # fmt: skip
_AR_TITLE_FORMS = {
    prefix + title: title for title in _AR_TITLES for prefix in ("", "و", "ال", "وال", "لل", "بال")
}
# Words that end a name: particles, auxiliaries and the verbs that usually follow a speaker.
_AR_STOPWORDS = frozenset(
    normalize(word)
    for word in (
        "إن", "أن", "إنه", "أنه", "قد", "كان", "كانت", "في", "على", "من", "إلى", "عن", "مع", "لم", "لن", "ما",
        "هو", "هي", "الذي", "التي", "خلال", "بعد", "قبل", "أمس", "اليوم", "يوم", "صباح", "مساء", "أيضا",
        "حيث", "أو", "ثم", "كما", "لكن", "قال", "قالت", "أكد", "أكدت", "أعلن", "أعلنت", "وقال", "بأن", "لا",
        "وزير", "رئيس", "عبر", "بين", "حول", "منذ", "عند", "إذ",
    )
)  # fmt: skip
_AR_TITLE = WordForms(_AR_TITLE_FORMS)
_MAX_MODIFIERS = 3
_MAX_NAME_WORDS = 3
_EN_TITLES = (
    r"(?:President|Vice President|Prime Minister|Foreign Minister|Defen[cs]e Minister|Minister|"
    r"Secretary of State|Defen[cs]e Secretary|Secretary|Chancellor|King|Prince|General|Gen\.|Colonel|Col\.|"
    r"Ambassador|Senator|Sen\.|Rep\.|Mr\.|Mrs\.|Ms\.|Dr\.|lawmaker|spokesman|spokeswoman|spokesperson|envoy|"
    r"leader|commander)"
)
_EN_PERSON = re.compile(
    rf"(?:\b(?P<nation>[A-Z][a-z]+) )?\b{_EN_TITLES} (?P<name>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){{0,2}})"
)

# Every match holds a title before a capitalized word; finding one first is cheap, while
# _EN_PERSON, with an optional word in front, is tried at every offset.
_EN_TITLED = re.compile(rf"{_EN_TITLES} [A-Z]")


@dataclass(frozen=True, slots=True)
class PersonMatch:
    start: int
    end: int
    country: str | None


def find_people(normalized: NormalizedText, places: list[GazetteerMatch]) -> list[PersonMatch]:
    """Titled names outside every gazetteer match, in normalized offsets."""
    covered = Spans((p.start, p.end) for p in places if not p.is_nisba)
    # A surname may also be a city (أوستن, Austin); after a first name it continues the name.
    cities = Spans((p.start, p.end) for p in places if p.entry.type == "LOC" and p.entry.precision == "city")
    return sorted(
        [*_arabic(normalized.text, places, covered, cities), *_english(normalized, places, covered)],
        key=lambda p: p.start,
    )


def _arabic(text: str, places: list[GazetteerMatch], covered: Spans, cities: Spans) -> list[PersonMatch]:
    # `places` is sorted by start and free of overlaps, as the gazetteer returns it, so the only
    # nationality that may hold a position is the last one starting at or before it.
    nationalities = [p for p in places if p.is_nisba or p.entry.type == "GPE"]
    nationality_starts = [p.start for p in nationalities]
    result = []
    for title_start, title_end in _AR_TITLE.find(text):
        if covered.overlap(title_start, title_end):
            continue
        position, country, modifiers = title_end, None, 0
        # Modifiers: definite words and nationalities ("الدفاع الأمريكي").
        while modifiers < _MAX_MODIFIERS:
            following = NEXT_WORD.match(text, position)
            if following is None:
                break
            word_start = following.start(1)
            index = bisect_right(nationality_starts, word_start) - 1
            nationality = (
                nationalities[index] if index >= 0 and word_start < nationalities[index].end else None
            )
            if nationality is None and not following.group(1).startswith("ال"):
                break
            if nationality is not None:
                country, position = nationality.entry.country, nationality.end
            else:
                position = following.end(1)
            modifiers += 1
        name_start, name_end = -1, -1
        for _ in range(_MAX_NAME_WORDS):
            following = NEXT_WORD.match(text, position)
            if following is None:
                break
            start, end = following.span(1)
            name_word = following.group(1)
            plain = not name_word.startswith(("ال", "لل")) and name_word not in _AR_STOPWORDS
            blocked = covered.overlap(start, end) and not (name_start >= 0 and cities.overlap(start, end))
            if not plain or len(name_word) < 2 or blocked:
                break
            name_start = start if name_start < 0 else name_start
            name_end = position = end
        if name_start >= 0:
            result.append(PersonMatch(name_start, name_end, country))
    return result


def _english(normalized: NormalizedText, places: list[GazetteerMatch], covered: Spans) -> list[PersonMatch]:
    result: list[PersonMatch] = []
    if _EN_TITLED.search(normalized.original) is None:
        return result
    for found in _EN_PERSON.finditer(normalized.original):
        # Latin names hold no dropped characters, so their normalized span has the same length.
        start = bisect_left(normalized.origin, found.start("name"))
        end = start + len(found["name"])
        if covered.overlap(start, end):
            continue
        country = None
        if found["nation"]:
            nation_start = bisect_left(normalized.origin, found.start("nation"))
            country = next((p.entry.country for p in places if p.start == nation_start), None)
        result.append(PersonMatch(start, end, country))
    return result
