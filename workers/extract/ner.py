"""Statistical NER: a linear-chain CRF per language, trained with CRFsuite (`make train`).

`CrfTagger.load("ar")` reads `models/ner_ar.crfsuite` once; `tag(text)` returns PERSON, ORG,
LOC and MISC spans with character offsets into the original text. No I/O after loading.
Each word type's feature weights are summed once and kept, and an article's sentences are
laid out and decoded together by compiled kernels (here and in crf.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from itertools import repeat
from pathlib import Path
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from workers.extract.crf import (
    BoolArray,
    CrfModel,
    FloatArray,
    IntArray,
    SpanCodes,
    compiled_decoder,
    compiled_kernel,
    decode,
    numba_kernel,
)
from workers.extract.ner_features import (
    SENTENCE_END,
    FeatureExtractor,
    bigram_name,
    build_gazetteers,
    spaced_tokens,
)

LABELS = frozenset({"PERSON", "ORG", "LOC", "MISC"})
_PAD = 0  # the word row of the pads around each sentence
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
    _NO_BIGRAM = 0  # the pair row of neighbours that form no known bigram

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
        # Per token as `spaced_tokens` gives it, with the whitespace before it: its id, and per id
        # its word's row, the length of that whitespace, its own length and whether the whitespace
        # holds a line break, which starts a sentence.
        self._piece_ids: dict[str, int] = {}
        self._pieces = np.zeros((1024, 4), dtype=np.intp)
        self._word_keys: list[str] = [""]
        # Per word type: the identities that form a known bigram with it (None: there are none).
        self._bigram_partners: list[tuple[set[str], set[str]] | None] = [None]
        self._word_scores = np.zeros((1024, 5, width))
        self._opens_bigram = np.zeros(1024, dtype=np.bool_)  # per row: the word has bigram partners
        self._ends_sentence = np.zeros(1024, dtype=np.bool_)  # per row: the word is . ! ? or ؟
        # Neighbouring words (left row << 32 | right row), in a hash table that the compiled code
        # reads (_pair_slot), -> their row in the pair tables, which hold what their bigram
        # features add to the left word (column 0) and the right one (1), and whether there is
        # such a feature.
        self._pair_keys = np.full(1024, _NO_PAIR, dtype=np.int64)
        self._pair_key_rows = np.zeros(1024, dtype=np.intp)
        self._pairs_seen = 0
        self._pair_scores = np.zeros((256, 2, width))
        self._pair_sides = np.zeros((256, 2), dtype=np.bool_)
        self._pairs_used = 1  # row 0 is _NO_BIGRAM
        # Two pad rows separate sentences: the one before a sentence lends its first token the
        # BOS weights, the one after lends its last token the EOS weights.
        self._word_scores[_PAD, 2] = model.score(["BOS"])
        self._word_scores[_PAD, 3] = model.score(["EOS"])
        self._lay_out = compiled_kernel(_lay_out_sentences, _LAYOUT_SIGNATURE)
        self._add_pairs = compiled_kernel(_add_pair_scores, _ADD_PAIRS_SIGNATURE)
        self._insert_pairs = compiled_kernel(_insert_pairs, _INSERT_PAIRS_SIGNATURE)

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
        pieces = spaced_tokens(text)
        if not pieces:
            return []
        emissions, starts, lengths, first_chars, end_chars = self._emissions(pieces)
        spans = decode(emissions, starts, lengths, self._model.transitions, self._span_codes)
        span_starts, span_ends = first_chars.tolist(), end_chars.tolist()
        return [
            NamedSpan(span_starts[first], span_ends[end - 1], typ, round(confidence, 4))
            for first, end, typ, confidence in spans
            if typ in LABELS
        ]

    def _emissions(self, pieces: list[str]) -> tuple[FloatArray, IntArray, IntArray, IntArray, IntArray]:
        """Label scores, one row per token, laid out sentence after sentence with two pad rows
        between them; the row where each sentence starts and its length; each row's offsets."""
        self._restart_full_tables()
        count = len(pieces)
        piece_ids = np.fromiter(map(self._piece_ids.get, pieces, repeat(-1)), np.intp, count)
        if (piece_ids < 0).any():  # first seen in this article
            piece_ids = np.fromiter(map(self._piece_id, pieces), np.intp, count)
        # Sized for the most sentences there can be: one per token.
        padded = np.empty(3 * count + 2, dtype=np.intp)
        emissions = np.empty((3 * count, len(self._model.labels)))
        first_chars, end_chars = np.empty(3 * count, dtype=np.intp), np.empty(3 * count, dtype=np.intp)
        starts, lengths = np.empty(count, dtype=np.intp), np.empty(count, dtype=np.intp)
        found = np.zeros(1, dtype=np.intp)
        self._lay_out(
            piece_ids,
            self._pieces,
            self._ends_sentence,
            self._word_scores,
            padded,
            emissions,
            first_chars,
            end_chars,
            starts,
            lengths,
            found,
        )
        sentences = int(found[0])
        padded, emissions = padded[: count + 2 * sentences + 2], emissions[: count + 2 * sentences - 2]
        self._add_bigram_scores(padded, emissions)
        rows = len(emissions)
        return emissions, starts[:sentences], lengths[:sentences], first_chars[:rows], end_chars[:rows]

    def _add_bigram_scores(self, padded: IntArray, emissions: FloatArray) -> None:
        """Add the scores of known bigrams; emission row r is padded row r + 2."""
        unknown = np.empty(len(padded), dtype=np.int64)
        found = np.zeros(1, dtype=np.intp)
        for _ in range(2):  # the second time, every pair has been looked up
            self._add_pairs(
                emissions,
                padded,
                self._opens_bigram,
                self._pair_keys,
                self._pair_key_rows,
                self._pair_scores,
                self._pair_sides,
                unknown,
                found,
            )
            if not found[0]:
                return
            self._learn_pairs(np.unique(unknown[: found[0]]))

    def _learn_pairs(self, pairs: NDArray[np.int64]) -> None:
        """Look up the bigram features of word pairs seen for the first time; keep their scores."""
        while 2 * (self._pairs_seen + len(pairs)) > len(self._pair_keys):  # keep the table half empty
            keys, key_rows = self._pair_keys, self._pair_key_rows
            kept = keys != _NO_PAIR
            self._pair_keys = np.full(2 * len(keys), _NO_PAIR, dtype=np.int64)
            self._pair_key_rows = np.zeros(2 * len(keys), dtype=np.intp)
            self._insert_pairs(self._pair_keys, self._pair_key_rows, keys[kept], key_rows[kept])
        rows = [self._new_pair_row(pair >> 32, pair & 0xFFFF_FFFF) for pair in pairs.tolist()]
        self._insert_pairs(self._pair_keys, self._pair_key_rows, pairs, np.array(rows, dtype=np.intp))
        self._pairs_seen += len(pairs)

    def _restart_full_tables(self) -> None:
        """Between articles: empty a full table (rows in use stay valid)."""
        if self._pairs_seen >= self.MAX_PAIRS:
            self._forget_pairs()
        if len(self._piece_ids) >= self.MAX_WORDS:  # as many as words, or more
            self._piece_ids.clear()
            self._word_rows.clear()
            self._forget_pairs()
            del self._word_keys[1:]
            del self._bigram_partners[1:]

    def _forget_pairs(self) -> None:
        self._pair_keys.fill(_NO_PAIR)
        self._pairs_seen = 0
        self._pairs_used = 1

    def _piece_id(self, piece: str) -> int:
        piece_id = self._piece_ids.get(piece)
        if piece_id is not None:
            return piece_id
        piece_id = len(self._piece_ids)
        if piece_id == len(self._pieces):
            self._pieces = _doubled(self._pieces)
        word = piece.lstrip()
        spacing = piece[: len(piece) - len(word)]
        self._pieces[piece_id] = (self._word_row(word), len(spacing), len(piece), "\n" in spacing)
        self._piece_ids[piece] = piece_id
        return piece_id

    def _word_row(self, word: str) -> int:
        row = self._word_rows.get(word)
        if row is not None:
            return row
        row = len(self._word_keys)
        if row == len(self._word_scores):
            self._word_scores = _doubled(self._word_scores)
            self._opens_bigram = _doubled(self._opens_bigram)
            self._ends_sentence = _doubled(self._ends_sentence)
        key, parts = self._features.word_features(word)
        for part, names in enumerate(parts):
            self._word_scores[row, part] = self._model.score(names)
        partners = self._features.bigram_partners(key)
        self._word_keys.append(key)
        self._bigram_partners.append(partners)
        self._opens_bigram[row] = partners is not None
        self._ends_sentence[row] = word in SENTENCE_END
        self._word_rows[word] = row
        return row

    def _new_pair_row(self, left: int, right: int) -> int:
        """The known bigram features of two neighbouring words, seen by the left one ("+", column
        0) and by the right one ("-", column 1), as a new row of the pair tables."""
        partners = self._bigram_partners[left]
        if partners is None:
            return self._NO_BIGRAM
        keys = self._word_keys
        sides = [keys[right] in partners[1], keys[right] in partners[0]]
        if not any(sides):
            return self._NO_BIGRAM
        row = self._pairs_used
        if row == len(self._pair_scores):
            self._pair_scores = _doubled(self._pair_scores)
            self._pair_sides = _doubled(self._pair_sides)
        for column, side in enumerate("+-"):
            if sides[column]:
                name = bigram_name(side, keys[left], keys[right])
                self._pair_scores[row, column] = self._bigram_score(name)
        self._pair_sides[row] = sides
        self._pairs_used += 1
        return row

    def _bigram_score(self, name: str) -> FloatArray:
        score = self._bigrams.get(name)
        if score is None:
            score = self._bigrams[name] = self._model.score([name])
        return score


_Table = TypeVar("_Table", FloatArray, IntArray, BoolArray)


def _doubled(table: _Table) -> _Table:
    """`table` with as many rows again, zeroed."""
    return np.concatenate((table, np.zeros_like(table)))


_LAYOUT_SIGNATURE = (
    "void(intp[:], intp[:, :], b1[:], f8[:, :, :], intp[:], f8[:, :], intp[:], intp[:], intp[:], intp[:],"
    " intp[:])"
)


def _lay_out_sentences(  # noqa: PLR0917 - numba entry point: output arrays are passed in, positionally
    piece_ids: IntArray,
    pieces: IntArray,
    ends_sentence: BoolArray,
    word_scores: FloatArray,
    padded: IntArray,
    emissions: FloatArray,
    first_chars: IntArray,
    end_chars: IntArray,
    starts: IntArray,
    lengths: IntArray,
    found: IntArray,
) -> None:
    """Split the tokens into sentences as `split_sentences` does: after a sentence end mark and
    at a line break. Write their word rows with two pads before every sentence and after the last
    into `padded`; per emission row (row r for padded row r + 2), the token's label scores into
    `emissions` and its offsets in the text into `first_chars` and `end_chars`; each sentence's
    first emission row and length; and the number of sentences into `found[0]`."""
    at, sentences, end = 0, 0, 0
    for token in range(len(piece_ids)):
        word_row, spacing, length, line_break = pieces[piece_ids[token]]
        if token == 0 or line_break or ends_sentence[padded[at - 1]]:
            padded[at], padded[at + 1] = _PAD, _PAD
            at += 2
            starts[sentences], lengths[sentences] = at - 2, 0
            sentences += 1
        padded[at] = word_row
        first_chars[at - 2], end_chars[at - 2] = end + spacing, end + length
        end += length
        lengths[sentences - 1] += 1
        at += 1
    padded[at], padded[at + 1] = _PAD, _PAD
    found[0] = sentences
    # Token at padded row r: its own weights plus what rows r-2, r-1, r+1, r+2 lend it.
    for row in range(2, at):
        for label in range(emissions.shape[1]):
            emissions[row - 2, label] = (
                word_scores[padded[row], 0, label]
                + word_scores[padded[row - 2], 1, label]
                + word_scores[padded[row - 1], 2, label]
                + word_scores[padded[row + 1], 3, label]
                + word_scores[padded[row + 2], 4, label]
            )


_NO_PAIR = -1  # an empty slot of the pair hash table
_MIX = -0x61C8864680B583EB  # 2**64 / golden ratio, as a signed 64-bit number


@numba_kernel
def _pair_slot(keys: NDArray[np.int64], key: int) -> int:
    """The slot of `key` in the open-addressing hash table `keys` (a power of two long, never
    full), or the empty slot where it goes."""
    mask = len(keys) - 1
    slot = ((key * _MIX) >> 32) & mask
    while keys[slot] != key and keys[slot] != _NO_PAIR:
        slot = (slot + 1) & mask
    return slot


_INSERT_PAIRS_SIGNATURE = "void(i8[:], intp[:], i8[:], intp[:])"


def _insert_pairs(
    keys: NDArray[np.int64], rows: IntArray, new_keys: NDArray[np.int64], new_rows: IntArray
) -> None:
    """Store new_rows[i] under new_keys[i] in the hash table `keys` (values in `rows`)."""
    for i in range(len(new_keys)):
        slot = _pair_slot(keys, new_keys[i])
        keys[slot], rows[slot] = new_keys[i], new_rows[i]


_ADD_PAIRS_SIGNATURE = "void(f8[:, :], intp[:], b1[:], i8[:], intp[:], f8[:, :, :], b1[:, :], i8[:], intp[:])"


def _add_pair_scores(  # noqa: PLR0917 - numba entry point: output arrays are passed in, positionally
    emissions: FloatArray,
    padded: IntArray,
    opens_bigram: BoolArray,
    pair_keys: NDArray[np.int64],
    pair_key_rows: IntArray,
    pair_scores: FloatArray,
    pair_sides: BoolArray,
    unknown: NDArray[np.int64],
    found: IntArray,
) -> None:
    """Add the bigram scores of each word that opens a bigram and the next word to their emission
    rows, pair after pair. When some pairs were never looked up, list them in `unknown` (found[0]
    of them) and add nothing."""
    # Emission row r is padded row r + 2. The article's last word is not paired with the pad after it.
    pair_rows = np.zeros(len(padded) - 5, dtype=np.intp)
    found[0] = 0
    for at in range(len(pair_rows)):
        left = padded[at + 2]
        if opens_bigram[left]:
            key = (left << 32) | padded[at + 3]
            slot = _pair_slot(pair_keys, key)
            if pair_keys[slot] == key:
                pair_rows[at] = pair_key_rows[slot]
            else:
                unknown[found[0]] = key
                found[0] += 1
    if found[0]:
        return
    for at in range(len(pair_rows)):
        pair = pair_rows[at]
        for column in range(2):
            if pair_sides[pair, column]:
                for label in range(emissions.shape[1]):
                    emissions[at + column, label] += pair_scores[pair, column, label]
