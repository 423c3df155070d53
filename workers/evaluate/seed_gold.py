"""Generic matcher for gold files shaped like ../shared/gold/seed_000.json.

Every gold item (event, entity, date or number) becomes one GoldItemResult. An event item
passes when some extracted event of the same type satisfies every field the item gives;
the reason lists what the closest candidate missed. Items without a level count as "must".

Two fields are matched through a documented interpretation:
- claimant: with a claimant_country, the event's claimant must carry exactly that
  canonical name and country. Without one (a group such as "US, South Korean and
  Ukrainian intelligence sources"), the gazetteer reads the countries named in the gold
  text; the event needs a claimant with a surface text, and claimant-role actors that
  cover every one of those countries.
- from_country / to_country: the event's location is in from_country and a
  destination-role actor is in to_country.
Entity types are the entity's, not the mention's: a nationality adjective (NORP mention,
"أمريكية") linked to a country counts as a mention of that GPE.

Other fields are literal: counts compare Quantity.low (value or min) with the gold number;
date/date_start/date_end are prefixes of the event time's start/end; every "..."-separated
evidence fragment must lie in the event's evidence sentence (after normalization); a
listed surface is covered when some occurrence of it contains, or lies inside, a mention
of the entity. Number mentions carry no qualifier, so a gold "approx" is read from an
event quantity of the same amount.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from schemas.models import EnrichedArticle, EntityMention, EventRecord, Quantity
from workers.extract.gazetteer import Gazetteer
from workers.extract.normalize import normalize, normalize_text

_COUNT_FIELDS = ("killed", "wounded", "missing", "captured", "total")


@dataclass(frozen=True, slots=True)
class GoldItemResult:
    level: str
    kind: str
    description: str
    passed: bool
    reason: str


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return Gazetteer()


def _countries_named(text: str) -> set[str]:
    normalized = normalize_text(text)
    matches = _gazetteer().find(normalized.text, normalized.original, normalized.origin)
    return {m.entry.country for m in matches if m.entry.country and m.entry.type == "GPE"}


def _roles(event: EventRecord, role: str) -> list[str]:
    return [a.country for a in event.actors if a.role == role and a.country]


def _same_number(quantity: Quantity | None, expected: float) -> bool:
    return quantity is not None and quantity.low == expected


def _comparable_name(name: str) -> str:
    return " ".join(normalize(name).replace("defense", "defence").split())


def _actor_failures(event: EventRecord, item: dict[str, Any]) -> list[str]:
    failures = []
    for key, role in (
        ("victim_country", "victim"), ("actor_country", "actor"), ("destination_country", "destination"),
        ("target_country", "target"),
    ):  # fmt: skip
        if key in item and item[key] not in _roles(event, role):
            failures.append(f"no {role} actor in {item[key]} (have {_roles(event, role)})")
    parties = set(_roles(event, "party"))
    if not set(item.get("parties", [])) <= parties:
        failures.append(f"parties {sorted(parties)} lack {item['parties']}")
    names = {a.name for a in event.actors}
    failures += [f"person {p!r} not among actors" for p in item.get("persons", []) if p not in names]
    actor_names = [a.name for a in event.actors if a.role == "actor"]
    if "actor" in item and item["actor"] not in actor_names:
        failures.append(f"actor {item['actor']!r} not in {actor_names}")
    if "via" in item and item["via"] not in names | ({event.claimant.name} if event.claimant else set()):
        failures.append(f"via {item['via']!r} not among actors or claimant")
    if "from_country" in item:
        have = event.location.country if event.location else None
        if have != item["from_country"]:
            failures.append(f"location country {have} != {item['from_country']}")
    if "to_country" in item and item["to_country"] not in _roles(event, "destination"):
        failures.append(f"no destination in {item['to_country']}")
    return failures


def _amount_failures(event: EventRecord, item: dict[str, Any]) -> list[str]:
    failures = []
    counts = event.counts
    for key in _COUNT_FIELDS:
        have = getattr(counts, key) if counts is not None else None
        if key in item and not _same_number(have, item[key]):
            failures.append(f"{key} {item[key]} != {have.low if have else None}")
    if "min" in item or "max" in item:
        people = counts.people if counts is not None else None
        have_range = (people.min, people.max) if people is not None else None
        if have_range != (item.get("min"), item.get("max")):
            failures.append(f"people range {have_range} != {(item.get('min'), item.get('max'))}")
    if "money" in item:
        expected, money = item["money"], event.money
        if money is None:
            return [*failures, "no money"]
        if money.currency != expected["currency"]:
            failures.append(f"currency {money.currency} != {expected['currency']}")
        if money.amount.low != expected["min"]:
            failures.append(f"amount {money.amount.low} != {expected['min']}")
        if "approx" in expected and money.amount.approx != expected["approx"]:
            failures.append(f"approx {money.amount.approx} != {expected['approx']}")
    return failures


def _event_failures(event: EventRecord, item: dict[str, Any]) -> list[str]:
    failures = _actor_failures(event, item) + _amount_failures(event, item)
    if "cumulative" in item and event.cumulative != item["cumulative"]:
        failures.append(f"cumulative {event.cumulative} != {item['cumulative']}")
    failures += _claimant_failures(event, item)
    failures += _time_failures(event, item)
    if "name" in item and (
        event.name is None or _comparable_name(event.name) != _comparable_name(item["name"])
    ):
        failures.append(f"name {event.name!r} != {item['name']!r}")
    if "evidence" in item:
        sentence = normalize(event.evidence.sentence)
        fragments = [normalize(part).strip() for part in item["evidence"].split("...")]
        missing = [part for part in fragments if part and part not in sentence]
        if missing:
            failures.append(f"evidence sentence lacks {missing}")
    return failures


def _claimant_failures(event: EventRecord, item: dict[str, Any]) -> list[str]:
    if "claimant" not in item:
        return []
    claimant = event.claimant
    if claimant is None:
        return ["no claimant"]
    if "claimant_country" in item:
        failures = []
        if claimant.name != item["claimant"]:
            failures.append(f"claimant {claimant.name!r} != {item['claimant']!r}")
        if claimant.country != item["claimant_country"]:
            failures.append(f"claimant country {claimant.country} != {item['claimant_country']}")
        return failures
    expected = _countries_named(item["claimant"])
    have = set(_roles(event, "claimant"))
    if not claimant.text or not expected or not expected <= have:
        return [f"claimant group countries {sorted(have)} lack {sorted(expected)}"]
    return []


def _time_failures(event: EventRecord, item: dict[str, Any]) -> list[str]:
    wanted = {k: item[k] for k in ("date", "date_start", "date_end", "date_text") if k in item}
    if not wanted:
        return []
    time = event.time
    if time is None:
        return ["no time"]
    failures = []
    if "date" in wanted and not (time.start or "").startswith(wanted["date"]):
        failures.append(f"time {time.start} != {wanted['date']}")
    if "date_start" in wanted and not (time.start or "").startswith(wanted["date_start"]):
        failures.append(f"time start {time.start} != {wanted['date_start']}")
    if "date_end" in wanted and not (time.end or "").startswith(wanted["date_end"]):
        failures.append(f"time end {time.end} != {wanted['date_end']}")
    if "date_text" in wanted:
        have, gold = normalize(time.text or ""), normalize(wanted["date_text"])
        if not have or not (have in gold or gold in have):
            failures.append(f"time text {time.text!r} vs {wanted['date_text']!r}")
    return failures


def _check_event(enriched: EnrichedArticle, item: dict[str, Any]) -> tuple[bool, str]:
    candidates = [e for e in enriched.events if e.event_type == item["type"]]
    if not candidates:
        return False, f"no {item['type']} event"
    failures = min((_event_failures(e, item) for e in candidates), key=len)
    return not failures, "; ".join(failures) or "matched"


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(surface)
    while start >= 0:
        spans.append((start, start + len(surface)))
        start = text.find(surface, start + 1)
    return spans


def _covers(mention: EntityMention, span: tuple[int, int]) -> bool:
    """A mention covers a surface occurrence when either lies inside the other."""
    inside = span[0] <= mention.start and mention.end <= span[1]
    around = mention.start <= span[0] and span[1] <= mention.end
    return inside or around


def _check_entity(enriched: EnrichedArticle, item: dict[str, Any]) -> tuple[bool, str]:
    mentions = [m for m in enriched.entities if m.canonical_name == item["name"]]
    if not mentions:
        return False, f"no mention of {item['name']!r}"
    failures = []
    types = {"GPE" if m.type == "NORP" and m.country else m.type for m in mentions}
    if item["type"] not in types:
        failures.append(f"no mention typed {item['type']} (have {sorted(types)})")
    if "country" in item and not any(m.country == item["country"] for m in mentions):
        failures.append(f"country != {item['country']}")
    if item.get("wikidata") and not any(m.wikidata_id == item["wikidata"] for m in mentions):
        failures.append(f"wikidata != {item['wikidata']}")
    for surface in item.get("surface", []):
        spans = _occurrences(enriched.text, surface)
        if not spans:
            failures.append(f"surface {surface!r} not in the text")
        elif not any(_covers(m, span) for m in mentions for span in spans):
            failures.append(f"surface {surface!r} not covered")
    return not failures, "; ".join(failures) or "matched"


def _mentions_at(enriched: EnrichedArticle, surface: str, kinds: tuple[str, ...]) -> list[EntityMention]:
    spans = _occurrences(enriched.text, surface)
    return [
        m
        for m in enriched.entities
        if m.type in kinds and any(m.start < end and start < m.end for start, end in spans)
    ]


def _check_date(enriched: EnrichedArticle, item: dict[str, Any]) -> tuple[bool, str]:
    mentions = _mentions_at(enriched, item["text"], ("DATE",))
    for mention in mentions:
        if "value" in item and mention.value == item["value"]:
            return True, "matched"
        if "start" in item and mention.value == item["start"] and mention.value_end == item.get("end"):
            return True, "matched"
    have = [(m.text, m.value, m.value_end) for m in mentions]
    return False, f"no DATE mention with the gold value (have {have})"


def _check_number(enriched: EnrichedArticle, item: dict[str, Any]) -> tuple[bool, str]:
    mentions = _mentions_at(enriched, item["text"], ("CARDINAL", "QUANTITY", "MONEY"))
    for mention in mentions:
        if "value" in item and mention.value == item["value"]:
            return True, "matched"
        if "min" not in item:
            continue
        same_range = mention.value == item["min"] and mention.value_end == item.get("max")
        if not same_range or ("currency" in item and mention.unit != item["currency"]):
            continue
        if "approx" in item and not _approx_stated(enriched, item["min"], item["approx"]):
            continue
        return True, "matched"
    have = [(m.text, m.value, m.value_end, m.unit) for m in mentions]
    return False, f"no number mention with the gold value (have {have})"


def _approx_stated(enriched: EnrichedArticle, amount: float, approx: str) -> bool:
    """Mentions carry no qualifier, so it is read from the events' quantities of that amount."""
    quantities: list[Quantity] = []
    for event in enriched.events:
        if event.money is not None:
            quantities.append(event.money.amount)
        quantities += _quantities(event)
    return any(q.low == amount and q.approx == approx for q in quantities)


def _quantities(event: EventRecord) -> list[Quantity]:
    counts = event.counts
    if counts is None:
        return []
    values = [getattr(counts, name) for name in (*_COUNT_FIELDS, "people")]
    return [q for q in values if q is not None]


_CHECKERS: dict[str, Callable[[EnrichedArticle, dict[str, Any]], tuple[bool, str]]] = {
    "events": _check_event,
    "entities": _check_entity,
    "dates": _check_date,
    "numbers": _check_number,
}


def _describe(kind: str, item: dict[str, Any]) -> str:
    if kind == "events":
        return f"{item['type']}: {item.get('evidence', '')[:60]}"
    if kind == "entities":
        return f"{item['type']} {item['name']}"
    return str(item.get("text", ""))


def check_gold(enriched: EnrichedArticle, gold: dict[str, Any], levels: set[str]) -> list[GoldItemResult]:
    """Results for every gold item whose level is in `levels`."""
    results = []
    for kind, checker in _CHECKERS.items():
        for item in gold.get(kind, []):
            level = item.get("level", "must")
            if level not in levels:
                continue
            passed, reason = checker(enriched, item)
            results.append(GoldItemResult(level, kind, _describe(kind, item), passed, reason))
    return results
