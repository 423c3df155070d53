"""Linear-chain CRF inference in numpy, over a model file written by CRFsuite.

CRFsuite trains the models (`make train`). Tagging reads the file's weights into arrays once,
so that the caller can sum a word's weights once per word type, and decodes all sentences of
an article in one compiled call: passing every feature string through the library and
calling it per sentence and per marginal cost more than the arithmetic.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar, cast

import numba
import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]
BoolArray = NDArray[np.bool_]

# CRFsuite's CRF1d model layout (crf1d_model.c): a 48-byte header of little-endian uint32s,
# a feature chunk of (type, source, target, weight) records and two string databases (CQDB)
# that map label and attribute names to ids.
_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CHUNK = struct.Struct("<4sII")
_CQDB_HEADER = struct.Struct("<4sIIIII")
_FEATURE = np.dtype([("type", "<u4"), ("source", "<u4"), ("target", "<u4"), ("weight", "<f8")])
_STATE_FEATURE, _TRANSITION_FEATURE = 0, 1


class ModelFormatError(ValueError):
    """The file is not a CRFsuite CRF1d model this reader understands."""


@dataclass(frozen=True, slots=True)
class CrfModel:
    """Label names, attribute ids and the two weight tables of a trained model."""

    labels: tuple[str, ...]
    attributes: dict[str, int]
    state_weights: FloatArray  # (attribute, label)
    transitions: FloatArray  # (from label, to label)

    @classmethod
    def read(cls, path: Path) -> CrfModel:
        data = path.read_bytes()
        if len(data) < _HEADER.size:
            raise ModelFormatError(f"{path}: too short for a CRFsuite model")
        magic, _, kind, _, _, n_labels, n_attributes, off_features, off_labels, off_attributes, _, _ = (
            _HEADER.unpack_from(data)
        )
        if magic != b"lCRF" or kind != b"FOMC":
            raise ModelFormatError(f"{path}: not a CRFsuite CRF1d model (magic {magic!r}, type {kind!r})")
        labels = _read_strings(data, off_labels, path)
        attributes = _read_strings(data, off_attributes, path)
        if len(labels) != n_labels or len(attributes) != n_attributes:
            raise ModelFormatError(f"{path}: header and string tables disagree")
        chunk, _, n_features = _CHUNK.unpack_from(data, off_features)
        if chunk != b"FEAT":
            raise ModelFormatError(f"{path}: no feature chunk at offset {off_features}")
        features = np.frombuffer(data, dtype=_FEATURE, count=n_features, offset=off_features + _CHUNK.size)
        state_weights = np.zeros((n_attributes, n_labels))
        transitions = np.zeros((n_labels, n_labels))
        state = features[features["type"] == _STATE_FEATURE]
        state_weights[state["source"], state["target"]] = state["weight"]
        moves = features[features["type"] == _TRANSITION_FEATURE]
        transitions[moves["source"], moves["target"]] = moves["weight"]
        return cls(
            labels=tuple(labels),
            attributes={name: i for i, name in enumerate(attributes)},
            state_weights=state_weights,
            transitions=transitions,
        )

    def score(self, attributes: Iterable[str]) -> FloatArray:
        """Summed label weights of the attributes (each counted as often as it occurs); unknown
        attributes weigh nothing, as in CRFsuite."""
        known = self.attributes
        rows = [known[name] for name in attributes if name in known]
        if not rows:
            return np.zeros(len(self.labels))
        summed: FloatArray = self.state_weights[rows].sum(axis=0)
        return summed


def _read_strings(data: bytes, offset: int, path: Path) -> list[str]:
    """Strings of a CQDB, in id order, read through its backward (id -> record) array."""
    chunk, _, _, _, count, backward = _CQDB_HEADER.unpack_from(data, offset)
    if chunk != b"CQDB":
        raise ModelFormatError(f"{path}: no string table at offset {offset}")
    records = struct.unpack_from(f"<{count}I", data, offset + backward)
    out: list[str] = []
    for i, record in enumerate(records):
        string_id, size = struct.unpack_from("<II", data, offset + record)
        if string_id != i:
            raise ModelFormatError(f"{path}: string table out of order at id {i}")
        start = offset + record + 8
        out.append(data[start : start + size - 1].decode())  # size counts the trailing NUL
    return out


_Function = TypeVar("_Function", bound=Callable[..., object])
# For functions that kernels call: compiled when `compiled_kernel` compiles their caller; numba
# caches the machine code on disk.
numba_kernel = cast(Callable[[_Function], _Function], numba.njit(cache=True, nogil=True))


@dataclass(frozen=True, slots=True)
class SpanCodes:
    """Labels read as spans: per label id its prefix (O, B, I, L, U as 0-4) and its type's index
    in `types` (-1 for O)."""

    prefixes: IntArray
    type_ids: IntArray
    types: tuple[str, ...]

    @classmethod
    def of(cls, labels: Sequence[str]) -> SpanCodes:
        types: dict[str, int] = {}
        prefixes, type_ids = [], []
        for label in labels:
            prefix, _, typ = label.partition("-")
            prefixes.append(_PREFIX_CODES.get(prefix, _OUTSIDE))
            type_ids.append(types.setdefault(typ, len(types)) if typ else -1)
        return cls(np.array(prefixes, dtype=np.intp), np.array(type_ids, dtype=np.intp), tuple(types))


_OUTSIDE, _BEGIN, _INSIDE, _LAST, _UNIT = range(5)
_PREFIX_CODES = {"O": _OUTSIDE, "B": _BEGIN, "I": _INSIDE, "L": _LAST, "U": _UNIT}


def decode(
    emissions: FloatArray, starts: IntArray, lengths: IntArray, transitions: FloatArray, codes: SpanCodes
) -> list[tuple[int, int, str, float]]:
    """Named spans of every sentence: (first token row, end row exclusive, type, confidence), the
    confidence being the mean marginal probability of the span's labels.

    `emissions` holds one row of label scores per token; sentence i is rows starts[i] to
    starts[i] + lengths[i]. Marginals are only computed for sentences that name something.
    """
    spans = np.zeros((len(emissions), 3), dtype=np.intp)
    confidences = np.zeros(len(emissions))
    count = np.zeros(1, dtype=np.intp)
    compiled_decoder()(
        emissions, starts, lengths, transitions, codes.prefixes, codes.type_ids, spans, confidences, count
    )
    types = codes.types
    found = int(count[0])
    return [
        (first, end, types[typ], confidence)
        for (first, end, typ), confidence in zip(
            spans[:found].tolist(), confidences[:found].tolist(), strict=True
        )
    ]


def bio_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, end token exclusive, type) per span of BIO or BILOU labels, as `decode` reads
    them. A stray I-/L- opens a span, so no predicted entity is lost."""
    if not labels:
        return []
    codes = SpanCodes.of(labels)
    spans = np.zeros((len(labels), 3), dtype=np.intp)
    count = np.zeros(1, dtype=np.intp)
    path = np.arange(len(labels), dtype=np.intp)  # label i at token i
    _path_spans(
        path, codes.prefixes, codes.type_ids, np.zeros(len(labels)), 0, spans, np.zeros(len(labels)), count
    )
    return [(first, end, codes.types[typ]) for first, end, typ in spans[: int(count[0])].tolist()]


@cache
def compiled_kernel(function: Callable[..., None], signature: str) -> Callable[..., None]:
    """`function` as machine code for `signature`: compiled on the first call of a process, or
    loaded from numba's cache beside its module (or in the user's cache directory when that is
    read-only)."""
    compiled: Callable[..., None] = numba.njit(signature, cache=True, nogil=True)(function)
    return compiled


@cache
def compiled_decoder() -> Callable[..., None]:
    """The decoder as machine code (`compiled_kernel`)."""
    return compiled_kernel(_decode_sentences, _DECODER_SIGNATURE)


_DECODER_SIGNATURE = (
    "void(f8[:, :], intp[:], intp[:], f8[:, :], intp[:], intp[:], intp[:, :], f8[:], intp[:])"
)


def _decode_sentences(  # noqa: PLR0917 - numba entry point: output arrays are passed in, positionally
    emissions: FloatArray,
    starts: IntArray,
    lengths: IntArray,
    transitions: FloatArray,
    prefixes: IntArray,
    type_ids: IntArray,
    spans: IntArray,
    confidences: FloatArray,
    count: IntArray,
) -> None:
    """`decode`'s work, filling its output arrays; compiled by `compiled_decoder`."""
    longest = lengths.max()
    path = np.zeros(longest, dtype=np.intp)
    marginal = np.zeros(longest)
    moves = np.exp(transitions)
    for sentence in range(len(starts)):
        first = starts[sentence]
        end = first + lengths[sentence]
        best = path[: end - first]
        _best_path(emissions[first:end], transitions, best)
        if (prefixes[best] != _OUTSIDE).any():
            chosen = marginal[: end - first]
            _path_marginals(emissions[first:end], moves, best, chosen)
            _path_spans(best, prefixes, type_ids, chosen, first, spans, confidences, count)


@numba_kernel
def _path_spans(  # noqa: PLR0917 - numba kernel: output arrays are passed in, positionally
    path: IntArray,
    prefixes: IntArray,
    type_ids: IntArray,
    marginal: FloatArray,
    first: int,
    spans: IntArray,
    confidences: FloatArray,
    count: IntArray,
) -> None:
    """Append the spans of one labelled sentence (rows offset by `first`) after the `count[0]`
    already in `spans`, each with the mean marginal of its labels."""
    start, typ = -1, -1
    for i in range(len(path)):
        prefix, current = prefixes[path[i]], type_ids[path[i]]
        inside = prefix in (_INSIDE, _LAST)
        if start >= 0 and (not inside or current != typ):
            _append_span(start, i, typ, marginal, first, spans, confidences, count)
            start = -1
        if prefix in (_BEGIN, _UNIT) or (inside and start < 0):
            start, typ = i, current
        if prefix in (_LAST, _UNIT):
            _append_span(start, i + 1, typ, marginal, first, spans, confidences, count)
            start = -1
    if start >= 0:
        _append_span(start, len(path), typ, marginal, first, spans, confidences, count)


@numba_kernel
def _append_span(  # noqa: PLR0917 - numba kernel: output arrays are passed in, positionally
    start: int,
    end: int,
    typ: int,
    marginal: FloatArray,
    first: int,
    spans: IntArray,
    confidences: FloatArray,
    count: IntArray,
) -> None:
    at = count[0]
    spans[at, 0], spans[at, 1], spans[at, 2] = first + start, first + end, typ
    total = 0.0
    for t in range(start, end):
        total += marginal[t]
    confidences[at] = total / (end - start)
    count[0] = at + 1


@numba_kernel
def _best_path(scores: FloatArray, transitions: FloatArray, path: IntArray) -> None:
    """Viterbi over one sentence's (token, label) scores. Ties go to the lowest label id, as in
    CRFsuite, so the labels match the library's."""
    steps, width = scores.shape
    back = np.zeros((steps, width), dtype=np.intp)
    score = scores[0].copy()
    previous = np.empty(width)
    for t in range(1, steps):
        previous[:] = score
        for j in range(width):
            best, arg = previous[0] + transitions[0, j], 0
            for i in range(1, width):
                candidate = previous[i] + transitions[i, j]
                if candidate > best:
                    best, arg = candidate, i
            back[t, j] = arg
            score[j] = best + scores[t, j]
    arg = 0
    for j in range(1, width):
        if score[j] > score[arg]:
            arg = j
    path[steps - 1] = arg
    for t in range(steps - 1, 0, -1):
        arg = back[t, arg]
        path[t - 1] = arg


@numba_kernel
def _path_marginals(scores: FloatArray, moves: FloatArray, path: IntArray, out: FloatArray) -> None:
    """P(token t has label path[t] | sentence) into `out`, by forward-backward in the probability
    domain with every step rescaled to sum 1; `moves` holds the exponentiated transitions.

    Written as scalar loops: a temporary array per token cost more than the arithmetic."""
    steps, width = scores.shape
    # Shifting a token's scores by their maximum leaves its marginals unchanged and keeps exp finite.
    state = np.empty((steps, width))
    for t in range(steps):
        top = scores[t].max()
        for j in range(width):
            state[t, j] = np.exp(scores[t, j] - top)
    alpha = np.empty((steps, width))
    alpha[0] = state[0]
    _rescale(alpha[0])
    for t in range(1, steps):
        for j in range(width):
            value = 0.0
            for i in range(width):
                value += alpha[t - 1, i] * moves[i, j]
            alpha[t, j] = value * state[t, j]
        _rescale(alpha[t])
    beta = np.empty((steps, width))
    beta[steps - 1] = 1.0
    for t in range(steps - 2, -1, -1):
        for i in range(width):
            value = 0.0
            for j in range(width):
                value += moves[i, j] * state[t + 1, j] * beta[t + 1, j]
            beta[t, i] = value
        _rescale(beta[t])
    for t in range(steps):
        total = 0.0
        for j in range(width):
            total += alpha[t, j] * beta[t, j]
        out[t] = alpha[t, path[t]] * beta[t, path[t]] / total


@numba_kernel
def _rescale(values: FloatArray) -> None:
    """Divide `values` by their sum, in place."""
    total = 0.0
    for value in values:
        total += value
    for i in range(len(values)):
        values[i] /= total
