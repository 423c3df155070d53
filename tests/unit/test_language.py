from __future__ import annotations

from functools import cache

import pytest

from workers.extract.language import SUPPORTED_LANGUAGES, LanguageDetector


@cache
def _detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("قالت وزارة الدفاع إن ثلاثة جنود قتلوا في الهجوم.", "ar"),
        ("The defence ministry said three soldiers were killed in the attack.", "en"),
    ],
)
def test_single_script_text_is_detected_with_full_confidence(text: str, language: str) -> None:
    assert _detector().detect(text) == (language, 1.0)


def test_arabic_text_quoting_english_names_stays_arabic() -> None:
    text = "نقلت وكالة Reuters عن مسؤول في وزارة الخارجية قوله إن المفاوضات في Geneva ستستأنف الأسبوع المقبل"
    language, confidence = _detector().detect(text)
    assert language == "ar"
    assert 0.5 < confidence <= 1.0


def test_english_text_with_an_arabic_quote_stays_english() -> None:
    text = (
        "The banner read «لا للحرب» as protesters marched through the capital on Sunday, "
        "calling on the government to end the war and bring the soldiers home."
    )
    language, confidence = _detector().detect(text)
    assert language == "en"
    assert 0.5 < confidence <= 1.0


def test_a_publishers_language_hint_is_trusted() -> None:
    assert _detector().detect("The minister said", "ar") == ("ar", 1.0)


@pytest.mark.parametrize("text", ["", "12345 !!! ...", "Ωμέγα русский"])
def test_text_without_arabic_or_english_still_gets_a_supported_language(text: str) -> None:
    language, confidence = _detector().detect(text)
    assert language in SUPPORTED_LANGUAGES
    assert 0.0 <= confidence <= 1.0
