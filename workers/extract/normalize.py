"""Arabic-aware text normalization that remembers where each character came from.

Matching runs on the normalized text; every offset reported to callers is mapped
back to the original article text through `NormalizedText.span_to_original`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
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
_REPLACED_PATTERN = re.compile("[" + re.escape("".join(_REPLACED)) + "]")


def _replace(found: re.Match[str]) -> str:
    return _REPLACED[found.group()]


def _fold(text: str) -> str:
    """Drop `_DROPPED`, map `_REPLACED`. Faster than str.translate, which looks every non-ASCII
    character up in a dict; these scans only stop at the few characters that change."""
    return _REPLACED_PATTERN.sub(_replace, _DROPPED_PATTERN.sub("", text))


def _lower_keeping_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def normalize_text(original: str) -> NormalizedText:
    text = _lower_keeping_length(_fold(original))
    # Offsets of kept characters, built from the runs between dropped ones.
    kept: list[int] = []
    previous = 0
    for dropped in _DROPPED_PATTERN.finditer(original):
        kept.extend(range(previous, dropped.start()))
        previous = dropped.end()
    kept.extend(range(previous, len(original)))
    origin = tuple(kept)
    return NormalizedText(original=original, text=text, origin=origin)


def normalize(text: str) -> str:
    """Normalized string without the offset map, for lexicons and gazetteer keys."""
    return _lower_keeping_length(_fold(text))
