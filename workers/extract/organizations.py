"""Organizations the gazetteer does not list, recognized by their head noun.

"وزارة الصحة في غزة", "الجيش الإسرائيلي", "the Defence Ministry", "Ministry of Health":
a head noun of an institution followed by its definite modifiers (Arabic) or a run of
capitalized words around the head (English). They carry no canonical id, so the surface
text is their name and their country comes from a nationality or place inside or right
after them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from workers.extract.gazetteer import GazetteerMatch
from workers.extract.normalize import NormalizedText, normalize

_AR_HEADS = frozenset(
    normalize(word)
    for word in (
        "وزارة", "هيئة", "جهاز", "وكالة", "مجلس", "لجنة", "حركة", "حزب", "جيش", "مكتب", "منظمة", "مرصد",
        "مديرية", "قيادة", "رئاسة", "حكومة", "مركز", "معهد", "محكمة", "بعثة", "جبهة",
    )
)  # fmt: skip
# Every head with the proclitics it may carry, mapped to the bare head.
_AR_HEAD_FORMS = {
    prefix + head: head
    for head in _AR_HEADS
    for prefix in ("", "و", "ف", "ب", "ل", "ال", "وال", "بال", "لل", "فال")
}


def _is_word_char(char: str) -> bool:
    """What `\\w` matches in a str pattern."""
    return char.isalnum() or char == "_"


class WordForms:
    """Whole words (runs of `\\w` characters) that are one of `forms`: a proclitic plus the stem
    the form maps to. Gives what a regex alternation of the forms between `\\w` boundaries gives,
    but finds the few stems with str.find instead of trying every form at every offset."""

    def __init__(self, forms: dict[str, str]) -> None:
        self._forms = frozenset(forms)
        self._stems = tuple(sorted(set(forms.values())))
        self._longest_proclitic = max(len(form) - len(stem) for form, stem in forms.items())

    def find(self, text: str) -> list[tuple[int, int]]:
        """[start, end) spans of the words, in order."""
        spans = set()
        for stem in self._stems:
            position = text.find(stem)
            while position >= 0:
                end = position + len(stem)
                if end == len(text) or not _is_word_char(text[end]):
                    start = self._word_start(text, position)
                    if start is not None and text[start:end] in self._forms:
                        spans.add((start, end))
                position = text.find(stem, position + 1)
        return sorted(spans)

    def _word_start(self, text: str, stem_start: int) -> int | None:
        """Start of the word holding a stem at `stem_start`; None when too long for a proclitic."""
        start = stem_start
        while start > 0 and _is_word_char(text[start - 1]):
            if stem_start - start == self._longest_proclitic:
                return None
            start -= 1
        return start


_AR_HEAD = WordForms(_AR_HEAD_FORMS)
_MAX_MODIFIERS = 4
# The word right after a position, separated by exactly one space.
NEXT_WORD = re.compile(r" ([^\W\d_]+)")
_EN_HEAD = (
    r"(?:Ministry|Department|Agency|Council|Committee|Army|Forces|Service|Party|Office|Organi[sz]ation"
    r"|Observatory|Commission|Command|Guard|Directorate)"
)
_EN_NAME = r"[A-Z][\w'’-]*"
_EN_OF = rf"(?: (?:of|for) (?:the )?{_EN_NAME}(?: {_EN_NAME}){{0,3}})?"
_EN_ORG = re.compile(rf"(?:(?:the )?(?:{_EN_NAME} ){{0,4}}){_EN_HEAD}{_EN_OF}")
# Every match holds a head word. Looking for one first is cheap (the regex engine can skip ahead
# by its first letter), while _EN_ORG, with optional words in front, is tried at every offset.
_EN_HEAD_WORD = re.compile(_EN_HEAD)
_PLACE_AFTER = ("في", "in")


@dataclass(frozen=True, slots=True)
class OrganizationMatch:
    start: int
    end: int
    country: str | None


class Spans:
    """[start, end) spans that tell by bisect whether any of them overlaps a given span."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # _reach[k]: the furthest end among the first k spans.
        self._reach = list(accumulate((end for _, end in ordered), max, initial=-1))

    def overlap(self, start: int, end: int) -> bool:
        return self._reach[bisect_left(self._starts, end)] > start


def find_organizations(normalized: NormalizedText, places: list[GazetteerMatch]) -> list[OrganizationMatch]:
    """Organizations outside every gazetteer match, in normalized offsets."""
    covered = Spans((p.start, p.end) for p in places if not p.is_nisba)
    found = [*_arabic(normalized.text, places, covered), *_english(normalized, places, covered)]
    return sorted(found, key=lambda o: o.start)


def _country(start: int, end: int, text: str, places: list[GazetteerMatch]) -> str | None:
    """A nationality inside the name, else a place right after it ("وزارة الصحة في غزة").

    `places` is sorted by start, as the gazetteer returns it.
    """
    index = bisect_left([p.start for p in places], start)
    while index < len(places) and places[index].end <= end:
        if places[index].entry.country:
            return places[index].entry.country
        index += 1
    if index < len(places):
        following = places[index]
        if text[end : following.start].strip() in _PLACE_AFTER:
            return following.entry.country
    return None


def _arabic(text: str, places: list[GazetteerMatch], covered: Spans) -> list[OrganizationMatch]:
    nisbas = Spans((p.start, p.end) for p in places if p.is_nisba)
    result: list[OrganizationMatch] = []
    for head_start, head_end in _AR_HEAD.find(text):
        start, word = head_start, text[head_start:head_end]
        if covered.overlap(start, head_end) or (result and start < result[-1].end):
            continue
        head = _AR_HEAD_FORMS[word]
        if word != head and not word.endswith("ال" + head) and word.startswith(("و", "ف", "ب", "ل")):
            start += len(word) - len(head)  # leave a conjunction or preposition outside
        end, modifiers = head_end, 0
        while modifiers < _MAX_MODIFIERS:
            following = NEXT_WORD.match(text, end)
            if following is None:
                break
            word_start, word_end = following.span(1)
            definite = following.group(1).startswith("ال") or nisbas.overlap(word_start, word_start + 1)
            if not definite or covered.overlap(word_start, word_end):
                break
            end, modifiers = word_end, modifiers + 1
        if modifiers:
            result.append(OrganizationMatch(start, end, _country(start, end, text, places)))
    return result


def _english(
    normalized: NormalizedText, places: list[GazetteerMatch], covered: Spans
) -> list[OrganizationMatch]:
    result: list[OrganizationMatch] = []
    if _EN_HEAD_WORD.search(normalized.original) is None:
        return result
    for found in _EN_ORG.finditer(normalized.original):
        surface = found.group()
        offset = len("the ") if surface.lower().startswith("the ") else 0
        start = bisect_left(normalized.origin, found.start() + offset)
        end = bisect_left(normalized.origin, found.end())
        if end - start < 2 or covered.overlap(start, end) or " " not in surface[offset:]:
            continue
        result.append(OrganizationMatch(start, end, _country(start, end, normalized.text, places)))
    return result
