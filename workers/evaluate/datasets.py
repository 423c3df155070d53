"""Loaders for the evaluation sets in ../shared/eval: each turns one file format into cases.

A case is one article to enrich (id, text, published_at, language) plus the gold answer the
scorer compares with. Rows that our output contract cannot express are not turned into cases;
each loader counts them per exclusion rule so the scoreboard can report them.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from workers.evaluate.scoring import CasualtyGold, DateGold, NumberGold, Span, spans_from_tags

GoldT = TypeVar("GoldT")

DUCKLING_REFERENCE_TIME = "2013-02-12T04:30:00"
SEED_PUBLISHED_AT = "2025-04-30"

# re3d types and CoNLL/ANERcorp labels, mapped onto the scoreboard's PERS/ORG/LOC/MISC.
RE3D_TYPES = {"Person": "PERS", "Organisation": "ORG", "Location": "LOC"}
RE3D_MIN_CONFIDENCE = 0.5
GOLD_LABELS = {"PER": "PERS", "PERS": "PERS", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


@dataclass(frozen=True, slots=True)
class Case(Generic[GoldT]):
    id: str
    text: str
    language: str
    published_at: str | None
    gold: GoldT
    group: str  # the file (or row of the scoreboard) the case comes from


@dataclass(slots=True)
class Loaded(Generic[GoldT]):
    cases: list[Case[GoldT]] = field(default_factory=list)
    # group → exclusion rule → how many rows it left out
    exclusions: dict[str, Counter[str]] = field(default_factory=dict)

    def exclude(self, group: str, rule: str) -> None:
        self.exclusions.setdefault(group, Counter())[rule] += 1

    def groups(self) -> list[str]:
        seen = dict.fromkeys([c.group for c in self.cases] + list(self.exclusions))
        return list(seen)


def shared_dir() -> Path:
    configured = os.environ.get("EVENT_WORKER_SHARED_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2].parent / "shared"


def eval_dir() -> Path:
    return shared_dir() / "eval"


def _json_lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8-sig") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                assert isinstance(row, dict)  # noqa: S101 -- every row of these files is an object
                yield row


# ---------------------------------------------------------------- token-tagged NER files


def load_tagged_sentences(path: Path, language: str, group: str) -> Loaded[list[Span]]:
    """`token ... TAG` per line, blank line between sentences; -DOCSTART- lines are skipped.

    The text is the tokens joined by single spaces, so gold spans are character offsets into it.
    """
    loaded: Loaded[list[Span]] = Loaded()
    for number, sentence in enumerate(_sentences(path)):
        tokens = [token for token, _ in sentence]
        tags = [_gold_tag(tag) for _, tag in sentence]
        loaded.cases.append(
            Case(
                id=f"{group}-{number:05d}",
                text=" ".join(tokens),
                language=language,
                published_at=None,
                gold=spans_from_tags(tokens, tags),
                group=group,
            )
        )
    return loaded


def _sentences(path: Path) -> Iterator[list[tuple[str, str]]]:
    sentence: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            columns = line.split()
            if columns and columns[0] == "-DOCSTART-":
                continue
            if not columns:
                if sentence:
                    yield sentence
                sentence = []
                continue
            sentence.append((columns[0], columns[-1]))
    if sentence:
        yield sentence


def _gold_tag(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    return f"{prefix}-{GOLD_LABELS.get(label, label)}"


# ---------------------------------------------------------------- re3d


def load_re3d(root: Path) -> Loaded[list[Span]]:
    """One case per re3d document; gold = Person/Organisation/Location with confidence ≥ 0.5."""
    loaded: Loaded[list[Span]] = Loaded()
    group = "en/re3d"
    for source in sorted(p for p in root.iterdir() if p.is_dir()):
        texts = {row["_id"]: row["text"] for row in _json_lines(source / "documents.json")}
        gold: dict[str, set[Span]] = {doc_id: set() for doc_id in texts}
        for row in _json_lines(source / "entities.json"):
            label = RE3D_TYPES.get(row["type"])
            if label is None:
                loaded.exclude(group, "annotation of another type (Nationality, Temporal, Weapon…)")
            elif row["confidence"] < RE3D_MIN_CONFIDENCE:
                loaded.exclude(group, "annotation with confidence < 0.5")
            elif texts[row["documentId"]][row["begin"] : row["end"]] != row["value"]:
                loaded.exclude(group, "annotation whose offsets do not match its value in the text")
            else:
                gold[row["documentId"]].add(Span(row["begin"], row["end"], label))
        for doc_id, text in texts.items():
            loaded.cases.append(
                Case(
                    id=f"re3d-{source.name}-{doc_id}",
                    text=text,
                    language="en",
                    published_at=None,
                    gold=sorted(gold[doc_id]),
                    group=group,
                )
            )
    return loaded


# ---------------------------------------------------------------- GVA casualties


def load_gva(root: Path) -> Loaded[CasualtyGold]:
    loaded: Loaded[CasualtyGold] = Loaded()
    articles = json.loads((root / "X_val.json").read_text(encoding="utf-8"))
    labels = json.loads((root / "y_val.json").read_text(encoding="utf-8"))
    for number, (article, label) in enumerate(zip(articles, labels, strict=True)):
        if not article["text"].strip():
            loaded.exclude("en/gva", "empty article text")
            continue
        loaded.cases.append(
            Case(
                id=f"gva-{number:04d}",
                text=article["text"],
                language="en",
                published_at=article.get("publish_date") or None,
                gold=CasualtyGold(killed=int(label["n_killed"]), wounded=int(label["n_injured"])),
                group="en/gva",
            )
        )
    return loaded


# ---------------------------------------------------------------- numbers

# Duckling names these with ISO codes; generic names (Dollar, Pound, Dinar, Riyal, Rial) do not
# say which currency, so only the amount is checked for them.
_ISO_CURRENCY = re.compile(r"^[A-Z]{3}$")
_MONEY_EXPR = re.compile(r"^(simple|between|under|above) (\w+) \(?([-\d.e]+)(?:, ([-\d.e]+)\))?$")
_HASKELL_ESCAPE = re.compile(r"\\x([0-9a-fA-F]+)|\\&|\\(.)")


def unescape_haskell(text: str) -> str:
    """Duckling's corpora are Haskell string literals: `\\x00a3\\&10` is `£10`."""

    def replace(match: re.Match[str]) -> str:
        if match.group(1):
            return chr(int(match.group(1), 16))
        return match.group(2) or ""

    return _HASKELL_ESCAPE.sub(replace, text)


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() and "." not in text and "e" not in text else value


def load_duckling_numerals(path: Path, language: str) -> Loaded[NumberGold]:
    loaded: Loaded[NumberGold] = Loaded()
    group = f"numbers/duckling/{path.name}"
    for number, row in enumerate(_json_lines(path)):
        loaded.cases.append(
            Case(
                id=f"{path.stem}-{number:04d}",
                text=unescape_haskell(row["text"]),
                language=language,
                published_at=DUCKLING_REFERENCE_TIME,
                gold=NumberGold(value=row["value"]),
                group=group,
            )
        )
    return loaded


def load_duckling_money(path: Path, language: str) -> Loaded[NumberGold]:
    loaded: Loaded[NumberGold] = Loaded()
    group = f"numbers/duckling/{path.name}"
    for number, row in enumerate(_json_lines(path)):
        match = _MONEY_EXPR.match(row["value_expr"])
        if match is None:
            loaded.exclude(group, "value_expr not of the form simple/between/under/above CURRENCY AMOUNT")
            continue
        _, unit, low, high = match.groups()
        amount, amount_end = _number(low), _number(high) if high else None
        if unit == "Cent":  # duckling counts cents; our amounts are in the currency's main unit
            amount = amount / 100
            amount_end = amount_end / 100 if amount_end is not None else None
        loaded.cases.append(
            Case(
                id=f"{path.stem}-{number:04d}",
                text=unescape_haskell(row["text"]),
                language=language,
                published_at=DUCKLING_REFERENCE_TIME,
                gold=NumberGold(
                    value=amount,
                    value_end=amount_end,
                    currency=unit if _ISO_CURRENCY.match(unit) else None,
                ),
                group=group,
            )
        )
    return loaded


def load_num2words(path: Path, language: str) -> Loaded[NumberGold]:
    """Used in reverse: the expected words are the text, the number is the gold value.

    Kept: `to` cardinal (or absent: num2words' default is cardinal) → any number entity with the
    value; `to` ordinal/ordinal_num → an ORDINAL entity with the value. Left out: currency rows
    (num2words' own amount-and-cents phrasing with a test-chosen currency) and year rows (a
    year reading is a date, not a number).
    """
    loaded: Loaded[NumberGold] = Loaded()
    group = f"numbers/num2words/{path.name}"
    for number, row in enumerate(_json_lines(path)):
        kind = row.get("to") or "cardinal"
        if kind not in ("cardinal", "ordinal", "ordinal_num"):
            loaded.exclude(group, f"to={kind}: not a words-to-number case")
            continue
        loaded.cases.append(
            Case(
                id=f"{path.stem}-{number:04d}",
                text=row["expected"],
                language=language,
                published_at=None,
                gold=NumberGold(value=row["number"], ordinal=kind != "cardinal"),
                group=group,
            )
        )
    return loaded


# ---------------------------------------------------------------- dates

_DATETIME_EXPR = re.compile(r"^datetime \((\d+), (\d+), (\d+), \d+, \d+, \d+\) (\w+)$")
_GRAIN_LENGTH = {"Year": 4, "Month": 7, "Day": 10}
_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_AR_MONTHS = (
    "يناير|فبراير|مارس|أبريل|ابريل|إبريل|مايو|يونيو|يونيه|يوليو|يوليه|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|"
    "نوفمبر|ديسمبر|كانون|شباط|آذار|اذار|نيسان|أيار|ايار|حزيران|تموز|آب|أيلول|ايلول|تشرين"
)
_MONTH = re.compile(rf"\b(?:{_MONTHS})(?![a-z])\.?|{_AR_MONTHS}", re.IGNORECASE)
_DAY_ORDINALS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
    r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth"
)
_DAY = re.compile(rf"(?<![\d٠-٩])[\d٠-٩]{{1,2}}(?:st|nd|rd|th)?(?![\d٠-٩])|\b(?:{_DAY_ORDINALS})\b", re.I)
_YEAR = re.compile(r"(?<![\d٠-٩])[12١٢][\d٠-٩]{3}(?![\d٠-٩])")
_NUMERIC_DAY_MONTH = re.compile(r"(?<![\d٠-٩:])[\d٠-٩]{1,2}\s*[/.-]\s*[\d٠-٩]{1,2}(?![\d٠-٩:])")
_RELATIVE = re.compile(
    r"\b(?:next|last|this|coming|past|previous|ago|tomorrow|yesterday|today|tonight|now|after|"
    r"before|since|until|till|within|from now|hence|later|earlier|upcoming|back|closest|"
    r"in (?:\d+|an?|one|two|three) (?:sec|min|hour|day|week|month|year|yr))",
    re.IGNORECASE,
)
_AR_RELATIVE = re.compile(
    "غدا|غداً|بكرة|أمس|امس|البارحة|اليوم|الان|الآن|القادم|القادمة|المقبل|المقبلة|الماضي|الماضية|"
    "السابق|التالي|الجاي|هذا|هذه|بعد|قبل|منذ|خلال|اخر|آخر|أخر"
)
_WEEKDAY = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\.?$|^(?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)$|^(?:ال|يوم)?(?:[اإ]ثنين|ثلاثاء|[اأ]ربعاء?|خميس|جمعة|سبت|[اأ]حد)$",
    re.IGNORECASE,
)
_ORDINAL_WORD = re.compile(
    r"^(?:first|second|third|fourth|fifth|last|\d+(?:st|nd|rd|th))$|^(?:ال)?(?:[أا]ول|ثاني|ثان|ثالث|رابع|خامس)ة?$",
    re.IGNORECASE,
)


def states_absolute_date(text: str) -> bool:
    """The text itself states the date: a year, or a day with its month; nothing relative.

    Decided from the case text alone (never from our output): a relative word (next, last,
    ago, tomorrow, بعد, الماضي…) or an nth weekday ("first tuesday of october") rules a case
    out; otherwise it needs a four-digit year, or a month name with a day number, or a numeric
    day/month such as 2/15.
    """
    if _RELATIVE.search(text) or _AR_RELATIVE.search(text) or _nth_weekday(text):
        return False
    if _YEAR.search(text) or _NUMERIC_DAY_MONTH.search(text):
        return True
    return bool(_MONTH.search(text) and _DAY.search(_MONTH.sub(" ", text)))


def _nth_weekday(text: str) -> bool:
    """ "third tuesday of september", "ثاني اربعاء": the date is computed, not stated."""
    words = [word for word in re.findall(r"\w+\.?", text) if word not in ("day", "يوم")]
    for index, word in enumerate(words):
        if _WEEKDAY.match(word):
            nearby = words[max(0, index - 1) : index] + words[index + 1 : index + 2]
            if any(_ORDINAL_WORD.match(other) for other in nearby):
                return True
    return False


def load_duckling_time(path: Path, language: str) -> Loaded[DateGold]:
    loaded: Loaded[DateGold] = Loaded()
    group = f"numbers/duckling/{path.name}"
    for number, row in enumerate(_json_lines(path)):
        expr: str = row["value_expr"]
        text = unescape_haskell(row["text"])
        rule = _time_exclusion(expr, text)
        if rule:
            loaded.exclude(group, rule)
            continue
        match = _DATETIME_EXPR.match(expr)
        assert match is not None  # noqa: S101 -- _time_exclusion let only this shape through
        year, month, day, grain = match.groups()
        iso = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"[: _GRAIN_LENGTH[grain]]
        loaded.cases.append(
            Case(
                id=f"{path.stem}-{number:04d}",
                text=text,
                language=language,
                published_at=DUCKLING_REFERENCE_TIME,
                gold=DateGold(value=iso),
                group=group,
            )
        )
    return loaded


def _time_exclusion(expr: str, text: str) -> str | None:
    match = _DATETIME_EXPR.match(expr)
    grain = match.group(4) if match else ""
    rules = (
        (
            expr.startswith(("datetimeHoliday", "datetimeIntervalHoliday")),
            "holiday: the date comes from a holiday calendar, the text does not state it",
        ),
        (
            expr.startswith(("datetimeInterval", "datetimeOpenInterval")),
            "interval or open interval (from/until/after): not a single date",
        ),
        (match is None, "value_expr not a single datetime (negative year, or a malformed row)"),
        (
            grain in ("Hour", "Minute", "Second"),
            "time of day (grain finer than a day): the contract has no times",
        ),
        (grain not in _GRAIN_LENGTH, f"grain {grain}: no ISO partial-date form in the contract"),
        (not states_absolute_date(text), "relative to the reference time: the text does not state the date"),
    )
    return next((rule for applies, rule in rules if applies), None)


_TRANSLATED_DATE = re.compile(rf"^(\d{{1,2}}) ({_MONTHS}) (\d{{4}})\b", re.IGNORECASE)
_MONTH_NUMBER = {
    name: index
    for index, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip


def load_dateparser(path: Path) -> Loaded[DateGold]:
    """dateparser's Arabic test rows; each test function stores its expected value differently.

    Kept: test_translation (English translation gives the date), test_search_and_parse (one
    case per date found in the text), test_hijri rows whose text marks the Hijri calendar (هـ).
    """
    loaded: Loaded[DateGold] = Loaded()
    group = f"numbers/dateparser/{path.name}"
    for number, row in enumerate(_json_lines(path)):
        for index, (text, iso, published_at) in enumerate(_dateparser_cases(row)):
            loaded.cases.append(
                Case(
                    id=f"{path.stem}-{number:04d}-{index}",
                    text=text,
                    language="ar",
                    published_at=published_at,
                    gold=DateGold(value=iso),
                    group=group,
                )
            )
        rule = _dateparser_exclusion(row)
        if rule:
            loaded.exclude(group, rule)
    return loaded


def _dateparser_cases(row: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    test, args, kwargs = row["test"], row["args"], row["kwargs"]
    if _dateparser_exclusion(row):
        return []
    if test == "test_translation":
        match = _TRANSLATED_DATE.match(args[2])
        assert match is not None  # noqa: S101 -- _dateparser_exclusion checked the shape
        day, month, year = match.groups()
        return [(args[1], f"{year}-{_MONTH_NUMBER[month.lower()]:02d}-{int(day):02d}", None)]
    if test == "test_search_and_parse":
        base = kwargs.get("settings", {}).get("RELATIVE_BASE")
        return [(args[1], found[1][:10], base) for found in args[2]]
    return [(kwargs["dt_string"].strip(), kwargs["dt_obj"][:10], None)]


_DATEPARSER_KEPT_TESTS = ("test_translation", "test_search_and_parse", "test_datetime_parsing")
_DATEPARSER_LEFT_OUT = {
    "test_freshness_translation": "relative expression (ago, yesterday, N days)",
    "test_search_date_string": "no expected value (its text repeats a test_translation row)",
    "test_date_search_function": "not Arabic (French)",
}


def _dateparser_exclusion(row: dict[str, Any]) -> str | None:
    test, args, kwargs = row["test"], row["args"], row["kwargs"]
    if test == "test_translation" and _TRANSLATED_DATE.match(args[2]) is None:
        return "translation without a day-month-year date"
    if test == "test_search_and_parse" and args[0] != "ar":
        return "not Arabic"
    if test == "test_datetime_parsing" and "هـ" not in kwargs["dt_string"]:  # test_hijri.py
        return "Hijri date without the هـ marker: the calendar is a test argument, not in the text"
    if test in _DATEPARSER_KEPT_TESTS:
        return None
    return _DATEPARSER_LEFT_OUT.get(test, f"{test}: tests tokenising or language detection, no expected date")


# ---------------------------------------------------------------- seed


@dataclass(frozen=True, slots=True)
class SeedGold:
    facts: dict[str, Any]


def load_seed(shared: Path) -> Loaded[SeedGold]:
    gold = json.loads((shared / "gold" / "seed_000.json").read_text(encoding="utf-8"))
    article = gold["article"]
    text = (shared / article["file"]).read_text(encoding="utf-8")
    case = Case(
        id="seed_000",
        text=text,
        language=article.get("language", "ar"),
        published_at=article.get("published_at", SEED_PUBLISHED_AT),
        gold=SeedGold(gold),
        group="gold/seed_000.json",
    )
    return Loaded(cases=[case])
