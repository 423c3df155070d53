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
from typing import Literal, NamedTuple

from babel import Locale
from babel.numbers import get_currency_name

from schemas.models import Approx
from workers.extract.normalize import normalize
from workers.extract.number_words import CLITIC_FORMS, CLITIC_LENGTH, JOINERS, WORDS, parse_words

NumberKind = Literal["CARDINAL", "QUANTITY", "MONEY", "ORDINAL"]

_SIGNS = "$€£¥₹₩₪₽₺₱₫₦¢"
_TOKEN = re.compile(rf"\d+(?:[.,]\d+)*|[^\W\d_]+|[{_SIGNS}%\-−]")

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
                  "الي": ("من", ""), "-": ("",), "حتي": ("من",)}  # fmt: skip

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
}  # fmt: skip
_QUANTITY_UNITS = {normalize(word): unit for word, unit in _QUANTITY_UNITS_RAW.items()}
# Scale letters written onto an amount: 5k, $3m, $2bn (m and b only after a currency sign).
_ATTACHED_SCALES = {"k": 1_000, "m": 10**6, "mn": 10**6, "b": 10**9, "bn": 10**9}
_NEGATIVE_WORDS = frozenset(("minus", "negative", "سالب"))
_MAX_DIGITS = 18  # longer digit runs are identifiers or noise, not amounts
_ORDINAL_SUFFIXES = frozenset(("st", "nd", "rd", "th"))
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_PLAIN = re.compile(r"\d+(?:\.\d+)?")


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
            if len(code) != 3 or not code.isupper():
                continue
            lexicon.setdefault(normalize(name), code)
            for count in plural_samples:
                lexicon.setdefault(normalize(get_currency_name(code, count=count, locale=locale)), code)
    for code, words in _CURRENCY_WORDS.items():
        lexicon.update({normalize(word): code for word in words.split()})
    lexicon.update({code: code.upper() for code in _CODES})
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


def _number_start(token: _Token) -> int:
    """Where the number begins: after a proclitic written onto it (وخمسة، بمليون), not after the article."""
    return token.start + CLITIC_LENGTH.get(token.text, 0)


def _digit_value(token: str) -> int | float | None:
    if not token[0].isdigit() or len(token) > _MAX_DIGITS:
        return None
    if _THOUSANDS.fullmatch(token):
        token = token.replace(",", "")
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
        self._symbols = _currency_symbols()

    def find(self, text: str) -> list[NumberMatch]:
        tokens = [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        words = [t.text for t in tokens]
        matches: list[NumberMatch] = []
        index = 0
        while index < len(tokens):
            word = words[index]
            found = None
            if word[0].isdigit() or word in CLITIC_FORMS:
                found = self._number_at(text, tokens, words, index)
            if found is not None:
                match, index = found
                matches.append(match)
                continue
            index += 1
        return matches

    def _read(self, tokens: list[_Token], words: list[str], index: int) -> _Read | None:
        """The number at `index`: digits (with a scale word after them) or number words."""
        if index >= len(tokens):
            return None
        digits = _digit_value(words[index])
        if digits is None:
            parsed = parse_words(words, index)
            return None if parsed is None else _Read(*parsed)
        position = index + 1
        if position < len(tokens):
            following = words[position]
            attached = tokens[position].start == tokens[index].end
            if attached and following in _ORDINAL_SUFFIXES and isinstance(digits, int):
                return _Read(digits, position + 1, False, True)  # 1st, 22nd, 3rd, 4th
            scale = _ATTACHED_SCALES.get(following) if attached else None
            if scale is not None and (following in ("k", "bn") or self._sign_before(tokens, words, index)):
                return _Read(_tidy(digits * scale), position + 1, True, False)
            word = WORDS.get(following)
            if word is not None and word.kind == "scale" and not word.ordinal and following != "k":
                return _Read(_tidy(digits * word.value), position + 1, True, False)
        return _Read(digits, position, False, False)

    def _sign_before(self, tokens: list[_Token], words: list[str], index: int) -> tuple[str, int] | None:
        """The currency of a sign, prefixed symbol or ISO code just before the number, and its start."""
        if index == 0:
            return None
        previous = tokens[index - 1]
        gap = tokens[index].start - previous.end
        if previous.text in self._symbols and gap <= 1:
            before = tokens[index - 2] if index >= 2 else None  # the token before the sign
            if before is not None and before.end == previous.start:
                prefixed = self._symbols.get(before.text + previous.text)
                if prefixed is not None:
                    return prefixed, before.start
            return self._symbols[previous.text], previous.start
        if previous.text in _CODES and gap <= 1:
            return previous.text.upper(), previous.start
        return None

    def _number_at(
        self, text: str, tokens: list[_Token], words: list[str], index: int
    ) -> tuple[NumberMatch, int] | None:
        first = self._read(tokens, words, index)
        if first is None:
            return None
        start = _number_start(tokens[index])
        if first.ordinal:
            return NumberMatch(start, tokens[first.end - 1].end, "ORDINAL", first.value), first.end
        sign = self._sign_before(tokens, words, index)
        currency: str | None = None
        value = first.value
        if sign is not None:
            currency, start = sign
        else:
            value, start = _negative(text, tokens, index, value, start)
        before = text[:start].rstrip()
        low, next_index, value_end, start = self._range(tokens, words, first, before, start)
        value = value if value_end is None else low
        approx: Approx = "exact"
        if value_end is None:
            approx, start = _leading_qualifier(before, start)
        kind: NumberKind = "CARDINAL"
        unit: str | None = None
        if currency is not None:
            kind, unit, factor = "MONEY", currency, 1.0
            next_index = self._skip_currency_after(words, next_index, currency)
        else:
            kind, unit, next_index, factor = self._unit_after(tokens, words, next_index)
        if factor != 1:
            value = _tidy(value * factor)
            value_end = None if value_end is None else _tidy(value_end * factor)
        end = tokens[next_index - 1].end
        if kind == "MONEY" and unit is not None and value_end is None:
            value, next_index = self._minor_units(tokens, words, next_index, value, unit)
            end = tokens[next_index - 1].end
        if approx == "exact" and value_end is None:
            approx, end = _trailing_qualifier(text, end)
            while next_index < len(tokens) and tokens[next_index].start < end:
                next_index += 1
        return NumberMatch(start, end, kind, value, value_end, approx, unit), next_index

    def _range(
        self, tokens: list[_Token], words: list[str], first: _Read, before: str, start: int
    ) -> tuple[int | float, int, int | float | None, int]:
        """Lower value, index after the number, upper value of a range, and where the match starts."""
        value, next_index, scaled = first.value, first.end, first.scaled
        no_range = (value, next_index, None, start)
        if next_index >= len(tokens):
            return no_range
        opener = next((o for o in _RANGE_OPENERS if _ends_with_word(before, o)), "")
        joiner = words[next_index]
        # The conjunction may be written onto a number word: بين عشرة وعشرين.
        bare = CLITIC_FORMS.get(joiner)
        attached = joiner.startswith("و") and bare is not None and bare != joiner
        if opener not in _RANGE_JOINERS.get("و" if attached else joiner, ()):
            return no_range
        second_index = next_index if attached else next_index + 1
        if second_index + 1 < len(tokens) and words[second_index] in self._symbols:
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
            start = len(before) - len(opener)
        return value, second.end, upper, start

    def _unit_after(
        self, tokens: list[_Token], words: list[str], index: int
    ) -> tuple[NumberKind, str | None, int, float]:
        """Kind, unit, index after the unit, and the factor a minor unit puts on the value."""
        if index < len(tokens):
            word = words[index]
            if word in self._symbols and (
                word in _SIGN_CURRENCY or tokens[index - 1].end == tokens[index].start
            ):
                return "MONEY", self._symbols[word], index + 1, 1
            subunit = _SUBUNITS.get(word)
            if subunit is not None:
                return "MONEY", subunit[0], index + 1, subunit[1]
        currency = self._currency_after(words, index)
        if currency is not None:
            return "MONEY", currency[0], currency[1], 1
        if index < len(tokens):
            measure = _QUANTITY_UNITS.get(words[index])
            if measure is not None:
                return "QUANTITY", measure, index + 1, 1
        return "CARDINAL", None, index, 1

    def _currency_after(self, words: list[str], index: int) -> tuple[str, int] | None:
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
        self, tokens: list[_Token], words: list[str], index: int, value: int | float, currency: str
    ) -> tuple[int | float, int]:
        """ "5 dollars and 20 cents", "10 جنيهات و50 قرشا": the minor units add to the amount."""
        if index >= len(tokens) or isinstance(value, float):
            return value, index
        word = words[index]
        bare = CLITIC_FORMS.get(word)
        attached = word.startswith("و") and bare is not None and bare != word
        if word not in JOINERS and not attached:
            return value, index
        amount_index = index if attached else index + 1
        amount = self._read(tokens, words, amount_index)
        if amount is None or amount.ordinal or amount.end >= len(tokens):
            return value, index
        subunit = _SUBUNITS.get(words[amount.end])
        if subunit is None or subunit[0] != currency:
            return value, index
        return _tidy(value + amount.value * subunit[1]), amount.end + 1


def _negative(
    text: str, tokens: list[_Token], index: int, value: int | float, start: int
) -> tuple[int | float, int]:
    """ "-5" (a minus sign written onto the digits, not a hyphen between numbers) and "minus 5"."""
    if index == 0:
        return value, start
    previous = tokens[index - 1]
    written_on = previous.text in ("-", "−") and previous.end == tokens[index].start
    if written_on and (previous.start == 0 or text[previous.start - 1] in " \n\t("):
        return -value, previous.start
    if previous.text in _NEGATIVE_WORDS:
        return -value, previous.start
    return value, start


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


def _scale_of(word: str) -> int | float:
    entry = WORDS.get(word)
    return entry.value if entry is not None and entry.kind == "scale" else 1


def _ends_with_word(text: str, phrase: str) -> bool:
    if not text.endswith(phrase):
        return False
    before = len(text) - len(phrase) - 1
    return before < 0 or not text[before].isalnum()
