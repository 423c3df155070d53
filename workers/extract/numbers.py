"""Numbers, ranges and money in Arabic and English, read from normalized text.

Number words and their grammar live in `number_words`; this module finds where numbers start
(digits, number words, a currency sign or code before them), reads ranges, qualifiers and the
unit after them. Currency names come from CLDR (babel) in Arabic and English, in every plural
form CLDR gives; bare words that CLDR only lists with a country ("dollar", "جنيه", "ريال")
map to the currency most newspapers mean by them (see `_CURRENCY_WORDS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate, compress
from operator import le
from typing import Literal, NamedTuple

from babel import Locale
from babel.numbers import get_currency_name

from schemas.models import Approx
from workers.extract.normalize import normalize
from workers.extract.number_words import CLITIC_FORMS, CLITIC_LENGTH, JOINERS, WORDS, parse_words

NumberKind = Literal["CARDINAL", "QUANTITY", "MONEY", "ORDINAL"]

_SIGNS = "$€£¥₹₩₪₽₺₱₫₦¢"
# Digits grouped by spaces are one number (SI / CLDR style): always with a no-break space, with a
# plain one only when it cannot be two numbers side by side ("May 15 200 people"): "10 000" or
# two groups or more ("1 234 567"). Its decimal mark may be a comma or a dot ("12 000,5").
# The groups after the first one to three digits:
_SPACE_GROUPS_TAIL = (
    r"(?:(?:[\u00a0\u202f]\d{3}(?!\d))+|(?: \d{3}(?!\d)){2,}| 000(?!\d)(?: 000(?!\d))*)"
    r"(?:[.,]\d+)?(?![.,]?\d)"
)
_SIGN_TOKENS = rf"{_SIGNS}%\-−–"
# A token is a run of letters, a number in digits (grouped by spaces, or plain) or one sign. The
# pattern opens with the one character set every token starts with, so that the regex engine
# skips the gaps between tokens without trying the alternatives there; each alternative then
# looks back at that character to know which kind of token it starts. Words first: they are most
# tokens.
_TOKEN = (
    rf"[\w{_SIGN_TOKENS}]"
    rf"(?:(?<=[^\W\d_])[^\W\d_]*"
    rf"|(?<=\d)(?:\d{{0,2}}{_SPACE_GROUPS_TAIL}|\d*(?:[.,]\d+)*)"
    rf"|(?<=[{_SIGN_TOKENS}]))"
)
_TOKEN_SPLIT = re.compile(f"({_TOKEN})")
_GROUP_SPACES = re.compile(r"[ \u00a0\u202f]")

# Longest phrases first so that "ما لا يقل عن" is not read as "عن".
_QUALIFIERS: list[tuple[str, Approx]] = sorted(
    [
        ("اكثر من", "more_than"), ("ما يزيد على", "more_than"), ("ما يزيد عن", "more_than"),
        ("يزيد على", "more_than"), ("يزيد عن", "more_than"), ("ما يربو على", "more_than"),
        ("more than", "more_than"), ("over", "more_than"), ("in excess of", "more_than"),
        ("upwards of", "more_than"), ("above", "more_than"), ("exceeding", "more_than"),
        ("نحو", "about"), ("حوالي", "about"), ("قرابه", "about"),
        ("ما يقرب من", "about"), ("ما يقارب", "about"), ("زهاء", "about"), ("about", "about"),
        ("around", "about"), ("approximately", "about"), ("close to", "about"),
        ("roughly", "about"), ("nearly", "about"), ("almost", "about"), ("some", "about"),
        ("ما لا يقل عن", "at_least"), ("لا يقل عن", "at_least"), ("at least", "at_least"),
        ("no fewer than", "at_least"), ("no less than", "at_least"), ("not less than", "at_least"),
        ("ما يصل الى", "at_most"), ("at most", "at_most"), ("up to", "at_most"),
        ("no more than", "at_most"), ("not more than", "at_most"), ("ما لا يزيد عن", "at_most"),
        ("ما لا يزيد على", "at_most"), ("لا يزيد عن", "at_most"), ("لا يزيد على", "at_most"),
        ("لا يتجاوز", "at_most"), ("اقل من", "less_than"), ("less than", "less_than"),
        ("fewer than", "less_than"), ("under", "less_than"), ("below", "less_than"),
    ],
    key=lambda item: -len(item[0]),
)  # fmt: skip
_TRAILING_QUALIFIERS: list[tuple[str, Approx]] = [
    ("على الاقل", "at_least"), ("at least", "at_least"), ("or more", "at_least"), ("او اكثر", "at_least"),
    ("فاكثر", "at_least"), ("على الاكثر", "at_most"), ("or less", "at_most"), ("او اقل", "at_most"),
    ("فاقل", "at_most"), ("تقريبا", "about"),
]  # fmt: skip
_QUALIFIERS = [(normalize(phrase), approx) for phrase, approx in _QUALIFIERS]
_TRAILING_QUALIFIERS = [(normalize(phrase), approx) for phrase, approx in _TRAILING_QUALIFIERS]
_RANGE_OPENERS = ("ما بين", "بين", "between", "from", "من")
# Which opener each joiner needs before the first number; "" means none is needed (10-12).
_RANGE_JOINERS = {"و": ("ما بين", "بين", "between"), "and": ("between",), "to": ("from", ""),
                  "الي": ("من", ""), "-": ("",), "–": ("",), "حتي": ("من",)}  # fmt: skip

# A bare sign is the currency most often written with it; babel's prefixed symbols (US$, CA$,
# A$, HK$ …) are added in `_currency_symbols`.
_SIGN_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₪": "ILS",
                  "₽": "RUB", "₺": "TRY", "₱": "PHP", "₫": "VND", "₦": "NGN"}  # fmt: skip
# ISO codes written as words (USD 5, 100 EGP). Codes that are also English words (ALL, TOP,
# CUP, TRY, MAD, PEN …) are left out: the text is lower-cased, so "top 5" would be a price.
_CODES = frozenset(
    (
        "usd",
        "eur",
        "gbp",
        "jpy",
        "cny",
        "chf",
        "cad",
        "aud",
        "nzd",
        "hkd",
        "sgd",
        "inr",
        "rub",
        "egp",
        "sar",
        "aed",
        "kwd",
        "qar",
        "bhd",
        "omr",
        "jod",
        "lbp",
        "syp",
        "iqd",
        "ils",
        "irr",
        "tnd",
        "dzd",
        "lyd",
        "sdg",
        "yer",
        "krw",
        "sek",
        "dkk",
        "brl",
        "mxn",
        "pkr",
        "bdt",
        "ngn",
        "zar",
        "kes",
        "afn",
    )
)
# Bare currency words, one reading each. Ambiguous names take the most widely used currency
# of that name in news: dinar → Iraqi (IQD; Iraq is the largest dinar economy by population
# with Algeria), riyal/ريال → Saudi (SAR), rial → Iranian (IRR), dirham/درهم → UAE (AED),
# pound → British (GBP) in English but جنيه → Egyptian (EGP) in Arabic, lira/ليرة → Turkish (TRY).
_CURRENCY_WORDS = {
    "USD": "dollar dollars buck bucks دولار دولارا دولارات دولاران دولارين",
    "EUR": "euro euros يورو",
    "GBP": "pound pounds sterling quid استرليني جنيه استرليني جنيهات استرلينيه",
    "EGP": "جنيه جنيها جنيهات جنيهان جنيهين",
    "SAR": "riyal riyals ريال ريالا ريالات",
    "IRR": "rial rials",
    "AED": "dirham dirhams درهم درهما دراهم",
    "IQD": "dinar dinars دينار دينارا دنانير",
    "TRY": "lira liras lire ليره ليرات",
    "JPY": "yen ين",
    "CNY": "yuan renminbi rmb يوان",
    "INR": "rupee rupees روبيه",
    "RUB": "ruble rubles rouble roubles روبل روبلا روبلات",
    "CHF": "franc francs فرنك",
    "ILS": "shekel shekels sheqel شيكل شيكلا شيكلات شيقل",
    "KRW": "وون",
}
# CLDR codes that are metals or accounting units: "5 gold medals" is not an amount of XAU.
_NOT_MONEY = frozenset(
    ("XAU", "XAG", "XPT", "XPD", "XSU", "XTS", "XXX", "XBA", "XBB", "XBC", "XBD", "XUA", "XFO", "XFU", "XRE")
)
# CLDR names that are mostly other words: افغاني is the nisba "Afghan" (the currency is أفغاني too).
_AMBIGUOUS_NAMES = frozenset((normalize("أفغاني"),))
# Arabic currency nouns that may stand before an amount (درهم 5): the curated bare words only.
_PREFIX_CURRENCY_WORDS = frozenset(
    normalize(word) for words in _CURRENCY_WORDS.values() for word in words.split() if not word.isascii()
)
# Minor units: (currency, fraction of the main unit).
_SUBUNITS_RAW = {
    "cent": ("USD", 0.01), "cents": ("USD", 0.01), "¢": ("USD", 0.01), "penny": ("GBP", 0.01),
    "pence": ("GBP", 0.01), "سنت": ("USD", 0.01), "سنتا": ("USD", 0.01), "سنتات": ("USD", 0.01),
    "قرش": ("EGP", 0.01), "قرشا": ("EGP", 0.01), "قروش": ("EGP", 0.01), "هلله": ("SAR", 0.01),
    "هللات": ("SAR", 0.01),
}  # fmt: skip
_SUBUNITS = {normalize(word): unit for word, unit in _SUBUNITS_RAW.items()}
_QUANTITY_UNITS_RAW = {
    "كيلومتر": "km", "كيلومترا": "km", "كيلومترات": "km", "كم": "km", "km": "km", "kilometres": "km",
    "kilometers": "km", "miles": "mi", "mile": "mi", "طن": "t", "اطنان": "t", "tons": "t", "tonnes": "t",
    "%": "percent", "percent": "percent", "بالمئه": "percent", "بالمائه": "percent", "في المئه": "percent",
    "في المائه": "percent", "per cent": "percent", "pct": "percent",
}  # fmt: skip
_QUANTITY_UNITS = {normalize(word): unit for word, unit in _QUANTITY_UNITS_RAW.items()}
# Scale letters written onto an amount: 5k, $3m, $2bn (m and b only after a currency sign).
_ATTACHED_SCALES = {"k": 1_000, "m": 10**6, "mn": 10**6, "b": 10**9, "bn": 10**9, "tn": 10**12, "trn": 10**12}
_HYPHEN_SCALES = frozenset(("thousand", "million", "billion", "trillion"))
_NEGATIVE_WORDS = frozenset(("minus", "negative", "سالب"))
_MAX_DIGITS = 18  # longer digit runs are identifiers or noise, not amounts
_ORDINAL_SUFFIXES = frozenset(("st", "nd", "rd", "th"))
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
# European forms, read only where they cannot be English: a comma that is not a thousands
# separator ("3,5", "1.234,5") and two or more dot groups ("1.234.567").
_COMMA_DECIMAL = re.compile(r"(?:\d+|\d{1,3}(?:\.\d{3})+),\d+")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
# Currency abbreviations written before an amount in English (Rs 500, Rs. 500, Dhs 20, KD 5).
_PREFIX_ABBREVIATIONS = {"rs": "INR", "dhs": "AED", "dh": "AED", "kd": "KWD", "qr": "QAR"}
# Arabic dual currency nouns (دولاران "two dollars"): the stem of each dual and its singular.
_AR_DUAL_STEMS = {
    "دولار": "دولار", "جنيه": "جنيه", "ريال": "ريال", "درهم": "درهم", "دينار": "دينار", "ليرت": "ليره",
    "روبل": "روبل", "فرنك": "فرنك", "شيكل": "شيكل", "روبيت": "روبيه", "يوان": "يوان",
}  # fmt: skip
_AR_DUAL_PROCLITICS = ("", "و", "ب", "ل", "وب", "ول", "ف", "فب")
# "a pound" is mostly weight and "a yen" a longing; other currency nouns after "a" are one unit.
_NOT_ONE_AFTER_ARTICLE = frozenset(("pound", "yen", "sterling"))


@dataclass(frozen=True, slots=True)
class NumberMatch:
    start: int
    end: int
    kind: NumberKind
    value: int | float
    value_end: int | float | None = None
    approx: Approx = "exact"
    unit: str | None = None


class _Tokens(NamedTuple):
    """The tokens of a text as parallel lists: token i is words[i] at starts[i]:ends[i]."""

    words: list[str]
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, text: str) -> _Tokens:
        # Splitting keeps the gaps between tokens, so their offsets are running sums of the part
        # lengths: no match object or tuple per token.
        parts = _TOKEN_SPLIT.split(text)  # gap, token, gap, token, …, gap
        bounds = list(accumulate(map(len, parts)))
        return cls(parts[1::2], bounds[0:-1:2], bounds[1::2])


class _Read(NamedTuple):
    value: int | float
    end: int  # token index after the number
    scaled: bool
    ordinal: bool


def _currency_lexicon() -> dict[str, str]:
    """Currency names from CLDR in Arabic and English with their plural forms, plus bare words."""
    lexicon: dict[str, str] = {}
    counts = {"en": (1, 2), "ar": (0, 1, 2, 3, 11, 100)}
    for language, plural_samples in counts.items():
        locale = Locale(language)
        for code, name in locale.currencies.items():
            if len(code) != 3 or not code.isupper() or code in _NOT_MONEY:
                continue
            lexicon.setdefault(normalize(name), code)
            for count in plural_samples:
                lexicon.setdefault(normalize(get_currency_name(code, count=count, locale=locale)), code)
    for code, words in _CURRENCY_WORDS.items():
        lexicon.update({normalize(word): code for word in words.split()})
    lexicon.update({code: code.upper() for code in _CODES})
    for word in _AMBIGUOUS_NAMES:
        lexicon.pop(word, None)
    return lexicon


def _currency_symbols() -> dict[str, str]:
    """Prefixed symbols from CLDR (us$, ca$, e£ …), normalized, and the bare signs."""
    symbols: dict[str, str] = {}
    for language in ("en", "ar"):
        for code, symbol in Locale(language).currency_symbols.items():
            key = normalize(symbol)
            if len(key) > 1 and key[-1] in _SIGNS and key[:-1].isalpha():
                symbols.setdefault(key, code)
    symbols.update(_SIGN_CURRENCY)
    return symbols


def _dotted_symbols() -> dict[str, str]:
    """Arabic CLDR symbols of letters and dots (ج.م. EGP, د.إ. AED, ر.س. SAR), keyed by their letters."""
    symbols: dict[str, str] = {}
    for code, symbol in sorted(Locale("ar").currency_symbols.items()):
        letters = normalize(symbol).replace(".", "").strip()
        if "." in symbol and len(letters) == 2 and letters.isalpha() and not letters.isascii():
            symbols.setdefault(letters, code)  # د.إ. (AED) and د.أ. (JOD) normalize alike: AED first
    return symbols


def _dual_currencies(lexicon: dict[str, str]) -> dict[str, tuple[str, int]]:
    """Arabic dual currency nouns, with a proclitic or without: currency and the proclitic's length."""
    duals: dict[str, tuple[str, int]] = {}
    for stem, singular in _AR_DUAL_STEMS.items():
        code = lexicon[normalize(singular)]
        for ending in ("ان", "ين"):
            for prefix in _AR_DUAL_PROCLITICS:
                duals[prefix + stem + ending] = (code, len(prefix))
    return duals


def _number_start(tokens: _Tokens, index: int) -> int:
    """Where the number begins: after a proclitic written onto it (وخمسة، بمليون), not after the article."""
    return tokens.starts[index] + CLITIC_LENGTH.get(tokens.words[index], 0)


def _digit_value(token: str) -> int | float | None:
    if not token[0].isdigit() or len(token) > _MAX_DIGITS:
        return None
    if token.isdecimal():
        return int(token)  # the common case, before any pattern
    if _THOUSANDS.fullmatch(token):
        token = token.replace(",", "")
    elif _GROUP_SPACES.search(token):
        token = _GROUP_SPACES.sub("", token).replace(",", ".")
    elif _DOT_THOUSANDS.fullmatch(token):
        token = token.replace(".", "")
    elif _COMMA_DECIMAL.fullmatch(token) and not _THOUSANDS.fullmatch(token.replace(".", "")):
        token = token.replace(".", "").replace(",", ".")
    elif not _PLAIN.fullmatch(token):
        return None
    return float(token) if "." in token else int(token)


def _tidy(value: int | float) -> int | float:
    """Whole floats become ints; products with 0.01 lose their binary noise."""
    if isinstance(value, int):
        return value
    rounded = round(value, 9)
    return int(rounded) if rounded.is_integer() else rounded


class NumberExtractor:
    """Finds numbers; the currency lexicon is built once."""

    def __init__(self) -> None:
        self._currencies = _currency_lexicon()
        self._max_currency_words = max(len(name.split()) for name in self._currencies)
        self._currency_first_words = frozenset(name.partition(" ")[0] for name in self._currencies)
        self._symbols = _currency_symbols()
        self._dotted = _dotted_symbols()
        self._duals = _dual_currencies(self._currencies)
        # Tokens that may start a number: one set lookup per word.
        self._openers = frozenset(CLITIC_FORMS) | frozenset(self._duals)
        # Words that may start what `_unit_after` reads (so may any one letter: half of a dotted
        # symbol), and words that may stand before an amount in `_sign_before`.
        unit_first_words = (unit.partition(" ")[0] for unit in _QUANTITY_UNITS)
        self._unit_first_words = frozenset(
            (*self._symbols, *_SUBUNITS, *self._currency_first_words, *unit_first_words)
        )
        self._currency_prefixes = frozenset(
            (*self._symbols, *_CODES, *_PREFIX_ABBREVIATIONS, *_PREFIX_CURRENCY_WORDS)
        )

    def find(self, text: str) -> list[NumberMatch]:
        tokens = _Tokens.of(text)
        words = tokens.words
        matches: list[NumberMatch] = []
        # Tokens that may start a number: the openers and any token not all letters (digits; a
        # sign or a numeric symbol such as ² starts none, it only costs a failed read). Mapping
        # builtins over the words avoids a Python-level loop over every token; for booleans
        # "all letters <= opener" is "not all letters or opener".
        starts_number = map(le, map(str.isalpha, words), map(self._openers.__contains__, words))
        index = 0  # the first token not yet read into a number
        for candidate in compress(range(len(words)), starts_number):
            if candidate < index:
                continue
            word = words[candidate]
            found = (
                self._dual_at(tokens, candidate)
                if word in self._duals
                else self._number_at(text, tokens, words, candidate)
            )
            if found is not None:
                match, index = found
                matches.append(match)
        return matches

    def _dual_at(self, tokens: _Tokens, index: int) -> tuple[NumberMatch, int]:
        """ "دفع دولارين": an Arabic dual currency noun is two of that currency."""
        code, proclitic = self._duals[tokens.words[index]]
        start = tokens.starts[index] + proclitic
        return NumberMatch(start, tokens.ends[index], "MONEY", 2, unit=code), index + 1

    def _read(self, tokens: _Tokens, words: list[str], index: int) -> _Read | None:
        """The number at `index`: digits (with a scale word after them) or number words."""
        if index >= len(words):
            return None
        digits = _digit_value(words[index])
        if digits is None:
            parsed = parse_words(words, index)
            return self._one_unit(words, index) if parsed is None else _Read(*parsed)
        position = index + 1
        if position < len(words):
            following = words[position]
            attached = tokens.starts[position] == tokens.ends[index]
            if attached and following in _ORDINAL_SUFFIXES and isinstance(digits, int):
                return _Read(digits, position + 1, False, True)  # 1st, 22nd, 3rd, 4th
            scale = _ATTACHED_SCALES.get(following) if attached else None
            # m and b alone are also metres and bytes: a currency before or after says money.
            if scale is not None and (
                following in ("k", "bn", "tn", "trn")
                or self._sign_before(tokens, words, index)
                or self._currency_after(words, position + 1)
            ):
                return _Read(_tidy(digits * scale), position + 1, True, False)
            if following == "-" and attached and position + 1 < len(words):
                # "a $5-million grant": a hyphen written between the digits and the scale word.
                hyphenated = tokens.starts[position + 1] == tokens.ends[position]
                position += 1 if hyphenated and words[position + 1] in _HYPHEN_SCALES else 0
                following = words[position]
            word = WORDS.get(following)
            if word is not None and word.kind == "scale" and not word.ordinal and following != "k":
                return _Read(_tidy(digits * word.value), position + 1, True, False)
        return _Read(digits, index + 1, False, False)

    def _one_unit(self, words: list[str], index: int) -> _Read | None:
        """ "a dollar", "a cent": the article before a currency noun is one of it."""
        if words[index] not in ("a", "an") or index + 1 >= len(words):
            return None
        following = words[index + 1]
        if following in _NOT_ONE_AFTER_ARTICLE or (index + 2 < len(words) and words[index + 2] == "-"):
            return None  # "a dollar-denominated bond" names the currency, not an amount
        if following in self._currencies or following in _SUBUNITS:
            return _Read(1, index + 1, False, False)
        return None

    def _sign_before(self, tokens: _Tokens, words: list[str], index: int) -> tuple[str, int] | None:
        """The currency of a sign, prefixed symbol or ISO code just before the number, and its start."""
        if index == 0:
            return None
        previous, previous_start = words[index - 1], tokens.starts[index - 1]
        if previous not in self._currency_prefixes and len(previous) != 1:
            return None  # most numbers: no sign, symbol, code or currency word, not a dotted symbol
        gap = tokens.starts[index] - tokens.ends[index - 1]
        if previous in self._symbols and gap <= 1:
            # The token before the sign may make a prefixed symbol with it (US$, E£).
            if index >= 2 and tokens.ends[index - 2] == previous_start:
                prefixed = self._symbols.get(words[index - 2] + previous)
                if prefixed is not None:
                    return prefixed, tokens.starts[index - 2]
            return self._symbols[previous], previous_start
        if previous in _CODES and gap <= 1:
            return previous.upper(), previous_start
        return self._word_before(tokens, words, index)

    def _currency_before(
        self, tokens: _Tokens, words: list[str], index: int, end: int
    ) -> tuple[str, int] | None:
        sign = self._sign_before(tokens, words, index)
        if sign is not None and words[index - 1] in _PREFIX_CURRENCY_WORDS:
            # "دولار 50 جنيها": a currency named after the amount is its own.
            named = self._currency_after(words, end)
            if named is not None and named[0] != sign[0]:
                return None
        return sign

    def _word_before(self, tokens: _Tokens, words: list[str], index: int) -> tuple[str, int] | None:
        """Rs. 500, ج.م 100, درهم 5: an abbreviation or an Arabic currency noun before the amount."""
        previous, previous_start = words[index - 1], tokens.starts[index - 1]
        gap = tokens.starts[index] - tokens.ends[index - 1]
        if gap > 2:  # a space, or a dot and a space: "Rs. 500", "ج.م. 100"
            return None
        if previous in _PREFIX_ABBREVIATIONS:
            return _PREFIX_ABBREVIATIONS[previous], previous_start
        if index >= 2 and len(previous) == 1:
            letters = words[index - 2]
            if len(letters) == 1 and previous_start - tokens.ends[index - 2] == 1:
                dotted = self._dotted.get(letters + previous)
                if dotted is not None:
                    return dotted, tokens.starts[index - 2]
        if gap > 1 or previous not in _PREFIX_CURRENCY_WORDS:
            return None
        code = self._currencies.get(previous)
        # "5 ملايين دولار 20": a currency noun that closes an amount does not open the next one.
        if code is None or (
            index >= 2 and (words[index - 2][0].isdigit() or words[index - 2] in CLITIC_FORMS)
        ):
            return None
        return code, previous_start

    def _number_at(
        self, text: str, tokens: _Tokens, words: list[str], index: int
    ) -> tuple[NumberMatch, int] | None:
        first = self._read(tokens, words, index)
        if first is None:
            return None
        start = _number_start(tokens, index)
        if first.ordinal:
            return NumberMatch(start, tokens.ends[first.end - 1], "ORDINAL", first.value), first.end
        sign = self._currency_before(tokens, words, index, first.end)
        currency: str | None = None
        value = first.value
        if sign is not None:
            currency, start = sign
        else:
            value, start = _negative(text, tokens, index, value, start)
        before = _end_before(text, start)
        low, next_index, value_end, start = self._range(
            tokens, words, first, text=text, before=before, start=start
        )
        value = value if value_end is None else low
        approx: Approx = "exact"
        if value_end is None:
            approx, start = _leading_qualifier(text, before, start)
        kind: NumberKind = "CARDINAL"
        unit: str | None = None
        if currency is not None:
            kind, unit, factor = "MONEY", currency, 1.0
            next_index = self._skip_currency_after(words, next_index, currency)
        elif next_index < len(words) and self._starts_no_unit(words[next_index]):
            factor = 1.0  # most numbers, decided with one set lookup
        else:
            kind, unit, next_index, factor = self._unit_after(tokens, words, next_index)
        if factor != 1:
            value = _tidy(value * factor)
            value_end = None if value_end is None else _tidy(value_end * factor)
        end = tokens.ends[next_index - 1]
        if kind == "MONEY" and unit is not None and value_end is None:
            value, next_index = self._minor_units(tokens, words, next_index, value, unit)
            end = tokens.ends[next_index - 1]
        if approx == "exact" and value_end is None and _trailing_qualifier_may_follow(words, next_index):
            approx, end = _trailing_qualifier(text, end)
            while next_index < len(words) and tokens.starts[next_index] < end:
                next_index += 1
        return NumberMatch(start, end, kind, value, value_end, approx, unit), next_index

    def _range(
        self, tokens: _Tokens, words: list[str], first: _Read, *, text: str, before: int, start: int
    ) -> tuple[int | float, int, int | float | None, int]:
        """Lower value, index after the number, upper value of a range, and where the match starts
        (`before`: where the text before the number ends, spaces left out)."""
        value, next_index, scaled = first.value, first.end, first.scaled
        no_range = (value, next_index, None, start)
        if next_index >= len(words):
            return no_range
        joiner = words[next_index]
        # The conjunction may be written onto a number word: بين عشرة وعشرين.
        bare = CLITIC_FORMS.get(joiner)
        attached = joiner.startswith("و") and bare is not None and bare != joiner
        allowed_openers = _RANGE_JOINERS.get("و" if attached else joiner)
        if allowed_openers is None:
            return no_range
        opener = next((o for o in _RANGE_OPENERS if _ends_with_word(text, before, o)), "")
        if opener not in allowed_openers:
            return no_range
        second_index = next_index if attached else next_index + 1
        if second_index + 1 < len(words) and words[second_index] in self._symbols:
            second_index += 1  # between $5 and $10
        second = self._read(tokens, words, second_index)
        if second is None or second.ordinal:
            return no_range
        upper = second.value
        if not scaled and second.scaled and value < upper:
            # "between 10 and 12 thousand": the scale word serves both ends.
            value = value * _scale_of(words[second.end - 1])
        if value >= upper:
            return no_range
        if opener:
            start = before - len(opener)
        return value, second.end, upper, start

    def _starts_no_unit(self, word: str) -> bool:
        """A word of two letters or more that no unit, currency or symbol starts with."""
        return word not in self._unit_first_words and len(word) > 1 and word.isalpha()

    def _unit_after(
        self, tokens: _Tokens, words: list[str], index: int
    ) -> tuple[NumberKind, str | None, int, float]:
        """Kind, unit, index after the unit, and the factor a minor unit puts on the value."""
        if index < len(words):
            word = words[index]
            if word in self._symbols and (
                word in _SIGN_CURRENCY or tokens.ends[index - 1] == tokens.starts[index]
            ):
                return "MONEY", self._symbols[word], index + 1, 1
            subunit = _SUBUNITS.get(word)
            if subunit is not None:
                return "MONEY", subunit[0], index + 1, subunit[1]
            if (
                index + 1 < len(words)
                and len(word) == 1
                and tokens.starts[index + 1] - tokens.ends[index] == 1
            ):
                dotted = self._dotted.get(word + words[index + 1])
                if dotted is not None:
                    return "MONEY", dotted, index + 2, 1
        currency = self._currency_after(words, index)
        if currency is not None:
            return "MONEY", currency[0], currency[1], 1
        measure = _measure_after(words, index)
        if measure is not None:
            return "QUANTITY", measure[0], measure[1], 1
        return "CARDINAL", None, index, 1

    def _currency_after(self, words: list[str], index: int) -> tuple[str, int] | None:
        if index < len(words) and words[index] not in self._currency_first_words and " " not in words[index]:
            return None  # no currency name starts with this word (a digit group may hold a space)
        for width in range(min(self._max_currency_words, len(words) - index), 0, -1):
            phrase = " ".join(words[index : index + width])
            code = self._currencies.get(phrase)
            if code is not None:
                return code, index + width
        return None

    def _skip_currency_after(self, words: list[str], index: int, currency: str) -> int:
        """ "$5 USD", "US$ 5 dollars": a currency named again after a sign belongs to the amount."""
        named = self._currency_after(words, index)
        if named is not None and named[0] == currency:
            return named[1]
        return index

    def _minor_units(
        self, tokens: _Tokens, words: list[str], index: int, value: int | float, currency: str
    ) -> tuple[int | float, int]:
        """ "5 dollars and 20 cents", "10 جنيهات و50 قرشا": the minor units add to the amount."""
        if index >= len(words) or isinstance(value, float):
            return value, index
        word = words[index]
        bare = CLITIC_FORMS.get(word)
        attached = word.startswith("و") and bare is not None and bare != word
        if word not in JOINERS and not attached:
            return value, index
        amount_index = index if attached else index + 1
        amount = self._read(tokens, words, amount_index)
        if amount is None or amount.ordinal or amount.end >= len(words):
            return value, index
        subunit = _SUBUNITS.get(words[amount.end])
        if subunit is None or subunit[0] != currency:
            return value, index
        return _tidy(value + amount.value * subunit[1]), amount.end + 1


def _measure_after(words: list[str], index: int) -> tuple[str, int] | None:
    """The measure unit at `index` and the index after it; two-word units first ("per cent",
    "في المئة": المئة alone would be an ordinal)."""
    if index + 1 < len(words):
        measure = _QUANTITY_UNITS.get(f"{words[index]} {words[index + 1]}")
        if measure is not None:
            return measure, index + 2
    if index < len(words):
        measure = _QUANTITY_UNITS.get(words[index])
        if measure is not None:
            return measure, index + 1
    return None


def _negative(
    text: str, tokens: _Tokens, index: int, value: int | float, start: int
) -> tuple[int | float, int]:
    """ "-5" (a minus sign written onto the digits, not a hyphen between numbers) and "minus 5"."""
    if index == 0:
        return value, start
    previous, previous_start = tokens.words[index - 1], tokens.starts[index - 1]
    written_on = previous in ("-", "−") and tokens.ends[index - 1] == tokens.starts[index]
    if written_on and (previous_start == 0 or text[previous_start - 1] in " \n\t("):
        return -value, previous_start
    if previous in _NEGATIVE_WORDS:
        return -value, previous_start
    return value, start


_QUALIFIER_BY_PHRASE = dict(_QUALIFIERS)
_QUALIFIER_AT_END = re.compile(
    rf"(?<!\w)(?P<phrase>{'|'.join(re.escape(phrase) for phrase, _ in _QUALIFIERS)})$"
)
_QUALIFIER_REACH = max(len(phrase) for phrase, _ in _QUALIFIERS) + 1
_QUALIFIER_LAST_WORDS = tuple(sorted({phrase.rpartition(" ")[2] for phrase, _ in _QUALIFIERS}))


def _end_before(text: str, start: int) -> int:
    """Where the text before `start` ends, spaces left out: len(text[:start].rstrip()) without
    copying the text."""
    while start and text[start - 1].isspace():
        start -= 1
    return start


def _leading_qualifier(text: str, before: int, start: int) -> tuple[Approx, int]:
    """A qualifier phrase that ends the text before the number (which ends at `before`)."""
    if not text.endswith(_QUALIFIER_LAST_WORDS, 0, before):
        return "exact", start  # the common case, decided without the pattern
    tail_start = max(0, before - _QUALIFIER_REACH)
    found = _QUALIFIER_AT_END.search(text, tail_start, before)
    if found is None:
        return "exact", start
    return _QUALIFIER_BY_PHRASE[found["phrase"]], found.start()


_NO_GAP = re.compile(r"\s*")
_ONE_WORD_GAP = re.compile(r"\s*[^\W\d_]+\s+")


_TRAILING_FIRST_LETTERS = frozenset(phrase[0] for phrase, _ in _TRAILING_QUALIFIERS)
_TRAILING_FIRST_WORDS = frozenset(phrase.partition(" ")[0] for phrase, _ in _TRAILING_QUALIFIERS)


def _trailing_qualifier_may_follow(words: list[str], index: int) -> bool:
    """A trailing qualifier starts with the token after the number or the one after that (past the
    one word `_ONE_WORD_GAP` allows): two set lookups rule most numbers out before any pattern."""
    return not _TRAILING_FIRST_WORDS.isdisjoint(words[index : index + 2])


def _trailing_qualifier(text: str, end: int) -> tuple[Approx, int]:
    """A qualifier right after the number or after its noun: "50 جنديا على الأقل"."""
    for gap in (_NO_GAP, _ONE_WORD_GAP):
        skipped = gap.match(text, end)
        position = skipped.end() if skipped else end
        if text[position : position + 1] not in _TRAILING_FIRST_LETTERS:
            continue
        for phrase, qualifier in _TRAILING_QUALIFIERS:
            stop = position + len(phrase)
            if text.startswith(phrase, position) and (stop == len(text) or not text[stop].isalnum()):
                return qualifier, stop
    return "exact", end


def _scale_of(word: str) -> int | float:
    entry = WORDS.get(word)
    return entry.value if entry is not None and entry.kind == "scale" else 1


def _ends_with_word(text: str, end: int, phrase: str) -> bool:
    """Whether text[:end] ends with `phrase` as a whole word."""
    if not text.endswith(phrase, 0, end):
        return False
    before = end - len(phrase) - 1
    return before < 0 or not text[before].isalnum()
