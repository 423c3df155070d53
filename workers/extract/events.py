"""Rule-based event extraction over normalized text and the entity mentions found in it.

Each rule looks for a trigger from a small lexicon inside one sentence, then fills the
event's slots from the mentions around the trigger: numbers next to casualty words,
countries next to troop nouns, the nearest date in the clause, and the source named by
an attribution ("قال X إن", "وفقا لـ", "according to X", "X said").

Counts that are not written as numbers ("a man", "جنديين", "no one was hurt") and the cues of
a running toll live in `casualties`; sources without a gazetteer entity ("police said") in
`attribution`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from itertools import islice, pairwise
from typing import Any, NamedTuple

import ahocorasick

from schemas.models import (
    Actor,
    Counts,
    EventContent,
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
from workers.extract.attribution import Source, unnamed_intro, unnamed_speaker
from workers.extract.casualties import (
    CountKind,
    NoCasualties,
    implied_counts,
    is_not_a_count,
    is_running_total,
    no_casualties,
    starting_with,
    stated_day,
)
from workers.extract.entities import METONYMY_CONFIDENCE, Found
from workers.extract.normalize import NormalizedText, normalize


class _Hit(NamedTuple):
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


# The proclitics a lexicon word may carry, by preference: where several readings of one word
# match, a one-letter proclitic wins over the "ال" forms, and the bare word comes last.
_PROCLITIC_RANK = {"و": 0, "ف": 0, "ب": 0, "ل": 0, "ال": 1, "وال": 2, "بال": 3, "لل": 4, "": 5}
_LONGEST_PROCLITIC = max(map(len, _PROCLITIC_RANK))


# Every lexicon's phrases, normalized, and the lexicons each phrase belongs to.
_PHRASE_OWNERS: dict[str, set[int]] = {}


class _Document:
    """The normalized text of one article and what the rules look up in it, found once per article.

    All lexicons share one scan (`_lexicon_hits`): the union of their phrases is several times
    faster than one regular-expression scan per lexicon. Actors, time spans and complementizers
    that several rules ask for are built on first use and kept for the rest of the call.
    """

    __slots__ = (
        "_actors",
        "_complementizers",
        "_literal_starts",
        "_time_spans",
        "clause_ends",
        "clause_starts",
        "hits",
        "match_starts",
        "matches",
        "text",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.matches = _lexicon_matches(text)
        self.match_starts = [hit.first for hit in self.matches]
        self.hits = _lexicon_hits(self.matches)
        breaks = _find_all(_CLAUSE_BREAK, _CLAUSE_BREAK_PREFIXES, text)
        if any(word in text for word in _INSERTED_PHRASE_WORDS):
            inserted = [m.span() for m in _INSERTED_PHRASE.finditer(text)]
            breaks = [m for m in breaks if not any(a <= m.start() < b for a, b in inserted)]
        self.clause_starts = [m.start() for m in breaks]
        self.clause_ends = [m.end() for m in breaks]
        self._literal_starts: dict[tuple[str, ...], list[int]] = {}
        self._actors: dict[tuple[int, Role], Actor] = {}
        self._time_spans: dict[int, TimeSpan] = {}
        self._complementizers: dict[tuple[int, int], re.Match[str] | None] = {}

    def lexicons_in(self, start: int, end: int) -> set[int]:
        """The ids of the lexicons with a hit inside [start, end)."""
        owners = _hit_owners()
        present: set[int] = set()
        for hit in islice(self.matches, bisect_left(self.match_starts, start), None):
            if hit.first >= end:
                break
            if hit.last <= end:
                present.update(owners[hit.word])
        return present

    def actor(self, found: Found, role: Role) -> Actor:
        """The actor for `found` in `role`, validated once per article: rules name the same mentions often."""
        key = (id(found), role)  # `found` lives as long as the call, so its id stays its own
        actor = self._actors.get(key)
        if actor is None:
            actor = self._actors[key] = _actor(found, role)
        return actor

    def time_span(self, found: Found) -> TimeSpan:
        """The time span of the date mention `found`, validated once per article."""
        span = self._time_spans.get(id(found))
        if span is None:
            span = self._time_spans[id(found)] = _time_span(found)
        return span

    def complementizer(self, start: int, end: int) -> re.Match[str] | None:
        """The first إن/that in [start, end); the claim and statement rules ask for the same spans."""
        key = (start, end)
        if key not in self._complementizers:
            self._complementizers[key] = _COMPLEMENTIZER.search(self.text, start, end)
        return self._complementizers[key]

    def holds_any(self, literals: tuple[str, ...], start: int, end: int) -> bool:
        """Whether one of `literals` starts in [start, end); looked up once per article."""
        starts = self._literal_starts.get(literals)
        if starts is None:
            starts = sorted({i for literal in literals for i in _positions(self.text, literal)})
            self._literal_starts[literals] = starts
        position = bisect_left(starts, start)
        return position < len(starts) and starts[position] < end


class _Lexicon:
    """Whole words, optionally behind Arabic proclitics; alternatives are written unnormalized."""

    def __init__(self, *alternatives: str) -> None:
        self._id = len(_LEXICONS)
        _LEXICONS.append(self)
        self.phrases = frozenset(normalize(a) for a in alternatives)
        for phrase in self.phrases:
            _PHRASE_OWNERS.setdefault(phrase, set()).add(self._id)

    def finditer(self, doc: _Document, start: int = 0, end: int | None = None) -> list[_Hit]:
        stop = len(doc.text) if end is None else end
        starts, hits = doc.hits.get(self._id, _NO_HITS)
        position = bisect_left(starts, start)
        if position == len(hits) or hits[position].first >= stop:
            return []  # the usual answer, without setting up a loop
        result = []
        for hit in islice(hits, position, None):
            if hit.first >= stop:
                break
            if hit.last <= stop:
                result.append(hit)
        return result

    def search(self, doc: _Document, start: int = 0, end: int | None = None) -> _Hit | None:
        # The first hit without building the list: rules call this in their inner loops.
        stop = len(doc.text) if end is None else end
        starts, hits = doc.hits.get(self._id, _NO_HITS)
        position = bisect_left(starts, start)
        if position == len(hits) or hits[position].first >= stop:
            return None  # the usual answer, without setting up a loop
        for hit in islice(hits, position, None):
            if hit.first >= stop:
                return None
            if hit.last <= stop:
                return hit
        return None

    def fullmatch(self, word: str) -> bool:
        return word in self.phrases

    def occurs_in(self, present: set[int]) -> bool:
        """Whether this lexicon is among `present` (from `_Document.lexicons_in`)."""
        return self._id in present


_LEXICONS: list[_Lexicon] = []
_NO_HITS: tuple[list[int], list[_Hit]] = ([], [])  # read only


class _Gated:
    """A pattern run only over spans where one of `literals` starts; every match holds one of them.

    Finding the literals with `str.find` rules out most sentences far faster than `re` scans them.
    """

    def __init__(self, pattern: re.Pattern[str], literals: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.literals = literals

    def finditer(self, doc: _Document, start: int, end: int) -> list[re.Match[str]]:
        if not doc.holds_any(self.literals, start, end):
            return []
        return list(self.pattern.finditer(doc.text, start, end))


@lru_cache(maxsize=1)
def _phrase_automaton() -> ahocorasick.Automaton:
    """Every lexicon phrase, each its own value."""
    automaton = ahocorasick.Automaton()
    for phrase in _PHRASE_OWNERS:
        automaton.add_word(phrase, phrase)
    automaton.make_automaton()
    return automaton


def _is_word_character(char: str) -> bool:
    return char.isalnum() or char == "_"  # what `\w` matches


def _lexicon_matches(text: str) -> list[_Hit]:
    """Whole-word lexicon phrases, optionally behind a proclitic, left to right without overlaps.

    At each start the preferred reading wins: the higher-ranked proclitic, then the longer phrase.
    One Aho-Corasick pass finds every candidate; a regular expression of all phrases would be
    tried at every character, several times slower.
    """
    size = len(text)
    candidates: list[tuple[int, int, int, int, str]] = []
    for last, phrase in _phrase_automaton().iter(text):
        end = last + 1
        if end < size and _is_word_character(text[end]):
            continue
        # The word the phrase ends starts at most a proclitic's length before the phrase.
        phrase_start = start = end - len(phrase)
        while start > 0 and _is_word_character(text[start - 1]):
            start -= 1
            if phrase_start - start > _LONGEST_PROCLITIC:
                break
        rank = _PROCLITIC_RANK.get(text[start:phrase_start])
        if rank is not None:
            candidates.append((start, rank, -len(phrase), end, phrase))
    candidates.sort()
    matches: list[_Hit] = []
    resume = 0
    for start, _, _, end, phrase in candidates:
        if start >= resume:
            matches.append(_Hit(start, end, phrase))
            resume = end
    return matches


@lru_cache(maxsize=1)
def _hit_owners() -> dict[str, tuple[int, ...]]:
    """Per phrase, the lexicons a match of it counts for, in the order hits are recorded.

    A longer phrase also counts for lexicons that hold its leading words ("إجمالي خسائر"); a
    lexicon holding both gets the hit twice, as each reading is a keyword of its own.
    """
    owners: dict[str, tuple[int, ...]] = {}
    for phrase in _PHRASE_OWNERS:
        words = phrase.split(" ")
        owners[phrase] = tuple(
            owner
            for size in range(len(words), 0, -1)
            for owner in _PHRASE_OWNERS.get(" ".join(words[:size]), ())
        )
    return owners


def _lexicon_hits(matches: list[_Hit]) -> dict[int, tuple[list[int], list[_Hit]]]:
    """Per lexicon: hit start offsets (for bisection) and the hits, in text order."""
    owners = _hit_owners()
    found: dict[int, tuple[list[int], list[_Hit]]] = {}
    for hit in matches:
        for owner in owners[hit.word]:
            starts, hits = found.setdefault(owner, ([], []))
            starts.append(hit.first)
            hits.append(hit)
    return found


def _find_all(pattern: re.Pattern[str], prefixes: tuple[str, ...], text: str) -> list[re.Match[str]]:
    """`list(pattern.finditer(text))`, for a pattern whose matches all begin with one of `prefixes`.

    `str.find` skips to the next candidate far faster than `re` moves position by position.
    """
    candidates = sorted({i for prefix in prefixes for i in _positions(text, prefix)})
    found: list[re.Match[str]] = []
    resume = 0
    for candidate in candidates:
        if candidate < resume:
            continue
        match = pattern.match(text, candidate)
        if match is not None:
            found.append(match)
            resume = match.end()
    return found


def _positions(text: str, needle: str) -> Iterable[int]:
    position = text.find(needle)
    while position != -1:
        yield position
        position = text.find(needle, position + 1)


_KILLED = _Lexicon(
    "قتل", "قتلوا", "قتلت", "قتلى", "قتيل", "قتيلا", "قتيلاً", "قتيلين", "مقتل", "مصرع", "حتفهم", "حتفه",
    "حتفها", "استشهد", "استشهدوا", "استشهاد", "شهيد", "شهداء", "شهيدا", "يقتل", "تقتل", "killed", "dead",
    "deaths", "death", "died", "dies", "fatalities", "fatality", "killing", "kill", "kills", "shot dead",
    "fatally", "death toll", "toll", "lost their lives", "deceased", "slain", "perished",
)  # fmt: skip
_WOUNDED = _Lexicon(
    "مصاب", "مصابا", "مصابين", "مصابون", "أصيب", "أصيبوا", "أصيبت", "يصاب", "يصب", "إصابة", "إصابات",
    "إصابتهم", "جريح", "جريحا", "جرحى", "جرح", "جرحوا", "بجروح", "wounded", "injured", "injuries", "injury",
    "hurt", "wounding", "injuring", "critical condition", "serious condition", "stable condition",
    "hospitalized", "hospitalised", "wounds", "gunshot wounds", "gunshot wound", "bullet wound",
    "bullet wounds", "stab wound", "stab wounds",
)  # fmt: skip
_MISSING = _Lexicon("مفقود", "مفقودين", "مفقودون", "مفقودا", "فقدان", "missing", "unaccounted for")
_CAPTURED = _Lexicon(
    "أسير", "أسرى", "أسروا", "أسر", "اختطاف", "اختطف", "اختطفوا", "مختطفين", "مختطف", "رهائن", "رهينة",
    "captured", "prisoners", "taken prisoner", "abducted", "kidnapped", "taken hostage", "hostage",
    "hostages", "captive", "captives",
)  # fmt: skip
_TOTAL = _Lexicon(
    "إجمالي خسائر", "مجموع خسائر", "خسائر", "إجمالي", "ضحايا", "total losses", "losses", "casualties",
    "casualty",
)  # fmt: skip
_LOSS_LEXICONS = (_KILLED, _WOUNDED, _MISSING, _CAPTURED)
_COUNT_LEXICONS: tuple[tuple[CountKind, _Lexicon], ...] = (
    ("killed", _KILLED), ("wounded", _WOUNDED), ("missing", _MISSING), ("captured", _CAPTURED),
    ("total", _TOTAL),
)  # fmt: skip


class _AnyOf(_Lexicon):
    """Every phrase of several lexicons: one lookup tells whether a sentence holds any of them."""

    def __init__(self, *lexicons: _Lexicon) -> None:
        super().__init__()
        self.phrases = frozenset().union(*(lexicon.phrases for lexicon in lexicons))
        for phrase in self.phrases:
            _PHRASE_OWNERS[phrase].add(self._id)


# "was shot", "had been grazed", "striking his wife" alone mean wounded; beside a death word ("shot
# dead", "shot and killed") it yields.
_SHOT = _Lexicon("shot", "grazed", "striking")
_ANY_COUNT_WORD = _AnyOf(*(lexicon for _, lexicon in _COUNT_LEXICONS), _SHOT)
_PERSON_NOUNS = _Lexicon(
    "جندي", "جنديا", "جنود", "مقاتل", "مقاتلا", "مقاتلين", "مقاتلون", "شخص", "شخصا", "أشخاص", "مدني",
    "مدنيا", "مدنيين", "عسكري", "عسكريين", "طفل", "طفلا", "أطفال", "قتيل", "جريح", "مصاب", "آخرين",
    "آخرون", "مواطنين", "أفراد", "عناصر", "رجال", "نساء", "people", "persons", "soldiers", "troops",
    "civilians", "fighters", "children", "servicemen", "men", "women", "others", "workers", "officers",
    "students", "residents", "victims", "journalists", "passengers", "migrants", "protesters", "police",
    "teens", "teenagers", "adults", "members", "militants", "policemen", "person", "soldier", "man",
    "woman", "child", "civilian", "officer",
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
_STATEMENT_NOUN = _Gated(
    starting_with(
        "اgim",
        normalize(r"(?<!\w)(?:أعطى|أعطت|أصدر|أصدرت|gave|issued|made) (?:هذا |ذلك |a |the |this )?(?:ال)?")
        + normalize(r"(?:تأكيد|بيان|تصريح|اعتراف|confirmation|statement)(?!\w)"),
    ),
    (normalize("أعط"), normalize("أصدر"), "gave ", "issued ", "made "),
)
_THANK = _Lexicon("شكر", "شكرت", "thanked")
_DENY = _Lexicon("نفى", "نفت", "denied")
_RETURN = _Lexicon(
    "أعيد", "أعيدوا", "أعيدت", "نقل", "نقلوا", "إجلاء", "returned", "repatriated", "evacuated", "flown",
)  # fmt: skip
_COMPLEMENTIZER = starting_with("ابt", r"(?<!\w)(?:ان|بان|انه|انها|that)(?!\w)")
_SOURCE_INTRO = _Gated(
    starting_with(
        "وطبحنac", r"(?<!\w)(?:و?وفقا ل|و?طبقا ل|و?بحسب |و?حسب |نقلا عن |according to |citing )"
    ),
    ("وفقا ل", "طبقا ل", "حسب ", "نقلا عن ", "according to ", "citing "),
)  # fmt: skip
_QUOTED_SOURCE = _Gated(starting_with("ع", r"(?<!\w)عن (?P<src>[^،,.]{1,60}?) قول(?:ه|ها)(?!\w)"), (" قول",))
_INCIDENT_CUES = _Lexicon(
    "هجوم", "غارة", "انفجار", "قصف", "كمين", "attack", "strike", "blast", "explosion", "bombing", "ambush",
)  # fmt: skip
_NEGATION = _Lexicon("لم", "لن", "ليس", "لا", "not", "never", "no", "nobody", "neither", "nor")
# "Neither X, Y nor Z were hurt": the negation may open the sentence, clauses before the verb.
_NEITHER = _Lexicon("neither")
_NOR = _Lexicon("nor")
# "لا يزال 5 مفقودين" is "5 are still missing"; "not only" and "no fewer than" do not deny either.
_NOT_NEGATING = re.compile(r" (?:يزال|تزال|يزالون|زال|سيما|only|fewer|less|longer)(?!\w)")
# A condition anywhere in the sentence, or a modal in the trigger's own clause before it.
_CONDITIONAL = _Lexicon("if", "unless", "إذا", "لو", "في حال")
_MODAL = _Lexicon(
    "could", "might", "would", "may", "threatened to", "threatens to", "threaten to", "threatening to",
    "vowed to", "vows to", "قد", "هدد", "هددت", "يهدد", "تهدد", "توعد", "توعدت",
)  # fmt: skip
# "may" is often the month ("in May", "May 5"); "قد" is a modal only before a present verb ("قد يقتل").
_MONTH_MAY = re.compile(r"(?:in|of|early|late|mid-|since|until) may$|^may \d")
# Where a place name is the scene: "in northern Gaza", "بمدينة حلب", "near the town of X".
_SCENE = re.compile(
    r"(?:(?<!\w)(?:in|at|near|inside|outside|across|في|داخل|قرب|بالقرب من) (?:the )?|(?<!\w)[وف]?ب)"
    r"(?:(?:northern|southern|eastern|western|central|north|south|east|west|downtown|city of|town of|"
    r"village of|province of|region of|district of|مدينه|بلده|قريه|محافظه|ولايه|منطقه|مخيم|شمال|جنوب|"
    r"شرق|غرب|وسط|شمالي|جنوبي|شرقي|غربي) )?$"
)
_AUXILIARY = re.compile(r"(?<!\w)(?:was|were|is|are|been|being|got|get|have|has|had)(?!\w)")
# A passive needs a form of "be" (or "get"): "he had shot himself" is active.
_POSSESSIVE = re.compile(r"(?:his|her|their) ")
# A named person as the subject of a passive casualty verb: "Gillespie was shot several times".
_NAMED_VICTIM = re.compile(
    r" (?:was|is|has been|had been) (?:\w+ )?(?:shot|wounded|injured|hurt|killed|stabbed|grazed)(?!\w)"
)
_FOUND = re.compile(r"(?<!\w)(?:found|find|finds|discovered) $")
_PASSIVE_AUXILIARY = re.compile(r"(?<!\w)(?:was|were|is|are|been|being|got|get)(?!\w)")
_LOCATION_PREPOSITIONS = ("في", "in", "at", "near", "inside", "داخل", "قرب")
_DESTINATION_PREPOSITIONS = (normalize("إلى"), "to", "into")
_RECIPIENT_PREPOSITIONS = (*_DESTINATION_PREPOSITIONS, "for", normalize("لصالح"))
_TARGET_PREPOSITIONS = (normalize("على"), "on", "against")
# Where a place is the scene or the goal of a move: "in X", "to X".
_PLACE_OR_GOAL_PREPOSITIONS = (*_LOCATION_PREPOSITIONS, *_DESTINATION_PREPOSITIONS)
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
_CLAUSE_BREAK = starting_with("،؛;:,بw", r"[،؛;:]|(?<!\d),|,(?!\d)|(?<!\w)(?:بينما|while|whereas)(?!\w)")
# Wound words that tell of a state that may end in death, for `_count_the_dying_as_dead`.
_BEFORE_DEATH = frozenset(
    normalize(word)
    for word in (
        "shot", "hospitalized", "hospitalised", "critical condition", "serious condition",
        "gunshot wound", "gunshot wounds", "bullet wound", "bullet wounds", "stab wound", "stab wounds",
    )
)  # fmt: skip
# One victim's later death (English; singular "his/her").
_DIED_LATER = re.compile(
    r"(?<!\w)(?:(?:later|eventually|subsequently|then) (?:died|succumbed|passed away)"
    r"|died (?:later|shortly after|(?:at|in) (?:the |a |an )?(?:[\w-]+ ){0,3}?hospital"
    r"|(?:from|of) (?:his|her) (?:injuries|wounds))"
    r"|succumbed to (?:his|her) (?:injuries|wounds)|pronounced (?:him |her )?dead)(?!\w)"
)
# Every `_DIED_LATER` match holds one of these: a substring test rules out most articles.
_DIED_LATER_WORDS = ("died", "succumbed", "passed away", "pronounced")
# A phrase inserted between a count and its verb breaks no clause: "Four people, including three
# children, were wounded", "Three men — ages 25, 27 and 29 — remain hospitalized".
_INSERTED_PHRASE = re.compile(r", (?:including|among them) [^,.;:!?\n]{1,60},| [—–] [^—–.;!?\n]{1,60} [—–]")
_INSERTED_PHRASE_WORDS = ("including", "among them", "—", "–")  # one is in every match
_SUBSET_BEFORE = re.compile(r"(?:including|among them) $")
_CLAUSE_BREAK_PREFIXES = ("،", "؛", ";", ":", ",", "بينما", "while", "whereas")
# A full stop after a single letter or a title is an abbreviation (U.S., Gen.), not a sentence end.
_SENTENCE_BREAK = starting_with(
    "\n!?؟؛.",
    r"\n+|[!?؟؛](?=\s|$)|\.(?=\s|$)(?<!\b[a-z]\.)(?<!\bmr\.)(?<!\bdr\.)(?<!\bst\.)(?<!\bgen\.)(?<!\bcol\.)(?<!\blt\.)",
)
_SENTENCE_BREAK_PREFIXES = ("\n", "!", "?", "؟", "؛", ".")
_WINDOW = 80


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Count:
    """A count of people in the sentence; `explicit` when written as a number."""

    start: int
    end: int
    quantity: Quantity
    explicit: bool


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
    # The wounded count is one person in a state that can end in death ("a man was shot",
    # "hospitalized"): if the article says the victim later died, that person is the dead one.
    wounded_may_have_died: bool = False


@dataclass
class _SharedContent:
    """What several events of one article share, built once: one sentence's evidence, one claim's sources."""

    evidence: dict[_Span, Evidence] = field(default_factory=dict)
    claimants: dict[int, tuple[Actor, list[Actor]]] = field(default_factory=dict)  # by id of the _Claim


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
        doc = _Document(text)
        news_day = self._news_day(text, found)
        published = published_at.date() if published_at is not None else None
        starts = [f.start for f in found]  # `found` is sorted by start
        drafts_with_claims: list[tuple[_Draft, _Claim | None]] = []
        for sentence in self._sentences(text):
            first, last = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
            inside = [f for f in found[first:last] if f.end <= sentence.end]
            # Most sentences hold none of a rule's trigger words: one lookup for all rules.
            present = doc.lexicons_in(sentence.start, sentence.end)
            verbs = _SAY.finditer(doc, sentence.start, sentence.end) if _SAY.occurs_in(present) else []
            claims = self._claims(doc, sentence, inside, verbs)
            for draft in self._sentence_events(
                normalized,
                doc,
                sentence,
                inside,
                claims,
                present=present,
                verbs=verbs,
                news_day=news_day,
                published=published,
            ):
                drafts_with_claims.append((draft, self._claim_for(draft.trigger, claims)))
        self._infer_casualty_locations([d for d, _ in drafts_with_claims])
        drafts_with_claims = self._count_the_dying_as_dead(doc, drafts_with_claims)
        self._merge_statement_continuations(drafts_with_claims)
        # The same for every event of the article.
        provenance: dict[str, Any] = {
            "article_id": article_id,
            "language": language,
            "url": url,
            "source": source,
            "published_at": published_at,
            "processed_at": processed_at,
        }
        return self._records(normalized, doc, drafts_with_claims, provenance)

    # Segmentation

    @staticmethod
    def _sentences(text: str) -> Iterable[_Span]:
        start = 0
        for found in _find_all(_SENTENCE_BREAK, _SENTENCE_BREAK_PREFIXES, text):
            if found.start() > start and text[start : found.start()].strip():
                yield _trim(text, start, found.end())
            start = found.end()
        if text[start:].strip():
            yield _trim(text, start, len(text))

    @staticmethod
    def _clause(doc: _Document, sentence: _Span, position: int) -> _Span:
        starts, ends = doc.clause_starts, doc.clause_ends
        before = bisect_right(ends, position) - 1
        after = bisect_left(starts, position)
        start = max(sentence.start, ends[before]) if before >= 0 else sentence.start
        end = min(sentence.end, starts[after]) if after < len(starts) else sentence.end
        return _Span(start, end)

    # Attribution

    def _claims(
        self, doc: _Document, sentence: _Span, inside: list[Found], verbs: list[_Hit]
    ) -> list[_Claim]:
        """The sentence's attributions; `verbs` are its speech verbs."""
        text = doc.text
        claims: list[_Claim] = []
        intros = _SOURCE_INTRO.finditer(doc, sentence.start, sentence.end)
        quotes = _QUOTED_SOURCE.finditer(doc, sentence.start, sentence.end)
        if not verbs and not intros and not quotes:
            return claims
        named = [
            f
            for f in inside
            if f.mention.type in ("PERSON", "ORG")
            or (f.mention.type in ("GPE", "NORP") and not _is_metonym(f))
        ]
        for verb in verbs:
            claim = self._speech_claim(doc, sentence, verb, named)
            if claim is not None:
                claims.append(claim)
        for intro in intros:
            clause = self._clause(doc, sentence, intro.end())
            sources = tuple(f for f in named if intro.end() <= f.start and f.end <= clause.end)
            if sources:
                claims.append(_Claim(_Span(intro.end(), clause.end), clause.end, sources, denied=False))
            elif (unnamed := unnamed_intro(text, intro.end(), clause.end)) is not None:
                claims.append(_Claim(_Span(unnamed.start, unnamed.end), unnamed.anchor, (), denied=False))
        for quoted in quotes:
            sources = tuple(f for f in named if quoted.start("src") <= f.start and f.end <= quoted.end("src"))
            if sources:
                claims.append(
                    _Claim(_Span(quoted.start("src"), quoted.end("src")), quoted.end(), sources, False)
                )
        return claims

    def _speech_claim(self, doc: _Document, sentence: _Span, verb: _Hit, named: list[Found]) -> _Claim | None:
        """The source of a speech verb: a named one around it, else the phrase that names it."""
        denied = _DENY.fullmatch(verb.group())
        complementizer = doc.complementizer(verb.end(), min(sentence.end, verb.end() + _WINDOW))
        if complementizer is not None:
            between = [f for f in named if verb.end() <= f.start and f.end <= complementizer.start()]
            if between:
                span = _Span(between[0].start, complementizer.start())
                return _Claim(span, complementizer.end(), tuple(between), denied)
        before = [f for f in named if 0 <= verb.start() - f.end <= 2]
        after = [f for f in named if 0 <= f.start - verb.end() <= 2]
        if before:
            anchor = complementizer.end() if complementizer is not None else verb.end()
            return _Claim(_Span(before[-1].start, before[-1].end), anchor, (before[-1],), denied)
        if after and complementizer is None:
            # "أعلنت وزارة الصحة مقتل 45": the announced content is a noun phrase, not an إن clause.
            source = after[0]
            return _Claim(_Span(source.start, source.end), source.end, (source,), denied)
        unnamed = self._unnamed_speaker(doc, sentence, verb, complementizer)
        if unnamed is None:
            return None
        return _Claim(_Span(unnamed.start, unnamed.end), unnamed.anchor, (), denied)

    def _unnamed_speaker(
        self, doc: _Document, sentence: _Span, verb: _Hit, complementizer: re.Match[str] | None
    ) -> Source | None:
        """A source phrase without an entity, unless the phrase is itself the news ("2 killed, he said")."""
        clause = self._clause(doc, sentence, verb.start())
        comp = (complementizer.start(), complementizer.end()) if complementizer is not None else None
        source = unnamed_speaker(doc.text, (verb.start(), verb.end()), (clause.start, clause.end), comp)
        if source is None:
            return None
        for lexicon in (*_LOSS_LEXICONS, _ATTACK, _SAY):
            if lexicon.search(doc, source.start, source.end) is not None:
                return None
        return source

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
        self,
        normalized: NormalizedText,
        doc: _Document,
        sentence: _Span,
        inside: list[Found],
        claims: list[_Claim],
        *,
        present: set[int],
        verbs: list[_Hit],
        news_day: Found | None,
        published: date | None,
    ) -> list[_Draft]:
        """The sentence's events; `present` are the lexicons it holds, `verbs` its speech verbs."""
        claimed = [c.span for c in claims]
        drafts: list[_Draft | None] = []
        # Every "no one was hurt" phrasing holds a casualty word too.
        if _ANY_COUNT_WORD.occurs_in(present):
            drafts += self._casualties(normalized, doc, sentence, inside, claimed)
        if _DEPLOY.occurs_in(present):
            drafts.append(self._deployment(doc, sentence, inside, claimed))
        if _TREATY.occurs_in(present) and _SIGN.occurs_in(present):
            drafts.append(self._agreement(doc, sentence, inside, claimed))
        if _WEAPONS.occurs_in(present):
            drafts.append(self._arms_transfer(doc, sentence, inside, claimed))
        if _ATTACK.occurs_in(present):
            drafts.append(self._attack(doc, sentence, inside, claimed))
        drafts += self._statements(doc, sentence, inside, verbs, news_day)
        found_drafts = [d for d in drafts if d is not None]
        for draft in found_drafts:
            if draft.time is None and draft.event_type != "statement":
                draft.time = self._nearest_time(doc, sentence, inside, draft.trigger)
            if draft.time is None and draft.event_type != "statement":
                draft.time = self._stated_day(normalized, sentence, published)
            if draft.event_type == "casualties" and draft.cumulative is None and draft.time is not None:
                # Losses over a period are a running total, not one incident.
                draft.cumulative = draft.time.start != draft.time.end or draft.time.precision != "day"
            draft.negated = draft.negated or self._negated(doc, sentence, draft.trigger)
        return found_drafts

    def _casualties(
        self,
        normalized: NormalizedText,
        doc: _Document,
        sentence: _Span,
        inside: list[Found],
        claimed: list[_Span],
    ) -> list[_Draft]:
        """Losses in the sentence: an incident draft and, when a running toll is given, a cumulative one."""
        text = normalized.text
        # (kind, keyword, weak): a weak keyword counts only as the predicate of a passive.
        keywords: list[tuple[CountKind, _Hit, bool]] = []
        for kind, pattern in _COUNT_LEXICONS:
            keywords += [(kind, m, False) for m in pattern.finditer(doc, sentence.start, sentence.end)]
        keywords += [("wounded", m, True) for m in _SHOT.finditer(doc, sentence.start, sentence.end)]
        zeros = no_casualties(text, sentence.start, sentence.end)
        candidates = self._count_candidates(normalized, doc, sentence, inside, zeros)
        # Per group (cumulative or not): counts by kind, and the keyword of the first one.
        groups: dict[bool, tuple[dict[CountKind, _Count], list[_Hit]]] = {}
        provisional: dict[bool, bool] = {}
        clauses = {c.start: self._clause(doc, sentence, c.start) for c in candidates}
        running = [clauses[c.start] for c in candidates if is_running_total(text, *_bounds(clauses[c.start]))]
        # A toll cue in a clause of its own ("So far this year, 120 people ...") covers the sentence.
        sentence_running = is_running_total(text, sentence.start, sentence.end) and not running
        for count in candidates:
            clause = clauses[count.start]
            kind_keyword = self._count_keyword(text, count, clause, keywords, candidates=candidates)
            if kind_keyword is None:
                continue
            kind, keyword = kind_keyword
            group = sentence_running or clause in running
            counts, triggers = groups.setdefault(group, ({}, []))
            held = counts.get(kind)
            # A number outranks a phrase read as one ("a man"); otherwise the first count stands.
            if held is None or (count.explicit and not held.explicit):
                counts[kind] = count
                if kind == "wounded":
                    provisional[group] = not count.explicit and keyword.group() in _BEFORE_DEATH
            triggers.append(keyword)
        for zero in zeros:
            counts, triggers = groups.setdefault(False, ({}, []))
            if zero.kind not in counts:
                surface = _original(normalized, zero.start, zero.end)
                counts[zero.kind] = _Count(zero.start, zero.end, Quantity(value=0, text=surface), True)
                triggers.append(_Hit(zero.start, zero.end, text[zero.start : zero.end]))
        incident = _INCIDENT_CUES.search(doc, sentence.start, sentence.end) is not None
        drafts: list[_Draft] = []
        for cumulative, (counts, triggers) in sorted(groups.items()):
            first = min(triggers, key=lambda k: k.start())
            quantities = {kind: count.quantity for kind, count in counts.items()}
            draft = _Draft(
                "casualties", _Span(first.start(), first.end()), sentence, counts=Counts(**quantities)
            )
            draft.cumulative = True if cumulative else (False if incident else None)
            draft.wounded_may_have_died = provisional.get(cumulative, False)
            # "no one was hurt" alone: the losses it names did not happen.
            draft.negated = all(q.value == 0 for q in quantities.values())
            drafts.append(draft)
        self._casualty_participants(doc, sentence, inside, claimed, drafts)
        return drafts

    def _casualty_participants(
        self, doc: _Document, sentence: _Span, inside: list[Found], claimed: list[_Span], drafts: list[_Draft]
    ) -> None:
        """Attackers, the victims' country, where the losses were and where the wounded were sent."""
        if not drafts:
            return
        text = doc.text
        countries = self._countries(inside, claimed)
        attackers = self._attackers(doc, sentence, countries)
        victims = [
            f
            for f in countries
            if f not in attackers and not self._preceded_by(text, f, _PLACE_OR_GOAL_PREPOSITIONS)
        ]
        location = self._location(text, inside, claimed)
        destination = None
        if _RETURN.search(doc, sentence.start, sentence.end):
            destination = next(
                (p for p in countries if self._preceded_by(text, p, _DESTINATION_PREPOSITIONS)), None
            )
        for draft in drafts:
            draft.actors += [doc.actor(a, "actor") for a in attackers]
            if victims:
                trigger = draft.trigger
                victim = min(victims, key=lambda f: _distance(trigger.start, trigger.end, f))
                draft.actors.append(doc.actor(victim, "victim"))
            if destination is not None:
                draft.actors.append(doc.actor(destination, "destination"))
            draft.location = location

    def _count_candidates(
        self,
        normalized: NormalizedText,
        doc: _Document,
        sentence: _Span,
        inside: list[Found],
        zeros: list[NoCasualties],
    ) -> list[_Count]:
        """Numbers that count people, and phrases that stand for a number ("a man", "جنديين")."""
        text = normalized.text
        taken = [(z.start, z.end) for z in zeros]
        candidates: list[_Count] = []
        for number in inside:
            if number.mention.type != "CARDINAL" or _overlaps(number.start, number.end, taken):
                continue
            if _SUBSET_BEFORE.search(text, max(0, number.start - 12), number.start) is not None:
                continue  # a part of another count: "five people, including three children,"
            if is_not_a_count(text, number.start, number.end) or not self._counts_people(doc, number):
                continue
            candidates.append(_Count(number.start, number.end, _quantity(number), True))
        taken += [(c.start, c.end) for c in candidates]
        # Money, dates, measures hold no people; an ordinal may sit in one ("a second man").
        taken += [
            (f.start, f.end)
            for f in inside
            if f.mention.type not in ("CARDINAL", "ORDINAL") and f.number is not None
        ]
        for implied in implied_counts(text, sentence.start, sentence.end):
            if _overlaps(implied.start, implied.end, taken):
                continue
            surface = _original(normalized, implied.start, implied.end)
            if implied.approx == "exact":
                quantity = Quantity(value=implied.value, text=surface)
            else:
                quantity = Quantity(min=implied.value, approx=implied.approx, text=surface)
            candidates.append(_Count(implied.start, implied.end, quantity, False))
        taken += [(c.start, c.end) for c in candidates]
        for person in inside:
            if (
                person.mention.type == "PERSON"
                and _NAMED_VICTIM.match(text, person.end) is not None
                and not _overlaps(person.start, person.end, taken)
            ):
                candidates.append(
                    _Count(person.start, person.end, Quantity(value=1, text=person.mention.text), False)
                )
        candidates.sort(key=lambda c: c.start)
        return _coordinated(doc, candidates)

    @staticmethod
    def _count_keyword(
        text: str,
        count: _Count,
        clause: _Span,
        keywords: list[tuple[CountKind, _Hit, bool]],
        *,
        candidates: list[_Count],
    ) -> tuple[CountKind, _Hit] | None:
        """The casualty word a count belongs to, within its clause.

        A keyword with another count between it and this one belongs to that count ("3 dead
        and 7 injured"). A keyword after the count behind an auxiliary has it as its subject
        ("three others were injured"), so it outranks a nearer one before ("killed and three").
        """
        near: list[tuple[int, CountKind, _Hit]] = []
        weak_near: list[tuple[int, CountKind, _Hit]] = []
        for kind, keyword, weak in keywords:
            if not (clause.start <= keyword.start() and keyword.end() <= clause.end):
                continue
            after = keyword.start() >= count.end
            low, high = (count.end, keyword.start()) if after else (keyword.end(), count.start)
            between = any(low <= c.start and c.end <= high for c in candidates if c is not count)
            if high - low > _WINDOW or between:
                continue
            passive = after and _AUXILIARY.search(text, low, high) is not None
            if weak:
                # "a man was shot", "found a man shot", "shot his wife"; not "a man shot at police"
                # or "he had shot himself"
                found_shot = not text[low:high].strip() and _FOUND.search(
                    text, max(0, count.start - 8), count.start
                )
                object_shot = (
                    not after and not text[low:high].strip() and _POSSESSIVE.match(text, count.start)
                )
                if object_shot or (
                    after and (found_shot or _PASSIVE_AUXILIARY.search(text, low, high) is not None)
                ):
                    weak_near.append((0, kind, keyword))
                continue
            near.append((0 if passive else high - low, kind, keyword))
        near = near or weak_near
        if not near:
            return None
        totals = [(d, k, m) for d, k, m in near if k == "total"]
        _, kind, keyword = totals[0] if totals else min(near, key=lambda n: n[0])
        return kind, keyword

    def _deployment(
        self, doc: _Document, sentence: _Span, inside: list[Found], claimed: list[_Span]
    ) -> _Draft | None:
        text = doc.text
        countries: list[Found] | None = None  # the same for every verb; most verbs have no troops
        for verb in _DEPLOY.finditer(doc, sentence.start, sentence.end):
            clause = self._clause(doc, sentence, verb.start())
            troops = _TROOP_NOUNS.search(doc, verb.end(), min(clause.end, verb.end() + _WINDOW))
            if troops is None:
                continue
            trigger = _Span(verb.start(), verb.end())
            draft = _Draft("deployment", trigger, sentence)
            if countries is None:
                countries = self._countries(inside, claimed, persons=True)
            candidates = [f for f in countries if clause.start <= f.start < clause.end]
            after_verb = [f for f in candidates if 0 <= f.start - verb.end() <= 2]
            before_verb = [f for f in candidates if f.end <= verb.start() and verb.start() - f.end <= 40]
            actor = after_verb[0] if after_verb else (before_verb[-1] if before_verb else None)
            if actor is not None:
                draft.actors.append(doc.actor(actor, "actor"))
            destination = next(
                (
                    f
                    for f in candidates
                    if f.start >= troops.end() and self._preceded_by(text, f, _PLACE_OR_GOAL_PREPOSITIONS)
                ),
                None,
            )
            if destination is not None:
                draft.actors.append(doc.actor(destination, "destination"))
            number = next(
                (
                    f
                    for f in inside
                    if f.mention.type == "CARDINAL" and verb.end() <= f.start and f.end <= troops.start()
                ),
                None,
            )
            if number is not None:
                draft.counts = Counts(people=_quantity(number))
            if destination is not None or number is not None:
                return draft
        return None

    def _agreement(
        self, doc: _Document, sentence: _Span, inside: list[Found], claimed: list[_Span]
    ) -> _Draft | None:
        text = doc.text
        treaty = _TREATY.search(doc, sentence.start, sentence.end)
        signed = _SIGN.search(doc, sentence.start, sentence.end)
        if treaty is None or signed is None:
            return None
        draft = _Draft("agreement", _Span(signed.start(), signed.end()), sentence)
        seen: set[tuple[str, str | None]] = set()
        for party in self._countries(inside, claimed, persons=True):
            key = (party.mention.canonical_name or party.mention.text, party.mention.country)
            if party.mention.type in ("PERSON", "GPE") and key not in seen:
                seen.add(key)
                draft.actors.append(doc.actor(party, "party"))
        window = text[max(sentence.start, treaty.start() - 45) : min(sentence.end, treaty.end() + 45)]
        kind_found = _TREATY_KIND.search(window)
        kind = _TREATY_KINDS[kind_found["kind"]] if kind_found else None
        head = _TREATY_HEADS.get(
            treaty.group().removeprefix("ال").removeprefix("و").removeprefix("ب"), "agreement"
        )
        draft.name = f"{kind} {head}" if kind else head
        return draft

    def _arms_transfer(
        self, doc: _Document, sentence: _Span, inside: list[Found], claimed: list[_Span]
    ) -> _Draft | None:
        text = doc.text
        weapons = _WEAPONS.search(doc, sentence.start, sentence.end)
        if weapons is None:
            return None
        money = next((f for f in inside if f.mention.type == "MONEY"), None)
        if money is None and _TRANSFER.search(doc, sentence.start, sentence.end) is None:
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
            draft.actors.append(doc.actor(actor, "actor"))
        destination = next(
            (f for f in countries if f is not actor and self._preceded_by(text, f, _RECIPIENT_PREPOSITIONS)),
            None,
        )
        if destination is not None:
            draft.actors.append(doc.actor(destination, "destination"))
        if money is not None and money.number is not None and money.number.unit is not None:
            draft.money = Money(amount=_quantity(money), currency=money.number.unit)
        return draft

    def _attack(
        self, doc: _Document, sentence: _Span, inside: list[Found], claimed: list[_Span]
    ) -> _Draft | None:
        text = doc.text
        trigger = _ATTACK.search(doc, sentence.start, sentence.end)
        if trigger is None:
            return None
        countries = self._countries(inside, claimed)
        if not countries:
            return None
        draft = _Draft("attack", _Span(trigger.start(), trigger.end()), sentence)
        attackers = self._attackers(doc, sentence, countries)
        draft.actors += [doc.actor(a, "actor") for a in attackers]
        draft.actors += [
            doc.actor(c, "target")
            for c in countries
            if c not in attackers and self._preceded_by(text, c, _TARGET_PREPOSITIONS)
        ]
        draft.location = self._location(text, inside, claimed)
        return draft

    @staticmethod
    def _attackers(doc: _Document, sentence: _Span, countries: list[Found]) -> list[Found]:
        """Countries right next to an attack or weapon word: "Russian missile strikes", "غارات روسية"."""
        weapons = _ATTACK.finditer(doc, sentence.start, sentence.end)
        weapons += _WEAPONS.finditer(doc, sentence.start, sentence.end)
        return [
            country
            for country in countries
            if any(0 <= w.start() - country.end <= 1 or 0 <= country.start - w.end() <= 2 for w in weapons)
        ]

    def _statements(
        self, doc: _Document, sentence: _Span, inside: list[Found], verbs: list[_Hit], news_day: Found | None
    ) -> list[_Draft]:
        drafts: list[_Draft] = []
        nouns = _STATEMENT_NOUN.finditer(doc, sentence.start, sentence.end)
        if not verbs and not nouns:
            return drafts
        speakers = [
            f
            for f in inside
            if f.mention.type in ("PERSON", "ORG") or (f.mention.type == "GPE" and not _is_metonym(f))
        ]
        for verb in verbs:
            # The speaker comes before إن/that: in "قال إن روسيا ..." Russia is what was said.
            complementizer = doc.complementizer(verb.end(), min(sentence.end, verb.end() + 30))
            header_end = complementizer.start() if complementizer is not None else sentence.end
            after = [f for f in speakers if verb.end() <= f.start <= verb.end() + 30 and f.end <= header_end]
            people_after = [f for f in after if f.mention.type in ("PERSON", "ORG")]
            before = [f for f in speakers if 0 <= verb.start() - f.end <= 2]
            # A subject right before the verb (English order, or Arabic SVO) outranks the object after it.
            speaker = next(iter(before[-1:] or people_after or after), None)
            drafts += self._statement(
                doc, sentence=sentence, inside=inside, news_day=news_day, verb=verb, speaker=speaker
            )
        for noun in nouns:
            clause = self._clause(doc, sentence, noun.start())
            before = [f for f in speakers if clause.start <= f.start and 0 <= noun.start() - f.end <= 40]
            speaker = before[-1] if before else None
            drafts += self._statement(
                doc, sentence=sentence, inside=inside, news_day=news_day, verb=noun, speaker=speaker
            )
        return drafts

    def _statement(
        self,
        doc: _Document,
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
        text = doc.text
        draft = _Draft("statement", _Span(verb.start(), verb.end()), sentence)
        draft.actors.append(doc.actor(speaker, "actor"))
        if _THANK.fullmatch(verb.group()):
            target = next(
                (
                    f
                    for f in inside
                    if f.start >= speaker.end and f.mention.type in ("PERSON", "GPE") and f.mention.country
                ),
                None,
            )
            if target is not None:
                draft.actors.append(doc.actor(target, "target"))
        addressee = next(
            (f for f in inside if f.mention.type == "ORG" and self._addresses(text, verb, speaker, f)), None
        )
        if addressee is not None:
            draft.actors.append(doc.actor(addressee, "target"))
        clause = self._clause(doc, sentence, verb.start())
        # The speech header runs to إن/that and may hold its own date: "وقال X، الجمعة، إن".
        complementizer = doc.complementizer(verb.end(), min(sentence.end, verb.end() + _WINDOW))
        header_end = max(clause.end, complementizer.start() if complementizer is not None else 0)
        dated = [f for f in inside if f.date is not None and clause.start <= f.start and f.end <= header_end]
        if dated:
            draft.time = doc.time_span(min(dated, key=lambda f: _distance(verb.start(), verb.end(), f)))
        elif news_day is not None:
            draft.time = doc.time_span(news_day)
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
    def _counts_people(doc: _Document, number: Found) -> bool:
        """A casualty count is followed by a person noun or a casualty word, or follows one."""
        # The number's own span may already hold its noun ("50 جنديا على الأقل").
        after_end = min(len(doc.text), number.end + 25)
        before_start = max(0, number.start - 20)
        after = doc.lexicons_in(number.start, after_end)
        if any(lexicon.occurs_in(after) for lexicon in (_PERSON_NOUNS, *_LOSS_LEXICONS)):
            return True
        before = doc.lexicons_in(before_start, number.start)
        return any(lexicon.occurs_in(before) for lexicon in _LOSS_LEXICONS)

    @staticmethod
    def _countries(inside: list[Found], claimed: list[_Span], *, persons: bool = False) -> list[Found]:
        kinds = ("GPE", "NORP", "PERSON") if persons else ("GPE", "NORP")
        return [
            f
            for f in inside
            if f.mention.type in kinds
            and f.mention.country
            and not any(c.start <= f.start and f.end <= c.end for c in claimed)
        ]

    @staticmethod
    def _preceded_by(text: str, found: Found, words: tuple[str, ...]) -> bool:
        head = text[max(0, found.start - 12) : found.start]
        if head.endswith("ب") or head.endswith("لل"):
            return "في" in words  # attached بـ / لـ: "بروسيا" is a place
        head = head.rstrip()
        if not head.endswith(words):  # the usual answer, in one C call
            return False
        return any(
            head.endswith(word) and (len(head) == len(word) or not head[-len(word) - 1].isalnum())
            for word in words
        )

    def _location(self, text: str, inside: list[Found], claimed: list[_Span]) -> Location | None:
        for place in inside:
            entry = place.entry
            if entry is None or place.mention.type not in ("GPE", "LOC") or _is_metonym(place):
                continue
            if any(c.start <= place.start and place.end <= c.end for c in claimed):
                continue
            head = text[max(0, place.start - 30) : place.start]
            if self._preceded_by(text, place, _LOCATION_PREPOSITIONS) or _SCENE.search(head):
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
        self, doc: _Document, sentence: _Span, inside: list[Found], trigger: _Span
    ) -> TimeSpan | None:
        dates = [f for f in inside if f.date is not None]
        if not dates:
            return None
        clause = self._clause(doc, sentence, trigger.start)
        in_clause = [f for f in dates if clause.start <= f.start and f.end <= clause.end]
        pool = in_clause or dates
        return doc.time_span(min(pool, key=lambda f: _distance(trigger.start, trigger.end, f)))

    def _negated(self, doc: _Document, sentence: _Span, trigger: _Span) -> bool:
        text = doc.text
        clause = self._clause(doc, sentence, trigger.start)
        window_start = max(clause.start, trigger.start - 15)
        # غير negates the participle right after it ("غير مصاب"), not a word further on.
        before = trigger.start - len("غير ")
        if text.endswith("غير ", window_start, trigger.start) and (
            before == 0 or not text[before - 1].isalnum()
        ):
            return True
        neither = _NEITHER.search(doc, sentence.start, trigger.start)
        if neither is not None and _NOR.search(doc, neither.end(), trigger.start) is not None:
            return True
        return any(
            not _NOT_NEGATING.match(text, hit.end())
            for hit in _NEGATION.finditer(doc, window_start, trigger.start)
        )

    def _hypothetical(self, doc: _Document, sentence: _Span, trigger: _Span) -> bool:
        """ "if"/"إذا" anywhere in the sentence, or "could"/"قد يـ"/"threatened to" before the trigger."""
        text = doc.text
        if _CONDITIONAL.search(doc, sentence.start, sentence.end) is not None:
            return True
        for modal in _MODAL.finditer(doc, max(sentence.start, trigger.start - 40), trigger.start):
            word = modal.group()
            if word == "may" and _MONTH_MAY.search(text[max(0, modal.start() - 6) : modal.end() + 2]):
                continue
            if word == "قد" and not text.startswith(" ي", modal.end()):
                continue
            if _CLAUSE_BREAK.search(text, modal.end(), trigger.start) is None:
                return True
        return False

    @staticmethod
    def _stated_day(normalized: NormalizedText, sentence: _Span, published: date | None) -> TimeSpan | None:
        """No date in the sentence: the publication day, only when the sentence says "today"."""
        stated = stated_day(normalized.text, sentence.start, sentence.end, published)
        if stated is None:
            return None
        day, word = stated
        return TimeSpan(start=day.isoformat(), end=day.isoformat(), precision="day", text=word)

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
    def _count_the_dying_as_dead(
        doc: _Document, drafts: list[tuple[_Draft, _Claim | None]]
    ) -> list[tuple[_Draft, _Claim | None]]:
        """ "A man was shot ... he later died": one person killed, not one wounded and one killed.

        Only a single victim's provisional wound ("shot", "hospitalized") is withdrawn, and only
        when the article tells of a later death; "another man was wounded" stands."""
        if not any(word in doc.text for word in _DIED_LATER_WORDS) or _DIED_LATER.search(doc.text) is None:
            return drafts
        kept: list[tuple[_Draft, _Claim | None]] = []
        for draft, claim in drafts:
            if draft.wounded_may_have_died and draft.counts is not None:
                draft.counts = draft.counts.model_copy(update={"wounded": None})
                if not draft.counts.model_dump(exclude_none=True):
                    continue
            kept.append((draft, claim))
        return kept

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

    def _content(
        self,
        normalized: NormalizedText,
        doc: _Document,
        draft: _Draft,
        claim: _Claim | None,
        shared: _SharedContent,
    ) -> EventContent:
        evidence = shared.evidence.get(draft.sentence)
        if evidence is None:
            start, end = normalized.span_to_original(draft.sentence.start, draft.sentence.end)
            evidence = Evidence(sentence=normalized.original[start:end], start=start, end=end)
            shared.evidence[draft.sentence] = evidence
        actors = list(draft.actors)
        claimant: Actor | None = None
        modality: Modality = "asserted"
        if claim is not None:
            sources = shared.claimants.get(id(claim))
            if sources is None:
                sources = shared.claimants[id(claim)] = self._claimant(normalized, doc, claim)
            claimant, claim_actors = sources
            actors += claim_actors
            modality = "denied" if claim.denied else "reported"
        if draft.event_type == "statement":
            claimant, modality = None, "asserted"
        elif modality != "denied" and self._hypothetical(doc, draft.sentence, draft.trigger):
            modality = "hypothetical"
        fields: EventContent = {
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
        return fields

    def _records(
        self,
        normalized: NormalizedText,
        doc: _Document,
        drafts_with_claims: list[tuple[_Draft, _Claim | None]],
        provenance: dict[str, Any],
    ) -> list[EventRecord]:
        """One record per distinct event id, the first draft's; a repeated one is not validated again."""
        events: dict[str, EventRecord] = {}
        shared = _SharedContent()
        for draft, claim in drafts_with_claims:
            fields = self._content(normalized, doc, draft, claim, shared)
            event_id = EventRecord.content_id(provenance["article_id"], fields)
            if event_id not in events:
                confidence = self._confidence(draft, claim)
                record = {"event_id": event_id, "confidence": confidence, **provenance, **fields}
                events[event_id] = _validate_event(record)
        return list(events.values())

    @staticmethod
    def _claimant(normalized: NormalizedText, doc: _Document, claim: _Claim) -> tuple[Actor, list[Actor]]:
        """One named source becomes the claimant; several countries' sources become claimant actors."""
        start, end = normalized.span_to_original(claim.span.start, claim.span.end)
        span_text = normalized.original[start:end].strip(" ،,")
        if not claim.sources:  # "police said": the surface phrase is all we know of the source
            return Actor(role="claimant", name=span_text, text=span_text), []
        named = [s for s in claim.sources if s.mention.type in ("PERSON", "ORG")]
        if named:
            return doc.actor(named[0], "claimant"), []
        countries = list(dict.fromkeys(s.mention.country for s in claim.sources if s.mention.country))
        if len(countries) == 1:
            return doc.actor(claim.sources[0], "claimant"), []
        per_country = {s.mention.country: s for s in claim.sources}
        group = Actor(role="claimant", name=span_text, text=span_text)
        return group, [doc.actor(per_country[c], "claimant") for c in countries]

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


def _validate_event(fields: dict[str, Any]) -> EventRecord:
    """EventRecord.model_validate without its Python wrapper: the same validation, once per event."""
    record: EventRecord = EventRecord.__pydantic_validator__.validate_python(fields)
    return record


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


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def _bounds(span: _Span) -> tuple[int, int]:
    return span.start, span.end


def _original(normalized: NormalizedText, start: int, end: int) -> str:
    first, last = normalized.span_to_original(start, end)
    return normalized.original[first:last]


# The first count's head noun may sit before the conjunction: "two men and a woman".
_AND = re.compile(r"(?: [^\W\d]+)? (?:and |و ?)?")


def _coordinated(doc: _Document, candidates: list[_Count]) -> list[_Count]:
    """ "two men and a woman", "شخصين وطفلين": exact counts joined by and/و are one group of people."""
    text = doc.text
    merged: list[_Count] = []
    for count in candidates:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and isinstance(previous.quantity.value, int)
            and isinstance(count.quantity.value, int)
            and previous.quantity.approx == count.quantity.approx == "exact"
            and _AND.fullmatch(text, previous.end, count.start)
            and (text[previous.end : count.start].strip() or text[count.start] == "و")
            and not any(lexicon.search(doc, previous.end, count.start) for lexicon in _LOSS_LEXICONS)
        ):
            surface = f"{previous.quantity.text} {count.quantity.text}"
            total = Quantity(value=previous.quantity.value + count.quantity.value, text=surface)
            merged[-1] = _Count(previous.start, count.end, total, previous.explicit or count.explicit)
        else:
            merged.append(count)
    return merged
