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
from dataclasses import dataclass

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
_AR_HEAD = re.compile(rf"(?<!\w)(?:{'|'.join(sorted(_AR_HEAD_FORMS, key=len, reverse=True))})(?!\w)")
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


def find_organizations(normalized: NormalizedText, places: list[GazetteerMatch]) -> list[OrganizationMatch]:
    """Organizations outside every gazetteer match, in normalized offsets."""
    covered = sorted((p.start, p.end) for p in places if not p.is_nisba)
    found = [*_arabic(normalized.text, places, covered), *_english(normalized, places, covered)]
    return sorted(found, key=lambda o: o.start)


def _inside_any(start: int, end: int, covered: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in covered)


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


def _arabic(
    text: str, places: list[GazetteerMatch], covered: list[tuple[int, int]]
) -> list[OrganizationMatch]:
    nisbas = [(p.start, p.end) for p in places if p.is_nisba]
    result: list[OrganizationMatch] = []
    for found in _AR_HEAD.finditer(text):
        start, word = found.start(), found.group()
        if _inside_any(start, found.end(), covered) or (result and start < result[-1].end):
            continue
        head = _AR_HEAD_FORMS[word]
        if word != head and not word.endswith("ال" + head) and word.startswith(("و", "ف", "ب", "ل")):
            start += len(word) - len(head)  # leave a conjunction or preposition outside
        end, modifiers = found.end(), 0
        while modifiers < _MAX_MODIFIERS:
            following = NEXT_WORD.match(text, end)
            if following is None:
                break
            word_start, word_end = following.span(1)
            definite = following.group(1).startswith("ال") or any(s <= word_start < e for s, e in nisbas)
            if not definite or _inside_any(word_start, word_end, covered):
                break
            end, modifiers = word_end, modifiers + 1
        if modifiers:
            result.append(OrganizationMatch(start, end, _country(start, end, text, places)))
    return result


def _english(
    normalized: NormalizedText, places: list[GazetteerMatch], covered: list[tuple[int, int]]
) -> list[OrganizationMatch]:
    result: list[OrganizationMatch] = []
    if _EN_HEAD_WORD.search(normalized.original) is None:
        return result
    for found in _EN_ORG.finditer(normalized.original):
        surface = found.group()
        offset = len("the ") if surface.lower().startswith("the ") else 0
        start = bisect_left(normalized.origin, found.start() + offset)
        end = bisect_left(normalized.origin, found.end())
        if end - start < 2 or _inside_any(start, end, covered) or " " not in surface[offset:]:
            continue
        result.append(OrganizationMatch(start, end, _country(start, end, normalized.text, places)))
    return result
