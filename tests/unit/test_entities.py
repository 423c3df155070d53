"""How rule names and the statistical tagger's names combine into reported mentions."""

from __future__ import annotations

from workers.extract.entities import build_mentions
from workers.extract.ner import NamedSpan
from workers.extract.normalize import normalize_text
from workers.extract.organizations import OrganizationMatch

TEXT = "قالت لجنة الرقابة المحلية وموسكو"
COMMITTEE = OrganizationMatch(TEXT.index("لجنة"), TEXT.index(" وموسكو"), None)
MOSCOW_TOKEN = NamedSpan(TEXT.index("وموسكو"), len(TEXT), "LOC", 0.9)


def _reported(tagger_decides_names: bool, named: list[NamedSpan]) -> list[tuple[str, str]]:
    found = build_mentions(
        normalize_text(TEXT),
        places=[],
        numbers=[],
        dates=[],
        organizations=[COMMITTEE],
        people=[],
        country_entries={},
        named=named,
        tagger_decides_names=tagger_decides_names,
    )
    return [(f.type, f.mention.text) for f in found if f.reported]


def test_unlisted_organisation_the_tagger_does_not_confirm_is_not_reported() -> None:
    assert ("ORG", "لجنة الرقابة المحلية") not in _reported(True, [MOSCOW_TOKEN])


def test_unlisted_organisation_inside_an_agreeing_tagged_span_is_reported() -> None:
    committee = NamedSpan(COMMITTEE.start, COMMITTEE.end, "ORG", 0.8)
    assert ("ORG", "لجنة الرقابة المحلية") in _reported(True, [committee, MOSCOW_TOKEN])


def test_unlisted_organisation_of_another_type_than_the_tag_is_not_reported() -> None:
    as_person = NamedSpan(COMMITTEE.start, COMMITTEE.end, "PERSON", 0.8)
    reported = _reported(True, [as_person])
    assert ("ORG", "لجنة الرقابة المحلية") not in reported
    assert ("PERSON", "لجنة الرقابة المحلية") in reported


def test_tagged_token_with_proclitic_is_reported_once_as_the_tagger_saw_it() -> None:
    assert ("LOC", "وموسكو") in _reported(True, [MOSCOW_TOKEN])
