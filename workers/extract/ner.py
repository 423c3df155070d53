"""Statistical NER: a linear-chain CRF (python-crfsuite) per language.

`CrfTagger.load("ar")` reads `models/ner_ar.crfsuite` once; `tag(text)` returns PERSON, ORG,
LOC and MISC spans with character offsets into the original text. No I/O after loading.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pycrfsuite

from workers.extract.ner_features import FeatureExtractor, build_gazetteers, split_sentences, tokenize

LABELS = frozenset({"PERSON", "ORG", "LOC", "MISC"})
MODELS_DIR = Path(str(resources.files("workers.extract"))) / "models"


@dataclass(frozen=True, slots=True)
class NamedSpan:
    start: int
    end: int
    label: str
    confidence: float


def model_path(language: str) -> Path:
    return MODELS_DIR / f"ner_{language}.crfsuite"


def bio_spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """(first token, end token exclusive, type) per span of BIO or BILOU labels.

    A stray I-/L- opens a span, so no predicted entity is lost."""
    spans: list[tuple[int, int, str]] = []
    start, typ = -1, ""
    for i, lab in enumerate(labels):
        prefix, _, cur = lab.partition("-")
        inside = prefix in ("I", "L")
        if start >= 0 and (not inside or cur != typ):
            spans.append((start, i, typ))
            start = -1
        if prefix in ("B", "U") or (inside and start < 0):
            start, typ = i, cur
        if prefix in ("L", "U"):
            spans.append((start, i + 1, typ))
            start = -1
    if start >= 0:
        spans.append((start, len(labels), typ))
    return spans


class CrfTagger:
    """Tags one language's text; create with `load`, then call `tag` as often as needed."""

    def __init__(self, language: str, tagger: pycrfsuite.Tagger, extractor: FeatureExtractor) -> None:
        self.language = language
        self._tagger = tagger
        self._features = extractor

    @classmethod
    def load(cls, language: str, path: Path | None = None) -> CrfTagger:
        """Open the shipped model (or `path`) and build the list-membership features."""
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path or model_path(language)))
        known = frozenset(attr for attr, _ in tagger.info().state_features)
        return cls(language, tagger, FeatureExtractor(language, build_gazetteers(language), known))

    def tag_tokens(self, words: list[str]) -> list[str]:
        """BIO labels for one pre-tokenized sentence."""
        if not words:
            return []
        labels: list[str] = self._tagger.tag(self._features.sentence_features(words))
        return labels

    def tag(self, text: str) -> list[NamedSpan]:
        """Entity spans in `text`, confidence = mean CRF marginal of the span's labels."""
        out: list[NamedSpan] = []
        features, tagger = self._features.sentence_items, self._tagger
        for sent in split_sentences(text, tokenize(text)):
            labels: list[str] = tagger.tag(features([text[s:e] for s, e in sent]))
            if labels.count("O") == len(labels):
                continue  # most sentences name nothing
            for first, end, typ in bio_spans(labels):
                if typ not in LABELS:
                    continue
                probs = [tagger.marginal(labels[i], i) for i in range(first, end)]
                conf = sum(probs) / len(probs)
                out.append(NamedSpan(sent[first][0], sent[end - 1][1], typ, round(conf, 4)))
        return out
