"""The enricher on shuffled news vocabulary: it must never raise, and every span must index the text."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from schemas.models import RawArticle
from workers.extract import ArticleEnricher

# Words every extractor keys on (numbers, dates, calendar steps, casualty and attribution words,
# names, clitics), mixed with punctuation, digits in several scripts and odd characters.
_LINES = (
    "قال قالت إن أن وفقا لمصادر نقلا عن مقتل قتلى قتيلا جرحى أصيب مصابين جنديين جنود مدنيين",
    "حصيلة ارتفعت إلى بين و ما لا يقل عن نحو أكثر من ألف آلاف مليون مليار دولار دينار ثلاثة",
    "الأربعة عشرات قبل منذ يومين أسابيع هذا هذه الأسبوع الشهر العام السنة الماضي المقبل الجاري",
    "القادمة أمس اليوم الاثنين يوم خريف صيف مارس يونيو 2024 ١٢ ٣٤٥ 12/3/2024 1446 هـ رمضان",
    "كوريا الشمالية الكوريين موسكو بوتين وزارة الدفاع الجيش حماس",
    "police said according to killed wounded injured shot dead died later pronounced another including",
    "a man two three dozens hundreds of people at least more than $5 million 1,500 3.30 p.m. last next",
    "this week month year ago tomorrow Monday March May 1990s mid-2023 U.S. Mr. O'Neill C$ 3-1 1996-08-30",
    "Reuters Hezbollah Da'esh — , . ، ؛ : ! ? ؟ ( ) \" ' - / % \n \t ﷺ 🙂 \u200f \u0640 ً ُ ٌ",
)
_VOCABULARY = tuple(word for line in _LINES for word in line.split(" "))


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)  # noqa: S311 - reproducible test input, not cryptography
    return [" ".join(rng.choices(_VOCABULARY, k=rng.randint(1, 60))) for _ in range(count)]


@pytest.fixture(scope="module")
def enricher() -> ArticleEnricher:
    return ArticleEnricher()


@pytest.mark.parametrize("seed", range(4))
def test_shuffled_news_vocabulary_never_breaks_enrichment(enricher: ArticleEnricher, seed: int) -> None:
    published = datetime(2025, 4, 30, tzinfo=UTC)
    for number, text in enumerate(_texts(75, seed)):
        article = RawArticle(id=f"fuzz-{seed}-{number}", text=text, published_at=published)
        enriched = enricher.enrich(article, processed_at=published)
        mentions = enriched.entities
        assert all(0 <= m.start <= m.end <= len(text) and m.text == text[m.start : m.end] for m in mentions)
        assert all(0 <= e.evidence.start <= e.evidence.end <= len(text) for e in enriched.events)
