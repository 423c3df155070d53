"""Statistical NER: a linear-chain CRF per language, trained with CRFsuite (`make train`).

`CrfTagger.load("ar")` reads `models/ner_ar.crfsuite` once; `tag(text)` returns PERSON, ORG,
LOC and MISC spans with character offsets into the original text. No I/O after loading.
Each word type's feature weights are summed once and kept, and an article's sentences are
decoded together (crf.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from workers.extract.crf import CrfModel, FloatArray, IntArray, SpanCodes, compiled_decoder, decode
from workers.extract.ner_features import (
    FeatureExtractor,
    Span,
    bigram_name,
    build_gazetteers,
    split_sentences,
    tokenize,
)

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


class CrfTagger:
    """Tags one language's text; create with `load`, then call `tag` as often as needed."""

    # Word types whose summed weights are kept (up to ~25 MB); the table restarts when full, before
    # the next article.
    MAX_WORDS = 50_000
    MAX_PAIRS = 200_000  # neighbouring word pairs whose bigram scores are kept
    _PAD = 0  # the row of the pads around each sentence

    def __init__(self, language: str, model: CrfModel, extractor: FeatureExtractor) -> None:
        self.language = language
        self._model = model
        self._features = extractor
        self._span_codes = SpanCodes.of(model.labels)
        width = len(model.labels)
        self._bigrams: dict[str, FloatArray] = {}
        # Per word type: its own weights and those it lends to the tokens 2 and 1 after it and
        # 1 and 2 before it, each a vector over labels.
        self._word_rows: dict[str, int] = {}
        self._word_keys: list[str] = [""]
        # Per word type: the identities that form a known bigram with it (None: there are none).
        self._bigram_partners: list[tuple[set[str], set[str]] | None] = [None]
        self._word_scores = np.zeros((1024, 5, width))
        self._opens_bigram = np.zeros(1024, dtype=np.bool_)  # per row: the word has bigram partners
        # (left row, right row) -> what their bigram features add, as (offset from the left, scores).
        self._pair_scores: dict[tuple[int, int], tuple[tuple[int, FloatArray], ...]] = {}
        # Two pad rows separate sentences: the one before a sentence lends its first token the
        # BOS weights, the one after lends its last token the EOS weights.
        self._word_scores[self._PAD, 2] = model.score(["BOS"])
        self._word_scores[self._PAD, 3] = model.score(["EOS"])

    @classmethod
    def load(cls, language: str, path: Path | None = None) -> CrfTagger:
        """Read the shipped model (or `path`) and build the list-membership features."""
        model = CrfModel.read(path or model_path(language))
        compiled_decoder()  # at start-up, not on the first article
        extractor = FeatureExtractor(language, build_gazetteers(language), frozenset(model.attributes))
        return cls(language, model, extractor)

    @property
    def words_kept(self) -> int:
        """Word types whose summed weights are kept now."""
        return len(self._word_rows)

    def tag(self, text: str) -> list[NamedSpan]:
        """Entity spans in `text`, confidence = mean CRF marginal of the span's labels."""
        sentences = list(split_sentences(text, tokenize(text)))
        if not sentences:
            return []
        emissions, starts = self._emissions(text, sentences)
        lengths = np.array([len(sentence) for sentence in sentences])
        spans = decode(emissions, starts, lengths, self._model.transitions, self._span_codes)
        # Token rows as laid out by `_emissions`: each sentence after the previous one and two pads.
        offsets = [span for sentence in sentences for span in (*sentence, (0, 0), (0, 0))]
        return [
            NamedSpan(offsets[first][0], offsets[end - 1][1], typ, round(confidence, 4))
            for first, end, typ, confidence in spans
            if typ in LABELS
        ]

    def _emissions(self, text: str, sentences: list[list[Span]]) -> tuple[FloatArray, IntArray]:
        """Label scores, one row per token, and the row where each sentence starts."""
        if len(self._pair_scores) >= self.MAX_PAIRS:
            self._pair_scores.clear()
        if len(self._word_rows) >= self.MAX_WORDS:  # between articles: rows in use stay valid
            self._word_rows.clear()
            self._pair_scores.clear()
            del self._word_keys[1:]
            del self._bigram_partners[1:]
        pad, rows = self._PAD, [self._PAD, self._PAD]
        row_of, new_row = self._word_rows.get, self._word_row
        starts: list[int] = []
        for sentence in sentences:
            starts.append(len(rows) - 2)
            for s, e in sentence:
                word = text[s:e]
                row = row_of(word)
                rows.append(new_row(word) if row is None else row)
            rows += (pad, pad)
        rows_at = np.array(rows)
        parts = self._word_scores[rows_at]
        # Token at row r: its own weights plus what rows r-2, r-1, r+1, r+2 lend it.
        tokens = parts[2:-2, 0] + parts[:-4, 1] + parts[1:-3, 2] + parts[3:-1, 3] + parts[4:, 4]
        # Known bigrams: only where the left word starts one, looked up once per pair of words.
        pair_scores = self._pair_scores
        for at in np.flatnonzero(self._opens_bigram[rows_at[2:-3]]).tolist():
            pair = (rows[at + 2], rows[at + 3])
            scores = pair_scores.get(pair)
            if scores is None:
                scores = pair_scores[pair] = self._bigram_scores(*pair)
            for offset, score in scores:
                tokens[at + offset] += score
        return tokens, np.array(starts)

    def _word_row(self, word: str) -> int:
        row = self._word_rows.get(word)
        if row is not None:
            return row
        row = len(self._word_keys)
        if row == len(self._word_scores):
            self._word_scores = np.concatenate((self._word_scores, np.zeros_like(self._word_scores)))
            self._opens_bigram = np.concatenate((self._opens_bigram, np.zeros_like(self._opens_bigram)))
        key, parts = self._features.word_features(word)
        for part, names in enumerate(parts):
            self._word_scores[row, part] = self._model.score(names)
        partners = self._features.bigram_partners(key)
        self._word_keys.append(key)
        self._bigram_partners.append(partners)
        self._opens_bigram[row] = partners is not None
        self._word_rows[word] = row
        return row

    def _bigram_scores(self, left: int, right: int) -> tuple[tuple[int, FloatArray], ...]:
        """The known bigram features of two neighbouring words: seen by the right word ("-",
        offset 1) and by the left one ("+", offset 0)."""
        partners = self._bigram_partners[left]
        if partners is None:
            return ()
        keys = self._word_keys
        return tuple(
            (offset, self._bigram_score(bigram_name(side, keys[left], keys[right])))
            for side, offset, known in (("-", 1, partners[0]), ("+", 0, partners[1]))
            if keys[right] in known
        )

    def _bigram_score(self, name: str) -> FloatArray:
        score = self._bigrams.get(name)
        if score is None:
            score = self._bigrams[name] = self._model.score([name])
        return score
