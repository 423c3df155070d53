"""Numbers, ranges and money in Arabic and English, read from normalized text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

from babel import Locale

from schemas.models import Approx
from workers.extract.normalize import normalize

NumberKind = Literal["CARDINAL", "QUANTITY", "MONEY", "ORDINAL"]
WordKind = Literal["unit", "ten", "hundred", "scale", "dual"]

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[$€£%-]")

_AR_UNITS = {
    "واحد": 1, "واحده": 1, "احد": 1, "احدى": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7,
    "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}  # fmt: skip
_AR_TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40, "خمسون": 50,
    "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80,
    "تسعون": 90, "تسعين": 90,
}  # fmt: skip
_AR_HUNDREDS = {"مائه": 100, "مئه": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200}
for _unit_word, _unit in (
    ("ثلاث", 3),
    ("اربع", 4),
    ("خمس", 5),
    ("ست", 6),
    ("سبع", 7),
    ("ثمان", 8),
    ("تسع", 9),
):
    _AR_HUNDREDS[_unit_word + "مائه"] = _unit * 100
    _AR_HUNDREDS[_unit_word + "مئه"] = _unit * 100
_AR_SCALES = {
    "الف": 1_000, "الفا": 1_000, "الاف": 1_000, "مليون": 10**6, "مليونا": 10**6, "ملايين": 10**6,
    "مليار": 10**9, "مليارا": 10**9, "مليارات": 10**9, "بليون": 10**9, "ترليون": 10**12, "تريليون": 10**12,
}  # fmt: skip
_AR_DUALS = {"الفان": 2_000, "الفين": 2_000, "مليونان": 2 * 10**6, "مليونين": 2 * 10**6,
             "ملياران": 2 * 10**9, "مليارين": 2 * 10**9}  # fmt: skip
_EN_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
            "ninety": 90}  # fmt: skip
_EN_SCALES = {"thousand": 1_000, "million": 10**6, "billion": 10**9, "trillion": 10**12, "bn": 10**9,
              "mln": 10**6, "thousands": 1_000}  # fmt: skip

_WORDS: dict[str, tuple[WordKind, int]] = {}
for _table, _kind in (
    (_AR_UNITS, "unit"), (_EN_UNITS, "unit"), (_AR_TENS, "ten"), (_EN_TENS, "ten"),
    (_AR_HUNDREDS, "hundred"), (_AR_SCALES, "scale"), (_EN_SCALES, "scale"), (_AR_DUALS, "dual"),
):  # fmt: skip
    for _word, _value in _table.items():
        _WORDS[normalize(_word)] = (_kind, _value)  # type: ignore[assignment]  # literal kinds come from the tuple above
_WORDS["hundred"] = ("hundred", 100)

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "اول": 1, "الاول": 1, "الاولى": 1, "ثاني": 2, "الثاني": 2, "الثانيه": 2,
    "الثالث": 3, "الثالثه": 3, "الرابع": 4, "الرابعه": 4, "الخامس": 5, "الخامسه": 5, "السادس": 6,
    "السابع": 7, "الثامن": 8, "التاسع": 9, "العاشر": 10,
}  # fmt: skip
_ORDINALS = {normalize(word): value for word, value in _ORDINALS.items()}
_ORDINAL_SUFFIXES = frozenset(("st", "nd", "rd", "th"))

# Longest phrases first so that "ما لا يقل عن" is not read as "عن".
_QUALIFIERS: list[tuple[str, Approx]] = sorted(
    [
        ("اكثر من", "more_than"), ("ما يزيد على", "more_than"), ("ما يزيد عن", "more_than"),
        ("يزيد على", "more_than"), ("يزيد عن", "more_than"), ("ما يربو على", "more_than"),
        ("more than", "more_than"), ("over", "more_than"), ("in excess of", "more_than"),
        ("upwards of", "more_than"), ("نحو", "about"), ("حوالي", "about"), ("قرابه", "about"),
        ("ما يقرب من", "about"), ("ما يقارب", "about"), ("زهاء", "about"), ("about", "about"),
        ("around", "about"), ("approximately", "about"),
        ("roughly", "about"), ("nearly", "about"), ("almost", "about"), ("some", "about"),
        ("ما لا يقل عن", "at_least"), ("لا يقل عن", "at_least"), ("at least", "at_least"),
        ("no fewer than", "at_least"), ("no less than", "at_least"),
        ("ما يصل الى", "at_most"), ("at most", "at_most"), ("up to", "at_most"),
        ("اقل من", "less_than"), ("less than", "less_than"), ("fewer than", "less_than"),
    ],
    key=lambda item: -len(item[0]),
)  # fmt: skip
_TRAILING_QUALIFIERS: list[tuple[str, Approx]] = [("على الاقل", "at_least"), ("at least", "at_least"),
                                                  ("على الاكثر", "at_most"), ("تقريبا", "about")]  # fmt: skip
_QUALIFIERS = [(normalize(phrase), approx) for phrase, approx in _QUALIFIERS]
_TRAILING_QUALIFIERS = [(normalize(phrase), approx) for phrase, approx in _TRAILING_QUALIFIERS]
_RANGE_OPENERS = ("ما بين", "بين", "between", "from", "من")
# Which opener each joiner needs before the first number; "" means none is needed (10-12).
_RANGE_JOINERS = {"و": ("ما بين", "بين", "between"), "and": ("between",), "to": ("from", ""),
                  "الي": ("من", ""), "-": ("",), "حتي": ("من",)}  # fmt: skip

_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}
# Bare currency words that babel lists only with a country adjective.
_CURRENCY_WORDS = {
    "دولار": "USD", "دولارا": "USD", "دولارات": "USD", "يورو": "EUR", "روبل": "RUB", "روبلا": "RUB",
    "جنيه استرليني": "GBP", "يوان": "CNY", "ين ياباني": "JPY", "وون": "KRW", "dollar": "USD",
    "dollars": "USD", "euro": "EUR", "euros": "EUR", "pounds sterling": "GBP", "rubles": "RUB",
    "roubles": "RUB", "ruble": "RUB", "yuan": "CNY", "yen": "JPY", "usd": "USD", "eur": "EUR",
}  # fmt: skip
_QUANTITY_UNITS_RAW = {
    "كيلومتر": "km", "كيلومترا": "km", "كيلومترات": "km", "كم": "km", "km": "km", "kilometres": "km",
    "kilometers": "km", "miles": "mi", "mile": "mi", "طن": "t", "اطنان": "t", "tons": "t", "tonnes": "t",
    "%": "percent", "percent": "percent", "بالمئه": "percent", "بالمائه": "percent", "في المئه": "percent",
}  # fmt: skip

_QUANTITY_UNITS = {normalize(word): unit for word, unit in _QUANTITY_UNITS_RAW.items()}


@dataclass(frozen=True, slots=True)
class NumberMatch:
    start: int
    end: int
    kind: NumberKind
    value: int | float
    value_end: int | float | None = None
    approx: Approx = "exact"
    unit: str | None = None


class _Token(NamedTuple):
    text: str
    start: int
    end: int


def _currency_lexicon() -> dict[str, str]:
    """Currency names from CLDR in Arabic and English, plus bare words CLDR qualifies."""
    lexicon: dict[str, str] = {}
    for language in ("ar", "en"):
        for code, name in Locale(language).currencies.items():
            if len(code) == 3 and code.isupper():
                lexicon.setdefault(normalize(name), code)
    lexicon.update({normalize(word): code for word, code in _CURRENCY_WORDS.items()})
    return lexicon


# Number words behind a conjunction or article (وعشرون، الاربعه) map to their bare form.
# The bare reading wins a tie: واحد is "one", not و + احد.
_CLITIC_FORMS = {prefix + word: word for prefix in ("وال", "ال", "و", "") for word in _WORDS}


def _strip_clitics(word: str) -> str | None:
    return _CLITIC_FORMS.get(word)


_MAX_DIGITS = 18  # longer digit runs are identifiers or noise, not amounts


def _number_start(token: _Token) -> int:
    """Where the number begins: after a conjunction written onto it (وخمسة), not after the article."""
    attached = token.text.startswith("و") and _strip_clitics(token.text) not in (None, token.text)
    return token.start + 1 if attached else token.start


def _digit_value(token: str) -> int | float | None:
    if not token[0].isdigit() or len(token) > _MAX_DIGITS:
        return None
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", token):
        token = token.replace(",", "")
    if re.fullmatch(r"\d+", token):
        return int(token)
    if re.fullmatch(r"\d+\.\d+", token):
        return float(token)
    return None


class NumberExtractor:
    """Finds numbers; the currency lexicon is built once."""

    def __init__(self) -> None:
        self._currencies = _currency_lexicon()
        self._max_currency_words = max(len(name.split()) for name in self._currencies)

    def find(self, text: str) -> list[NumberMatch]:
        tokens = [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        matches: list[NumberMatch] = []
        index = 0
        while index < len(tokens):
            word = tokens[index].text
            ordinal = self._ordinal_at(tokens, index)
            found = None
            if ordinal is None and (word[0].isdigit() or word in _CLITIC_FORMS):
                found = self._number_at(text, tokens, index)
            if found is not None:
                match, index = found
                matches.append(match)
                continue
            if ordinal is not None:
                matches.append(ordinal)
            index += 1
        return matches

    @staticmethod
    def _ordinal_at(tokens: list[_Token], index: int) -> NumberMatch | None:
        token = tokens[index]
        if token.text not in _ORDINALS and not token.text[0].isdigit():
            return None
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.text.isdigit() and following is not None and following.start == token.end:
            if following.text in _ORDINAL_SUFFIXES:  # 1st, 22nd, 3rd, 4th
                return NumberMatch(token.start, following.end, "ORDINAL", int(token.text))
            return None
        value = _ORDINALS.get(token.text)
        return None if value is None else NumberMatch(token.start, token.end, "ORDINAL", value)

    def _number_at(self, text: str, tokens: list[_Token], index: int) -> tuple[NumberMatch, int] | None:
        first = self._parse(tokens, index)
        if first is None:
            return None
        symbol = tokens[index - 1].text if index > 0 else ""
        has_symbol = symbol in _CURRENCY_SYMBOLS and tokens[index - 1].end == tokens[index].start
        start = tokens[index - 1].start if has_symbol else _number_start(tokens[index])
        before = text[:start].rstrip()
        value, next_index, value_end, range_start = self._range(tokens, index, first, before)
        start = min(start, range_start)
        end = tokens[next_index - 1].end
        approx: Approx = "exact"
        if value_end is None:
            approx, start = _leading_qualifier(before, start)
        kind: NumberKind = "CARDINAL"
        unit: str | None = None
        if has_symbol:
            kind, unit = "MONEY", _CURRENCY_SYMBOLS[symbol]
        else:
            kind, unit, next_index = self._unit_after(tokens, next_index)
            end = tokens[next_index - 1].end
        if approx == "exact" and value_end is None:
            approx, end = _trailing_qualifier(text, end)
            while next_index < len(tokens) and tokens[next_index].start < end:
                next_index += 1
        return NumberMatch(start, end, kind, value, value_end, approx, unit), next_index

    def _range(
        self, tokens: list[_Token], index: int, first: tuple[int | float, int, bool], before: str
    ) -> tuple[int | float, int, int | float | None, int]:
        """Lower value, index after the number, upper value of a range, and where the range starts."""
        value, next_index, scaled = first
        no_range = (value, next_index, None, _number_start(tokens[index]))
        if next_index >= len(tokens):
            return no_range
        opener = next((o for o in _RANGE_OPENERS if _ends_with_word(before, o)), "")
        joiner = tokens[next_index].text
        # The conjunction may be written onto a number word: بين عشرة وعشرين.
        attached = joiner.startswith("و") and _strip_clitics(joiner) not in (None, joiner)
        if opener not in _RANGE_JOINERS.get("و" if attached else joiner, ()):
            return no_range
        second = self._parse(tokens, next_index if attached else next_index + 1)
        if second is None:
            return no_range
        upper, after_upper, upper_scaled = second
        if not scaled and upper_scaled and value < upper:
            # "between 10 and 12 thousand": the scale word serves both ends.
            value = value * _scale_of(tokens[after_upper - 1].text)
        if value >= upper:
            return no_range
        start = len(before) - len(opener) if opener else _number_start(tokens[index])
        return value, after_upper, upper, start

    def _unit_after(self, tokens: list[_Token], index: int) -> tuple[NumberKind, str | None, int]:
        currency = self._currency_after(tokens, index)
        if currency is not None:
            return "MONEY", currency[0], currency[1]
        if index < len(tokens):
            measure = _QUANTITY_UNITS.get(tokens[index].text)
            if measure is not None:
                return "QUANTITY", measure, index + 1
        return "CARDINAL", None, index

    def _currency_after(self, tokens: list[_Token], index: int) -> tuple[str, int] | None:
        for width in range(min(self._max_currency_words, len(tokens) - index), 0, -1):
            phrase = " ".join(t.text for t in tokens[index : index + width])
            code = self._currencies.get(phrase)
            if code is not None:
                return code, index + width
        return None

    @staticmethod
    def _parse(tokens: list[_Token], index: int) -> tuple[int | float, int, bool] | None:
        """Value, index after the number, and whether a scale word was read."""
        if index >= len(tokens):
            return None
        digits = _digit_value(tokens[index].text)
        if digits is not None:
            position = index + 1
            scaled = False
            if position < len(tokens):
                word = _WORDS.get(tokens[position].text)
                if word is not None and word[0] == "scale":
                    digits, position, scaled = digits * word[1], position + 1, True
            return digits, position, scaled
        return _parse_words(tokens, index)


_TEEN_ONLY = frozenset(("احد", "احدي"))
_TENS_WORDS = frozenset(("عشر", "عشره"))
# A bare singular scale word is one of it: مليار دولار is a billion dollars.
_SINGULAR_SCALES = frozenset(normalize(w) for w in ("ألف", "مليون", "مليار", "بليون", "تريليون"))
_MULTIPLIED = (("hundred", 100), ("unit", 10))


def _next_word(tokens: list[_Token], position: int) -> tuple[str, int, bool] | None:
    """The number word at `position` (bare form), tokens it spans, and whether و/and joined it."""
    word = tokens[position].text
    if word in ("و", "and", "-"):
        following = _strip_clitics(tokens[position + 1].text) if position + 1 < len(tokens) else None
        return (following, 2, word != "-") if following is not None else None
    if word.startswith("و") and _strip_clitics(word[1:]) is not None:
        return _strip_clitics(word[1:]) or "", 1, True
    bare = _strip_clitics(word)
    # Only the article may precede a continuing word (الف، الاف); a conjunction starts a new number.
    if bare is None or (word != bare and not word.startswith("ال")):
        return None
    return bare, 1, False


def _parse_words(tokens: list[_Token], index: int) -> tuple[int, int, bool] | None:
    head = _strip_clitics(tokens[index].text)
    if head is None:
        return None
    kind, value = _WORDS[head]
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    if head in _TEEN_ONLY and following not in _TENS_WORDS:
        return None  # أحد النواب is "one of the deputies"; only أحد عشر is a number
    if kind == "scale" and head not in _SINGULAR_SCALES:
        return None  # آلاف الجنود is "thousands of soldiers", not a number
    total, current = (value, 0) if kind == "dual" else (0, value)
    last_kind: WordKind = kind
    last_value = value
    magnitude = value if kind in ("hundred", "scale", "dual") else 1
    scaled = kind == "dual"
    position = index + 1
    while position < len(tokens):
        step_word = _next_word(tokens, position)
        if step_word is None:
            break
        word, step, joined = step_word
        next_kind, next_value = _WORDS[word]
        if next_kind == "scale":
            total += max(current, 1) * next_value
            current, magnitude, scaled = 0, next_value, True
        elif not joined and last_kind == "unit" and (next_kind, next_value) in _MULTIPLIED:
            # ثلاث مائة is 300; ثلاثة عشر is 13.
            current = current * 100 if next_value == 100 else current + 10
            magnitude = max(magnitude, next_value) if next_value == 100 else magnitude
        elif not joined and last_kind == "ten" and next_kind == "unit" and next_value < 10:
            current += next_value  # twenty five, twenty-five
        elif joined and (
            (last_kind == "unit" and last_value < 10 and next_kind == "ten")
            or (magnitude >= 100 and next_value < magnitude)
        ):
            current += next_value
        else:
            break
        last_kind, last_value = next_kind, next_value
        position += step
    return total + current, position, scaled


_QUALIFIER_BY_PHRASE = dict(_QUALIFIERS)
_QUALIFIER_AT_END = re.compile(
    rf"(?<!\w)(?P<phrase>{'|'.join(re.escape(phrase) for phrase, _ in _QUALIFIERS)})$"
)
_QUALIFIER_REACH = max(len(phrase) for phrase, _ in _QUALIFIERS) + 1


def _leading_qualifier(before: str, start: int) -> tuple[Approx, int]:
    tail_start = max(0, len(before) - _QUALIFIER_REACH)
    found = _QUALIFIER_AT_END.search(before, tail_start)
    if found is None:
        return "exact", start
    return _QUALIFIER_BY_PHRASE[found["phrase"]], found.start()


_NO_GAP = re.compile(r"\s*")
_ONE_WORD_GAP = re.compile(r"\s*[^\W\d_]+\s+")


def _trailing_qualifier(text: str, end: int) -> tuple[Approx, int]:
    """A qualifier right after the number or after its noun: "50 جنديا على الأقل"."""
    for gap in (_NO_GAP, _ONE_WORD_GAP):
        skipped = gap.match(text, end)
        position = skipped.end() if skipped else end
        for phrase, qualifier in _TRAILING_QUALIFIERS:
            stop = position + len(phrase)
            if text.startswith(phrase, position) and (stop == len(text) or not text[stop].isalnum()):
                return qualifier, stop
    return "exact", end


def _scale_of(word: str) -> int:
    entry = _WORDS.get(word)
    return entry[1] if entry is not None and entry[0] == "scale" else 1


def _ends_with_word(text: str, phrase: str) -> bool:
    if not text.endswith(phrase):
        return False
    before = len(text) - len(phrase) - 1
    return before < 0 or not text[before].isalnum()
