"""Dates in Arabic and English, resolved against the publication date.

Month and weekday names come from CLDR through babel (Gregorian names, the Levantine
Syriac names and the Maghreb names). A handful of regular expressions are compiled
once; each finds one shape of date, and the longest non-overlapping matches win.
One Aho-Corasick pass finds the names and the words a date may start with, so each
expression is only tried near a name and at those words, never at every character.

Numeric dates: a first number above 12 is the day (28/4/2025); a second number above 12
is the day (4/28/2025); otherwise Arabic text reads day/month and English text
month/day. A day and month without a year ("February 15", "2/15") take the occurrence
nearest to publication (the publication year unless that is more than half a year away).
Hijri dates need the هـ marker and are converted with the civil tabular Islamic calendar
(see `hijri_to_gregorian`); they can differ by a day or two from the sighted calendar.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

import ahocorasick
from babel.dates import get_day_names, get_month_names

from schemas.models import TimePrecision
from workers.extract.normalize import NormalizedText, normalize

_MONTH_LOCALES = ("ar", "ar_SY", "ar_MA", "en")
_HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الثاني": 4, "ربيع الاخر": 4, "جمادي الاولي": 5,
    "جمادي الاول": 5, "جمادي الثانيه": 6, "جمادي الاخره": 6, "جمادي الثاني": 6, "جمادي الاخر": 6,
    "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12,
    "ذي الحجه": 12,
}  # fmt: skip
_HIJRI_MARK = r"(?:ه(?!\w)|للهجره|هجريه|هجري)"
_EN_DAY_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
# Day words: "fifteenth", "twenty-first", "thirty first".
_DAY_WORDS = dict(_EN_DAY_ORDINALS)
for _tens, _tens_value in (("twenty", 20), ("thirty", 30)):
    for _unit_word, _unit_value in list(_EN_DAY_ORDINALS.items())[:9]:
        if _tens_value + _unit_value <= 31:  # the longest month
            for _joint in ("-", " "):
                _DAY_WORDS[f"{_tens}{_joint}{_unit_word}"] = _tens_value + _unit_value
_AR_DAY_UNITS = ("الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")
# Arabic ordinal days, written before "من" + month: "الخامس عشر من شباط", "الحادي والعشرين من مايو".
_AR_DAY_WORDS = {word: number for number, word in enumerate(_AR_DAY_UNITS, start=1)}
_AR_DAY_WORDS.update({"العاشر": 10, "الحادي عشر": 11})
_AR_DAY_WORDS.update({f"{word} عشر": number + 10 for number, word in enumerate(_AR_DAY_UNITS[1:], start=2)})
for _suffix in ("ين", "ون"):
    _AR_DAY_WORDS[f"العشر{_suffix}"] = 20
    _AR_DAY_WORDS[f"الثلاث{_suffix}"] = 30
    _AR_DAY_WORDS[f"الحادي والثلاث{_suffix}"] = 31
    _AR_DAY_WORDS[f"الحادي والعشر{_suffix}"] = 21
    for _number, _word in enumerate(_AR_DAY_UNITS[1:], start=22):
        _AR_DAY_WORDS[f"{_word} والعشر{_suffix}"] = _number
# Names that are also ordinary words; lower-case they are not months ("troops may march").
_AMBIGUOUS_LATIN = frozenset(("may", "march", "mar"))
# Civil tabular Islamic calendar: 1 Muharram 1 AH is Friday 16 July 622 (Julian), JDN 1948440.
_HIJRI_EPOCH_JDN = 1948440
_ORDINAL_TO_JDN = 1721425  # date.toordinal() + this is the Julian Day Number
# Colloquial Egyptian spellings CLDR does not list.
_EXTRA_MONTHS = {"يونيه": 6, "يوليه": 7, "ابريل": 4, "اغسطس": 8, "sept": 9}
# Meteorological seasons of the northern hemisphere: first month and the year offset of winter's end.
_SEASONS = {
    "spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12,
    "ربيع": 3, "صيف": 6, "خريف": 9, "شتاء": 12,
}  # fmt: skip
_LAST_YEAR_PHRASES = ("العام الماضي", "السنه الماضيه", "last year")
_THIS_YEAR_PHRASES = ("هذا العام", "العام الحالي", "العام الجاري", "هذه السنه", "this year")
_LAST_YEAR = f"(?:{'|'.join(_LAST_YEAR_PHRASES)})"
_THIS_YEAR = f"(?:{'|'.join(_THIS_YEAR_PHRASES)})"
_LAST_YEAR_PATTERN = re.compile(_LAST_YEAR)
_THIS_YEAR_PATTERN = re.compile(_THIS_YEAR)
# Days counted from publication: "yesterday", "tomorrow", "this morning", "صباح اليوم" (not غدا,
# which is also the verb "became").
_RELATIVE_DAYS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "صباح اليوم": 0, "مساء اليوم": 0, "yesterday": -1, "last night": -1, "امس": -1, "البارحه": -1,
    "tomorrow": 1,
}  # fmt: skip
# Durations before publication: "three days ago", "قبل يومين", "منذ ثلاثه اسابيع".
_EN_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_AR_COUNT_WORDS = {
    "ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "اربع": 4, "خمسه": 5, "خمس": 5, "سته": 6, "ست": 6, "سبعه": 7,
    "سبع": 7, "ثمانيه": 8, "ثماني": 8, "تسعه": 9, "تسع": 9, "عشره": 10, "عشر": 10,
}  # fmt: skip
_EN_UNITS = {"day": "day", "week": "week", "month": "month", "year": "year"}
# Arabic unit forms: (unit, how many when no number is written: 2 for a dual, None for a plural).
_AR_UNITS: dict[str, tuple[str, int | None]] = {
    "يومين": ("day", 2), "ايام": ("day", None), "اسبوعين": ("week", 2), "اسابيع": ("week", None),
    "شهرين": ("month", 2), "اشهر": ("month", None), "شهور": ("month", None), "عامين": ("year", 2),
    "سنتين": ("year", 2), "اعوام": ("year", None), "سنوات": ("year", None),
}  # fmt: skip
# Calendar weeks and months around publication: "last week", "الشهر المقبل".
_RELATIVE_STEP = {
    "last": -1, "past": -1, "this": 0, "next": 1, "الماضي": -1, "المنصرم": -1, "الفائت": -1, "الحالي": 0,
    "الجاري": 0, "هذا": 0, "هذه": 0, "المقبل": 1, "القادم": 1, "المقبله": 1, "القادمه": 1,
}  # fmt: skip
_AR_CALENDAR_UNITS = {"اسبوع": "week", "شهر": "month", "عام": "year", "سنه": "year"}
_RANGE_OPEN = r"(?<!\w)(?:(?:ما )?بين|between|from|من)"
_RANGE_OPENERS = ("ما بين", "بين", "between", "from", "من")  # the words _RANGE_OPEN starts with
_RANGE_JOIN = r"(?: ?(?:و|and|to|الي|حتي|-|–) ?)"
# Arabic month names may carry a proclitic (ومارس، بيناير).
_CLITIC = r"(?:(?<!\w)|(?<=(?<!\w)[وبلف]))"


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    value: str
    value_end: str | None
    precision: TimePrecision


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _spaced(leads: Iterable[str]) -> tuple[str, ...]:
    """Leads that their shape always follows with a space. Looking for "in " rather than "in" (or
    "a " rather than "a") skips the many words that merely hold the lead."""
    return tuple(lead + " " for lead in leads)


def _alternation(names: Iterable[str]) -> str:
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in _MONTH_LOCALES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[normalize(name).rstrip(".")] = number
    names.update(_EXTRA_MONTHS)
    return names


def _weekday_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in ("ar", "en"):
        for number, name in get_day_names("wide", locale=locale).items():
            key = normalize(name)
            names[key] = number
            if key.startswith("ال"):
                names[key[2:]] = number
    return names


Resolver = Callable[[re.Match[str], date], "tuple[str, str | None, TimePrecision] | None"]


class _Shape(NamedTuple):
    """One shape of date. It runs in the windows around `anchor` (None: the whole text); with
    `leads` it is tried only where one of them starts (`digit_led`: also where digits start)."""

    pattern: re.Pattern[str]
    resolve: Resolver
    anchor: str | None
    leads: tuple[str, ...] | None = None
    digit_led: bool = False


class DateExtractor:
    def __init__(self) -> None:
        self._months = _month_names()
        self._weekdays = _weekday_names()
        month = rf"{_CLITIC}(?P<{{name}}>{_alternation(self._months)})"
        weekday = rf"(?P<weekday>{_alternation(self._weekdays)})"
        year = r"(?P<{name}>(?:1[89]|20)\d\d)(?!\d)"
        seasons = _alternation(_SEASONS)
        m1, m2, m = (month.format(name=n) for n in ("m1", "m2", "m"))
        y1, y2, y = (year.format(name=n) for n in ("y1", "y2", "y"))
        year_cue = r"(?:(?:من |في )?(?:عام|العام|سنه|عامي|سنتي) )?"
        month_cues = ("في", "خلال", "منذ", "مطلع", "اوايل", "اواخر", "منتصف", "نهايه", "بدايه")
        month_cue = f"(?:{'|'.join(month_cues)})"
        latin_month_cues = ("in", "during", "since", "early", "late", "mid", "until", "by", "last", "this")
        season_year = rf"(?:{_LAST_YEAR}|الماضي|{_THIS_YEAR}|(?:عام )?{y})"
        day_cues = ("اليوم", "يوم", "صباح", "مساء", "ليله", "today", "on", "last")
        day_cue = f"(?:{'|'.join(day_cues)})"
        relative_days = tuple(_RELATIVE_DAYS)
        en_count = rf"(?P<n>\d{{1,3}}|{_alternation(_EN_COUNT_WORDS)})"
        ar_count = rf"(?:(?P<n>\d{{1,3}}|{_alternation(_AR_COUNT_WORDS)}) )?"
        en_step = r"(?P<rel>last|past|this|next)"
        ar_step = rf"(?P<rel>{_alternation({k: v for k, v in _RELATIVE_STEP.items() if not k.isascii()})})"
        year_edges = ("mid", "early", "late", "منتصف", "مطلع", "اوايل", "اواخر", "اواسط", "نهايه", "بدايه")
        year_only_cues = ("عام", "سنه", "العام", "in", "of", "since", "by", "منذ", "في", "year", "the year")
        season_leads = (*_SEASONS, *("ال" + name for name in _SEASONS))
        th = r"(?:st|nd|rd|th)?"
        day = rf"(?:(?P<d>\d{{1,2}}){th}|(?P<dw>{_alternation(_DAY_WORDS)}))"
        hijri = rf"(?P<hm>{_alternation(_HIJRI_MONTHS)})"
        months = tuple(self._months)
        weekdays = tuple(self._weekdays)
        the_weekdays = tuple("ال" + name for name in weekdays)
        self._shapes = [
            _Shape(re.compile(r"(?<![\d/.-])(?P<iy>\d{4})(?P<s>[-/.])(?P<im>\d\d?)(?P=s)(?P<id>\d\d?)(?![\d/-]|\.\d)"),
                   self._iso_date, "numeric"),
            _Shape(re.compile(r"(?<![\d/.-])(?P<a>\d\d?)(?P<s>[-/.])(?P<b>\d\d?)(?P=s)(?P<y>\d{4}|\d\d)(?![\d/-]|\.\d)"),
                   self._numeric_date, "numeric"),
            _Shape(re.compile(r"(?<![\d/.,-])(?P<a>\d\d?)/(?P<b>\d\d?)(?![\d/]|[.,]\d)"), self._numeric_date,
                   "numeric"),
            _Shape(re.compile(r"(?<![\d/.,-])(?P<nm>\d\d?)/(?P<y>(?:1[89]|20)\d\d)(?![\d/]|[.,]\d)"),
                   self._numeric_month, "numeric"),
            _Shape(re.compile(rf"{_RANGE_OPEN} (?:عامي |سنتي |العامين |عام )?{y1}{_RANGE_JOIN}(?:عام )?{y2}"),
                   self._year_range, "year", _spaced(_RANGE_OPENERS)),
            _Shape(re.compile(rf"{_RANGE_OPEN} (?:شهري )?{m1}(?: {y1})?{_RANGE_JOIN}{m2}(?: {y2})?"),
                   self._month_range, "m", _spaced(_RANGE_OPENERS)),
            _Shape(re.compile(rf"(?<!\w)(?:the )?{day} (?:of |من )?(?:شهر )?{m}\.?"
                              rf"(?:[,،]? {year_cue}{y})?"),
                   self._day_month, "m", ("the ", *_spaced(_DAY_WORDS)), digit_led=True),
            _Shape(re.compile(rf"(?<!\w)[وب]?(?P<da>{_alternation(_AR_DAY_WORDS)}) من (?:شهر )?{m}"
                              rf"(?:[,،]? {year_cue}{y})?"),
                   self._day_month, "m", _spaced(c + w for w in _AR_DAY_WORDS for c in ("", "و", "ب"))),
            _Shape(re.compile(rf"{m}\.? (?:the )?{day}(?:[,،]? {y})?(?![\d\w-])"), self._day_month, "m",
                   months),
            _Shape(re.compile(rf"(?:(?<!\w)شهر )?{m}\.?,? (?:of )?{year_cue}{y}"), self._month_year, "m",
                   ("شهر ", *months)),
            _Shape(re.compile(rf"(?:{month_cue} (?:شهر )?|\bشهر ){m}(?!\w)"), self._month_only, "m",
                   _spaced((*month_cues, "شهر"))),
            _Shape(re.compile(rf"\b(?:{'|'.join(latin_month_cues)}) {m}\b"), self._month_only, "m",
                   _spaced(latin_month_cues)),
            _Shape(re.compile(rf"(?<!\w)(?:(?P<hd>\d{{1,2}}) (?:من )?(?:شهر )?)?{hijri}(?: (?:عام |سنه )?"
                              rf"(?P<hy>\d{{3,4}}) ?{_HIJRI_MARK})"), self._hijri, "hijri"),
            _Shape(re.compile(rf"(?<!\w)(?:عام |سنه )?(?P<hy>\d{{3,4}}) ?{_HIJRI_MARK}"), self._hijri,
                   "hijri"),
            _Shape(re.compile(rf"(?<!\w)(?:ال)?(?P<season>{seasons})(?: {season_year})"), self._season,
                   "season", _spaced(season_leads)),
            _Shape(re.compile(rf"\b(?P<rel>last|this|next) (?P<season>{seasons})\b"), self._season, "season",
                   _spaced(("last", "this", "next"))),
            _Shape(re.compile(rf"\b(?:the )?(?P<season>{seasons}) (?:of )?{y}"), self._season, "season",
                   ("the ", *_spaced(_SEASONS))),
            _Shape(re.compile(rf"(?<!\w)(?:(?P<ahead>next|this coming) )?(?:{day_cue} )?(?:ال)?{weekday}"
                              r"(?:(?P<last> الماضي)|(?P<coming> المقبل| القادم))?\b"), self._weekday,
                   "weekday", (*_spaced(("next", "this coming", *day_cues)), *weekdays, *the_weekdays)),
            _Shape(re.compile(rf"(?<!\w)(?P<rel>{_alternation(_RELATIVE_DAYS)})(?!\w)"), self._relative_day,
                   None, relative_days),
            _Shape(re.compile(rf"(?<!\w){en_count} (?P<unit>day|week|month|year)s? ago(?!\w)"), self._ago,
                   "ago", _spaced(_EN_COUNT_WORDS), digit_led=True),
            _Shape(re.compile(rf"(?<!\w)[وف]?(?:قبل|منذ) {ar_count}(?P<aunit>{_alternation(_AR_UNITS)})"
                              r"(?!\w)(?! من| علي| ?\d)"), self._ago, "ago",
                   _spaced(c + w for w in ("قبل", "منذ") for c in ("", "و", "ف"))),
            _Shape(re.compile(rf"(?<!\w)(?:{en_step} (?P<unit>week|month)|(?P<next>next) year)(?!\w)"),
                   self._calendar_step, None, ("last ", "past ", "this ", "next ")),
            _Shape(re.compile(rf"(?<!\w)[وف]?(?:(?P<this>هذا|هذه) )?(?:ال)?(?P<aunit>اسبوع|شهر|عام|سنه)"
                              rf"(?: {ar_step})?(?!\w)"), self._calendar_step, None,
                   ("هذا ", "هذه ", "الاسبوع", "الشهر", "العام", "السنه")),
            _Shape(re.compile(r"(?<![\w'])(?P<decade>(?:1[89]|20)\d0)'?s(?!\w)"), self._decade, "year",
                   digit_led=True),
            _Shape(re.compile(rf"(?<!\w)(?:{'|'.join(year_edges)})[- ](?:عام |العام |سنه )?{y}"),
                   self._year_only, "year", year_edges),
            _Shape(re.compile(rf"(?<!\w)(?:{_LAST_YEAR}|{_THIS_YEAR})"), self._relative_year, None,
                   (*_LAST_YEAR_PHRASES, *_THIS_YEAR_PHRASES)),
            _Shape(re.compile(rf"(?<!\w)(?:{'|'.join(year_only_cues)}) {y}(?:م(?!\w))?"), self._year_only,
                   "year", _spaced(year_only_cues)),
        ]  # fmt: skip
        self._keywords = self._keyword_automaton()
        self._digit_led = [index for index, shape in enumerate(self._shapes) if shape.digit_led]
        # The name groups of each shape, for `_latin_names_capitalized`.
        self._name_groups = [
            tuple(group for group in ("m", "m1", "weekday") if group in shape.pattern.groupindex)
            for shape in self._shapes
        ]
        # A weekday written before a date belongs to it: "Monday, February 18th", "الاثنين 18 فبراير".
        self._weekday_before = re.compile(rf"(?<!\w)(?:ال)?(?:{_alternation(self._weekdays)})[,،]? $")
        self._same_day = re.compile(r"(?:في )?(?:اليوم|ذات اليوم) (?:نفسه|ذاته)|(?:on )?the same day")

    def _keyword_automaton(self) -> ahocorasick.Automaton:
        """One automaton for the month, weekday and season names, the "same day" words and every
        shape's leads. Each
        keyword carries its length less one, the name anchors it stands for and the shapes it leads,
        so a hit is handled without looking anything up."""
        roles: dict[str, tuple[list[str], list[int]]] = {}
        anchors = (
            ("m", self._months), ("weekday", self._weekdays), ("season", _SEASONS), ("ago", _AGO_WORDS),
            ("same_day", _SAME_DAY_WORDS),
        )  # fmt: skip
        for anchor, names in anchors:
            for name in names:
                roles.setdefault(name, ([], []))[0].append(anchor)
        for index, shape in enumerate(self._shapes):
            for lead in dict.fromkeys(shape.leads or ()):
                roles.setdefault(lead, ([], []))[1].append(index)
        automaton = ahocorasick.Automaton()
        for keyword, (keyword_anchors, shapes) in roles.items():
            automaton.add_word(keyword, (len(keyword) - 1, tuple(keyword_anchors), tuple(shapes)))
        automaton.make_automaton()
        return automaton

    def find(self, normalized: NormalizedText, reference: date | None) -> list[DateMatch]:
        text = normalized.text
        self._arabic: bool | None = None  # decided on the first numeric date that needs it
        candidates: list[DateMatch] = []
        windows, lead_starts, same_day_words = self._scan(text)
        whole_text = [(0, len(text))]
        for shape, starts, name_groups in zip(self._shapes, lead_starts, self._name_groups, strict=True):
            spans = windows.get(shape.anchor, ()) if shape.anchor is not None else whole_text
            if not spans:
                continue
            if shape.leads is None:
                found_all: Iterable[re.Match[str]] = (
                    m for start, end in spans for m in shape.pattern.finditer(text, start, end)
                )
            elif starts:
                found_all = _matches_from(shape.pattern, text, spans, starts)
            else:
                continue
            for found in found_all:
                groups = found.groupdict()
                if name_groups and not self._latin_names_capitalized(found, groups, normalized, name_groups):
                    continue
                resolved = shape.resolve(found, reference) if reference is not None else None
                if resolved is None and reference is None:
                    resolved = self._absolute_only(found, shape.resolve)
                if resolved is not None:
                    start, end = found.span()
                    while end > start and text[end - 1] == " ":
                        end -= 1
                    if resolved[2] == "day" and (groups.get("d") or groups.get("dw") or groups.get("da")):
                        before = self._weekday_before.search(text, max(0, start - 16), start)
                        start = before.start() if before is not None else start
                    candidates.append(DateMatch(start, end, *resolved))
        chosen = _longest_first(candidates)
        return self._resolve_same_day(text, chosen, same_day_words)

    def _scan(
        self, text: str
    ) -> tuple[dict[str, list[tuple[int, int]]], list[list[int]], list[tuple[int, int]]]:
        """The windows around each anchor, where each shape's leads start (sorted) and the spans of
        the "same day" words."""
        names: dict[str, list[tuple[int, int]]] = {
            "m": [], "weekday": [], "season": [], "ago": [], "same_day": []
        }  # fmt: skip
        lead_starts: list[list[int]] = [[] for _ in self._shapes]
        for last_index, (length_less_one, anchors, shapes) in self._keywords.iter(text):
            start = last_index - length_less_one
            for anchor in anchors:
                names[anchor].append((start, last_index + 1))
            for index in shapes:
                lead_starts[index].append(start)
        runs = [found.span() for found in _DIGIT_RUN.finditer(text)]
        if runs:
            run_starts = [start for start, _ in runs]
            for index in self._digit_led:
                lead_starts[index] += run_starts
        for starts in lead_starts:
            starts.sort()
        same_day_words = names.pop("same_day")
        hits = {anchor: _leftmost_longest(spans) for anchor, spans in names.items() if spans}
        hits.update(_digit_anchors(text, runs))
        windows = {anchor: _windows(spans, len(text)) for anchor, spans in hits.items()}
        return windows, lead_starts, same_day_words

    @staticmethod
    def _absolute_only(
        found: re.Match[str], resolve: Resolver
    ) -> tuple[str, str | None, TimePrecision] | None:
        """Without a publication date only dates that name their year can be resolved."""
        groups = found.groupdict()
        if any(groups.get(key) for key in ("y", "y1", "iy", "hy")) and not groups.get("rel"):
            return resolve(found, date(9999, 12, 31))
        return None

    @staticmethod
    def _latin_names_capitalized(
        found: re.Match[str],
        groups: dict[str, str | Any],
        normalized: NormalizedText,
        name_groups: tuple[str, ...],
    ) -> bool:
        """English names without a day or year beside them must be capitalized ("may" is a verb,
        "May" a month); "may" and "march" always must."""
        for group in name_groups:
            name = groups[group]
            if name and name.isascii() and (name in _AMBIGUOUS_LATIN or not _has_number(groups)):
                first = normalized.original[normalized.origin[found.start(group)]]
                if not first.isupper():
                    return False
        return True

    def _resolve_same_day(
        self, text: str, chosen: list[DateMatch], same_day_words: list[tuple[int, int]]
    ) -> list[DateMatch]:
        """ "The same day" takes the latest day-precision date before it."""
        same_days: list[DateMatch] = []
        for found in (
            m
            for start, end in _same_day_windows(same_day_words, len(text))
            for m in self._same_day.finditer(text, start, end)
        ):
            found_start, found_end = found.span()
            previous: DateMatch | None = None  # the day-precision date that ends last before it
            for other in chosen:
                if other.start < found_end and found_start < other.end:
                    break  # it is part of a date already
                later = previous is None or other.end > previous.end
                if other.end <= found_start and other.precision == "day" and later:
                    previous = other
            else:
                if previous is not None:
                    same_days.append(DateMatch(found_start, found_end, previous.value, None, "day"))
        if not same_days:
            return chosen  # already in order
        return sorted(chosen + same_days, key=lambda d: d.start)

    # Resolvers: each returns (value, value_end, precision) or None when the match is not a date.

    @staticmethod
    def _iso_date(found: re.Match[str], _: date) -> tuple[str, str | None, TimePrecision] | None:
        year, month, day = int(found["iy"]), int(found["im"]), int(found["id"])
        if not _valid(year, month, day):
            return None
        return _iso(year, month, day), None, "day"

    @staticmethod
    def _year_range(found: re.Match[str], _: date) -> tuple[str, str | None, TimePrecision] | None:
        first, last = int(found["y1"]), int(found["y2"])
        if first >= last:
            return None
        return _iso(first), _iso(last), "year"

    def _month_range(
        self, found: re.Match[str], reference: date
    ) -> tuple[str, str | None, TimePrecision] | None:
        first, last = self._months[found["m1"]], self._months[found["m2"]]
        if found["y2"]:
            last_year = int(found["y2"])
        elif found["y1"]:
            last_year = int(found["y1"]) + (1 if last < first else 0)
        else:
            last_year = reference.year if last <= reference.month else reference.year - 1
        first_year = int(found["y1"]) if found["y1"] else last_year - (1 if last < first else 0)
        return _iso(first_year, first), _iso(last_year, last), "month"

    def _day_month(
        self, found: re.Match[str], reference: date
    ) -> tuple[str, str | None, TimePrecision] | None:
        month = self._months[found["m"]]
        groups = found.groupdict()
        if groups.get("d"):
            day = int(groups["d"])
        else:
            day = _DAY_WORDS[groups["dw"]] if groups.get("dw") else _AR_DAY_WORDS[groups["da"]]
        year = int(groups["y"]) if groups.get("y") else _nearest_year(month, day, reference)
        if not _valid(year, month, day):
            return None
        return _iso(year, month, day), None, "day"

    def _numeric_date(
        self, found: re.Match[str], reference: date
    ) -> tuple[str, str | None, TimePrecision] | None:
        first, second = int(found["a"]), int(found["b"])
        year_text = found.groupdict().get("y")
        if found.group() == "24/7" or (not year_text and first < second <= 4):
            return None  # "24/7" and fractions (1/2, 3/4) are not dates
        if first > 12 or (second <= 12 and self._day_first(found.string)):
            day, month = first, second
        else:
            month, day = first, second
        if year_text:
            year = int(year_text)
            if len(year_text) == 2:
                year += 2000 if year < 50 else 1900
        else:
            year = _nearest_year(month, day, reference)
        if not _valid(year, month, day):
            return None
        return _iso(year, month, day), None, "day"

    @staticmethod
    def _numeric_month(found: re.Match[str], _: date) -> tuple[str, str | None, TimePrecision] | None:
        month = int(found["nm"])
        if not 1 <= month <= 12:
            return None
        return _iso(int(found["y"]), month), None, "month"

    def _day_first(self, text: str) -> bool:
        """Arabic text writes day/month; decided once per article from its letters."""
        if self._arabic is None:
            arabic = len(_ARABIC_LETTER.findall(text))
            self._arabic = arabic > len(_LATIN_LETTER.findall(text))
        return self._arabic

    @staticmethod
    def _hijri(found: re.Match[str], _: date) -> tuple[str, str | None, TimePrecision] | None:
        year = int(found["hy"])
        if year < 1:
            return None
        month_name = found.groupdict().get("hm")
        if month_name is None:  # a year: its first and last day
            first, last = hijri_to_gregorian(year, 1, 1), hijri_to_gregorian(year + 1, 1, 1) - timedelta(1)
            return first.isoformat(), last.isoformat(), "day"
        month = _HIJRI_MONTHS[month_name]
        if found["hd"]:
            day = int(found["hd"])
            if not 1 <= day <= 30:
                return None
            return hijri_to_gregorian(year, month, day).isoformat(), None, "day"
        following = (year + 1, 1) if month == 12 else (year, month + 1)
        last = hijri_to_gregorian(*following, 1) - timedelta(1)
        return hijri_to_gregorian(year, month, 1).isoformat(), last.isoformat(), "day"

    def _month_year(self, found: re.Match[str], _: date) -> tuple[str, str | None, TimePrecision] | None:
        return _iso(int(found["y"]), self._months[found["m"]]), None, "month"

    def _month_only(
        self, found: re.Match[str], reference: date
    ) -> tuple[str, str | None, TimePrecision] | None:
        month = self._months[found["m"]]
        if len(found["m"]) < 3:
            return None  # آب normalizes to "father"; without a day or year it is not a month
        year = reference.year if month <= reference.month else reference.year - 1
        return _iso(year, month), None, "month"

    @staticmethod
    def _season(found: re.Match[str], reference: date) -> tuple[str, str | None, TimePrecision] | None:
        first_month = _SEASONS[found["season"]]
        text = found.group()
        groups = found.groupdict()
        if groups.get("y"):
            year = int(found["y"])
        elif _THIS_YEAR_PATTERN.search(text) or groups.get("rel") == "this":
            year = reference.year
        elif groups.get("rel") == "next":
            year = reference.year + 1
        elif _LAST_YEAR_PATTERN.search(text):
            year = reference.year - 1
        else:
            # "الخريف الماضي" / "last autumn": the latest such season that has already ended.
            year = reference.year
            while date(year, first_month, 1) + timedelta(days=92) > reference:
                year -= 1
        last_year, last_month = (year + 1, 2) if first_month == 12 else (year, first_month + 2)
        return _iso(year, first_month), _iso(last_year, last_month), "season"

    def _weekday(self, found: re.Match[str], reference: date) -> tuple[str, str | None, TimePrecision] | None:
        text = found.group().strip()
        name = found["weekday"]
        text_before = found.string[max(0, found.start() - 2) : found.start()]
        between_commas = text_before == "، " and found.string.startswith("،", found.end())
        if not name.isascii() and text in (name, "ال" + name) and not between_commas:
            return None  # a bare الاثنين also means "the two"; "، الأحد،" is a dateline weekday
        target = self._weekdays[name]
        if found["ahead"] or found["coming"]:  # "next Monday", "الاثنين المقبل": after publication
            ahead = (target - reference.weekday() - 1) % 7 + 1
            return _iso_day(reference + timedelta(days=ahead)), None, "day"
        back = (reference.weekday() - target) % 7
        if back == 0 and found["last"]:
            back = 7
        return _iso_day(reference - timedelta(days=back)), None, "day"

    @staticmethod
    def _relative_day(found: re.Match[str], reference: date) -> tuple[str, str | None, TimePrecision] | None:
        return _iso_day(reference + timedelta(days=_RELATIVE_DAYS[found["rel"]])), None, "day"

    @staticmethod
    def _ago(found: re.Match[str], reference: date) -> tuple[str, str | None, TimePrecision] | None:
        """ "three days ago", "قبل يومين": counted back from publication; a bare Arabic plural
        ("منذ سنوات", for years) names no count and is not a date."""
        groups = found.groupdict()
        if groups.get("aunit"):
            unit, implied = _AR_UNITS[groups["aunit"]]
            if groups.get("n"):
                if implied is not None:
                    return None  # a number before a dual is not Arabic
                count = int(groups["n"]) if groups["n"].isdigit() else _AR_COUNT_WORDS[groups["n"]]
            elif implied is None:
                return None
            else:
                count = implied
        else:
            unit = found["unit"]
            count = int(found["n"]) if found["n"].isdigit() else _EN_COUNT_WORDS[found["n"]]
        return _shifted(reference, unit, -count)

    @staticmethod
    def _calendar_step(found: re.Match[str], reference: date) -> tuple[str, str | None, TimePrecision] | None:
        """ "last week" (its Monday to Sunday), "next month", "الشهر المقبل", "هذا الاسبوع"."""
        groups = found.groupdict()
        if groups.get("next"):
            return _iso(reference.year + 1), None, "year"
        if groups.get("aunit"):
            unit = _AR_CALENDAR_UNITS[groups["aunit"]]
            word = groups.get("rel") or groups.get("this")
            step = _RELATIVE_STEP[word] if word else None
            # "الشهر" alone is just "the month"; العام الماضي / هذا العام are `_relative_year`'s.
            if step is None or (unit == "year" and step <= 0):
                return None
        elif found["rel"] == "past" and found["unit"] == "week":
            return _iso_day(reference - timedelta(days=7)), _iso_day(reference), "day"
        else:
            unit, step = found["unit"], _RELATIVE_STEP[found["rel"]]
        if unit == "week":
            monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=step)
            return _iso_day(monday), _iso_day(monday + timedelta(days=6)), "day"
        return _shifted(reference, unit, step)

    @staticmethod
    def _decade(found: re.Match[str], _: date) -> tuple[str, str | None, TimePrecision] | None:
        first = int(found["decade"])
        return _iso(first), _iso(first + 9), "year"

    @staticmethod
    def _relative_year(found: re.Match[str], reference: date) -> tuple[str, str | None, TimePrecision] | None:
        back = 1 if _LAST_YEAR_PATTERN.fullmatch(found.group()) else 0
        return _iso(reference.year - back), None, "year"

    @staticmethod
    def _year_only(found: re.Match[str], _: date) -> tuple[str, str | None, TimePrecision] | None:
        return _iso(int(found["y"])), None, "year"


_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_LATIN_LETTER = re.compile(r"[a-z]")


def hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """Civil tabular Islamic calendar: 30-year cycles of 10,631 days, months alternately 30 and
    29 days, the last month 30 days in the 11 leap years (2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29)."""
    days_before_month = (59 * (month - 1) + 1) // 2  # 30, 29, 30 … ; ceil(29.5 * (month - 1))
    days_before_year = (year - 1) * 354 + (3 + 11 * year) // 30
    jdn = _HIJRI_EPOCH_JDN - 1 + day + days_before_month + days_before_year
    return date.fromordinal(jdn - _ORDINAL_TO_JDN)


def _has_number(groups: dict[str, str | Any]) -> bool:
    """Whether a day or a year stands beside the name."""
    return any(groups.get(group) for group in ("d", "dw", "da", "y", "y1"))


def _nearest_year(month: int, day: int, reference: date) -> int:
    """The year that puts month/day nearest to the reference date (ties go to the past)."""
    best = reference.year
    best_gap: int | None = None
    for year in (reference.year, reference.year - 1, reference.year + 1):
        try:
            gap = abs((date(year, month, day) - reference).days)
        except ValueError:  # 29 February of a common year
            continue
        if best_gap is None or gap < best_gap or (gap == best_gap and year < best):
            best, best_gap = year, gap
    return best


def _iso_day(day: date) -> str:
    return day.isoformat()


def _shifted(reference: date, unit: str, count: int) -> tuple[str, str | None, TimePrecision]:
    """The day, month or year `count` units from the reference (a week is seven days)."""
    if unit in ("day", "week"):
        return _iso_day(reference + timedelta(days=count * (7 if unit == "week" else 1))), None, "day"
    if unit == "month":
        year, month = divmod(reference.year * 12 + reference.month - 1 + count, 12)
        return _iso(year, month + 1), None, "month"
    return _iso(reference.year + count), None, "year"


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


_WINDOW_BEFORE = 45
_WINDOW_AFTER = 40
# Starting with a lone \d lets the engine skip ahead to the next digit (\d+ tries every offset).
_DIGIT_RUN = re.compile(r"\d\d*")
_AGO_WORDS = ("ago", "قبل", "منذ")
_HIJRI_MARK_AFTER = re.compile(rf" ?{_HIJRI_MARK}")
_HIJRI_MARK_STARTS = ("ه", "ل", " ه", " ل")  # how `_HIJRI_MARK_AFTER` can begin: a cheap test first
_CENTURIES = ("18", "19", "20")


def _leftmost_longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """What a regex alternation of the names, longest first, finds among all their occurrences."""
    chosen: list[tuple[int, int]] = []
    position = 0
    for start, end in sorted(spans):
        if start >= position:
            chosen.append((start, end))
            position = end
        elif start == chosen[-1][0]:  # a longer name at the same start replaces the shorter one
            chosen[-1] = (start, end)
            position = end
    return chosen


def _digit_anchors(text: str, runs: list[tuple[int, int]]) -> dict[str, list[tuple[int, int]]]:
    """The anchors that need a digit, read off the digit runs: what `\\d[-/.]\\d` ("numeric"),
    `(?:1[89]|20)\\d\\d(?!\\d)` ("year") and `\\d ?<Hijri mark>` ("hijri") find."""
    numeric: list[tuple[int, int]] = []
    years: list[tuple[int, int]] = []
    hijri: list[tuple[int, int]] = []
    numeric_end = 0  # the numeric matches do not overlap: 1/2/3 gives 1/2 only
    if not runs:
        return {}
    for start, end in runs:
        if (
            end > numeric_end
            and text[end : end + 1] in ("-", "/", ".")
            and text[end + 1 : end + 2].isdecimal()
        ):
            numeric.append((end - 1, end + 2))
            numeric_end = end + 2
        if end - start >= 4 and text[end - 4 : end - 2] in _CENTURIES:
            years.append((end - 4, end))
        mark = _HIJRI_MARK_AFTER.match(text, end) if text.startswith(_HIJRI_MARK_STARTS, end) else None
        if mark is not None:
            hijri.append((end - 1, mark.end()))
    return {"numeric": numeric, "year": years, "hijri": hijri}


def _windows(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Merged spans around every anchor occurrence, wide enough for any pattern around it."""
    windows: list[tuple[int, int]] = []
    for found_start, found_end in spans:
        start, end = found_start - _WINDOW_BEFORE, found_end + _WINDOW_AFTER
        end = end if end < length else length  # not min(): this runs for every anchor
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start if start > 0 else 0, end))
    return windows


def _matches_from(
    pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]], starts: list[int]
) -> list[re.Match[str]]:
    """What `pattern.finditer(text, *span)` finds in each span, when every match begins at one of
    `starts` (sorted): matching only there skips the offsets where nothing can begin. One walk
    over both sorted lists, as there are few starts and spans."""
    found_all: list[re.Match[str]] = []
    remaining_spans = iter(spans)
    span_end = position = -1
    for start in starts:
        while start >= span_end:  # the span holding `start`, or the first one after it
            span = next(remaining_spans, None)
            if span is None:
                return found_all
            position, span_end = span
        if start >= position:  # inside the span and after the previous match
            found = pattern.match(text, start, span_end)
            if found is not None:  # never empty: every shape reads at least a word
                found_all.append(found)
                position = found.end()
    return found_all


# Every "same day" match holds one of these words, at most 7 characters ("في ذات ") after its
# start and 5 (" نفسه") before its end; scanning only there skips a slow scan of the whole text.
_SAME_DAY_WORDS = ("اليوم", "the same day")


def _same_day_windows(words: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Merged spans around the "same day" words (found by the keyword scan)."""
    spans: list[tuple[int, int]] = []
    for word_start, word_end in sorted(words):
        start, end = max(0, word_start - 7), min(length, word_end + 5)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _longest_first(candidates: list[DateMatch]) -> list[DateMatch]:
    chosen: list[DateMatch] = []
    for candidate in sorted(candidates, key=lambda d: (d.start - d.end, d.start)):
        for other in chosen:
            if candidate.start < other.end and other.start < candidate.end:
                break  # overlaps a longer (or earlier) date
        else:
            chosen.append(candidate)
    return sorted(chosen, key=lambda d: d.start)
