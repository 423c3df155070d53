"""Casualty counts the number extractor does not see, and cues that a count is a running toll.

Everything here reads the normalized text (lower case, Arabic letter variants folded), so the
Arabic patterns are written in normalized spelling: ة is ه, أ/إ/آ are ا, ى is ي.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from schemas.models import Approx

CountKind = Literal["killed", "wounded", "missing", "captured", "total"]


def starting_with(first: str, pattern: str) -> re.Pattern[str]:
    """`pattern`, whose matches all begin with one of the characters `first`.

    The leading lookahead changes no match; it lets `re` skip every other position with one
    character test instead of trying each alternative there (several times faster on articles).
    """
    return re.compile(f"(?=[{first}])(?:{pattern})")


@dataclass(frozen=True, slots=True)
class ImpliedCount:
    """People counted by a noun phrase rather than a number: "a man", "جنديين", "dozens"."""

    start: int
    end: int
    value: int
    approx: Approx = "exact"


@dataclass(frozen=True, slots=True)
class NoCasualties:
    """ "no one was hurt", "لم تسفر عن اصابات": a zero count of `kind`, stated by negation."""

    start: int
    end: int
    kind: CountKind


# Arabic nouns whose dual (ـين/ـان) cannot be a sound plural: their plurals are broken (جنود,
# اشخاص, اطفال). Nisba nouns (مدني, صحفي) are left out: مدنيين is far more often the plural.
_AR_DUAL_STEMS = (
    "جندي", "شخص", "طفل", "رجل", "ضابط", "عنصر", "شهيد", "قتيل", "جريح", "شاب", "شقيق", "حارس",
    "طفلت", "امرات", "سيدت", "فتات", "شقيقت", "سائق", "طالب", "صياد", "راع",
)  # fmt: skip
_AR_DUAL = starting_with(
    "وفبلاجشطرضعقحسصف", rf"(?<!\w)(?:[وفبل]|ال|وال|بال|لل)?(?:{'|'.join(_AR_DUAL_STEMS)})(?:ين|ان)(?!\w)"
)

# A singular person noun; "one" is left to the number extractor.
_EN_PERSON = (
    r"(?:man|woman|boy|girl|teen|teenager|child|toddler|infant|baby|person|soldier|officer|civilian|"
    r"driver|passenger|pedestrian|student|victim|resident|bystander|worker|journalist|customer|employee|"
    r"motorist|father|mother|son|daughter|brother|sister|husband|wife|suspect|gunman|shooter|deputy|"
    r"trooper|guard|clerk|security guard|police officer|cyclist|motorcyclist|homeowner|neighbor|friend|"
    r"juvenile|youth|teen boy|teen girl|relative|roommate|girlfriend|boyfriend|firefighter|paramedic|"
    r"hunter|farmer|teacher|nurse|doctor|shopkeeper|taxi driver|store clerk)"
)
# "a man", "an 18-year-old woman", "a local police officer"; up to three modifiers.
_EN_INDEFINITE = starting_with("a", rf"(?<![\w-])an? (?:[\w'-]+ ){{0,3}}?{_EN_PERSON}(?![\w-])")
# "the victim died", "his wife was wounded", "he was shot dead": one person as the subject.
_EN_SINGULAR_SUBJECT = starting_with(
    "thas",
    rf"(?<![\w-])(?:(?:the|his|her|their|another) (?:[\w'-]+ ){{0,2}}?{_EN_PERSON}|he|she)"
    r"(?= (?:later |also |reportedly |allegedly )?"
    r"(?:was|is|has been|had been|died|dies|succumbed|suffered|sustained)(?!\w))",
)
# "the couple were taken to hospital", a headline's "Couple injured": two people ("a couple of" is
# a number, read elsewhere). The text is lower-cased by then.
_EN_COUPLE = starting_with("atc", r"(?<![\w-])(?:(?:a|the) (?:[\w'-]+ )?)?couple(?! of)(?!\w)")
# "a man shot his wife": the possessed person after an active "shot" is one victim.
_EN_SHOT_RELATIVE = starting_with(
    "s", rf"(?<!\w)(?:shot|striking) (?P<count>(?:his|her|their) (?:[\w'-]+ )?{_EN_PERSON})(?!\w)"
)
# "his injuries were not life-threatening": the one they belong to was hurt (unless he died of
# them, which `implied_counts` checks).
_EN_OWN_INJURIES = starting_with(
    "h", r"(?<![\w-])(?P<count>his|her)(?= (?:[\w'-]+ ){0,2}?(?:injuries|wounds|gunshot wounds?)(?!\w))"
)
_EN_DIED = re.compile(r"(?<!\w)(?:died|dies|succumbed)(?!\w)")
# "a man and his wife were wounded": a relative joined to a counted person is one more.
_EN_AND_RELATIVE = starting_with(
    "a", rf"(?<!\w)and (?P<count>(?:his|her|their) (?:[\w'-]+ ){{0,2}}?{_EN_PERSON})(?![\w-])"
)
# "killing one man and injuring another": the second victim, counted by "another".
_EN_ANOTHER = starting_with(
    "kwihs",
    r"(?<!\w)(?:killing|killed|wounding|wounded|injuring|injured|hurting|shooting|shot)"
    r" (?:\w+ )?(?P<count>another)(?! \w+ (?:was|were|is|has|had)(?!\w))(?!\w)",
)
# Vague plurals read as a lower bound: "dozens", "العشرات".
_VAGUE = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "عشرات": 20,
    "ميات": 200,
    "الاف": 2000,
}
_VAGUE_PLURAL = starting_with(
    "وباdshtعم", r"(?<!\w)(?:[وب]?ال)?(?P<stem>dozens|scores|hundreds|thousands|عشرات|ميات|الاف)(?!\w)"
)
_AGE = re.compile(r"\s*(?:-| )?(?:years?-old|years? old|year old|عاما|عام|سنه|سنوات)(?!\w)")

_EN_NOBODY = starting_with(
    "n",
    r"(?<!\w)(?:no one|nobody|none|no(?: [\w-]+){1,2})"
    r" (?:else )?(?:was|were|has been|had been|have been|is|are)"
    r" (?:\w+ )?(?P<word>killed|hurt|injured|wounded|harmed|shot|missing|kidnapped)(?!\w)",
)
# "the victim was not injured", "he was not hurt": a named subject, negated.
_EN_SUBJECT_UNHURT = starting_with(
    "thas",
    rf"(?<![\w-])(?:(?:the|his|her|their|a|an) (?:[\w'-]+ ){{0,2}}?{_EN_PERSON}s?|he|she|they)"
    r" (?:was|were|is|are) not (?:\w+ )?(?P<word>killed|hurt|injured|wounded|harmed|shot)(?!\w)",
)
_EN_NO_LOSSES = starting_with(
    "nw",
    r"(?<!\w)(?:no|without) (?:other |serious |reported |immediate |further |known |major )?"
    r"(?P<word>injuries|injury|casualties|deaths|fatalities|one hurt|one injured|one killed)(?!\w)",
)
_AR_NO_LOSSES = starting_with(
    "لدبعو",
    r"(?<!\w)(?:لم|لا|دون|بدون|عدم|ولم|ولا)"
    r" (?:(?:يسفر|تسفر|تسفرا|يسجل|تسجل|تقع|يقع|وقوع|ترد|يرد|توجد|يوجد|تبلغ|يبلغ|تشر|يشر|تذكر)"
    r"(?: \w+)?(?: عن| الي)? )?(?:اي )?"
    r"(?P<word>اصابات|اصابه|ضحايا|قتلي|خسائر بشريه|خسائر في الارواح|جرحي)(?!\w)"
    r"|(?<!\w)(?:لم|ولم) (?P<verb>يصب|يقتل|يصيب) (?:اي |احد)",
)
_ZERO_KIND: dict[str, CountKind] = {
    "killed": "killed", "deaths": "killed", "fatalities": "killed", "one killed": "killed",
    "قتلي": "killed", "يقتل": "killed", "hurt": "wounded", "injured": "wounded", "wounded": "wounded",
    "harmed": "wounded", "shot": "wounded", "injuries": "wounded", "injury": "wounded", "one hurt": "wounded",
    "one injured": "wounded", "اصابات": "wounded", "اصابه": "wounded", "جرحي": "wounded",
    "يصب": "wounded", "يصيب": "wounded", "missing": "missing", "kidnapped": "captured",
    "casualties": "total", "ضحايا": "total", "خسائر بشريه": "total", "خسائر في الارواح": "total",
}  # fmt: skip

# A running toll rather than one incident: "the toll rose to", "since the start of the war".
_RUNNING_TOTAL_EN = starting_with(
    "dctbrpiosn",
    r"(?<!\w)(?:"
    r"(?:death |casualty )?toll (?:\w+ ){0,4}?(?:rose|rises|risen|climbed|climbs|reached|reaches|"
    r"stands|stood|jumped|increased|now)"
    r"|(?:bringing|raising|pushing|taking) (?:the )?(?:overall |total |death |casualty )*"
    r"(?:toll|total|number)"
    r"|in total|overall toll|cumulative|so far|to date|thus far|this year|since (?:the )?(?:start|beginning|"
    r"outbreak|onset) of|since (?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|\d{4}|last|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|the weekend)"
    r"|(?:over|in|during) the (?:past|last) (?:\w+ )?(?:days|weeks|months|years|weekend)"
    r"|number of [^,.]*?(?:reached|rose to|risen to|stands at|stood at|climbed to)"
    r")(?!\w)",
)
_RUNNING_TOTAL_AR = starting_with(
    "اتيلبوحعمن",
    r"(?<!\w)(?:"
    r"(?:ارتفعت|ارتفاع|ترتفع|يرتفع|ليرتفع|لترتفع|بلغت|وصلت|تجاوزت) (?:\w+ ){0,3}?(?:حصيله|عدد|اجمالي)"
    r"|(?:الحصيله|حصيله) (?:\w+ ){0,3}?(?:الاجماليه|الاجمالي|الكليه)"
    r"|عدد [^،,.]*?(?:بلغ|وصل|ارتفع|تجاوز)"
    r"|اجمالي|مجموع|حتي الان|حتي اليوم|منذ (?:بدايه|بدء|اندلاع|مطلع|انطلاق|السابع)"
    r")(?!\w)",
)
_STATED_DAY = starting_with(
    "tylا",
    r"(?<!\w)(?:(?P<today>today|tonight|this morning|this afternoon|this evening|اليوم|الليله)"
    r"|(?P<yesterday>yesterday|last night|امس|البارحه))(?!\w)",
)
# Which script a span is in, so that only that language's patterns run over it.
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_LATIN_LETTER = re.compile("[a-z]")


def _scripts(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(has Arabic letters, has Latin letters) in text[start:end]."""
    return (
        _ARABIC_LETTER.search(text, start, end) is not None,
        _LATIN_LETTER.search(text, start, end) is not None,
    )


def _died_just_before(text: str, start: int, at: int) -> bool:
    """Whether "died" or "succumbed" stands in the 40 characters before `at` (not before `start`)."""
    return _EN_DIED.search(text, max(start, at - 40), at) is not None


def implied_counts(text: str, start: int, end: int) -> list[ImpliedCount]:
    """Counts given by duals, singular person phrases and vague plurals, in text order."""
    found: list[ImpliedCount] = []
    arabic, latin = _scripts(text, start, end)
    if arabic:
        for match in _AR_DUAL.finditer(text, start, end):
            found.append(ImpliedCount(match.start(), match.end(), 2))
    for pattern in (_EN_INDEFINITE, _EN_SINGULAR_SUBJECT) if latin else ():
        for match in pattern.finditer(text, start, end):
            found.append(ImpliedCount(match.start(), match.end(), 1))
    relatives = (_EN_ANOTHER, _EN_SHOT_RELATIVE, _EN_AND_RELATIVE, _EN_OWN_INJURIES)
    for pattern in relatives if latin else ():
        for match in pattern.finditer(text, start, end):
            if pattern is _EN_OWN_INJURIES and _died_just_before(text, start, match.start()):
                continue  # "she later died due to her injuries"
            found.append(ImpliedCount(match.start("count"), match.end("count"), 1))
    for match in _EN_COUPLE.finditer(text, start, end) if latin else ():
        found.append(ImpliedCount(match.start(), match.end(), 2))
    for match in _VAGUE_PLURAL.finditer(text, start, end):
        found.append(ImpliedCount(match.start(), match.end(), _VAGUE[match["stem"]], "at_least"))
    found.sort(key=lambda c: (c.start, -c.end))
    kept: list[ImpliedCount] = []
    for count in found:  # overlapping phrases ("the man" inside "a man"): keep the first, longest
        if not kept or count.start >= kept[-1].end:
            kept.append(count)
    return kept


def no_casualties(text: str, start: int, end: int) -> list[NoCasualties]:
    """Statements that nobody was killed or hurt."""
    found: list[NoCasualties] = []
    arabic, latin = _scripts(text, start, end)
    patterns = ((_EN_NOBODY, _EN_SUBJECT_UNHURT, _EN_NO_LOSSES) if latin else ()) + (
        (_AR_NO_LOSSES,) if arabic else ()
    )
    for pattern in patterns:
        for match in pattern.finditer(text, start, end):
            word = match.group("word") or match.group("verb")
            found.append(NoCasualties(match.start(), match.end(), _ZERO_KIND[word]))
    return found


def is_age(text: str, end: int) -> bool:
    """ "a 23-year-old", "25 عاما": the number is an age, not a count."""
    return _AGE.match(text, end) is not None


# After a number: a decade of age ("in his 20s", "mid-30s"), a clock time ("10:13 p.m.", "5 a.m."),
# a unit of time or distance ("20 minutes later", "two miles") or wounds ("two gunshot wounds"):
# none of them counts people.
_NOT_A_COUNT_AFTER = re.compile(
    r"(?:s|'s)(?!\w)|:\d|\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)"
    r"|\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|miles?|feet|foot|yards?|meters?|"
    r"kilometers?|km|percent|per cent|%|calibers?|caliber|mm|rounds?|shots|times|block"
    r"|(?:gunshot |bullet |stab )?wounds?"
    r"|دقيقه|دقائق|ساعه|ساعات|يوما|ايام|اسابيع|اشهر|كيلومترا|كيلومترات|مترا|بالمئه|في المئه|%)(?!\w)"
)


# Before a number: a list of ages ("ages 25, 27 and 29", "between the ages of 16-18").
_AGES_BEFORE = re.compile(r"(?<!\w)(?:ages?|aged)(?: of)? (?:\d+(?:, | and | or |-))*$")


def is_not_a_count(text: str, start: int, end: int) -> bool:
    """The number is an age, a clock time, a measure or part of a web address, not a head count."""
    if is_age(text, end) or _NOT_A_COUNT_AFTER.match(text, end) is not None:
        return True
    window = max(0, start - 40)
    # Every list of ages holds "age"; `str.find` rules most numbers out without a regex scan.
    if text.find("age", window, start) != -1 and _AGES_BEFORE.search(text, window, start) is not None:
        return True
    if start > 0 and text[start - 1] in ":/":
        return True  # the minutes of a time, or a path segment
    word_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    return "/" in text[word_start:start] or "www." in text[word_start:start]


def is_running_total(text: str, start: int, end: int) -> bool:
    arabic, latin = _scripts(text, start, end)
    return (arabic and _RUNNING_TOTAL_AR.search(text, start, end) is not None) or (
        latin and _RUNNING_TOTAL_EN.search(text, start, end) is not None
    )


def stated_day(text: str, start: int, end: int, published: date | None) -> tuple[date, str] | None:
    """The publication day (or the day before) when the span says "today" ("yesterday")."""
    if published is None:
        return None
    stated = _STATED_DAY.search(text, start, end)
    if stated is None:
        return None
    if stated["today"] is not None:
        return published, stated.group()
    return published - timedelta(days=1), stated.group()
