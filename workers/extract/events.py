"""Rule-based event extraction over normalized text and the entity mentions found in it.

Each rule looks for a trigger from a small lexicon inside one sentence, then fills the
event's slots from the mentions around the trigger: numbers next to casualty words,
countries next to troop nouns, the nearest date in the clause, and the source named by
an attribution ("قال X إن", "وفقا لـ", "according to X", "X said").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from itertools import pairwise
from typing import Any

from schemas.models import (
    Actor,
    Counts,
    EventRecord,
    EventType,
    Evidence,
    Location,
    Modality,
    Money,
    Quantity,
    Role,
    TimeSpan,
)
from workers.extract.entities import METONYMY_CONFIDENCE, Found
from workers.extract.normalize import NormalizedText, normalize


@dataclass(frozen=True, slots=True)
class _Hit:
    """A lexicon match; start()/end()/group() mirror re.Match so rules read the same."""

    first: int
    last: int
    word: str

    def start(self) -> int:
        return self.first

    def end(self) -> int:
        return self.last

    def group(self) -> str:
        return self.word


_PROCLITIC = r"(?:[وفبل]|ال|وال|بال|لل)?"
# Every lexicon's phrases, normalized, and the lexicons each phrase belongs to.
_PHRASE_OWNERS: dict[str, set[int]] = {}


class _Lexicon:
    """Whole words, optionally behind Arabic proclitics; alternatives are written unnormalized.

    All lexicons share one index per text (`_index`): a single scan with the union of
    their phrases is several times faster than one regular-expression scan per lexicon.
    """

    def __init__(self, *alternatives: str) -> None:
        self._id = len(_LEXICONS)
        _LEXICONS.append(self)
        self.phrases = frozenset(normalize(a) for a in alternatives)
        for phrase in self.phrases:
            _PHRASE_OWNERS.setdefault(phrase, set()).add(self._id)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[_Hit]:
        stop = len(text) if end is None else end
        starts, hits = _index(text).get(self._id, ((), ()))
        result = []
        for hit in hits[bisect_left(starts, start) :]:
            if hit.first >= stop:
                break
            if hit.last <= stop:
                result.append(hit)
        return result

    def search(self, text: str, start: int = 0, end: int | None = None) -> _Hit | None:
        hits = self.finditer(text, start, end)
        return hits[0] if hits else None

    def fullmatch(self, word: str) -> bool:
        return word in self.phrases


_LEXICONS: list[_Lexicon] = []


@lru_cache(maxsize=1)
def _union_pattern() -> re.Pattern[str]:
    body = "|".join(re.escape(p) for p in sorted(_PHRASE_OWNERS, key=len, reverse=True))
    return re.compile(rf"(?<!\w){_PROCLITIC}(?P<word>{body})(?!\w)")


@lru_cache(maxsize=4)
def _index(text: str) -> dict[int, tuple[tuple[int, ...], tuple[_Hit, ...]]]:
    """Per lexicon: hit start offsets (for bisection) and the hits, in text order."""
    found: dict[int, list[_Hit]] = {}
    for match in _union_pattern().finditer(text):
        phrase = match["word"]
        words = phrase.split(" ")
        # A longer phrase also counts for lexicons that hold its leading words ("إجمالي خسائر").
        for size in range(len(words), 0, -1):
            for owner in _PHRASE_OWNERS.get(" ".join(words[:size]), ()):
                found.setdefault(owner, []).append(_Hit(match.start(), match.end(), phrase))
    ordered = {owner: sorted(hits, key=lambda h: h.first) for owner, hits in found.items()}
    return {owner: (tuple(h.first for h in hits), tuple(hits)) for owner, hits in ordered.items()}


@lru_cache(maxsize=4)
def _clause_breaks(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Start and end offsets of every clause separator in the text."""
    breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text)]
    return tuple(b[0] for b in breaks), tuple(b[1] for b in breaks)


_KILLED = _Lexicon(
    "قتل", "قتلوا", "قتلت", "قتلى", "قتيل", "قتيلا", "قتيلاً", "مقتل", "مصرع", "حتفهم", "حتفه", "استشهد",
    "استشهدوا", "killed", "dead", "deaths", "died", "fatalities", "killing",
)  # fmt: skip
_WOUNDED = _Lexicon(
    "مصاب", "مصابا", "مصابين", "مصابون", "أصيب", "أصيبوا", "إصابة", "إصابات", "جريح", "جريحا", "جرحى",
    "wounded", "injured", "injuries", "hurt",
)  # fmt: skip
_MISSING = _Lexicon("مفقود", "مفقودين", "مفقودون", "missing")
_CAPTURED = _Lexicon("أسير", "أسرى", "أسروا", "captured", "prisoners", "taken prisoner")
_TOTAL = _Lexicon(
    "إجمالي خسائر", "مجموع خسائر", "خسائر", "إجمالي", "total losses", "losses", "casualties", "casualty",
)  # fmt: skip
_PERSON_NOUNS = _Lexicon(
    "جندي", "جنديا", "جنود", "مقاتل", "مقاتلا", "مقاتلين", "مقاتلون", "شخص", "شخصا", "أشخاص", "مدني",
    "مدنيا", "مدنيين", "عسكري", "عسكريين", "طفل", "طفلا", "أطفال", "قتيل", "جريح", "مصاب", "people",
    "persons", "soldiers", "troops", "civilians", "fighters", "children", "servicemen", "men", "women",
)  # fmt: skip
_TROOP_NOUNS = _Lexicon(
    "جندي", "جنديا", "جنود", "قوات", "قوة", "مقاتل", "مقاتلين", "عسكريين", "troops", "soldiers",
    "forces", "personnel", "fighters", "servicemen",
)  # fmt: skip
_DEPLOY = _Lexicon(
    "نشر", "نشرت", "ينشر", "تنشر", "أرسل", "أرسلت", "إرسال", "يرسل", "ترسل", "deployed", "deploy",
    "deploys", "deploying", "deployment", "sent", "send", "sends", "sending", "dispatched", "dispatch",
)  # fmt: skip
_TREATY = _Lexicon("معاهدة", "اتفاقية", "اتفاق", "treaty", "agreement", "accord", "pact")
_SIGN = _Lexicon(
    "توقيع", "توقيعها", "وقع", "وقعت", "وقعا", "يوقع", "signed", "sign", "signing", "inked",
)  # fmt: skip
_WEAPONS = _Lexicon(
    "ذخائر", "الذخائر", "ذخيرة", "أسلحة", "صواريخ", "قذائف", "مسيرات", "munitions", "ammunition",
    "weapons", "arms", "missiles", "shells", "drones", "missile", "drone", "rocket", "rockets", "artillery",
    "صاروخ", "مسيرة", "قذيفة",
)  # fmt: skip
_TRANSFER = _Lexicon(
    "شحنات", "شحنة", "مبيعات", "بيع", "باعت", "توريد", "تزويد", "زودت", "إمدادات", "تسليم", "صفقة",
    "shipments", "shipment", "sales", "sold", "supplied", "supply", "supplies", "deliveries", "delivered",
    "transfer", "transferred", "provided",
)  # fmt: skip
_ATTACK = _Lexicon(
    "هجوم", "هجمات", "هجوما", "غارة", "غارات", "قصف", "ضربة", "استهدف", "استهدفت", "attack", "attacks",
    "attacked", "strike", "strikes", "shelling", "bombed", "raid", "air strike", "air strikes", "airstrike",
    "airstrikes",
)  # fmt: skip
_SAY = _Lexicon(
    "قال", "قالت", "أعلن", "أعلنت", "أفاد", "أفادت", "أكد", "أكدت", "شكر", "شكرت", "صرح", "أضاف",
    "أضافت", "ذكر", "ذكرت", "نفى", "نفت", "said", "says", "announced", "stated", "thanked", "told",
    "declared", "confirmed", "denied", "added",
)  # fmt: skip
# "gave this confirmation", "issued a statement": the speaker precedes the noun.
_STATEMENT_NOUN = re.compile(
    normalize(r"(?<!\w)(?:أعطى|أعطت|أصدر|أصدرت|gave|issued|made) (?:هذا |ذلك |a |the |this )?(?:ال)?")
    + normalize(r"(?:تأكيد|بيان|تصريح|اعتراف|confirmation|statement)(?!\w)")
)
_THANK = _Lexicon("شكر", "شكرت", "thanked")
_DENY = _Lexicon("نفى", "نفت", "denied")
_RETURN = _Lexicon(
    "أعيد", "أعيدوا", "أعيدت", "نقل", "نقلوا", "إجلاء", "returned", "repatriated", "evacuated", "flown",
)  # fmt: skip
_COMPLEMENTIZER = re.compile(r"(?<!\w)(?:ان|بان|انه|انها|that)(?!\w)")
_SOURCE_INTRO = re.compile(
    r"(?<!\w)(?:و?وفقا ل|و?طبقا ل|و?بحسب |و?حسب |نقلا عن |according to |citing )"
)  # fmt: skip
_QUOTED_SOURCE = re.compile(r"(?<!\w)عن (?P<src>[^،,.]{1,60}?) قول(?:ه|ها)(?!\w)")
_CUMULATIVE_CUES = _Lexicon(
    "بلغ", "إجمالي", "حصيلة", "حتى الآن", "منذ", "مجموع", "so far", "total", "since", "toll", "to date",
)  # fmt: skip
_INCIDENT_CUES = _Lexicon(
    "هجوم", "غارة", "انفجار", "قصف", "كمين", "attack", "strike", "blast", "explosion", "bombing", "ambush",
)  # fmt: skip
_NEGATION = _Lexicon("لم", "لن", "ليس", "not", "never", "no")
_HYPOTHETICAL = _Lexicon("إذا", "لو", "في حال", "if", "could", "would", "might")
_LOCATION_PREPOSITIONS = ("في", "in", "at", "near", "inside", "داخل", "قرب")
_DESTINATION_PREPOSITIONS = (normalize("إلى"), "to", "into")
_RECIPIENT_PREPOSITIONS = (*_DESTINATION_PREPOSITIONS, "for", normalize("لصالح"))
_TARGET_PREPOSITIONS = (normalize("على"), "on", "against")
_TREATY_KINDS = {
    normalize(k): v
    for k, v in {
        "دفاع مشترك": "mutual defence", "الدفاع المشترك": "mutual defence",
        "mutual defense": "mutual defence", "mutual defence": "mutual defence",
        "شراكة استراتيجية شاملة": "comprehensive strategic partnership",
        "comprehensive strategic partnership": "comprehensive strategic partnership", "سلام": "peace",
        "peace": "peace", "تجارة حرة": "free trade", "free trade": "free trade",
        "عدم اعتداء": "non-aggression", "non-aggression": "non-aggression",
        "وقف إطلاق النار": "ceasefire", "ceasefire": "ceasefire",
        "تعاون عسكري": "military cooperation", "military cooperation": "military cooperation",
    }.items()
}  # fmt: skip
_TREATY_KIND = re.compile(
    rf"(?<!\w)(?:ال)?(?P<kind>{'|'.join(sorted(_TREATY_KINDS, key=len, reverse=True))})(?!\w)"
)
_TREATY_HEADS = {"معاهده": "treaty", "treaty": "treaty", "pact": "pact", "accord": "accord"}
_CLAUSE_BREAK = re.compile(r"[،؛;:]|(?<!\d),|,(?!\d)|(?<!\w)(?:بينما|while|whereas)(?!\w)")
# A full stop after a single letter or a title is an abbreviation (U.S., Gen.), not a sentence end.
_SENTENCE_BREAK = re.compile(
    r"\n+|[!?؟؛](?=\s|$)|\.(?=\s|$)(?<!\b[a-z]\.)(?<!\bmr\.)(?<!\bdr\.)(?<!\bst\.)(?<!\bgen\.)(?<!\bcol\.)(?<!\blt\.)"
)
_WINDOW = 80


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Claim:
    """An attribution: who is the source, and where its reported content starts."""

    span: _Span
    anchor: int
    sources: tuple[Found, ...]
    denied: bool


@dataclass
class _Draft:
    event_type: EventType
    trigger: _Span
    sentence: _Span
    actors: list[Actor] = field(default_factory=list)
    counts: Counts | None = None
    money: Money | None = None
    location: Location | None = None
    time: TimeSpan | None = None
    cumulative: bool | None = None
    name: str | None = None
    negated: bool = False
    time_inferred: bool = False
    location_inferred: bool = False


def _quantity(found: Found) -> Quantity:
    number = found.number
    if number is None:
        raise ValueError("not a number mention")
    if number.value_end is not None:
        return Quantity(min=number.value, max=number.value_end, approx=number.approx, text=found.mention.text)
    return Quantity(value=number.value, approx=number.approx, text=found.mention.text)


def _actor(found: Found, role: Role) -> Actor:
    mention = found.mention
    return Actor(
        role=role,
        name=mention.canonical_name or mention.text,
        entity_type=mention.type,
        country=mention.country,
        wikidata_id=mention.wikidata_id,
        text=mention.text,
    )


class EventExtractor:
    def extract(
        self,
        normalized: NormalizedText,
        found: list[Found],
        *,
        article_id: str,
        language: str,
        url: str | None,
        source: str | None,
        published_at: datetime | None,
        processed_at: datetime,
    ) -> list[EventRecord]:
        text = normalized.text
        news_day = self._news_day(text, found)
        starts = [f.start for f in found]  # `found` is sorted by start
        drafts_with_claims: list[tuple[_Draft, _Claim | None]] = []
        for sentence in self._sentences(text):
            first, last = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
            inside = [f for f in found[first:last] if f.end <= sentence.end]
            claims = self._claims(text, sentence, inside)
            for draft in self._sentence_events(text, sentence, inside, claims, news_day):
                drafts_with_claims.append((draft, self._claim_for(draft.trigger, claims)))
        self._infer_casualty_locations([d for d, _ in drafts_with_claims])
        self._merge_statement_continuations(drafts_with_claims)
        events: dict[str, EventRecord] = {}
        for draft, claim in drafts_with_claims:
            record = self._record(
                normalized,
                draft,
                claim,
                article_id=article_id,
                language=language,
                url=url,
                source=source,
                published_at=published_at,
                processed_at=processed_at,
            )
            events.setdefault(record.event_id, record)
        return list(events.values())

    # Segmentation

    @staticmethod
    def _sentences(text: str) -> Iterable[_Span]:
        start = 0
        for found in _SENTENCE_BREAK.finditer(text):
            if found.start() > start and text[start : found.start()].strip():
                yield _trim(text, start, found.end())
            start = found.end()
        if text[start:].strip():
            yield _trim(text, start, len(text))

    @staticmethod
    def _clause(text: str, sentence: _Span, position: int) -> _Span:
        starts, ends = _clause_breaks(text)
        before = bisect_right(ends, position) - 1
        after = bisect_left(starts, position)
        start = max(sentence.start, ends[before]) if before >= 0 else sentence.start
        end = min(sentence.end, starts[after]) if after < len(starts) else sentence.end
        return _Span(start, end)

    # Attribution

    def _claims(self, text: str, sentence: _Span, inside: list[Found]) -> list[_Claim]:
        claims: list[_Claim] = []
        named = [
            f
            for f in inside
            if f.type in ("PERSON", "ORG") or (f.type in ("GPE", "NORP") and not _is_metonym(f))
        ]
        for verb in _SAY.finditer(text, sentence.start, sentence.end):
            denied = _DENY.fullmatch(verb.group())
            complementizer = _COMPLEMENTIZER.search(text, verb.end(), min(sentence.end, verb.end() + _WINDOW))
            if complementizer is not None:
                between = [f for f in named if verb.end() <= f.start and f.end <= complementizer.start()]
                if between:
                    span = _Span(between[0].start, complementizer.start())
                    claims.append(_Claim(span, complementizer.end(), tuple(between), denied))
                    continue
            before = [f for f in named if 0 <= verb.start() - f.end <= 2]
            after = [f for f in named if 0 <= f.start - verb.end() <= 2]
            if before:
                anchor = complementizer.end() if complementizer is not None else verb.end()
                claims.append(_Claim(_Span(before[-1].start, before[-1].end), anchor, (before[-1],), denied))
            elif after and complementizer is None:
                # "أعلنت وزارة الصحة مقتل 45": the announced content is a noun phrase, not an إن clause.
                source = after[0]
                claims.append(_Claim(_Span(source.start, source.end), source.end, (source,), denied))
        for intro in _SOURCE_INTRO.finditer(text, sentence.start, sentence.end):
            clause = self._clause(text, sentence, intro.end())
            sources = tuple(f for f in named if intro.end() <= f.start and f.end <= clause.end)
            if sources:
                claims.append(_Claim(_Span(intro.end(), clause.end), clause.end, sources, denied=False))
        for quoted in _QUOTED_SOURCE.finditer(text, sentence.start, sentence.end):
            sources = tuple(f for f in named if quoted.start("src") <= f.start and f.end <= quoted.end("src"))
            if sources:
                claims.append(
                    _Claim(_Span(quoted.start("src"), quoted.end("src")), quoted.end(), sources, False)
                )
        return claims

    @staticmethod
    def _claim_for(trigger: _Span, claims: list[_Claim]) -> _Claim | None:
        """The nearest attribution before the trigger, else one after it ("..., X said")."""
        before = [c for c in claims if c.anchor <= trigger.start + 1 and not _inside(trigger, c.span)]
        if before:
            return max(before, key=lambda c: c.anchor)
        after = [c for c in claims if c.span.start >= trigger.end]
        return min(after, key=lambda c: c.span.start) if after else None

    # Rules

    def _sentence_events(
        self, text: str, sentence: _Span, inside: list[Found], claims: list[_Claim], news_day: Found | None
    ) -> list[_Draft]:
        claimed = [c.span for c in claims]
        drafts = [
            self._casualties(text, sentence, inside, claimed),
            self._deployment(text, sentence, inside, claimed),
            self._agreement(text, sentence, inside, claimed),
            self._arms_transfer(text, sentence, inside, claimed),
            self._attack(text, sentence, inside, claimed),
        ]
        drafts += self._statements(text, sentence, inside, news_day)
        found_drafts = [d for d in drafts if d is not None]
        for draft in found_drafts:
            if draft.time is None and draft.event_type != "statement":
                draft.time = self._nearest_time(text, sentence, inside, draft.trigger)
            if draft.event_type == "casualties" and draft.cumulative is None and draft.time is not None:
                # Losses over a period are a running total, not one incident.
                draft.cumulative = draft.time.start != draft.time.end or draft.time.precision != "day"
            draft.negated = self._negated(text, sentence, draft.trigger)
        return found_drafts

    def _casualties(
        self, text: str, sentence: _Span, inside: list[Found], claimed: list[_Span]
    ) -> _Draft | None:
        keywords: list[tuple[str, _Hit]] = []
        for kind, pattern in (
            ("killed", _KILLED), ("wounded", _WOUNDED), ("missing", _MISSING), ("captured", _CAPTURED),
            ("total", _TOTAL),
        ):  # fmt: skip
            keywords += [(kind, m) for m in pattern.finditer(text, sentence.start, sentence.end)]
        if not keywords:
            return None
        counts: dict[str, Quantity] = {}
        first_keyword: _Hit | None = None
        for number in (f for f in inside if f.type == "CARDINAL"):
            if not self._counts_people(text, number):
                continue
            clause = self._clause(text, sentence, number.start)
            near = [(k, m) for k, m in keywords if clause.start <= m.start() and m.end() <= clause.end]
            near = [(k, m) for k, m in near if _distance(m.start(), m.end(), number) <= _WINDOW]
            if not near:
                continue
            totals = [(k, m) for k, m in near if k == "total"]
            kind, keyword = (
                totals[0]
                if totals
                else min(near, key=lambda km: _distance(km[1].start(), km[1].end(), number))
            )
            counts.setdefault(kind, _quantity(number))
            first_keyword = first_keyword or keyword
        if first_keyword is None:
            return None
        trigger = _Span(first_keyword.start(), first_keyword.end())
        draft = _Draft("casualties", trigger, sentence, counts=Counts(**counts))
        countries = self._countries(inside, claimed)
        attackers = self._attackers(text, sentence, countries)
        draft.actors += [_actor(a, "actor") for a in attackers]
        victims = [
            f
            for f in countries
            if f not in attackers
            and not self._preceded_by(text, f, _LOCATION_PREPOSITIONS + _DESTINATION_PREPOSITIONS)
        ]
        if victims:
            victim = min(victims, key=lambda f: _distance(trigger.start, trigger.end, f))
            draft.actors.append(_actor(victim, "victim"))
        draft.location = self._location(text, inside, claimed)
        if _RETURN.search(text, sentence.start, sentence.end):
            for place in countries:
                if self._preceded_by(text, place, _DESTINATION_PREPOSITIONS):
                    draft.actors.append(_actor(place, "destination"))
                    break
        if _CUMULATIVE_CUES.search(text, sentence.start, sentence.end):
            draft.cumulative = True
        elif _INCIDENT_CUES.search(text, sentence.start, sentence.end):
            draft.cumulative = False
        return draft

    def _deployment(
        self, text: str, sentence: _Span, inside: list[Found], claimed: list[_Span]
    ) -> _Draft | None:
        for verb in _DEPLOY.finditer(text, sentence.start, sentence.end):
            clause = self._clause(text, sentence, verb.start())
            troops = _TROOP_NOUNS.search(text, verb.end(), min(clause.end, verb.end() + _WINDOW))
            if troops is None:
                continue
            trigger = _Span(verb.start(), verb.end())
            draft = _Draft("deployment", trigger, sentence)
            candidates = [
                f
                for f in self._countries(inside, claimed, persons=True)
                if clause.start <= f.start < clause.end
            ]
            after_verb = [f for f in candidates if 0 <= f.start - verb.end() <= 2]
            before_verb = [f for f in candidates if f.end <= verb.start() and verb.start() - f.end <= 40]
            actor = after_verb[0] if after_verb else (before_verb[-1] if before_verb else None)
            if actor is not None:
                draft.actors.append(_actor(actor, "actor"))
            destination = next(
                (
                    f
                    for f in candidates
                    if f.start >= troops.end()
                    and self._preceded_by(text, f, _DESTINATION_PREPOSITIONS + _LOCATION_PREPOSITIONS)
                ),
                None,
            )
            if destination is not None:
                draft.actors.append(_actor(destination, "destination"))
            number = next(
                (
                    f
                    for f in inside
                    if f.type == "CARDINAL" and verb.end() <= f.start and f.end <= troops.start()
                ),
                None,
            )
            if number is not None:
                draft.counts = Counts(people=_quantity(number))
            if destination is not None or number is not None:
                return draft
        return None

    def _agreement(
        self, text: str, sentence: _Span, inside: list[Found], claimed: list[_Span]
    ) -> _Draft | None:
        treaty = _TREATY.search(text, sentence.start, sentence.end)
        signed = _SIGN.search(text, sentence.start, sentence.end)
        if treaty is None or signed is None:
            return None
        draft = _Draft("agreement", _Span(signed.start(), signed.end()), sentence)
        seen: set[tuple[str, str | None]] = set()
        for party in self._countries(inside, claimed, persons=True):
            key = (party.mention.canonical_name or party.mention.text, party.mention.country)
            if party.type in ("PERSON", "GPE") and key not in seen:
                seen.add(key)
                draft.actors.append(_actor(party, "party"))
        window = text[max(sentence.start, treaty.start() - 45) : min(sentence.end, treaty.end() + 45)]
        kind_found = _TREATY_KIND.search(window)
        kind = _TREATY_KINDS[kind_found["kind"]] if kind_found else None
        head = _TREATY_HEADS.get(
            treaty.group().removeprefix("ال").removeprefix("و").removeprefix("ب"), "agreement"
        )
        draft.name = f"{kind} {head}" if kind else head
        return draft

    def _arms_transfer(
        self, text: str, sentence: _Span, inside: list[Found], claimed: list[_Span]
    ) -> _Draft | None:
        weapons = _WEAPONS.search(text, sentence.start, sentence.end)
        if weapons is None:
            return None
        money = next((f for f in inside if f.type == "MONEY"), None)
        if money is None and _TRANSFER.search(text, sentence.start, sentence.end) is None:
            return None
        draft = _Draft("arms_transfer", _Span(weapons.start(), weapons.end()), sentence)
        countries = self._countries(inside, claimed)
        # The one announcing a transfer is usually its supplier ("X announced a weapons package").
        suppliers = countries + self._countries(inside, [])
        actor = next(
            (
                f
                for f in suppliers
                if f.end <= weapons.start() and not self._preceded_by(text, f, _RECIPIENT_PREPOSITIONS)
            ),
            None,
        )
        if actor is not None:
            draft.actors.append(_actor(actor, "actor"))
        destination = next(
            (f for f in countries if f is not actor and self._preceded_by(text, f, _RECIPIENT_PREPOSITIONS)),
            None,
        )
        if destination is not None:
            draft.actors.append(_actor(destination, "destination"))
        if money is not None and money.number is not None and money.number.unit is not None:
            draft.money = Money(amount=_quantity(money), currency=money.number.unit)
        return draft

    def _attack(self, text: str, sentence: _Span, inside: list[Found], claimed: list[_Span]) -> _Draft | None:
        trigger = _ATTACK.search(text, sentence.start, sentence.end)
        if trigger is None:
            return None
        countries = self._countries(inside, claimed)
        if not countries:
            return None
        draft = _Draft("attack", _Span(trigger.start(), trigger.end()), sentence)
        attackers = self._attackers(text, sentence, countries)
        draft.actors += [_actor(a, "actor") for a in attackers]
        draft.actors += [
            _actor(c, "target")
            for c in countries
            if c not in attackers and self._preceded_by(text, c, _TARGET_PREPOSITIONS)
        ]
        draft.location = self._location(text, inside, claimed)
        return draft

    @staticmethod
    def _attackers(text: str, sentence: _Span, countries: list[Found]) -> list[Found]:
        """Countries right next to an attack or weapon word: "Russian missile strikes", "غارات روسية"."""
        weapons = _ATTACK.finditer(text, sentence.start, sentence.end)
        weapons += _WEAPONS.finditer(text, sentence.start, sentence.end)
        return [
            country
            for country in countries
            if any(0 <= w.start() - country.end <= 1 or 0 <= country.start - w.end() <= 2 for w in weapons)
        ]

    def _statements(
        self, text: str, sentence: _Span, inside: list[Found], news_day: Found | None
    ) -> list[_Draft]:
        drafts: list[_Draft] = []
        speakers = [
            f for f in inside if f.type in ("PERSON", "ORG") or (f.type == "GPE" and not _is_metonym(f))
        ]
        for verb in _SAY.finditer(text, sentence.start, sentence.end):
            # The speaker comes before إن/that: in "قال إن روسيا ..." Russia is what was said.
            complementizer = _COMPLEMENTIZER.search(text, verb.end(), min(sentence.end, verb.end() + 30))
            header_end = complementizer.start() if complementizer is not None else sentence.end
            after = [f for f in speakers if verb.end() <= f.start <= verb.end() + 30 and f.end <= header_end]
            people_after = [f for f in after if f.type in ("PERSON", "ORG")]
            before = [f for f in speakers if 0 <= verb.start() - f.end <= 2]
            # A subject right before the verb (English order, or Arabic SVO) outranks the object after it.
            speaker = next(iter(before[-1:] or people_after or after), None)
            drafts += self._statement(
                text, sentence=sentence, inside=inside, news_day=news_day, verb=verb, speaker=speaker
            )
        for noun in _STATEMENT_NOUN.finditer(text, sentence.start, sentence.end):
            clause = self._clause(text, sentence, noun.start())
            before = [f for f in speakers if clause.start <= f.start and 0 <= noun.start() - f.end <= 40]
            speaker = before[-1] if before else None
            drafts += self._statement(
                text, sentence=sentence, inside=inside, news_day=news_day, verb=noun, speaker=speaker
            )
        return drafts

    def _statement(
        self,
        text: str,
        *,
        sentence: _Span,
        inside: list[Found],
        news_day: Found | None,
        verb: _Hit | re.Match[str],
        speaker: Found | None,
    ) -> list[_Draft]:
        """A statement by `speaker`, dated by its own clause or else by the article's "today"."""
        if speaker is None:
            return []
        draft = _Draft("statement", _Span(verb.start(), verb.end()), sentence)
        draft.actors.append(_actor(speaker, "actor"))
        if _THANK.fullmatch(verb.group()):
            target = next(
                (
                    f
                    for f in inside
                    if f.start >= speaker.end and f.type in ("PERSON", "GPE") and f.mention.country
                ),
                None,
            )
            if target is not None:
                draft.actors.append(_actor(target, "target"))
        addressee = next(
            (f for f in inside if f.type == "ORG" and self._addresses(text, verb, speaker, f)), None
        )
        if addressee is not None:
            draft.actors.append(_actor(addressee, "target"))
        clause = self._clause(text, sentence, verb.start())
        # The speech header runs to إن/that and may hold its own date: "وقال X، الجمعة، إن".
        complementizer = _COMPLEMENTIZER.search(text, verb.end(), min(sentence.end, verb.end() + _WINDOW))
        header_end = max(clause.end, complementizer.start() if complementizer is not None else 0)
        dated = [f for f in inside if f.date is not None and clause.start <= f.start and f.end <= header_end]
        if dated:
            draft.time = _time_span(min(dated, key=lambda f: _distance(verb.start(), verb.end(), f)))
        elif news_day is not None:
            draft.time = _time_span(news_day)
            draft.time_inferred = True
        return [draft]

    @staticmethod
    def _addresses(text: str, verb: _Hit | re.Match[str], speaker: Found, listener: Found) -> bool:
        """ "قال X لـY" or "told Y": Y (a news agency, a newspaper) is who the statement was made to."""
        if listener.start - speaker.end in (1, 2) and text[listener.start - 1] == "ل":
            return True
        return verb.group() == "told" and 0 <= listener.start - verb.end() <= 5

    @staticmethod
    def _merge_statement_continuations(drafts: list[tuple[_Draft, _Claim | None]]) -> None:
        """A dated statement continued in the next sentence by the same speaker is one statement.

        "X gave this confirmation on 28 April. X told agency Y: ..." — the undated second
        sentence adds its addressee to the first and is dropped.
        """
        statements = [d for d, _ in drafts if d.event_type == "statement"]
        merged: set[int] = set()
        for first, second in pairwise(statements):
            speaker = first.actors[0].name
            adjacent = 0 < second.sentence.start - first.sentence.end <= 3
            undated = second.time is None or second.time_inferred
            if adjacent and undated and second.actors[0].name == speaker and not first.time_inferred:
                first.actors += [a for a in second.actors[1:] if a not in first.actors]
                merged.add(id(second))
        drafts[:] = [(d, c) for d, c in drafts if id(d) not in merged]

    # Slot helpers

    @staticmethod
    def _counts_people(text: str, number: Found) -> bool:
        """A casualty count is followed by a person noun or a casualty word, or follows one."""
        # The number's own span may already hold its noun ("50 جنديا على الأقل").
        after_end = min(len(text), number.end + 25)
        before_start = max(0, number.start - 12)
        return any(
            p.search(text, number.start, after_end) for p in (_PERSON_NOUNS, _KILLED, _WOUNDED)
        ) or any(p.search(text, before_start, number.start) for p in (_KILLED, _WOUNDED))

    @staticmethod
    def _countries(inside: list[Found], claimed: list[_Span], *, persons: bool = False) -> list[Found]:
        kinds = ("GPE", "NORP", "PERSON") if persons else ("GPE", "NORP")
        return [
            f
            for f in inside
            if f.type in kinds
            and f.mention.country
            and not any(c.start <= f.start and f.end <= c.end for c in claimed)
        ]

    @staticmethod
    def _preceded_by(text: str, found: Found, words: tuple[str, ...]) -> bool:
        head = text[max(0, found.start - 12) : found.start]
        if head.endswith("ب") or head.endswith("لل"):
            return "في" in words  # attached بـ / لـ: "بروسيا" is a place
        head = head.rstrip()
        return any(
            head.endswith(word) and (len(head) == len(word) or not head[-len(word) - 1].isalnum())
            for word in words
        )

    def _location(self, text: str, inside: list[Found], claimed: list[_Span]) -> Location | None:
        for place in inside:
            entry = place.entry
            if entry is None or place.type not in ("GPE", "LOC") or _is_metonym(place):
                continue
            if any(c.start <= place.start and place.end <= c.end for c in claimed):
                continue
            if self._preceded_by(text, place, _LOCATION_PREPOSITIONS):
                return Location(
                    name=entry.name,
                    country=entry.country,
                    lat=entry.lat,
                    lon=entry.lon,
                    geonames_id=entry.geonames_id,
                    wikidata_id=entry.wikidata_id,
                    precision=entry.precision,
                )
        return None

    def _nearest_time(
        self, text: str, sentence: _Span, inside: list[Found], trigger: _Span
    ) -> TimeSpan | None:
        dates = [f for f in inside if f.date is not None]
        if not dates:
            return None
        clause = self._clause(text, sentence, trigger.start)
        in_clause = [f for f in dates if clause.start <= f.start and f.end <= clause.end]
        pool = in_clause or dates
        return _time_span(min(pool, key=lambda f: _distance(trigger.start, trigger.end, f)))

    def _negated(self, text: str, sentence: _Span, trigger: _Span) -> bool:
        clause = self._clause(text, sentence, trigger.start)
        window_start = max(clause.start, trigger.start - 15)
        return _NEGATION.search(text, window_start, trigger.start) is not None

    @staticmethod
    def _news_day(text: str, found: list[Found]) -> Found | None:
        """The day the article calls "today", when it names one."""
        for mention in found:
            if mention.date is not None and mention.date.precision == "day":
                surface = text[mention.start : mention.end]
                if surface.startswith(("اليوم", "today")):
                    return mention
        return None

    @staticmethod
    def _infer_casualty_locations(drafts: list[_Draft]) -> None:
        """Losses among troops a country deployed abroad happen where they were deployed."""
        deployed_to: dict[str, Actor] = {}
        for draft in drafts:
            if draft.event_type != "deployment":
                continue
            actor = next((a for a in draft.actors if a.role == "actor" and a.country), None)
            destination = next((a for a in draft.actors if a.role == "destination" and a.country), None)
            if actor is not None and destination is not None and actor.country is not None:
                deployed_to.setdefault(actor.country, destination)
        for draft in drafts:
            if draft.event_type != "casualties" or draft.location is not None:
                continue
            victim = next((a for a in draft.actors if a.role == "victim"), None)
            if victim is None or victim.country is None or victim.country not in deployed_to:
                continue
            place = deployed_to[victim.country]
            draft.location = Location(
                name=place.name, country=place.country, wikidata_id=place.wikidata_id, precision="country"
            )
            draft.location_inferred = True

    # Assembly

    def _record(
        self,
        normalized: NormalizedText,
        draft: _Draft,
        claim: _Claim | None,
        *,
        article_id: str,
        language: str,
        url: str | None,
        source: str | None,
        published_at: datetime | None,
        processed_at: datetime,
    ) -> EventRecord:
        start, end = normalized.span_to_original(draft.sentence.start, draft.sentence.end)
        evidence = Evidence(sentence=normalized.original[start:end], start=start, end=end)
        actors = list(draft.actors)
        claimant: Actor | None = None
        modality: Modality = "asserted"
        if claim is not None:
            claimant, claim_actors = self._claimant(normalized, claim)
            actors += claim_actors
            modality = "denied" if claim.denied else "reported"
        if modality == "asserted" and _HYPOTHETICAL.search(
            normalized.text, draft.sentence.start, draft.sentence.end
        ):
            modality = "hypothetical"
        if draft.event_type == "statement":
            claimant, modality = None, "asserted"
        fields: dict[str, Any] = {
            "event_type": draft.event_type,
            "actors": tuple(actors),
            "counts": draft.counts,
            "money": draft.money,
            "location": draft.location,
            "time": draft.time,
            "cumulative": draft.cumulative,
            "claimant": claimant,
            "modality": modality,
            "negated": draft.negated,
            "name": draft.name,
            "evidence": evidence,
        }
        content = {
            key: value.model_dump(mode="json") if hasattr(value, "model_dump") else value
            for key, value in fields.items()
        }
        content["actors"] = [a.model_dump(mode="json") for a in actors]
        event_id = EventRecord.content_id(article_id, content)
        return EventRecord(
            event_id=event_id,
            article_id=article_id,
            url=url,
            source=source,
            language=language,
            published_at=published_at,
            processed_at=processed_at,
            confidence=self._confidence(draft, claim),
            **fields,
        )

    @staticmethod
    def _claimant(normalized: NormalizedText, claim: _Claim) -> tuple[Actor, list[Actor]]:
        """One named source becomes the claimant; several countries' sources become claimant actors."""
        start, end = normalized.span_to_original(claim.span.start, claim.span.end)
        span_text = normalized.original[start:end].strip(" ،,")
        named = [s for s in claim.sources if s.type in ("PERSON", "ORG")]
        if named:
            return _actor(named[0], "claimant"), []
        countries = list(dict.fromkeys(s.mention.country for s in claim.sources if s.mention.country))
        if len(countries) == 1:
            return _actor(claim.sources[0], "claimant"), []
        per_country = {s.mention.country: s for s in claim.sources}
        group = Actor(role="claimant", name=span_text, text=span_text)
        return group, [_actor(per_country[c], "claimant") for c in countries]

    @staticmethod
    def _confidence(draft: _Draft, claim: _Claim | None) -> float:
        score = 0.5
        score += 0.1 if draft.actors else 0.0
        score += 0.1 if draft.time is not None and not draft.time_inferred else 0.0
        score += 0.1 if draft.counts is not None or draft.money is not None or draft.name else 0.0
        score += 0.05 if claim is not None else 0.0
        score -= 0.1 if draft.location_inferred else 0.0
        score -= 0.1 if draft.time_inferred else 0.0
        return round(min(0.95, max(0.05, score)), 2)


def _is_metonym(found: Found) -> bool:
    """The country reading of a capital; the city reading of the same span is kept too."""
    return found.mention.confidence == METONYMY_CONFIDENCE


def _time_span(found: Found) -> TimeSpan:
    date = found.date
    if date is None:
        raise ValueError("not a date mention")
    return TimeSpan(
        start=date.value, end=date.value_end or date.value, precision=date.precision, text=found.mention.text
    )


def _distance(start: int, end: int, found: Found) -> int:
    if found.end <= start:
        return start - found.end
    if found.start >= end:
        return found.start - end
    return 0


def _inside(inner: _Span, outer: _Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _trim(text: str, start: int, end: int) -> _Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return _Span(start, end)
