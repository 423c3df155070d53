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


# Casualty counts, attribution, modality, time and place (hand-written examples).


def _casualty_events(enricher: ArticleEnricher, text: str) -> list[EventRecord]:
    return [e for e in _enrich(enricher, text).events if e.event_type == "casualties"]


def _count(event: EventRecord, kind: str) -> int | float | None:
    """A count's value, or the top of its range, or its lone bound; None when absent."""
    assert event.counts is not None
    quantity = getattr(event.counts, kind)
    if quantity is None:
        return None
    value: int | float | None = quantity.value
    return value if value is not None else (quantity.max if quantity.max is not None else quantity.min)


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        ("A man was shot and killed in Chicago on Sunday night.", 1, None),
        ("Two people were killed and three others were injured in a shooting on Friday.", 2, 3),
        ("The gunman opened fire, killing three and wounding two.", 3, 2),
        ("The attack left 5 dead and 12 injured.", 5, 12),
        ("3 dead and 7 injured after a shooting at a party.", 3, 7),
        ("A 23-year-old woman was fatally shot Tuesday.", 1, None),
        ("The victim died at the hospital.", 1, None),
        ("A teenager was in critical condition after being shot.", None, 1),
        ("Between 10 and 15 people were killed in the attack.", 15, None),
        ("Two men and a woman were shot dead in the village.", 3, None),
        ("The attack killed 3 and wounded 5.", 3, 5),
        ("A man was shot Sunday night.", None, 1),
        ("A man was shot dead on Sunday.", 1, None),
    ],
)
def test_english_casualty_phrasings_give_killed_and_wounded(
    enricher: ArticleEnricher, text: str, killed: int | None, wounded: int | None
) -> None:
    event = _event(_enrich(enricher, text), "casualties")
    assert (_count(event, "killed"), _count(event, "wounded")) == (killed, wounded)


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        ("قتل جنديين في هجوم على مدينة حلب.", 2, None),
        ("أصيب شخصين وطفلين في قصف.", None, 4),
        ("قتل الأربعة في الغارة.", 4, None),
        ("قتل ثلاثة مدنيين وأصيب خمسة أشخاص في قصف.", 3, 5),
        ("قتل بين 10 و15 شخصا في الهجوم.", 15, None),
    ],
)
def test_arabic_duals_number_words_and_ranges_give_counts(
    enricher: ArticleEnricher, text: str, killed: int | None, wounded: int | None
) -> None:
    event = _event(_enrich(enricher, text), "casualties")
    assert (_count(event, "killed"), _count(event, "wounded")) == (killed, wounded)


def test_arabic_qualifiers_keep_their_approximation(enricher: ArticleEnricher) -> None:
    event = _event(_enrich(enricher, "قتل ما لا يقل عن 20 شخصا وأصيب نحو 50 آخرين."), "casualties")
    assert event.counts is not None and event.counts.killed is not None and event.counts.wounded is not None
    assert (event.counts.killed.value, event.counts.killed.approx) == (20, "at_least")
    assert (event.counts.wounded.value, event.counts.wounded.approx) == (50, "about")


def test_english_more_than_qualifier_is_kept(enricher: ArticleEnricher) -> None:
    event = _event(_enrich(enricher, "More than 40 people were wounded in the blast."), "casualties")
    assert event.counts is not None and event.counts.wounded is not None
    assert (event.counts.wounded.value, event.counts.wounded.approx) == (40, "more_than")


def test_age_is_not_a_casualty_count(enricher: ArticleEnricher) -> None:
    event = _event(_enrich(enricher, "A 45-year-old man was killed on Monday."), "casualties")
    assert _count(event, "killed") == 1


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("No one was hurt in the shooting.", "wounded"),
        ("There were no injuries.", "wounded"),
        ("No soldiers were killed in the attack.", "killed"),
        ("لم يقتل أحد في الهجوم.", "killed"),
        ("لم تسفر الغارة عن إصابات.", "wounded"),
    ],
)
def test_nobody_hurt_is_a_negated_zero_not_a_count(enricher: ArticleEnricher, text: str, kind: str) -> None:
    event = _event(_enrich(enricher, text), "casualties")
    assert (_count(event, kind), event.negated) == (0, True)


def test_zero_beside_a_real_count_does_not_negate_the_event(enricher: ArticleEnricher) -> None:
    event = _event(_enrich(enricher, "One man was killed; no one else was hurt."), "casualties")
    assert (_count(event, "killed"), _count(event, "wounded"), event.negated) == (1, 0, False)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Two soldiers are missing after the ambush.", "missing", 2),
        ("Three aid workers were kidnapped near the border.", "captured", 3),
        ("One soldier was taken prisoner.", "captured", 1),
        ("فقدان ثلاثة جنود بعد الكمين.", "missing", 3),
        ("اختطاف جنديين قرب الحدود.", "captured", 2),
    ],
)
def test_missing_and_captured_are_their_own_counts(
    enricher: ArticleEnricher, text: str, kind: str, value: int
) -> None:
    event = _event(_enrich(enricher, text), "casualties")
    assert _count(event, kind) == value and _count(event, "killed") is None


@pytest.mark.parametrize(
    "text",
    [
        "The death toll rose to 314, according to the health ministry.",
        "The toll has risen to 40 since the start of the war.",
        "So far this year, 120 people have been killed in the city.",
        "ارتفعت حصيلة القتلى إلى 314 منذ بداية الحرب.",
        "بلغ عدد القتلى 90 شخصا حتى الآن.",
    ],
)
def test_running_toll_is_cumulative(enricher: ArticleEnricher, text: str) -> None:
    assert _event(_enrich(enricher, text), "casualties").cumulative is True


def test_incident_and_running_toll_in_one_sentence_are_two_events(enricher: ArticleEnricher) -> None:
    events = _casualty_events(
        enricher, "Three people were killed in a strike on Monday, bringing the toll to 314."
    )
    assert sorted((_count(e, "killed"), e.cumulative) for e in events) == [(3, False), (314, True)]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Police said a man was wounded in the shooting.", "Police"),
        ("A man was shot and killed on Sunday, police said.", "police"),
        ("Two people were killed, according to witnesses.", "witnesses"),
        ("قال مسؤول محلي إن 7 أشخاص قتلوا في الغارة.", "مسؤول محلي"),
        ("قتل 5 أشخاص وفقا لمصادر طبية.", "مصادر طبية"),
        ("نقلا عن مصادر محلية، قتل 3 جنود.", "مصادر محلية"),
    ],
)
def test_unnamed_source_is_the_claimant_by_its_surface(
    enricher: ArticleEnricher, text: str, claimant: str
) -> None:
    event = _event(_enrich(enricher, text), "casualties")
    assert event.claimant is not None
    assert (event.claimant.name, event.claimant.entity_type, event.modality) == (claimant, None, "reported")


def test_named_source_links_to_the_gazetteer_entity(enricher: ArticleEnricher) -> None:
    event = _event(_enrich(enricher, "Four soldiers were killed, the United Nations said."), "casualties")
    assert event.claimant is not None and (event.claimant.name, event.modality) == (
        "United Nations",
        "reported",
    )


@pytest.mark.parametrize(
    "text", ["The army denied that 10 civilians were killed.", "نفى الجيش مقتل 10 مدنيين."]
)
def test_denial_without_a_named_source_is_denied(enricher: ArticleEnricher, text: str) -> None:
    event = _event(_enrich(enricher, text), "casualties")
    assert event.modality == "denied" and event.claimant is not None


@pytest.mark.parametrize(
    "text",
    [
        "The strike could kill dozens of people.",
        "Rebels threatened to kill 5 hostages.",
        "قد يقتل المئات إذا استمر القصف.",
        "لو استمر القصف لقتل 10 أشخاص.",
    ],
)
def test_modal_and_conditional_make_casualties_hypothetical(enricher: ArticleEnricher, text: str) -> None:
    assert _event(_enrich(enricher, text), "casualties").modality == "hypothetical"


def test_month_may_is_not_a_modal(enricher: ArticleEnricher) -> None:
    event = _event(_enrich(enricher, "Five people were killed in May 2024."), "casualties")
    assert event.modality == "asserted" and event.time is not None and event.time.start == "2024-05"


@pytest.mark.parametrize(
    "text",
    [
        "The 3 soldiers were not killed in the attack.",
        "لم يقتل 5 جنود في الهجوم.",
        "كان الجنديان غير مصابين.",
        "Neither Anna, her husband nor their two sons were injured.",
    ],
)
def test_negation_before_the_trigger_sets_negated(enricher: ArticleEnricher, text: str) -> None:
    events = _casualty_events(enricher, text)
    assert events and all(e.negated for e in events)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("A man was killed today.", "2025-04-30"),
        ("The man was killed yesterday.", "2025-04-29"),
        ("قتل 3 أشخاص اليوم في قصف.", "2025-04-30"),
    ],
)
def test_today_and_yesterday_date_an_event_only_when_said(
    enricher: ArticleEnricher, text: str, day: str
) -> None:
    event = _event(_enrich(enricher, text), "casualties")
    assert event.time is not None and (event.time.start, event.time.precision) == (day, "day")


def test_shooter_is_not_a_victim(enricher: ArticleEnricher) -> None:
    assert not _casualty_events(enricher, "A man shot at police officers.")


@pytest.mark.parametrize("text", ["لا يزال 5 جنود مفقودين.", "No fewer than 5 people were killed."])
def test_still_and_no_fewer_than_are_not_negations(enricher: ArticleEnricher, text: str) -> None:
    events = _casualty_events(enricher, text)
    assert events and not any(e.negated for e in events)


def test_undated_sentence_gets_no_time(enricher: ArticleEnricher) -> None:
    assert _event(_enrich(enricher, "A man was killed in the shooting."), "casualties").time is None


@pytest.mark.parametrize(
    "text", ["The man was killed in northern Gaza on Monday.", "قتل 3 أشخاص في شمال غزة يوم الاثنين."]
)
def test_place_after_a_direction_word_is_the_location(enricher: ArticleEnricher, text: str) -> None:
    event = _event(_enrich(enricher, text), "casualties")
    assert event.location is not None and event.location.country == "PS"
    assert event.location.precision is not None and event.time is not None
    assert event.time.start == "2025-04-28"


def test_every_casualty_evidence_indexes_the_original_text(enricher: ArticleEnricher) -> None:
    text = "قُتِلَ جنديين في هجوم. A man was shot and killed on Friday, police said."
    enriched = _enrich(enricher, text)
    events = [e for e in enriched.events if e.event_type == "casualties"]
    assert len(events) == 2
    for event in events:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.sentence


def _largest(enricher: ArticleEnricher, text: str, kind: str) -> int | float | None:
    """The largest incident (non-cumulative) count of `kind`, as the GVA scoring reads it."""
    counts = [_count(e, kind) for e in _casualty_events(enricher, text) if not e.cumulative]
    return max((c for c in counts if c is not None), default=None)


@pytest.mark.parametrize(
    ("text", "wounded"),
    [
        ("Someone fired shots into a house, killing one man and injuring another.", 1),
        ("Four people, including three children, were wounded Sunday in a shooting, police said.", 4),
        ("Police say a 37-year-old man sustained a non life-threatening gunshot wound.", 1),
        ("Police found a juvenile shot in the 3000 block of Moncrief Road.", 1),
        ("There was also a second man at the house who had been grazed by a bullet.", 1),
        ("Police said a Zeeland man accidentally shot his wife while hunting.", 1),
        ("Sarah Gillespie was shot several times at the home, the sheriff said.", 1),
        ("The couple were wounded when gunmen opened fire on their car.", 2),
        ("Couple critically injured in shooting on Truman Road", 2),
        ("She suffered non-life-threatening injuries and drove herself to the hospital.", 1),
        ("Garcia fired a shot into the vehicle, striking his mother in the face.", 1),
        ("His injuries were not life-threatening, she said.", 1),
        ("Before it was over, a firefighter suffered a gunshot wound.", 1),
        ("A 67-year-old man and his 66-year-old wife were wounded when a gunman opened fire.", 2),
    ],
)
def test_english_wounded_victims_counted_without_a_number(
    enricher: ArticleEnricher, text: str, wounded: int
) -> None:
    assert _largest(enricher, text, "wounded") == wounded


def test_injuries_someone_died_of_are_not_a_wounded_count(enricher: ArticleEnricher) -> None:
    text = "She was taken to the hospital where she later died due to her injuries."
    assert (_largest(enricher, text, "killed"), _largest(enricher, text, "wounded")) == (1, None)


def test_a_victim_who_was_shot_and_later_died_is_killed_not_wounded(enricher: ArticleEnricher) -> None:
    text = (
        "A shooting victim was hospitalized Saturday after he was found in a parking lot. "
        "He was taken to the hospital, where he later died."
    )
    assert (_largest(enricher, text, "killed"), _largest(enricher, text, "wounded")) == (1, None)


def test_another_victim_wounded_beside_a_later_death_stays_wounded(enricher: ArticleEnricher) -> None:
    text = "A man was shot dead and another man was wounded. The first man was pronounced dead at the scene."
    assert (_largest(enricher, text, "killed"), _largest(enricher, text, "wounded")) == (1, 1)


@pytest.mark.parametrize(
    ("text", "wounded"),
    [
        ("Police received a report that the teen had shot himself.", None),
        ("Three men — ages 25, 27 and 29 — remain hospitalized with injuries.", 3),
        ("A man was found dead from at least one gunshot wound.", None),
    ],
)
def test_active_voice_ages_and_wound_counts_are_not_wounded_people(
    enricher: ArticleEnricher, text: str, wounded: int | None
) -> None:
    assert _largest(enricher, text, "wounded") == wounded


def test_a_national_total_since_an_abbreviated_month_is_a_running_toll(enricher: ArticleEnricher) -> None:
    text = "According to the archive, 2,432 people have been injured by gun violence since Jan. 1."
    totals = [e for e in _casualty_events(enricher, text) if _count(e, "wounded") == 2432]
    assert totals and all(e.cumulative for e in totals)


@pytest.mark.parametrize(
    "text",
    [
        "At least nine other people have been wounded in shootings across the city since Friday night.",
        "Four people have been killed and eight more have been wounded over the past two days.",
    ],
)
def test_losses_since_a_weekday_or_over_past_days_are_a_running_toll(
    enricher: ArticleEnricher, text: str
) -> None:
    events = _casualty_events(enricher, text)
    assert events and all(e.cumulative for e in events)
