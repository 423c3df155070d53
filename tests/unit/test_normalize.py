from workers.extract.normalize import normalize, normalize_text


def test_alef_and_hamza_variants_fold_to_bare_alef() -> None:
    assert normalize("أإآٱ") == "اااا"
    assert normalize("مؤتمر") == "موتمر"
    assert normalize("رئيس") == "رييس"


def test_taa_marbuta_and_alef_maqsura_fold_for_matching() -> None:
    assert normalize("الكورية") == "الكوريه"
    assert normalize("إلى") == "الي"


def test_diacritics_and_tatweel_are_dropped() -> None:
    assert normalize("قَالَتْ") == "قالت"
    assert normalize("عـــلـى") == "علي"


def test_arabic_indic_and_persian_digits_become_ascii() -> None:
    assert normalize("٢٠٢٤ و۱۲") == "2024 و12"


def test_english_is_lower_cased() -> None:
    assert normalize("North Korea") == "north korea"


def test_offsets_map_back_to_the_original_text_after_dropped_marks() -> None:
    original = "قَالَ بُوتِين"
    normalized = normalize_text(original)
    start = normalized.text.index("بوتين")
    mapped_start, mapped_end = normalized.span_to_original(start, start + len("بوتين"))
    assert original[mapped_start:mapped_end] == "بُوتِين"


def test_offsets_are_identity_for_plain_english() -> None:
    normalized = normalize_text("Kim met Putin")
    assert normalized.span_to_original(8, 13) == (8, 13)
