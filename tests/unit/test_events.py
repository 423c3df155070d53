from datetime import UTC, datetime

import pytest

from schemas.models import EnrichedArticle, EventRecord, RawArticle
from workers.extract import ArticleEnricher

PUBLISHED = datetime(2025, 4, 30, 12, tzinfo=UTC)
PROCESSED = datetime(2025, 5, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def enricher() -> ArticleEnricher:
    return ArticleEnricher()


def _enrich(enricher: ArticleEnricher, text: str, processed_at: datetime = PROCESSED) -> EnrichedArticle:
    article = RawArticle(id="t", text=text, published_at=PUBLISHED)
    return enricher.enrich(article, processed_at=processed_at)


def _event(enriched: EnrichedArticle, event_type: str) -> EventRecord:
    matching = [e for e in enriched.events if e.event_type == event_type]
    assert matching, f"no {event_type} event in {[e.event_type for e in enriched.events]}"
    return matching[0]


def _countries(event: EventRecord, role: str) -> list[str | None]:
    return [a.country for a in event.actors if a.role == role]


def test_arabic_casualties_with_claimant_victim_and_incident(enricher: ArticleEnricher) -> None:
    """قالت X إن N جنديا قتلوا في هجوم: a reported incident with a victim country."""
    enriched = _enrich(enricher, "قالت وزارة الدفاع الروسية إن 12 جنديا أوكرانيا قتلوا في هجوم.")
    event = _event(enriched, "casualties")
    assert event.counts is not None and event.counts.killed is not None
    assert event.counts.killed.value == 12
    assert _countries(event, "victim") == ["UA"]
    assert event.claimant is not None and event.claimant.name == "Russian Ministry of Defence"
    assert (event.modality, event.cumulative) == ("reported", False)


def test_english_casualties_with_qualifier_location_and_according_to(enricher: ArticleEnricher) -> None:
    """At least N killed and M wounded in <city> on <weekday>, according to X."""
    text = (
        "At least 15 civilians were killed and 40 wounded in Kyiv on Monday, according to the United Nations."
    )
    event = _event(_enrich(enricher, text), "casualties")
    assert event.counts is not None and event.counts.killed is not None and event.counts.wounded is not None
    assert (event.counts.killed.value, event.counts.killed.approx) == (15, "at_least")
    assert event.counts.wounded.value == 40
    assert event.location is not None and event.location.country == "UA"
    assert event.time is not None and event.time.start == "2025-04-28"
    assert event.claimant is not None and event.claimant.name == "United Nations"


def test_total_losses_are_a_cumulative_total(enricher: ArticleEnricher) -> None:
    """إجمالي خسائر … N جندي is a running total, not a killed count."""
    event = _event(
        _enrich(enricher, "بلغ إجمالي خسائر الجيش الروسي 5000 جندي منذ بداية الحرب."), "casualties"
    )
    assert event.counts is not None and event.counts.total is not None
    assert (event.counts.total.value, event.counts.killed, event.cumulative) == (5000, None, True)


def test_arabic_deployment_with_actor_destination_count_and_month(enricher: ArticleEnricher) -> None:
    event = _event(_enrich(enricher, "أرسلت روسيا نحو 5000 جندي إلى بيلاروسيا في مارس 2023."), "deployment")
    assert (_countries(event, "actor"), _countries(event, "destination")) == (["RU"], ["BY"])
    assert event.counts is not None and event.counts.people is not None
    assert (event.counts.people.value, event.counts.people.approx) == (5000, "about")
    assert event.time is not None and event.time.start == "2023-03"


def test_english_deployment_subject_before_verb(enricher: ArticleEnricher) -> None:
    text = "The United States deployed 3,000 troops to Poland in February 2022."
    event = _event(_enrich(enricher, text), "deployment")
    assert (_countries(event, "actor"), _countries(event, "destination")) == (["US"], ["PL"])
    assert event.counts is not None and event.counts.people is not None
    assert event.counts.people.value == 3000


def test_negated_deployment(enricher: ArticleEnricher) -> None:
    """لم ترسل / did not send: the event is kept and marked negated."""
    arabic = _event(_enrich(enricher, "لم ترسل الصين أي قوات إلى روسيا."), "deployment")
    english = _event(_enrich(enricher, "China did not send troops to Russia."), "deployment")
    assert arabic.negated and english.negated


@pytest.mark.parametrize(
    ("text", "parties", "name", "start"),
    [
        (
            "وقعت تركيا وقطر اتفاقية تعاون عسكري في يناير 2024.",
            {"TR", "QA"},
            "military cooperation agreement",
            "2024-01",
        ),
        (
            "Iran and Russia signed a comprehensive strategic partnership treaty in January 2025.",
            {"IR", "RU"},
            "comprehensive strategic partnership treaty",
            "2025-01",
        ),
    ],
)
def test_signed_agreement_has_parties_name_and_date(
    enricher: ArticleEnricher, text: str, parties: set[str], name: str, start: str
) -> None:
    event = _event(_enrich(enricher, text), "agreement")
    assert set(_countries(event, "party")) == parties
    assert event.name == name
    assert event.time is not None and event.time.start == start


def test_treaty_without_signing_is_not_an_agreement_event(enricher: ArticleEnricher) -> None:
    enriched = _enrich(enricher, "The treaty between Iran and Russia is long.")
    assert not [e for e in enriched.events if e.event_type == "agreement"]


@pytest.mark.parametrize(
    "text",
    ["Iran supplied drones worth $1 billion to Russia.", "زودت إيران روسيا بمسيرات بقيمة مليار دولار."],
)
def test_arms_transfer_with_money(enricher: ArticleEnricher, text: str) -> None:
    event = _event(_enrich(enricher, text), "arms_transfer")
    assert _countries(event, "actor") == ["IR"]
    assert event.money is not None
    assert (event.money.amount.value, event.money.currency) == (1_000_000_000, "USD")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("أعلن الكرملين يوم الجمعة أن المحادثات ستستمر.", "Kremlin"),
        ("Vladimir Putin said on Friday that the talks would continue.", "Vladimir Putin"),
    ],
)
def test_statement_speaker_and_date(enricher: ArticleEnricher, text: str, speaker: str) -> None:
    event = _event(_enrich(enricher, text), "statement")
    assert [a.name for a in event.actors if a.role == "actor"] == [speaker]
    assert event.time is not None and event.time.start == "2025-04-25"


def test_thanking_names_a_target(enricher: ArticleEnricher) -> None:
    event = _event(_enrich(enricher, "شكر الرئيس الروسي فلاديمير بوتين الصين على دعمها."), "statement")
    assert _countries(event, "target") == ["CN"]


def test_denial_sets_modality(enricher: ArticleEnricher) -> None:
    event = _event(_enrich(enricher, "نفت روسيا أن قواتها قتلت 20 مدنيا."), "casualties")
    assert event.modality == "denied"


def test_conditional_attack_is_hypothetical(enricher: ArticleEnricher) -> None:
    event = _event(_enrich(enricher, "If Russia attacked Finland, the alliance would respond."), "attack")
    assert event.modality == "hypothetical"


def test_group_of_national_sources_becomes_claimant_actors(enricher: ArticleEnricher) -> None:
    """وفقا لمصادر أمريكية وبريطانية: one claimant span, one claimant actor per country."""
    text = "ووفقا لمصادر أمريكية وبريطانية، نشرت إيران 500 جندي في سوريا."
    event = _event(_enrich(enricher, text), "deployment")
    assert event.claimant is not None and event.claimant.text == "مصادر أمريكية وبريطانية"
    assert set(_countries(event, "claimant")) == {"US", "GB"}


def test_event_ids_are_stable_across_processing_times_and_evidence_indexes_the_text(
    enricher: ArticleEnricher,
) -> None:
    text = "قالت وزارة الدفاع الروسية إن 12 جنديا أوكرانيا قتلوا في هجوم."
    first = _enrich(enricher, text, processed_at=PROCESSED)
    second = _enrich(enricher, text, processed_at=datetime(2030, 1, 1, tzinfo=UTC))
    assert [e.event_id for e in first.events] == [e.event_id for e in second.events]
    for event in first.events:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.sentence
        assert 0 <= event.confidence <= 1


def test_entity_offsets_index_the_original_text_with_diacritics(enricher: ArticleEnricher) -> None:
    text = "قَالَ الرَّئِيسُ الرُّوسِيُّ فلاديمير بوتين إنَّ ١٢ جُنْدِيًّا قُتِلُوا"
    enriched = _enrich(enricher, text)
    assert enriched.entities
    for mention in enriched.entities:
        assert text[mention.start : mention.end] == mention.text
    assert any(m.type == "CARDINAL" and m.value == 12 for m in enriched.entities)


@pytest.mark.parametrize(
    "text",
    ["Russian missile strikes killed 9 Ukrainian civilians.", "قتلت غارات روسية 9 مدنيين أوكرانيين."],
)
def test_country_next_to_an_attack_word_is_the_attacker_not_the_victim(
    enricher: ArticleEnricher, text: str
) -> None:
    event = _event(_enrich(enricher, text), "casualties")
    assert (_countries(event, "actor"), _countries(event, "victim")) == (["RU"], ["UA"])


def test_announcer_of_a_weapons_package_is_its_supplier(enricher: ArticleEnricher) -> None:
    text = "The United States announced a $2 billion weapons package for Ukraine."
    event = _event(_enrich(enricher, text), "arms_transfer")
    assert (_countries(event, "actor"), _countries(event, "destination")) == (["US"], ["UA"])


def test_dated_statement_continued_next_sentence_gains_its_addressee(enricher: ArticleEnricher) -> None:
    """X أصدر بيانا في <date>. وقال X لـ<agency>: one statement, made to the agency."""
    text = "وكان فلاديمير بوتين قد أصدر هذا البيان في 3 أبريل.\nوقال بوتين لوكالة تاس إن الحرب ستنتهي."
    statements = [e for e in _enrich(enricher, text).events if e.event_type == "statement"]
    assert len(statements) == 1
    assert statements[0].time is not None and statements[0].time.start == "2025-04-03"
    assert [a.name for a in statements[0].actors if a.role == "target"] == ["TASS"]


def test_english_told_names_the_addressee(enricher: ArticleEnricher) -> None:
    event = _event(
        _enrich(enricher, "Vladimir Putin told Reuters on Friday that talks would resume."), "statement"
    )
    assert [a.name for a in event.actors if a.role == "target"] == ["Reuters"]


def test_abbreviation_full_stop_does_not_end_the_sentence(enricher: ArticleEnricher) -> None:
    event = _event(_enrich(enricher, "The U.S. sent 500 troops to Poland on Monday."), "deployment")
    assert (_countries(event, "actor"), _countries(event, "destination")) == (["US"], ["PL"])


def test_treaty_kind_words_match_whole_words_only(enricher: ArticleEnricher) -> None:
    """السلام names a peace treaty; الإسلامية (which contains it) does not."""
    text = "وقعت مصر والأردن اتفاقية مع الجماعات الإسلامية في مارس 2024."
    assert _event(_enrich(enricher, text), "agreement").name == "agreement"


def test_capital_as_actor_also_names_its_state_but_not_after_in(enricher: ArticleEnricher) -> None:
    """بيونغ يانغ as a subject is also North Korea (GPE); في سيول is only the city."""
    enriched = _enrich(enricher, "أكدت بيونغ يانغ الخبر خلال اجتماع في سيول.")
    kinds = sorted((m.type, m.canonical_name) for m in enriched.entities if m.type in ("GPE", "LOC"))
    assert kinds == [("GPE", "North Korea"), ("LOC", "Pyongyang"), ("LOC", "Seoul")]


def test_language_hint_is_trusted_and_detection_is_bounded(enricher: ArticleEnricher) -> None:
    hinted = enricher.enrich(RawArticle(id="h", text="نص عربي", language="ar"), processed_at=PROCESSED)
    assert (hinted.language, hinted.language_confidence) == ("ar", 1.0)
    detected = _enrich(enricher, "North Korea sent troops to Russia last year.")
    assert detected.language == "en" and 0 <= detected.language_confidence <= 1


def test_announcing_verb_with_a_noun_object_attributes_the_event(enricher: ArticleEnricher) -> None:
    """أعلنت X مقتل N: X is the claimant even without an إن clause."""
    text = "أعلنت وزارة الصحة في غزة مقتل 45 فلسطينيا في غارات إسرائيلية."
    event = _event(_enrich(enricher, text), "casualties")
    assert event.claimant is not None and (event.claimant.name, event.claimant.country) == (
        "وزارة الصحة",
        "PS",
    )
    assert (_countries(event, "actor"), _countries(event, "victim")) == (["IL"], ["PS"])


def test_unlisted_titled_speaker_makes_a_statement(enricher: ArticleEnricher) -> None:
    text = "وقال وزير الخارجية الفرنسي جان نويل بارو، الجمعة، إن المحادثات ستستمر."
    event = _event(_enrich(enricher, text), "statement")
    assert [(a.name, a.country) for a in event.actors if a.role == "actor"] == [("جان نويل بارو", "FR")]
    assert event.time is not None and event.time.start == "2025-04-25"


@pytest.mark.parametrize(
    ("text", "language"),
    [("قالت الوزارة إن 12 جنديا قتلوا", "ar"), ("The ministry said 12 soldiers were killed", "en")],
)
def test_language_is_detected_without_a_hint(enricher: ArticleEnricher, text: str, language: str) -> None:
    assert _enrich(enricher, text).language == language


def test_mixed_script_text_falls_back_to_langid(enricher: ArticleEnricher) -> None:
    enriched = _enrich(enricher, "قال المتحدث إن NATO و EU و USA اتفقت على الخطة الجديدة")
    assert enriched.language == "ar" and 0.5 <= enriched.language_confidence <= 1


def test_country_after_that_is_what_was_said_not_the_speaker(enricher: ArticleEnricher) -> None:
    enriched = _enrich(enricher, "وقال إن روسيا سترد على أي هجوم.")
    assert not [e for e in enriched.events if e.event_type == "statement"]
