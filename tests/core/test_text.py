"""Text helpers: folding for search, tokens, slugs and word counts across scripts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from curator.core.status import Status
from curator.core.text import fold, slugify, tokens, word_count


def test_fold_ignores_case_and_accents_but_keeps_letters_of_their_own() -> None:
    assert fold("Café CRÈME") == "cafe creme"
    assert fold("Ёлка") == "елка"
    assert fold("ЙОД") == "йод"  # й is a letter, not и with an accent
    assert fold("ҚАЗАҚСТАН ӘЛЕМ ҮКІМЕТ") == "қазақстан әлем үкімет"
    assert fold("Straße") == "strasse"


def test_tokens_split_on_punctuation() -> None:
    assert tokens("Orda.kz reports: «Переговоры» — it's") == ["orda", "kz", "reports", "переговоры", "it", "s"]


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_slug_is_always_a_readable_ascii_slug(text: str) -> None:
    slug = slugify(text)
    assert slug
    assert slug.isascii()
    assert len(slug) <= 80
    assert all(ch.isalnum() or ch == "-" for ch in slug)


def test_slugs_transliterate_russian_and_kazakh() -> None:
    assert slugify("Переговоры в Эр-Рияде") == "peregovory-v-er-riiade"
    assert slugify("Әуе Қазақстан: Ұлттық Ғарыш Өңірі") == "aue-qazaqstan-ulttyq-garysh-onirі".replace("і", "i")
    assert slugify("!!!") == "story"


def test_word_count_counts_what_a_reader_counts() -> None:
    assert word_count("Russia–Ukraine talks, it's a co-op.") == 6
    assert word_count("Переговоры завершились без заявления") == 4
    assert word_count("") == 0


def test_status_parses_loose_spellings() -> None:
    assert Status.parse("fact-check") is Status.FACT_CHECK
    assert Status.parse("Copy edit") is Status.COPY_EDIT
    assert Status.parse("PUBLISHED") is Status.PUBLISHED
    assert [s.rank for s in Status] == list(range(6))
