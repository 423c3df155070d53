"""Number words of Arabic (standard, Egyptian and Levantine spellings) and English, and their grammar.

Every table is keyed by normalized text (see `normalize`) and built once at import. The grammar
reads a run of number words left to right, the way both languages build numbers: units, teens
and tens make a group below a thousand, hundreds multiply or start it, and scale words
(thousand/ألف, million/مليون …) close a group; و / "and" joins parts ("ثلاثة وعشرون",
"one hundred and five"), and a final ordinal word makes the whole an ordinal ("twenty-third").
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from workers.extract.normalize import normalize

# unit: 0-19 (one word), ten: 20-90, hundred: 100-900 (`multiplies` for the bare word),
# scale: thousand and up, dual: a scale word that means two of it, teen_ten: عشر after a unit,
# fraction: half/quarter/third, dozen: 12 that multiplies, article: English "a"/"an".
WordKind = Literal["unit", "ten", "hundred", "scale", "dual", "teen_ten", "fraction", "dozen", "article"]


class Word(NamedTuple):
    kind: WordKind
    value: int | float
    ordinal: bool = False
    # A plural scale (آلاف، ملايين، thousands) needs a number before it; a bare hundred word
    # (hundred، مائة، ميه) multiplies the unit before it.
    plural: bool = False
    multiplies: bool = False
    # Words that are numbers only inside a longer number (أحد عشر, "a hundred", نصف مليون).
    needs_next: bool = False
    # "couple" counts only after "a": "the couple" is two people, not a number word.
    needs_article: bool = False


_AR_UNITS = {
    "صفر": 0, "واحد": 1, "واحدة": 1, "احد": 1, "إحدى": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2,
    "اثنتين": 2, "اثنا": 2, "اثنتا": 2, "اثني": 2, "اثنتي": 2, "ثلاث": 3, "ثلاثة": 3, "أربع": 4,
    "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7, "سبعة": 7, "ثمان": 8, "ثماني": 8,
    "ثمانية": 8, "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10,
    # Egyptian and Levantine spellings (ث pronounced ت).
    "اتنين": 2, "اتنان": 2, "تلاتة": 3, "تلات": 3, "تلاث": 3, "تمانية": 8, "تمنية": 8,
    "تمان": 8, "حداشر": 11, "احداشر": 11, "اتناشر": 12, "اطناشر": 12, "تلتاشر": 13, "تلطاشر": 13,
    "اربعتاشر": 14, "اربعطاشر": 14, "خمستاشر": 15, "خمسطاشر": 15, "ستاشر": 16, "سطاشر": 16,
    "سبعتاشر": 17, "سبعطاشر": 17, "تمنتاشر": 18, "تمنطاشر": 18, "تسعتاشر": 19, "تسعطاشر": 19,
}  # fmt: skip
_AR_TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "تلاتين": 30, "تلاتون": 30, "أربعون": 40,
    "أربعين": 40, "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تمانين": 80, "تسعون": 90, "تسعين": 90,
}  # fmt: skip
_AR_HUNDRED_WORDS = ("مائة", "مئة", "مية", "ميت")  # ميت is the construct form: ميت ألف
_AR_HUNDREDS = {"مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200, "مئتا": 200, "مائتا": 200,
                "ميتين": 200, "متين": 200}  # fmt: skip
_AR_HUNDRED_PREFIXES = {
    "ثلاث": 3, "تلت": 3, "تلات": 3, "أربع": 4, "ربع": 4, "خمس": 5, "ست": 6, "سبع": 7, "ثمان": 8,
    "ثمن": 8, "تمن": 8, "تمان": 8, "تسع": 9,
}  # fmt: skip
for _prefix, _unit in _AR_HUNDRED_PREFIXES.items():
    for _hundred in ("مائة", "مئة", "مية"):
        _AR_HUNDREDS[_prefix + _hundred] = _unit * 100
_AR_SCALES = {"ألف": 1_000, "ألفا": 1_000, "مليون": 10**6, "مليونا": 10**6, "مليار": 10**9,
              "مليارا": 10**9, "بليون": 10**9, "تريليون": 10**12, "ترليون": 10**12}  # fmt: skip
_AR_PLURAL_SCALES = {"آلاف": 1_000, "ألوف": 1_000, "تلاف": 1_000, "ملايين": 10**6, "مليارات": 10**9,
                     "بلايين": 10**9, "تريليونات": 10**12}  # fmt: skip
_AR_DUALS = {"ألفان": 2_000, "ألفين": 2_000, "مليونان": 2 * 10**6, "مليونين": 2 * 10**6,
             "ملياران": 2 * 10**9, "مليارين": 2 * 10**9}  # fmt: skip
# نص is colloquial for half but also means "text": like every fraction it needs و before it or a
# scale word after it.
_AR_FRACTIONS = {"نصف": 0.5, "نص": 0.5, "ربع": 0.25, "ثلث": 1 / 3}

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
            "seventy": 70, "eighty": 80, "ninety": 90}  # fmt: skip
_EN_SCALES = {"thousand": 1_000, "million": 10**6, "billion": 10**9, "trillion": 10**12, "bn": 10**9,
              "mln": 10**6, "mn": 10**6, "k": 1_000, "tn": 10**12, "trn": 10**12}  # fmt: skip
_EN_PLURAL_SCALES = {"thousands": 1_000, "millions": 10**6, "billions": 10**9}
# Indian English scales; like the abbreviations they only follow a number (5 lakh, 2 crore).
_EN_INDIAN_SCALES = {"lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "lacs": 10**5, "crore": 10**7,
                     "crores": 10**7}  # fmt: skip
_EN_ORDINALS: dict[str, tuple[WordKind, int]] = {
    "first": ("unit", 1), "second": ("unit", 2), "third": ("unit", 3), "fourth": ("unit", 4),
    "fifth": ("unit", 5), "sixth": ("unit", 6), "seventh": ("unit", 7), "eighth": ("unit", 8),
    "ninth": ("unit", 9), "tenth": ("unit", 10), "eleventh": ("unit", 11), "twelfth": ("unit", 12),
    "thirteenth": ("unit", 13), "fourteenth": ("unit", 14), "fifteenth": ("unit", 15),
    "sixteenth": ("unit", 16), "seventeenth": ("unit", 17), "eighteenth": ("unit", 18),
    "nineteenth": ("unit", 19), "twentieth": ("ten", 20), "thirtieth": ("ten", 30),
    "fortieth": ("ten", 40), "fiftieth": ("ten", 50), "sixtieth": ("ten", 60), "seventieth": ("ten", 70),
    "eightieth": ("ten", 80), "ninetieth": ("ten", 90), "hundredth": ("hundred", 100),
    "thousandth": ("scale", 1_000), "millionth": ("scale", 10**6), "billionth": ("scale", 10**9),
}  # fmt: skip
# Arabic ordinals 1-10 in both genders, with the article and (from 3 on) without it: "ثالث مرة".
# ثانية without the article is "a second" (of time), so only الثانية is read.
_AR_ORDINALS = {
    "الأول": 1, "الأولى": 1, "أول": 1, "الحادي": 1, "الحادية": 1, "حادي": 1, "الثاني": 2,
    "الثانية": 2, "ثاني": 2, "الثالث": 3, "الثالثة": 3, "ثالث": 3, "ثالثة": 3, "الرابع": 4,
    "الرابعة": 4, "رابع": 4, "رابعة": 4, "الخامس": 5, "الخامسة": 5, "خامس": 5, "خامسة": 5,
    "السادس": 6, "السادسة": 6, "سادس": 6, "سادسة": 6, "السابع": 7, "السابعة": 7, "سابع": 7,
    "سابعة": 7, "الثامن": 8, "الثامنة": 8, "ثامن": 8, "ثامنة": 8, "التاسع": 9, "التاسعة": 9,
    "تاسع": 9, "تاسعة": 9, "العاشر": 10, "العاشرة": 10, "عاشر": 10, "عاشرة": 10,
}  # fmt: skip
_AR_ORDINAL_NEEDS_TEEN = frozenset(normalize(w) for w in ("الحادي", "الحادية", "حادي"))

WORDS: dict[str, Word] = {}


def _add(table: dict[str, int] | dict[str, float], kind: WordKind, **flags: bool) -> None:
    for text, value in table.items():
        WORDS.setdefault(normalize(text), Word(kind, value, **flags))


_add(_AR_UNITS, "unit")
_add(_EN_UNITS, "unit")
_add(_AR_TENS, "ten")
_add(_EN_TENS, "ten")
_add(_AR_HUNDREDS, "hundred")
_add(dict.fromkeys(_AR_HUNDRED_WORDS, 100), "hundred", multiplies=True)
# ميت is also "dead": only ميت ألف (a hundred thousand) is a number.
WORDS["ميت"] = WORDS["ميت"]._replace(needs_next=True)
_add({"hundred": 100}, "hundred", multiplies=True)
_add(_AR_SCALES, "scale")
_add(_EN_SCALES, "scale")
_add(_AR_PLURAL_SCALES, "scale", plural=True)
_add(_EN_PLURAL_SCALES, "scale", plural=True)
_add(_AR_DUALS, "dual")
_add(_AR_FRACTIONS, "fraction", needs_next=True)
_add({"half": 0.5, "quarter": 0.25}, "fraction", needs_next=True)
_add({"dozen": 12}, "dozen")
_add({"couple": 2}, "dozen", needs_article=True)
_add(_EN_INDIAN_SCALES, "scale", plural=True)
_add({"a": 1, "an": 1}, "article", needs_next=True)
for _text, (_kind, _value) in _EN_ORDINALS.items():
    WORDS[_text] = Word(_kind, _value, ordinal=True, multiplies=_kind == "hundred")
for _text, _value in _AR_ORDINALS.items():
    _key = normalize(_text)
    WORDS[_key] = Word("unit", _value, ordinal=True, needs_next=_key in _AR_ORDINAL_NEEDS_TEEN)
# أحد / إحدى are "one of" on their own (أحد النواب); only أحد عشر is a number.
for _text in ("احد", "احدي"):
    WORDS[_text] = WORDS[_text]._replace(needs_next=True)
# عشر after a unit makes a teen (ثلاثة عشر); on its own it is ten.
for _text in ("عشر", "عشره"):
    WORDS[_text] = Word("teen_ten", 10)
# Abbreviated scales only follow a number (5k, 3 bn).
for _text in ("k", "bn", "mln", "mn", "tn", "trn"):
    WORDS[_text] = WORDS[_text]._replace(plural=True)

# Number words behind a conjunction or article (وعشرون، الأربعة) map to their bare form.
# The bare reading wins a tie: واحد is "one", not و + احد. With the article a ten or a bare
# hundred is an ordinal (العشرون "the twentieth", المئة "the hundredth"); a unit keeps its
# cardinal reading (قتل الأربعة).
# ب / ل ("for five", "with a million") are read too, except لست ("I am not").
_PROCLITICS = ("", "و", "ال", "وال", "ب", "بال", "ل", "لل", "وب", "ول", "وبال", "ولل")
CLITIC_FORMS: dict[str, str] = {}
# Characters of the proclitic that are not part of the number's span (the article is).
CLITIC_LENGTH: dict[str, int] = {}
for _prefix in _PROCLITICS:
    for _key in WORDS:
        if (
            (_key.isascii() and _prefix)
            or (_prefix + _key) in CLITIC_FORMS
            or (_prefix + _key).endswith("لست")
        ):
            continue
        CLITIC_FORMS[_prefix + _key] = _key
        CLITIC_LENGTH[_prefix + _key] = len(_prefix) - (2 if _prefix.endswith("ال") else 0)
        if _prefix.endswith("لل"):  # لل is ل + the article
            CLITIC_LENGTH[_prefix + _key] = len(_prefix) - 1
_ORDINAL_WITH_ARTICLE = frozenset(normalize(w) for w in ("مائة", "مئة"))
ARTICLE_ORDINALS = {
    "ال" + key: Word(word.kind, word.value, ordinal=True)
    for key, word in WORDS.items()
    if (word.kind == "ten" and not key.isascii()) or key in _ORDINAL_WITH_ARTICLE
}

# At the head of a number ألفا / مليونا are duals in construct (ألفا جندي "two thousand soldiers");
# after a number they are accusative singulars (ثلاثون ألفا).
CONSTRUCT_DUALS = {
    normalize(text): Word("dual", 2 * WORDS[normalize(text)].value) for text in ("ألفا", "مليونا", "مليارا")
}

JOINERS = frozenset(("و", "and"))
DECIMAL_POINTS = frozenset(("point", "فاصله", "فاصل"))


# What may follow a head word that is a number only inside a longer one.
_COMPLETES: dict[WordKind, frozenset[WordKind]] = {
    "unit": frozenset(("teen_ten", "ten")),  # أحد عشر، الحادي والعشرون
    "hundred": frozenset(("scale",)),  # ميت ألف
    "fraction": frozenset(("scale",)),  # نصف مليون
    "article": frozenset(("hundred", "scale", "dozen")),  # a hundred, a million, a dozen
}


class Parsed(NamedTuple):
    value: int | float
    end: int  # index after the last token read
    scaled: bool  # a scale word was read
    ordinal: bool


class _State:
    """A number being read: `total` holds closed scale groups, `current` the open group."""

    __slots__ = ("current", "last", "limit", "ordinal", "scaled", "total")

    def __init__(self) -> None:
        self.total: int | float = 0
        self.current: int | float = 0
        self.limit: int | float = 0  # the last scale closed; later scales must be smaller
        self.last: Word | None = None
        self.ordinal = False
        self.scaled = False

    def low(self) -> int | float:
        """The part of the open group below a hundred."""
        return self.current % 100

    def step(self, word: Word, joined: bool) -> bool:
        """Add a word; False when it cannot continue this number."""
        last = self.last
        if last is not None and last.ordinal:
            # An ordinal ends the number, except Arabic teens and tens (الحادي عشر، الحادي والعشرون).
            arabic_teen = word.kind == "teen_ten" and not joined
            if not (last.kind == "unit" and (arabic_teen or (word.kind == "ten" and joined))):
                return False
        if not _STEPS[word.kind](self, word, joined):
            return False
        self.last = word
        self.ordinal = self.ordinal or word.ordinal
        return True

    def on_unit(self, word: Word, joined: bool) -> bool:
        last = self.last
        if word.kind == "teen_ten" and last is not None and last.kind == "unit" and not joined:
            if not 0 < self.low() < 10:
                return False
            self.current += 10  # ثلاثة عشر، الحادي عشر
        elif last is not None and last.kind == "ten" and word.value < 10 and self.low() % 10 == 0:
            self.current += word.value  # twenty five, twenty-five
        elif last is None or (self.low() == 0 and last.kind not in ("unit", "dozen")):
            self.current += word.value
        else:
            return False
        return True

    def on_ten(self, word: Word, joined: bool) -> bool:
        last = self.last
        if last is None or (self.low() == 0 and last.kind != "ten"):
            self.current += word.value
        elif joined and last.kind == "unit" and self.low() < 10:
            self.current += word.value  # ثلاثة وعشرون
        else:
            return False
        return True

    def on_hundred(self, word: Word, joined: bool) -> bool:
        last = self.last
        if word.multiplies and not joined and last is not None and last.kind in ("unit", "article", "dozen"):
            if not 1 <= self.low() < 100:
                return False
            self.current += self.low() * 99  # three hundred, ثلاث مائة, twenty-five hundred
        elif self.current == 0:
            self.current = word.value
        else:
            return False
        return True

    def on_scale(self, word: Word, joined: bool) -> bool:
        last, value, group = self.last, word.value, self.current
        if word.kind == "dual":
            if group:
                return False
            group, value = 2, value // 2
        elif group == 0:
            # A scale needs a number before it unless it opens the number (مليون دولار).
            if joined or word.plural or (last is not None and not word.ordinal):
                return False
            group = 1
        if self.limit and value >= self.limit:
            return False
        self.total += group * value
        self.current, self.limit, self.scaled = 0, value, True
        return True

    def on_fraction(self, word: Word, joined: bool) -> bool:
        last = self.last
        if last is None:
            self.current = word.value  # نصف مليون, half a million: needs_next wants the scale
        elif joined and last.kind in ("scale", "dual") and self.current == 0:
            self.total += word.value * self.limit  # مليون ونصف
        elif joined and self.low() and last.kind != "fraction":
            self.current += word.value  # ثلاثة ونصف, two and a half
        else:
            return False
        return True

    def on_dozen(self, word: Word, joined: bool) -> bool:
        if self.last is None or self.last.kind not in ("unit", "article") or joined:
            return False
        if word.needs_article and self.last.kind != "article":
            return False
        self.current *= word.value
        return True

    def on_article(self, word: Word, joined: bool) -> bool:
        if self.last is not None:
            return False  # only the head of "a hundred", "a dozen", "a million"
        self.current = word.value
        return True


_STEPS = {
    "unit": _State.on_unit,
    "teen_ten": _State.on_unit,
    "ten": _State.on_ten,
    "hundred": _State.on_hundred,
    "scale": _State.on_scale,
    "dual": _State.on_scale,
    "fraction": _State.on_fraction,
    "dozen": _State.on_dozen,
    "article": _State.on_article,
}


def _following(tokens: list[str], position: int, state: _State) -> tuple[str, int, bool] | None:
    """The next number word (bare form), how many tokens it takes, and whether و/and joins it."""
    text = tokens[position]
    joined = text in JOINERS
    skip = 1 if joined or text == "-" else 0
    if text in ("a", "an") and state.last is not None and state.last.kind == "fraction":
        skip = 1  # half a million
    elif text == "and" and position + 1 < len(tokens) and tokens[position + 1] in ("a", "an"):
        skip = 2  # "and a half"
    elif (
        text == "of" and state.last is not None and state.last.kind == "dozen" and position + 1 < len(tokens)
    ):
        following = WORDS.get(tokens[position + 1])
        if following is not None and following.kind in ("hundred", "scale"):
            skip = 1  # "a couple of hundred", "a couple of million"
    if position + skip >= len(tokens):
        return None
    word = tokens[position + skip]
    if not skip and word.startswith("و") and len(word) > 2 and word[1:] in CLITIC_FORMS:
        return CLITIC_FORMS[word[1:]], 1, True
    bare = CLITIC_FORMS.get(word)
    # Only the article may precede a continuing word; a conjunction starts a new number.
    if bare is None or (word != bare and not word.startswith("ال")):
        return None
    return bare, skip + 1, joined


def _decimals(tokens: list[str], position: int, point: int) -> tuple[str, int]:
    """The digits read after "point" / فاصلة: "point one four", "فاصلة أربعة عشر", "point 5"."""
    digits = ""
    while position < len(tokens):
        if tokens[position].isdigit():
            digits, position = digits + tokens[position], position + 1
            continue
        parsed = parse_words(tokens, position) if tokens[position] not in DECIMAL_POINTS else None
        if parsed is not None and parsed.scaled:
            # "one point five million": the digit is one word, the scale is the whole number's.
            word = WORDS.get(tokens[position])
            parsed = Parsed(word.value, position + 1, False, False) if word and word.kind == "unit" else None
        if parsed is None or parsed.ordinal or isinstance(parsed.value, float):
            break
        digits, position = digits + str(parsed.value), parsed.end
    return digits, (position if digits else point)


def parse_words(tokens: list[str], index: int) -> Parsed | None:
    """Read the number words starting at `tokens[index]`; None when no number starts there."""
    head = CLITIC_FORMS.get(tokens[index])
    if head is None:
        return None
    word = ARTICLE_ORDINALS.get(tokens[index]) or CONSTRUCT_DUALS.get(head) or WORDS[head]
    if word.kind == "scale" and word.plural:
        return None  # آلاف الجنود is "thousands of soldiers", not a number
    state = _State()
    if not state.step(word, False):
        return None  # "dozen" alone
    position = index + 1
    end = position
    needs_next = word.needs_next
    while position < len(tokens):
        following = _following(tokens, position, state)
        if following is None:
            break
        bare, width, joined = following
        next_word = WORDS[bare]
        if next_word.kind == "article" or (needs_next and next_word.kind not in _COMPLETES[word.kind]):
            break
        if not state.step(next_word, joined):
            break
        needs_next = False
        position += width
        end = position
    if needs_next:
        return None
    if not state.scaled and not state.ordinal and end < len(tokens) and tokens[end] in DECIMAL_POINTS:
        decimals, end = _decimals(tokens, end + 1, end)
        if decimals:
            state.current = float(f"{int(state.current)}.{decimals}")
            scale = WORDS.get(tokens[end]) if end < len(tokens) else None
            if scale is not None and scale.kind == "scale" and not scale.ordinal:
                state.current, state.scaled, end = state.current * scale.value, True, end + 1
    value = state.total + state.current
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return Parsed(value, end, state.scaled, state.ordinal)
