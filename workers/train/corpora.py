"""Readers for the NER training corpora, each giving sentences of (token, coarse BIO label).

Coarse labels: PERSON, ORG, LOC, MISC. Types outside the mapping become "O".
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

Sentence = list[tuple[str, str]]

REPO = Path(__file__).resolve().parents[2]

# NewsFANE fine-grained types (Alotaibi & Lee 2014). Unlisted types (generic nouns such as
# Hardware, Food, Drug, Plant, Water, Projectile, Shooting, Subarea-Facility) map to O.
NEWSFANE_MAP: dict[str, str] = {
    **dict.fromkeys(
        [
            "Politician",
            "Athlete",
            "Artist",
            "Other_PER",
            "Religious_PER",
            "Scientist",
            "Businessperson",
            "Lawyer",
            "Engineer",
            "Police",
        ],
        "PERSON",
    ),
    **dict.fromkeys(
        [
            "Government",
            "Non-Governmental",
            "Media",
            "Sports",
            "Commercial",
            "Educational",
            "Medical-Science",
            "Entertainment",
            "Religious_ORG",
        ],
        "ORG",
    ),
    **dict.fromkeys(
        [
            "Nation",
            "Population-Center",
            "State-or-Province",
            "County-or-District",
            "GPE-Cluster",
            "Continent",
            "Water-Body",
            "Land-Region-Natural",
            "Building-Grounds",
            "Airport",
            "Path",
        ],
        "LOC",
    ),
    **dict.fromkeys(["Group", "Book", "Movie", "Land", "Air", "Software"], "MISC"),
}

WOJOOD_MAP: dict[str, str] = {
    "PERS": "PERSON",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
}

CONLL_MAP: dict[str, str] = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}

RE3D_MAP: dict[str, str] = {
    "Person": "PERSON",
    "Organisation": "ORG",
    "Location": "LOC",
    "Nationality": "MISC",
}
# CC BY-NC: must not train a shipped model.
RE3D_EXCLUDED = frozenset({"BBC_Online"})


def shared_eval_dir() -> Path:
    """$EVENT_WORKER_SHARED_DIR(/eval) or ../shared/eval beside the repository."""
    env = os.environ.get("EVENT_WORKER_SHARED_DIR")
    if env:
        base = Path(env)
        return base / "eval" if (base / "eval").is_dir() else base
    return REPO.parent / "shared" / "eval"


def _blocks(path: Path, sep: str | None) -> Iterable[list[list[str]]]:
    block: list[list[str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split(sep)
            if not line.strip():
                if block:
                    yield block
                block = []
                continue
            block.append(parts)
    if block:
        yield block


def _relabel(labels: list[str], mapping: dict[str, str]) -> list[str]:
    """Map BIO/IOB1 labels through `mapping`, emitting clean BIO (a span starts with B-)."""
    out: list[str] = []
    prev_src = "O"
    for lab in labels:
        if lab == "O" or "-" not in lab:
            out.append("O")
            prev_src = "O"
            continue
        prefix, typ = lab.split("-", 1)
        coarse = mapping.get(typ)
        if coarse is None:
            out.append("O")
            prev_src = "O"
            continue
        continues = prefix == "I" and prev_src.split("-", 1)[-1] == typ and prev_src != "O"
        out.append(("I-" if continues else "B-") + coarse)
        prev_src = lab
    return out


def read_newsfane(path: Path) -> list[Sentence]:
    """Tab-separated `token<TAB>BIO-fine-type`."""
    sents: list[Sentence] = []
    for block in _blocks(path, "\t"):
        words = [p[0] for p in block]
        labels = [p[1] if len(p) > 1 else "O" for p in block]
        sents.append(list(zip(words, _relabel(labels, NEWSFANE_MAP), strict=True)))
    return sents


def _outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the longest spans first, dropping any that overlap a kept one."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def _spans_to_bio(n: int, spans: list[tuple[int, int, str]]) -> list[str]:
    labels = ["O"] * n
    for start, end, typ in _outermost(spans):
        labels[start] = "B-" + typ
        for i in range(start + 1, end):
            labels[i] = "I-" + typ
    return labels


def read_wojood(path: Path) -> list[Sentence]:
    """Space-separated `token TAG [TAG...]`, nested BIO: the outermost mapped span wins."""
    sents: list[Sentence] = []
    for block in _blocks(path, " "):
        rows = [p for p in block if p[0] != "$#$"]  # "$#$" marks a sentence end in the sample
        if not rows:
            continue
        spans: list[tuple[int, int, str]] = []
        open_spans: dict[str, int] = {}
        for i, row in enumerate(rows):
            tags = {t for t in row[1:] if t and t != "O"}
            for typ in list(open_spans):
                if f"I-{typ}" not in tags:
                    spans.append((open_spans.pop(typ), i, typ))
            for tag in tags:
                prefix, _, typ = tag.partition("-")
                if prefix == "B" or (prefix == "I" and typ not in open_spans):
                    if typ in open_spans:
                        spans.append((open_spans.pop(typ), i, typ))
                    open_spans[typ] = i
        spans += [(start, len(rows), typ) for typ, start in open_spans.items()]
        mapped = [(s, e, WOJOOD_MAP[t]) for s, e, t in spans if t in WOJOOD_MAP]
        words = [r[0] for r in rows]
        sents.append(list(zip(words, _spans_to_bio(len(words), mapped), strict=True)))
    return sents


def read_conll(path: Path) -> list[Sentence]:
    """CoNLL-2003 `word POS chunk NER` with IOB1 tags; -DOCSTART- lines are skipped."""
    sents: list[Sentence] = []
    for block in _blocks(path, " "):
        rows = [p for p in block if p[0] != "-DOCSTART-"]
        if rows:
            labels = _relabel([r[-1] for r in rows], CONLL_MAP)
            sents.append(list(zip([r[0] for r in rows], labels, strict=True)))
    return sents


def _json_lines(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# re3d spans often start with a determiner ("the Security Council", "all parties"); CoNLL's
# and the Arabic corpora's spans never do, so the determiner is moved outside the span.
_DETERMINERS = frozenset({"the", "a", "an", "all", "their", "its", "his", "her", "our", "these", "those"})


def _trim_determiners(words: list[str], labels: list[str]) -> list[str]:
    out = list(labels)
    for i, lab in enumerate(out):
        if lab.startswith("B-") and words[i].lower() in _DETERMINERS:
            out[i] = "O"
            if i + 1 < len(out) and out[i + 1] == "I-" + lab[2:]:
                out[i + 1] = lab
    return out


def read_re3d(root: Path) -> list[Sentence]:
    """re3d documents with character-offset entities (confidence >= 0.5), BBC_Online excluded."""
    from workers.extract.ner_features import split_sentences, tokenize  # noqa: PLC0415 - avoid cycle at import

    sents: list[Sentence] = []
    for source in sorted(p for p in root.iterdir() if p.is_dir()):
        if source.name in RE3D_EXCLUDED:
            continue
        docs = {str(d["_id"]): str(d["text"]) for d in _json_lines(source / "documents.json")}
        by_doc: dict[str, list[tuple[int, int, str]]] = {}
        for ent in _json_lines(source / "entities.json"):
            typ = RE3D_MAP.get(str(ent["type"]))
            conf = ent.get("confidence", 1)
            if typ is None or not isinstance(conf, int | float) or conf < 0.5:
                continue
            begin, end = ent["begin"], ent["end"]
            if isinstance(begin, int) and isinstance(end, int):
                by_doc.setdefault(str(ent["documentId"]), []).append((begin, end, typ))
        for doc_id, text in docs.items():
            chars = _outermost(by_doc.get(doc_id, []))
            for sent in split_sentences(text, tokenize(text)):
                labels: list[str] = []
                for start, end in sent:
                    lab = "O"
                    for cs, ce, typ in chars:
                        if start >= cs and end <= ce:
                            first = not labels or labels[-1] == "O" or start == cs
                            lab = ("B-" if first else "I-") + typ
                            break
                    labels.append(lab)
                words = [text[s:e] for s, e in sent]
                sents.append(list(zip(words, _trim_determiners(words, labels), strict=True)))
    return sents
