from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from workers.extract.crf import CrfModel, ModelFormatError, bio_spans
from workers.extract.ner import CrfTagger, _insert_pairs, _pair_slot, model_path
from workers.extract.ner_features import FeatureExtractor, build_gazetteers, split_sentences, tokenize

SEED = next((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt")).read_text(encoding="utf-8")
ENGLISH = (
    "Police in Lafayette said two men were shot on Main Street late Friday.\n"
    "The European Union's envoy, Josep Borrell, met officials of Hamas and the Israeli army in Cairo.\n"
    "U.S. Secretary of State Marco Rubio told Reuters that Washington would not pay."
)


@cache
def _tagger(language: str) -> CrfTagger:
    return CrfTagger.load(language)


@cache
def _reference(language: str) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path(language)))
    return tagger


@pytest.mark.parametrize(("language", "text"), [("ar", SEED), ("en", ENGLISH)])
def test_decoder_agrees_with_crfsuite_on_labels_and_marginals(language: str, text: str) -> None:
    tagger, reference = _tagger(language), _reference(language)
    extractor = FeatureExtractor(
        language, build_gazetteers(language), frozenset(CrfModel.read(model_path(language)).attributes)
    )
    sentences = list(split_sentences(text, tokenize(text)))
    expected_spans = []
    for sentence in sentences:
        labels = reference.tag(extractor.sentence_features([text[s:e] for s, e in sentence]))
        if all(label == "O" for label in labels):
            continue
        for first, end, typ in bio_spans(labels):
            probs = [reference.marginal(labels[i], i) for i in range(first, end)]
            expected_spans.append((sentence[first][0], sentence[end - 1][1], typ, sum(probs) / len(probs)))
    spans = tagger.tag(text)
    assert [(s.start, s.end, s.label) for s in spans] == [(s, e, t) for s, e, t, _ in expected_spans]
    assert [s.confidence for s in spans] == pytest.approx([c for *_, c in expected_spans], abs=1e-4)
    assert len(spans) >= 3


def test_model_reader_returns_every_weight_crfsuite_reports() -> None:
    model, info = CrfModel.read(model_path("en")), _reference("en").info()
    assert list(model.labels) == _reference("en").labels()
    for (attribute, label), weight in list(info.state_features.items())[::97]:
        got = model.state_weights[model.attributes[attribute], model.labels.index(label)]
        assert got == pytest.approx(weight, abs=1e-6)  # crfsuite's dump prints six decimals
    for (source, target), weight in info.transitions.items():
        got = model.transitions[model.labels.index(source), model.labels.index(target)]
        assert got == pytest.approx(weight, abs=1e-6)


@pytest.mark.parametrize("content", [b"", b"lCRF" + bytes(60), b"not a model at all" * 10])
def test_reading_a_file_that_is_not_a_crfsuite_model_raises_a_clear_error(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "broken.crfsuite"
    path.write_bytes(content)
    with pytest.raises(ModelFormatError, match=r"broken\.crfsuite"):
        CrfModel.read(path)


def test_tagging_is_unchanged_when_the_word_and_pair_tables_fill_and_restart() -> None:
    small = CrfTagger.load("en")
    small.MAX_WORDS = 7
    small.MAX_PAIRS = 3
    expected = _tagger("en").tag(ENGLISH)
    assert small.tag(ENGLISH) == expected
    assert small.tag(ENGLISH) == expected  # starts from an emptied table
    assert small.words_kept == len({ENGLISH[s:e] for s, e in tokenize(ENGLISH)})


def test_word_scores_sum_the_weights_of_each_feature_occurrence() -> None:
    model = CrfModel.read(model_path("en"))
    name = next(iter(model.attributes))
    row = model.state_weights[model.attributes[name]]
    np.testing.assert_array_equal(model.score([name, "no-such-feature", name]), row + row)
    np.testing.assert_array_equal(model.score([]), np.zeros(len(model.labels)))


def test_the_pair_hash_table_finds_every_stored_key_and_no_other() -> None:
    keys, rows = np.full(64, -1, dtype=np.int64), np.zeros(64, dtype=np.intp)
    stored = np.array([(left << 32) | right for left in (1, 2, 7) for right in range(10)], dtype=np.int64)
    _insert_pairs(keys, rows, stored, np.arange(1, len(stored) + 1, dtype=np.intp))
    for row, key in enumerate(stored.tolist(), start=1):
        slot = _pair_slot(keys, key)
        assert (keys[slot], rows[slot]) == (key, row)
    assert keys[_pair_slot(keys, (3 << 32) | 1)] == -1
