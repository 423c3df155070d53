"""Entity mentions from the gazetteer, number and date extractors, with original offsets."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import accumulate
from operator import attrgetter
from typing import NamedTuple

from schemas.models import EntityMention, EntityType
from workers.extract.dates import DateMatch
from workers.extract.gazetteer import PRIORITY_CAPITAL, GazetteerEntry, GazetteerMatch
from workers.extract.ner import NamedSpan
from workers.extract.normalize import NormalizedText
from workers.extract.numbers import NumberMatch
from workers.extract.organizations import OrganizationMatch
from workers.extract.people import PersonMatch

# A capital named for its government ("Pyongyang said") is reported as the country too,
# with less confidence than the city reading.
METONYMY_CONFIDENCE = 0.6
NISBA_CONFIDENCE = 0.9
# Organizations and people found by a head noun or title have no identity beyond their surface.
UNLISTED_CONFIDENCE = 0.7
# The statistical tagger's coarse labels; MISC is mostly nationalities and groups in news text.
_NER_TYPES: dict[str, EntityType] = {"PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "NORP"}
_NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
# Rule types that agree with each tagger label.
_AGREEING_TYPES: dict[str, frozenset[str]] = {
    "PERSON": frozenset({"PERSON"}),
    "ORG": frozenset({"ORG"}),
    "LOC": frozenset({"GPE", "LOC", "FAC"}),
    "MISC": frozenset({"NORP", "EVENT"}),
}
# An Arabic tagged token keeps its proclitics (و ب ل ك ف ال and their combinations, up to 3 letters);
# the rule name inside it does not.
_MAX_PROCLITIC = 3
# EntityMention.model_validate without its Python wrapper: the same validation, run for every mention.
_validate_mention = EntityMention.__pydantic_validator__.validate_python
# The order of the mentions: by span, then type.
_POSITION_AND_TYPE = attrgetter("start", "end", "mention.type")


class Found(NamedTuple):
    """A mention plus what the event rules need: normalized offsets and the source record.

    Built for every mention: a named tuple is cheaper to build than a frozen dataclass."""

    start: int
    end: int
    mention: EntityMention
    entry: GazetteerEntry | None = None
    number: NumberMatch | None = None
    date: DateMatch | None = None
    # False for a rule name the tagger did not confirm: events may still use it (a country named
    # as a destination), but it is not reported as an entity mention.
    reported: bool = True

    @property
    def type(self) -> EntityType:
        return self.mention.type


_PLACE_PREPOSITIONS = ("في", "in", "at", "near", "داخل", "قرب")


def _names_a_place(text: str, start: int) -> bool:
    """ "في سيول" / "in Seoul" / "بموسكو" use the city as a place, not for its government."""
    if start > 0 and text[start - 1] == "ب":
        return True
    head = text[max(0, start - 8) : start].rstrip()
    return any(
        head.endswith(word) and (len(head) == len(word) or not head[-len(word) - 1].isalnum())
        for word in _PLACE_PREPOSITIONS
    )


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    for other_start, other_end in spans:  # noqa: SIM110 - a loop is cheaper than any() over a generator
        if start < other_end and other_start < end:
            return True
    return False


def build_mentions(
    normalized: NormalizedText,
    *,
    places: list[GazetteerMatch],
    numbers: list[NumberMatch],
    dates: list[DateMatch],
    organizations: list[OrganizationMatch],
    people: list[PersonMatch],
    country_entries: dict[str, GazetteerEntry],
    named: Sequence[NamedSpan] = (),
    tagger_decides_names: bool = False,
) -> list[Found]:
    """All mentions. With `tagger_decides_names` the tagger's spans and labels decide which names
    there are, and rule names only survive inside a tagged span (to link it); otherwise rules and
    tagger are combined. Chosen per language on dev data (see docs/eval.md)."""
    found: list[Found] = []
    original, origin = normalized.original, normalized.origin

    def add(
        start: int,
        end: int,
        kind: EntityType,
        fields: dict[str, object],
        *,
        entry: GazetteerEntry | None = None,
        number: NumberMatch | None = None,
        date: DateMatch | None = None,
        reported: bool = True,
    ) -> None:
        """Validate `fields` (a fresh dict, completed in place) with the span mapped to the original,
        and add the mention."""
        # normalized.span_to_original, inlined: this runs for every mention.
        if start < end:
            original_start, original_end = origin[start], origin[end - 1] + 1
        else:
            original_start, original_end = normalized.span_to_original(start, end)
        fields["type"] = kind
        fields["text"] = original[original_start:original_end]
        fields["start"] = original_start
        fields["end"] = original_end
        mention: EntityMention = _validate_mention(fields)
        # Found's own constructor, without its Python-level argument handling.
        found.append(tuple.__new__(Found, (start, end, mention, entry, number, date, reported)))

    for date in dates:
        add(date.start, date.end, "DATE", {"value": date.value, "value_end": date.value_end}, date=date)
    date_spans = [(d.start, d.end) for d in dates]
    for number in numbers:
        if _overlaps(number.start, number.end, date_spans):
            continue
        fields: dict[str, object] = {
            "value": number.value,
            "value_end": number.value_end,
            "unit": number.unit,
        }
        add(number.start, number.end, number.kind, fields, number=number)
    person_spans = [(p.start, p.end) for p in people]
    named_spans, tagged = _normalized_tags(origin, named)
    # Generated city names carry no context: "Kent beat Surrey" are teams, and many Arabic alternate
    # names of small cities are common words (دولة، عين، هوية). With a tagger at hand, such a city
    # counts only where the tagger also reads a location. Curated entries, countries and capitals stay.
    for start, end, entry, is_nisba in places:
        if person_spans and entry.type == "LOC" and _overlaps(start, end, person_spans):
            continue  # a surname that is also a city name (أوستن)
        if named and entry.priority < PRIORITY_CAPITAL and not _overlaps(start, end, tagged["LOC"]):
            continue
        fields = {
            "canonical_name": entry.name,
            "wikidata_id": entry.wikidata_id,
            "country": entry.country,
            "confidence": NISBA_CONFIDENCE if is_nisba else 1.0,
        }
        add(start, end, "NORP" if is_nisba else entry.type, fields, entry=entry)
        if entry.capital_of is None:
            continue
        state = country_entries.get(entry.capital_of)
        if state is not None and not _names_a_place(normalized.text, start):
            fields = {
                "canonical_name": state.name,
                "wikidata_id": state.wikidata_id,
                "country": state.country,
                "confidence": METONYMY_CONFIDENCE,
            }
            add(start, end, "GPE", fields, entry=state)
    unlisted: list[tuple[EntityType, OrganizationMatch | PersonMatch]] = [
        *(("ORG", o) for o in organizations),
        *(("PERSON", p) for p in people),
    ]
    # When the tagger decides names, gazetteer names (countries, capitals, curated entities) stand on
    # their own, but unlisted names are only reported inside an agreeing tagged span.
    tagged_spans = (
        list(zip(named_spans, (s.label for s in named), strict=True))
        if tagger_decides_names and named and unlisted
        else None
    )
    for kind, match in unlisted:
        # Head-noun and title rules over-reach on their own; with a tagger, it must agree.
        if named and not _overlaps(match.start, match.end, tagged[kind]):
            continue
        original_start, original_end = normalized.span_to_original(match.start, match.end)
        surface = normalized.original[original_start:original_end]
        fields = {"canonical_name": surface, "country": match.country, "confidence": UNLISTED_CONFIDENCE}
        reported = tagged_spans is None or _inside_agreeing_tag(match.start, match.end, kind, tagged_spans)
        add(match.start, match.end, kind, fields, reported=reported)
    for start, end, kind, fields in _statistical_names(
        normalized, named, named_spans, found, clitic_tolerant=tagger_decides_names
    ):
        add(start, end, kind, fields)
    found.sort(key=_POSITION_AND_TYPE)
    return found


def _normalized_tags(
    origin: tuple[int, ...], named: Sequence[NamedSpan]
) -> tuple[list[tuple[int, int]], dict[str, list[tuple[int, int]]]]:
    """The normalized span of each tagged name, and those spans by label (persons, organisations,
    locations), mapped once for every use."""
    named_spans: list[tuple[int, int]] = []
    tagged: dict[str, list[tuple[int, int]]] = {"PERSON": [], "ORG": [], "LOC": []}
    for span in named:
        # NormalizedText.span_from_original, inlined: this runs for every tagged name.
        normalized_span = (bisect_left(origin, span.start), bisect_left(origin, span.end))
        named_spans.append(normalized_span)
        if span.label in tagged:
            tagged[span.label].append(normalized_span)
    return named_spans, tagged


def _inside_agreeing_tag(
    name_start: int, name_end: int, kind: EntityType, tagged: list[tuple[tuple[int, int], str]]
) -> bool:
    """The name lies inside a tagged span: strictly inside (a country in an organisation's name),
    or covering it but for proclitics, with a type that agrees with the tagger's label."""
    for (start, end), label in tagged:
        if not (start <= name_start and name_end <= end):
            continue
        same_extent = name_end == end and name_start - start <= _MAX_PROCLITIC
        if not same_extent or kind in _AGREEING_TYPES[label]:
            return True
    return False


def _statistical_names(
    normalized: NormalizedText,
    named: Sequence[NamedSpan],
    named_spans: list[tuple[int, int]],
    found: list[Found],
    *,
    clitic_tolerant: bool = False,
) -> list[tuple[int, int, EntityType, dict[str, object]]]:
    """Tagger spans the rules missed, as (start, end, type, fields). Where the rules found a name,
    their linked reading wins; a tagged span that encloses rule names (an organisation named after
    a country) is kept too. `named_spans` holds the normalized span of each of `named`."""
    rule_names = [(f.start, f.end) for f in found if f.reported and f.mention.type in _NAME_TYPES]
    rule_names.sort()
    exact = set(rule_names)
    # "وموسكو" tagged, "موسكو" linked by the rules: the linked reading stands for both.
    proclitic_lengths = range(1, _MAX_PROCLITIC + 1) if clitic_tolerant else range(0)
    starts = [other_start for other_start, _ in rule_names]
    ends = [other_end for _, other_end in rule_names]
    # reach[k]: the furthest end among the first k rule names, so a name starting before a span
    # and reaching into it is found by bisect instead of a scan over all rule names.
    reach = list(accumulate(ends, max, initial=-1))
    added: list[tuple[int, int, EntityType, dict[str, object]]] = []
    for span, (start, end) in zip(named, named_spans, strict=True):
        if start >= end or (start, end) in exact or any((start + k, end) in exact for k in proclitic_lengths):
            continue
        first = bisect_left(starts, start)
        if reach[first] > start:
            continue  # a rule name starts before the span and crosses into it
        # Rule names starting inside the span must also end inside it.
        if max(ends[first : bisect_left(starts, end)], default=end) > end:
            continue
        kind = _NER_TYPES[span.label]
        fields: dict[str, object] = {
            "canonical_name": normalized.original[span.start : span.end],
            "confidence": span.confidence,
        }
        added.append((start, end, kind, fields))
    return added
