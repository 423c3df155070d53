"""Arabic-aware text normalization that remembers where each character came from.

Matching runs on the normalized text; every offset reported to callers is mapped
back to the original article text through `NormalizedText.span_to_original`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

_DROPPED = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]  # harakat, shadda, sukun, superscript marks
    + ["\u0670", "\u0640", "\u200c", "\u200d", "\u200e", "\u200f"]  # dagger alef, tatweel, joiners, marks
)

_REPLACED = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "ک": "ك",
    "ی": "ي",
    "ڤ": "ف",
    "گ": "ك",
    "٬": ",",
    "٫": ".",
    "’": "'",
    "‘": "'",
}
_REPLACED.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
_REPLACED.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Persian digits


@dataclass(frozen=True, slots=True)
class NormalizedText:
    original: str
    text: str
    # origin[i] is the index in `original` of normalized character i.
    origin: tuple[int, ...]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized [start, end) span to the original text."""
        if start >= end:
            position = self.origin[start] if start < len(self.origin) else len(self.original)
            return position, position
        return self.origin[start], self.origin[end - 1] + 1

    def span_from_original(self, start: int, end: int) -> tuple[int, int]:
        """Map an original [start, end) span to the normalized text (dropped characters vanish)."""
        return bisect_left(self.origin, start), bisect_left(self.origin, end)


_DROPPED_PATTERN = re.compile("[" + "".join(sorted(_DROPPED)) + "]+")
_DROPPED_CHARS = tuple(sorted(_DROPPED))
_REPLACEMENTS = tuple(_REPLACED.items())
# Above one dropped mark in this many characters (vocalized text) one regex scan beats a find per mark.
_SPARSE_DROPPED = 64
# Offsets shared by every text: origin maps built from slices of one tuple copy references
# instead of allocating an int object per character.
_OFFSETS = tuple(range(1 << 15))


def _dropped_spans(text: str) -> list[tuple[int, int]]:
    """Sorted [start, end) spans of `_DROPPED` characters, possibly adjacent. A substring test or
    find per dropped character is a fast C scan, while a regex steps through every character."""
    present = [char for char in _DROPPED_CHARS if char in text]
    if not present:
        return []
    if sum(text.count(char) for char in present) * _SPARSE_DROPPED > len(text):
        return [found.span() for found in _DROPPED_PATTERN.finditer(text)]
    positions = []
    for char in present:
        position = text.find(char)
        while position >= 0:
            positions.append(position)
            position = text.find(char, position + 1)
    positions.sort()
    return [(position, position + 1) for position in positions]


def _kept_runs(text: str) -> list[tuple[int, int]]:
    """[start, end) runs of characters outside `_DROPPED`; some may be empty."""
    runs = []
    previous = 0
    for start, end in _dropped_spans(text):
        runs.append((previous, start))
        previous = end
    runs.append((previous, len(text)))
    return runs


def _offsets(start: int, end: int) -> Sequence[int]:
    return _OFFSETS[start:end] if end <= len(_OFFSETS) else range(start, end)


def _replace_all(text: str) -> str:
    """Map `_REPLACED`. No replacement yields a character that is replaced or dropped, so the order
    does not matter. A substring test and str.replace per character are fast C scans, while a regex
    or str.translate handles the text one character at a time."""
    for char, replacement in _REPLACEMENTS:
        if char in text:
            text = text.replace(char, replacement)
    return text


def _lower_keeping_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def _fold_runs(text: str, runs: list[tuple[int, int]]) -> str:
    kept = text if len(runs) == 1 else "".join(text[start:end] for start, end in runs)
    return _lower_keeping_length(_replace_all(kept))


def normalize_text(original: str) -> NormalizedText:
    runs = _kept_runs(original)
    if len(runs) == 1:
        origin = tuple(_offsets(0, len(original)))
    else:
        kept: list[int] = []
        for start, end in runs:
            kept.extend(_offsets(start, end))
        origin = tuple(kept)
    return NormalizedText(original=original, text=_fold_runs(original, runs), origin=origin)


def normalize(text: str) -> str:
    """Normalized string without the offset map, for lexicons and gazetteer keys."""
    return _fold_runs(text, _kept_runs(text))
