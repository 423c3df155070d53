"""Language identification restricted to the languages the extractors support."""

from __future__ import annotations

import re

from langid.langid import LanguageIdentifier, model

SUPPORTED_LANGUAGES = ("ar", "en")
# langid is slow on long inputs and the first few hundred characters decide the language.
_SAMPLE_CHARS = 800
# Letters are counted as what is left once everything else is removed: faster than a list of matches.
_NOT_ARABIC_LETTERS = re.compile(r"[^\u0621-\u064A]+")
_NOT_LATIN_LETTERS = re.compile(r"[^A-Za-z]+")
# Below this share of the other script the choice between ar and en is not in doubt.
_CLEAR_SCRIPT_SHARE = 0.02


class LanguageDetector:
    def __init__(self) -> None:
        self._identifier = LanguageIdentifier.from_modelstring(model, norm_probs=True)
        self._identifier.set_languages(list(SUPPORTED_LANGUAGES))

    def detect(self, text: str, hint: str | None = None) -> tuple[str, float]:
        """(ISO 639-1 code, confidence in 0..1); a publisher's hint is trusted as given."""
        if hint:
            return hint, 1.0
        sample = text[:_SAMPLE_CHARS]
        arabic = len(_NOT_ARABIC_LETTERS.sub("", sample))
        latin = len(_NOT_LATIN_LETTERS.sub("", sample))
        letters = arabic + latin
        if letters and min(arabic, latin) / letters < _CLEAR_SCRIPT_SHARE:
            # One script only: Arabic script is Arabic here, Latin script is English.
            return ("ar" if arabic > latin else "en"), 1.0
        code, probability = self._identifier.classify(sample)
        return str(code), min(1.0, max(0.0, float(probability)))
