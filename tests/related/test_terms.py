"""Terms and signatures from story text: stemming across English, Russian and Kazakh, and any text at all."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.related.terms import (
    MAX_TERM,
    SIGNATURE_TERMS,
    WEIGHT_SCALE,
    HeadlineKey,
    cosine,
    signature,
    story_terms,
    strip_dateline,
    surface_forms,
    term_of,
)


def test_inflected_forms_meet_in_one_term() -> None:
    groups = [
        ["exports", "exporting", "export"],
        ["pipelines", "pipeline"],
        ["зерно", "зерна", "зерном"],
        ["экспорта", "экспортом", "экспорт"],
        ["инфляция", "инфляции", "инфляцияның"],
        ["бидай", "бидайдың"],
        ["сайлау", "сайлауда", "сайлаудың"],
        ["Шымкенте", "Шымкентте"],
        ["фермеры", "фермерлер"],
    ]
    for words in groups:
        assert len({term_of(w) for w in words}) == 1, words


def test_function_words_numbers_and_short_words_are_not_terms() -> None:
    for word in ("the", "said", "которые", "және", "2025", "42", "ok", "и"):
        assert term_of(word) is None


def test_headline_and_dek_words_count_more_than_body_words() -> None:
    counts = story_terms("Wheat exports", "Grain", "Wheat. Football.")
    assert counts[term_of("wheat")] > counts[term_of("football")]
    assert counts[term_of("grain")] == 2


def test_headline_keys_ignore_case_punctuation_quotes_and_spacing() -> None:
    variants = [
        "Kremlin Says Ukraine’s “Neutral” Status Is Central",
        'kremlin says ukraine\'s "neutral" status is central',
        "KREMLIN  SAYS UKRAINE'S «NEUTRAL» STATUS IS CENTRAL!",
        "Kremlin says Ukraine‘s ‘neutral’ status — is central…",
    ]
    assert len({HeadlineKey.of(v).full for v in variants}) == 1
    assert HeadlineKey.of("Ёлка").full == HeadlineKey.of("елка").full
    assert HeadlineKey.of("Talks end").full != HeadlineKey.of("Talks ended").full


def test_signature_prefers_rare_repeated_terms() -> None:
    counts = {"wheat": 5, "news": 5, "elev": 1}
    df = {"wheat": 10, "news": 900, "elev": 10}
    sig = signature(counts, df, 1000)
    assert sig["wheat"] > sig["elev"] and "news" not in sig  # in over 30% of stories: says nothing
    assert math.isclose(cosine(sig, sig), 1.0, abs_tol=1e-3)


text_strategy = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)


@settings(max_examples=200, deadline=None)
@given(headline=text_strategy, dek=text_strategy, body=text_strategy)
def test_any_text_gives_bounded_terms_and_a_unit_signature(headline: str, dek: str, body: str) -> None:
    counts = story_terms(headline, dek, body)
    assert all(0 < len(t) <= MAX_TERM and n > 0 for t, n in counts.items())
    sig = signature(counts, {}, 10)
    assert len(sig) <= SIGNATURE_TERMS
    assert all(1 <= w <= WEIGHT_SCALE for w in sig.values())
    if sig:
        assert abs(cosine(sig, sig) - 1.0) < 0.01


@settings(max_examples=200, deadline=None)
@given(text_strategy)
def test_headline_keys_are_stable(headline: str) -> None:
    key = HeadlineKey.of(headline)
    assert HeadlineKey.of(key.full) == key
    assert HeadlineKey.of(headline.upper().replace("'", "’")).full == HeadlineKey.of(headline.upper()).full
    assert len(key.stored) <= 200


@pytest.mark.parametrize(
    ("body", "rest"),
    [
        ("KOSTANAY, July 7 (Caspian Herald) – Farmers said", "Farmers said"),
        ("NUR-SULTAN, March 4 (Steppe Wire) - The ministry", "The ministry"),
        ("АСТАНА, 4 марта. /Корр. Степной вестник/ – Министр", "Министр"),
        ("АЛМАТЫ, 12 мая. – Курс тенге", "Курс тенге"),
        ("Astana, the capital, is – as ever – busy", "Astana, the capital, is – as ever – busy"),
        ("The ministry, which - no doubt", "The ministry, which - no doubt"),
    ],
)
def test_an_agency_dateline_is_not_part_of_a_storys_terms(body: str, rest: str) -> None:
    assert strip_dateline(body) == rest


def test_a_datelines_outlet_does_not_become_a_term() -> None:
    terms = story_terms("Harvest", "", "KOSTANAY, July 7 (Caspian Herald) – Farmers brought in the harvest.")
    assert "herald" not in terms and "caspian" not in terms and "kostanay" not in terms and "harvest" in terms


def test_surface_forms_show_words_as_the_story_spells_them() -> None:
    body = "Grain traders met Almas Sadykov in Kostanay. Инфляция ускорилась, заявил Тимур Сулейменов."
    forms = surface_forms(
        "Wheat exports climb", "", body, [term_of(w) for w in ("grain", "sadykov", "инфляция", "сулейменов", "wheat")]
    )
    assert forms[term_of("grain")] == "grain"  # a common word opening a sentence, shown in lower case
    assert forms[term_of("sadykov")] == "Sadykov" and forms[term_of("сулейменов")] == "Сулейменов"
    assert forms[term_of("инфляция")] == "инфляция" and forms[term_of("wheat")] == "wheat"
