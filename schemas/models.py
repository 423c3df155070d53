"""Pydantic v2 models for every message the worker reads or writes.

The JSON Schemas beside this file are generated from these models by
`event-worker schemas`; a unit test fails when they are stale.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from json.encoder import encode_basestring
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator, model_validator
from typing_extensions import TypedDict

SCHEMA_VERSION = "1.0"

EntityType = Literal[
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "DATE",
    "MONEY",
    "QUANTITY",
    "CARDINAL",
    "ORDINAL",
]
EventType = Literal["casualties", "deployment", "agreement", "arms_transfer", "statement", "attack"]
Role = Literal["actor", "target", "victim", "claimant", "party", "destination"]
Approx = Literal["exact", "about", "at_least", "at_most", "more_than", "less_than"]
# asserted: the article states it in its own voice; reported: attributed to a source.
Modality = Literal["asserted", "reported", "denied", "hypothetical"]
TimePrecision = Literal["day", "month", "season", "year"]
LocationPrecision = Literal["point", "city", "region", "country"]

CountryCode = Field(default=None, pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")
WikidataId = Field(default=None, pattern=r"^Q[1-9][0-9]*$")
# ISO 8601 calendar date cut to its precision: YYYY, YYYY-MM or YYYY-MM-DD.
PartialDate = Field(default=None, pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")


def _as_utc(value: datetime | None) -> datetime | None:
    """Naive timestamps are taken as UTC so that every output is timezone-aware."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RawArticle(BaseModel):
    """Input message value on the articles topic (UTF-8 JSON)."""

    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=False)

    id: str = Field(min_length=1, max_length=512, description="Stable article id; becomes the output key")
    text: str = Field(min_length=1, description="Full article text; entity offsets index into it")
    url: str | None = None
    source: str | None = Field(default=None, description="Publisher or feed name")
    title: str | None = None
    language: str | None = Field(
        default=None, pattern=r"^[a-z]{2,3}$", description="ISO 639-1 hint; detected when absent"
    )
    published_at: datetime | None = Field(
        default=None, description="Publication time; relative dates resolve against it"
    )
    fetched_at: datetime | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    @field_validator("id", "text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("published_at", "fetched_at")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return _as_utc(value)


class Quantity(_Frozen):
    """A number as the text gives it: exact, approximate, bounded or a range."""

    value: int | float | None = None
    min: int | float | None = None
    max: int | float | None = None
    approx: Approx = "exact"
    text: str | None = Field(default=None, description="Surface text the quantity was read from")

    @model_validator(mode="after")
    def _value_or_range(self) -> Quantity:
        if self.value is None and self.min is None and self.max is None:
            raise ValueError("a quantity needs a value or a min/max range")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min must not exceed max")
        return self

    @property
    def low(self) -> int | float:
        """Smallest number the quantity allows, for comparisons."""
        for candidate in (self.value, self.min, self.max):
            if candidate is not None:
                return candidate
        raise AssertionError("unreachable: validated to hold a number")


class Money(_Frozen):
    amount: Quantity
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217")


class Actor(_Frozen):
    role: Role
    name: str = Field(description="Canonical English name, or the surface text when unknown")
    entity_type: EntityType | None = None
    country: str | None = CountryCode
    wikidata_id: str | None = WikidataId
    text: str | None = Field(default=None, description="Surface text in the article")


class Counts(_Frozen):
    killed: Quantity | None = None
    wounded: Quantity | None = None
    missing: Quantity | None = None
    captured: Quantity | None = None
    total: Quantity | None = Field(default=None, description="All losses together, when the text gives a sum")
    people: Quantity | None = Field(default=None, description="People involved, e.g. troops deployed")


class Location(_Frozen):
    name: str
    country: str | None = CountryCode
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    geonames_id: int | None = None
    wikidata_id: str | None = WikidataId
    precision: LocationPrecision | None = None


class TimeSpan(_Frozen):
    start: str | None = PartialDate
    end: str | None = PartialDate
    precision: TimePrecision
    text: str | None = None


class Evidence(_Frozen):
    sentence: str
    start: int = Field(ge=0, description="Character offset of the sentence in the article text")
    end: int = Field(ge=0)


class EntityMention(_Frozen):
    type: EntityType
    text: str
    start: int = Field(ge=0, description="Character offset into the article text")
    end: int = Field(ge=0)
    canonical_name: str | None = None
    wikidata_id: str | None = WikidataId
    country: str | None = CountryCode
    value: int | float | str | None = Field(
        default=None, description="Normalized number or amount, or ISO date (start of a range)"
    )
    value_end: int | float | str | None = Field(default=None, description="End of a range")
    unit: str | None = Field(default=None, description="ISO 4217 currency for MONEY")
    confidence: float = Field(default=1.0, ge=0, le=1)


class EventContent(TypedDict):
    """The fields of an event that its id hashes: all but provenance and confidence."""

    event_type: EventType
    actors: tuple[Actor, ...]
    counts: Counts | None
    money: Money | None
    location: Location | None
    time: TimeSpan | None
    cumulative: bool | None
    claimant: Actor | None
    modality: Modality
    negated: bool
    name: str | None
    evidence: Evidence


# An event's canonical JSON for its id, serialized in one call in schema field order.
_EVENT_CONTENT = TypeAdapter(EventContent)


class EventRecord(_Frozen):
    """One extracted event; value of the events topic, keyed by event_id."""

    schema_version: str = SCHEMA_VERSION
    event_id: str = Field(description="Hash of the article id and the event content; stable across replays")
    article_id: str
    url: str | None = None
    source: str | None = None
    language: str
    published_at: datetime | None = None
    processed_at: datetime
    event_type: EventType
    actors: tuple[Actor, ...] = ()
    counts: Counts | None = None
    money: Money | None = None
    location: Location | None = None
    time: TimeSpan | None = None
    cumulative: bool | None = Field(
        default=None, description="True for a running total, False for one incident"
    )
    claimant: Actor | None = Field(default=None, description="Who says so ('according to X')")
    modality: Modality = "asserted"
    negated: bool = False
    name: str | None = Field(default=None, description="Name of the object of the event, e.g. a treaty")
    evidence: Evidence
    confidence: float = Field(ge=0, le=1)

    @staticmethod
    def content_id(article_id: str, content: EventContent) -> str:
        """Deterministic event id: the same article and content always give the same key.

        The id hashes the JSON array [article_id, content], the content serialized in schema order.
        """
        article = encode_basestring(article_id)  # json.dumps(article_id, ensure_ascii=False), in C
        canonical = b"[%b,%b]" % (article.encode("utf-8"), _EVENT_CONTENT.dump_json(content))
        return hashlib.sha256(canonical).hexdigest()[:32]


class ExtractorInfo(_Frozen):
    name: str
    version: str


class EnrichedArticle(_Frozen):
    """One per input article on the enriched topic, keyed by article id."""

    schema_version: str = SCHEMA_VERSION
    article_id: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published_at: datetime | None = None
    fetched_at: datetime | None = None
    processed_at: datetime
    metadata: dict[str, Any] = Field(default_factory=dict)
    language: str
    language_confidence: float = Field(ge=0, le=1)
    extractor: ExtractorInfo
    text: str = Field(description="The article text that entity and evidence offsets index into")
    entities: tuple[EntityMention, ...] = ()
    events: tuple[EventRecord, ...] = ()
