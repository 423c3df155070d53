"""`make eval`: run `event-worker enrich` over the evaluation sets and print a scoreboard.

python -m workers.evaluate.run [--only NAME ...] [--limit N] [--out reports/scoreboard.json]

Each set's cases go to one .jsonl in a temporary directory and through one `event-worker
enrich` subprocess; its stdout is parsed back into EnrichedArticles and scored. The sets run
concurrently (one process each, at most one per CPU). Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from schemas.models import EnrichedArticle
from workers.evaluate import datasets as ds
from workers.evaluate.scoring import (
    NER_LABELS,
    RE3D_LABELS,
    CasualtyGold,
    DateGold,
    NumberGold,
    Span,
    casualty_accuracy,
    casualty_counts,
    date_case_passes,
    number_case_passes,
    predicted_spans,
    span_f1,
)
from workers.evaluate.seed_gold import check_gold

GoldT = TypeVar("GoldT")
Enriched = dict[str, EnrichedArticle]


@dataclass(slots=True)
class Row:
    measure: str
    data: str
    cases: int
    score: str
    target: str
    met: bool | None  # None: reported without a target
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class SetResult:
    name: str
    rows: list[Row]
    exclusions: dict[str, dict[str, int]]
    enrich_failures: int
    seconds: float
    extractor: dict[str, str] | None


def _progress(message: str) -> None:
    print(f"[eval {datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def _event_worker() -> Path:
    return Path(sys.executable).with_name("event-worker")


def enrich_cases(name: str, cases: Sequence[ds.Case[Any]]) -> tuple[Enriched, int]:
    """One `event-worker enrich` over all cases; returns outputs by article id and failure count."""
    if not cases:
        return {}, 0
    with tempfile.TemporaryDirectory(prefix=f"eval-{name}-") as workdir:
        inputs = Path(workdir) / f"{name}.jsonl"
        with inputs.open("w", encoding="utf-8") as handle:
            for case in cases:
                article = {"id": case.id, "text": case.text, "language": case.language}
                if case.published_at:
                    article["published_at"] = case.published_at
                handle.write(json.dumps(article, ensure_ascii=False) + "\n")
        completed = subprocess.run(  # noqa: S603 -- the project's own CLI on a file we wrote
            [str(_event_worker()), "enrich", str(inputs)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
    outputs: Enriched = {}
    for line in completed.stdout.splitlines():
        if line.strip():
            enriched = EnrichedArticle.model_validate_json(line)
            outputs[enriched.article_id] = enriched
    failures = sum(1 for line in completed.stderr.splitlines() if line.startswith("event-worker enrich:"))
    if completed.returncode not in (0, 1):
        _progress(f"{name}: event-worker exited {completed.returncode}: {completed.stderr[-2000:]}")
    return outputs, failures


def _met(score: float, target: float) -> bool:
    return score >= target


def _by_group(cases: Sequence[ds.Case[GoldT]]) -> dict[str, list[ds.Case[GoldT]]]:
    groups: dict[str, list[ds.Case[GoldT]]] = {}
    for case in cases:
        groups.setdefault(case.group, []).append(case)
    return groups


# ---------------------------------------------------------------- rows per set


def _ner_rows(
    measure: str, target: float | None, labels: dict[str, str], *, token_level: bool
) -> Callable[[ds.Loaded[list[Span]], Enriched], list[Row]]:
    def rows(loaded: ds.Loaded[list[Span]], outputs: Enriched) -> list[Row]:
        pairs = []
        for case in loaded.cases:
            entities = outputs[case.id].entities if case.id in outputs else ()
            token_text = case.text if token_level else None
            pairs.append((case.gold, predicted_spans(entities, labels, token_text)))
        scores = span_f1(pairs)
        micro = scores.micro
        return [
            Row(
                measure=measure,
                data=loaded.cases[0].group if loaded.cases else "",
                cases=len(loaded.cases),
                score=f"F1 {micro.f1:.3f} (P {micro.precision:.3f} R {micro.recall:.3f})",
                target=f"≥ {target:.2f}" if target is not None else "report",
                met=_met(micro.f1, target) if target is not None else None,
                details={
                    "micro": micro.as_dict(),
                    "per_label": {label: prf.as_dict() for label, prf in scores.per_label.items()},
                },
            )
        ]

    return rows


def _casualty_rows(loaded: ds.Loaded[CasualtyGold], outputs: Enriched) -> list[Row]:
    pairs = []
    for case in loaded.cases:
        events = outputs[case.id].events if case.id in outputs else ()
        pairs.append((case.gold, casualty_counts(events)))
    scores = casualty_accuracy(pairs)
    rows = []
    for name, overall, nonzero in (
        ("killed", scores.killed, scores.killed_nonzero),
        ("wounded", scores.wounded, scores.wounded_nonzero),
    ):
        rows.append(
            Row(
                measure=f"Casualties: {name}",
                data="en/gva (dev)",
                cases=overall.total,
                score=f"acc {overall.score:.3f}; non-zero {nonzero.score:.3f} (n={nonzero.total})",
                target="≥ 0.90; ≥ 0.80",
                met=_met(overall.score, 0.90) and _met(nonzero.score, 0.80),
                details={
                    "accuracy": round(overall.score, 4),
                    "correct": overall.correct,
                    "accuracy_nonzero": round(nonzero.score, 4),
                    "correct_nonzero": nonzero.correct,
                    "cases_nonzero": nonzero.total,
                },
            )
        )
    return rows


def _value_rows(
    measure: str, target: float, passes: Callable[[ds.Case[Any], EnrichedArticle | None], bool]
) -> Callable[[ds.Loaded[Any], Enriched], list[Row]]:
    def rows(loaded: ds.Loaded[Any], outputs: Enriched) -> list[Row]:
        grouped = _by_group(loaded.cases)
        result = []
        for group in loaded.groups():
            cases = grouped.get(group, [])
            failed = [case for case in cases if not passes(case, outputs.get(case.id))]
            accuracy = (len(cases) - len(failed)) / len(cases) if cases else 0.0
            result.append(
                Row(
                    measure=measure,
                    data=group,
                    cases=len(cases),
                    score=f"acc {accuracy:.3f}",
                    target=f"≥ {target:.2f}",
                    met=_met(accuracy, target) if cases else None,
                    details={
                        "accuracy": round(accuracy, 4),
                        "passed": len(cases) - len(failed),
                        "failed_examples": [_failure(case, outputs.get(case.id)) for case in failed[:10]],
                    },
                )
            )
        return result

    return rows


def _failure(case: ds.Case[Any], enriched: EnrichedArticle | None) -> dict[str, Any]:
    gold = case.gold
    have = [
        {"type": e.type, "text": e.text, "value": e.value, "value_end": e.value_end, "unit": e.unit}
        for e in (enriched.entities if enriched else ())
    ]
    return {"text": case.text[:200], "gold": getattr(gold, "__dict__", None) or _slots(gold), "have": have}


def _slots(value: object) -> dict[str, Any]:
    return {name: getattr(value, name) for name in getattr(value, "__slots__", ())}


def _number_passes(case: ds.Case[NumberGold], enriched: EnrichedArticle | None) -> bool:
    return enriched is not None and number_case_passes(enriched.entities, case.gold)


def _date_passes(case: ds.Case[DateGold], enriched: EnrichedArticle | None) -> bool:
    return enriched is not None and date_case_passes(enriched.entities, case.gold)


def _seed_rows(loaded: ds.Loaded[ds.SeedGold], outputs: Enriched) -> list[Row]:
    case = loaded.cases[0]
    enriched = outputs.get(case.id)
    rows = []
    for level, target in (("must", 1.0), ("should", 0.8)):
        results = check_gold(enriched, case.gold.facts, {level}) if enriched else []
        passed = sum(result.passed for result in results)
        share = passed / len(results) if results else 0.0
        rows.append(
            Row(
                measure=f"Seed: {level} items",
                data=case.group,
                cases=len(results),
                score=f"{passed}/{len(results)} ({share:.0%})",
                target="all" if target == 1.0 else f"≥ {target:.0%}",
                met=bool(results) and share >= target,
                details={
                    "failed": [
                        {"kind": r.kind, "description": r.description, "reason": r.reason}
                        for r in results
                        if not r.passed
                    ]
                },
            )
        )
    return rows


# ---------------------------------------------------------------- the sets


@dataclass(frozen=True, slots=True)
class EvalSet:
    name: str
    load: Callable[[], ds.Loaded[Any]]
    rows: Callable[[ds.Loaded[Any], Enriched], list[Row]]


def _numbers() -> ds.Loaded[NumberGold]:
    root = ds.eval_dir() / "numbers"
    parts = [
        ds.load_duckling_numerals(root / "duckling/Numeral_AR_Corpus.jsonl", "ar"),
        ds.load_duckling_numerals(root / "duckling/Numeral_AR_EG_Corpus.jsonl", "ar"),
        ds.load_duckling_numerals(root / "duckling/Numeral_EN_Corpus.jsonl", "en"),
        ds.load_duckling_money(root / "duckling/AmountOfMoney_AR_Corpus.jsonl", "ar"),
        ds.load_duckling_money(root / "duckling/AmountOfMoney_EN_Corpus.jsonl", "en"),
        ds.load_num2words(root / "num2words/num2words_ar_cases.jsonl", "ar"),
        ds.load_num2words(root / "num2words/num2words_en_cases.jsonl", "en"),
    ]
    return _merge(parts)


def _dates() -> ds.Loaded[DateGold]:
    root = ds.eval_dir() / "numbers"
    parts = [
        ds.load_dateparser(root / "dateparser/dateparser_ar_cases.jsonl"),
        ds.load_duckling_time(root / "duckling/Time_AR_Corpus.jsonl", "ar"),
        ds.load_duckling_time(root / "duckling/Time_EN_Corpus.jsonl", "en"),
    ]
    return _merge(parts)


def _merge(parts: Sequence[ds.Loaded[GoldT]]) -> ds.Loaded[GoldT]:
    merged: ds.Loaded[GoldT] = ds.Loaded()
    for part in parts:
        merged.cases.extend(part.cases)
        merged.exclusions.update(part.exclusions)
    return merged


EVAL_SETS = (
    EvalSet(
        "ner-ar",
        lambda: ds.load_tagged_sentences(
            ds.eval_dir() / "ar/anercorp_test.txt", "ar", "ar/anercorp_test.txt"
        ),
        _ner_rows("Arabic NER", 0.75, NER_LABELS, token_level=True),
    ),
    EvalSet(
        "ner-en",
        lambda: ds.load_tagged_sentences(
            ds.eval_dir() / "en/conll2003_test.txt", "en", "en/conll2003_test.txt"
        ),
        _ner_rows("English NER", 0.85, NER_LABELS, token_level=True),
    ),
    EvalSet(
        # Development data: the one NER set our design choices may be checked against.
        "ner-en-dev",
        lambda: ds.load_tagged_sentences(
            ds.eval_dir() / "en/conll2003_dev.txt", "en", "en/conll2003_dev.txt (dev)"
        ),
        _ner_rows("English NER (dev)", None, NER_LABELS, token_level=True),
    ),
    EvalSet(
        "ner-re3d",
        lambda: ds.load_re3d(ds.eval_dir() / "en/re3d"),
        _ner_rows("Conflict NER", None, RE3D_LABELS, token_level=False),
    ),
    EvalSet("casualties", lambda: ds.load_gva(ds.eval_dir() / "en/gva"), _casualty_rows),
    EvalSet("numbers", _numbers, _value_rows("Numbers", 0.95, _number_passes)),
    EvalSet("dates", _dates, _value_rows("Dates", 0.90, _date_passes)),
    EvalSet("seed", lambda: ds.load_seed(ds.shared_dir()), _seed_rows),
)


def _limited(loaded: ds.Loaded[GoldT], limit: int | None) -> ds.Loaded[GoldT]:
    """At most `limit` cases from each group, for quick runs."""
    if limit is None:
        return loaded
    kept = [case for cases in _by_group(loaded.cases).values() for case in cases[:limit]]
    return ds.Loaded(cases=kept, exclusions=loaded.exclusions)


def run_set(eval_set: EvalSet, limit: int | None) -> SetResult:
    started = time.monotonic()
    loaded = _limited(eval_set.load(), limit)
    _progress(f"{eval_set.name}: enriching {len(loaded.cases)} cases")
    outputs, failures = enrich_cases(eval_set.name, loaded.cases)
    rows = eval_set.rows(loaded, outputs)
    seconds = time.monotonic() - started
    _progress(f"{eval_set.name}: done in {seconds:.0f}s ({failures} enrich failures)")
    extractor = next(iter(outputs.values())).extractor.model_dump() if outputs else None
    exclusions = {group: dict(counter) for group, counter in loaded.exclusions.items()}
    return SetResult(eval_set.name, rows, exclusions, failures, round(seconds, 1), extractor)


# ---------------------------------------------------------------- output


def format_table(rows: Sequence[Row]) -> str:
    header = ("measure", "data", "n", "score", "target", "met")
    lines = [
        (row.measure, row.data, str(row.cases), row.score, row.target, _met_text(row.met)) for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    rendered = [
        " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in lines
    ]
    rule = "-+-".join("-" * width for width in widths)
    title = " | ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True))
    return "\n".join([title, rule, *rendered])


def _met_text(met: bool | None) -> str:
    return "-" if met is None else ("yes" if met else "no")


def scoreboard(results: Sequence[SetResult], limit: int | None) -> dict[str, Any]:
    extractor = next((r.extractor for r in results if r.extractor), None)
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "extractor": extractor,
        "limit_per_file": limit,
        "sets": {
            result.name: {
                "seconds": result.seconds,
                "enrich_failures": result.enrich_failures,
                "exclusions": result.exclusions,
                "rows": [
                    {
                        "measure": row.measure,
                        "data": row.data,
                        "cases": row.cases,
                        "score": row.score,
                        "target": row.target,
                        "met": row.met,
                        **row.details,
                    }
                    for row in result.rows
                ],
            }
            for result in results
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m workers.evaluate.run", description=__doc__.split("\n")[0]
    )
    names = [eval_set.name for eval_set in EVAL_SETS]
    parser.add_argument("--only", nargs="+", choices=names, metavar="NAME", help=f"sets to run: {names}")
    parser.add_argument("--limit", type=int, help="at most N cases per file (quick runs)")
    parser.add_argument("--out", type=Path, default=Path("reports/scoreboard.json"))
    args = parser.parse_args(argv)

    chosen = [eval_set for eval_set in EVAL_SETS if not args.only or eval_set.name in args.only]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
        results = list(pool.map(lambda eval_set: run_set(eval_set, args.limit), chosen))
    rows = [row for result in results for row in result.rows]
    print(format_table(rows))
    board = scoreboard(results, args.limit)
    board["seconds"] = round(time.monotonic() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(board, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _progress(f"wrote {args.out} in {board['seconds']:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
