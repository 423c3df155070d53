"""Pure scorers for the evaluation harness: no files, no subprocesses."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from schemas.models import EntityMention, EventRecord, Quantity

# Our entity types mapped onto the scoreboard labels; types absent here are not scored.
NER_LABELS = {
    "PERSON": "PERS",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
}
# re3d has no MISC: nationalities and events are ignored on our side too.
RE3D_LABELS = {key: label for key, label in NER_LABELS.items() if label != "MISC"}
NUMBER_TYPES = ("CARDINAL", "QUANTITY", "MONEY", "ORDINAL")
CASUALTY_EVENT_TYPES = ("casualties", "attack")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    start: int
    end: int
    label: str


def spans_from_tags(tokens: Sequence[str], tags: Sequence[str]) -> list[Span]:
    """Entity spans over `" ".join(tokens)` from BIO or IOB1 tags (conlleval's reading).

    I-X continues an entity of type X and starts one after O or another type (IOB1, and
    lenient BIO); B-X always starts a new entity, so it splits adjacent entities of one type.
    """
    spans: list[Span] = []
    offset = 0
    current: tuple[int, int, str] | None = None
    for token, tag in zip(tokens, tags, strict=True):
        start, end = offset, offset + len(token)
        offset = end + 1
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and current is not None and current[2] == label
        if continues and current is not None:
            current = (current[0], end, label)
            continue
        if current is not None:
            spans.append(Span(*current))
        current = (start, end, label) if prefix in ("B", "I") and label else None
    if current is not None:
        spans.append(Span(*current))
    return spans


def predicted_spans(
    entities: Iterable[EntityMention], labels: dict[str, str], token_text: str | None = None
) -> list[Span]:
    """One flat layer of predicted spans, comparable with flat gold annotations.

    With `token_text` (tokens joined by single spaces, as in ANERcorp and CoNLL) each span is widened
    to the whole tokens it touches, as those corpora label whole tokens: "وموسكو" is one LOC token
    there, while we mark "موسكو" without its conjunction. Our mentions may nest (a country inside an
    organisation's name) or repeat a span under two readings (a capital and its country); flat gold
    has neither, so the longest span wins, then the more confident reading.
    """
    candidates = []
    for entity in entities:
        if entity.type not in labels:
            continue
        start, end = entity.start, entity.end
        if token_text is not None:
            start = token_text.rfind(" ", 0, start) + 1
            space = token_text.find(" ", max(end - 1, start))
            end = len(token_text) if space < 0 else space
        candidates.append((start, end, labels[entity.type], entity.confidence))
    candidates.sort(key=lambda c: (c[0] - c[1], -c[3], c[0]))
    kept: list[Span] = []
    for start, end, label, _ in candidates:
        if all(end <= other.start or other.end <= start for other in kept):
            kept.append(Span(start, end, label))
    return sorted(kept)


@dataclass(frozen=True, slots=True)
class PRF:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positives": self.true_positives,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(frozen=True, slots=True)
class SpanScores:
    micro: PRF
    per_label: dict[str, PRF]


def span_f1(pairs: Iterable[tuple[Sequence[Span], Sequence[Span]]]) -> SpanScores:
    """Exact-span micro P/R/F1 over (gold, predicted) pairs, one pair per document."""
    counts: dict[str, list[int]] = {}
    for gold, predicted in pairs:
        gold_set, predicted_set = set(gold), set(predicted)
        for span in gold_set:
            counts.setdefault(span.label, [0, 0, 0])[2] += 1
        for span in predicted_set:
            row = counts.setdefault(span.label, [0, 0, 0])
            row[1] += 1
            row[0] += span in gold_set
    per_label = {label: PRF(*row) for label, row in sorted(counts.items())}
    micro = PRF(*(sum(row[i] for row in counts.values()) for i in range(3)))
    return SpanScores(micro, per_label)


# ---------------------------------------------------------------- casualties


@dataclass(frozen=True, slots=True)
class CasualtyGold:
    killed: int
    wounded: int


def quantity_number(quantity: Quantity | None) -> float:
    """The value, or the top of a range ("3 to 5 killed" → 5), or a lone bound; 0 when absent."""
    if quantity is None:
        return 0
    for candidate in (quantity.value, quantity.max, quantity.min):
        if candidate is not None:
            return candidate
    return 0


def casualty_counts(events: Iterable[EventRecord]) -> CasualtyGold:
    """Largest killed and wounded over the article's non-cumulative casualties/attack events.

    Running totals (cumulative=True) are skipped: the gold counts one incident. So are negated
    and denied events ("were not injured"): their losses did not happen. An event whose
    cumulative flag is unknown counts as an incident.
    """
    killed: float = 0
    wounded: float = 0
    for event in events:
        if event.event_type not in CASUALTY_EVENT_TYPES or event.cumulative or event.counts is None:
            continue
        if event.negated or event.modality == "denied":
            continue
        killed = max(killed, quantity_number(event.counts.killed))
        wounded = max(wounded, quantity_number(event.counts.wounded))
    return CasualtyGold(killed=math.floor(killed), wounded=math.floor(wounded))


@dataclass(frozen=True, slots=True)
class Accuracy:
    correct: int
    total: int

    @property
    def score(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class CasualtyScores:
    killed: Accuracy
    killed_nonzero: Accuracy
    wounded: Accuracy
    wounded_nonzero: Accuracy


def casualty_accuracy(pairs: Iterable[tuple[CasualtyGold, CasualtyGold]]) -> CasualtyScores:
    """Exact-match accuracy over (gold, predicted), overall and where the gold is non-zero."""
    tallies = {name: [0, 0] for name in ("killed", "killed_nonzero", "wounded", "wounded_nonzero")}
    for gold, predicted in pairs:
        for name, want, have in (
            ("killed", gold.killed, predicted.killed),
            ("wounded", gold.wounded, predicted.wounded),
        ):
            keys = (name, f"{name}_nonzero") if want else (name,)
            for key in keys:
                tallies[key][0] += want == have
                tallies[key][1] += 1
    return CasualtyScores(**{name: Accuracy(*tally) for name, tally in tallies.items()})


# ---------------------------------------------------------------- numbers and dates


@dataclass(frozen=True, slots=True)
class NumberGold:
    value: int | float
    value_end: int | float | None = None  # closes a range ("between 10 and 20 dollars")
    currency: str | None = None  # ISO 4217, only when the case names one
    ordinal: bool = False


@dataclass(frozen=True, slots=True)
class DateGold:
    value: str  # ISO date cut to the case's grain: 2013, 2013-02 or 2013-02-15


def same_number(have: object, want: int | float | None) -> bool:
    if want is None or have is None or isinstance(have, (bool, str)):
        return have is None and want is None
    if not isinstance(have, (int, float)):
        return False
    if isinstance(have, int) and isinstance(want, int):
        return have == want  # exact, also beyond float precision
    return math.isclose(have, want, rel_tol=1e-9, abs_tol=1e-9)


def number_matches(entity: EntityMention, gold: NumberGold) -> bool:
    """An entity matches when its type fits and its value (and range end, currency) agree."""
    if gold.ordinal:
        allowed: tuple[str, ...] = ("ORDINAL",)
    elif gold.currency:
        allowed = ("MONEY",)
    else:
        allowed = NUMBER_TYPES
    if entity.type not in allowed or not same_number(entity.value, gold.value):
        return False
    if gold.value_end is not None and not same_number(entity.value_end, gold.value_end):
        return False
    return gold.currency is None or entity.unit == gold.currency


def number_case_passes(entities: Iterable[EntityMention], gold: NumberGold) -> bool:
    return any(number_matches(entity, gold) for entity in entities)


def date_case_passes(entities: Iterable[EntityMention], gold: DateGold) -> bool:
    """Some DATE entity carries exactly the gold ISO value (same grain, no finer, no coarser)."""
    return any(entity.type == "DATE" and entity.value == gold.value for entity in entities)
