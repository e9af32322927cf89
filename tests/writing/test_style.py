"""House style and readability: each rule finds what it should, leaves alone what it should, and says what to do."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from curator.writing import readability
from curator.writing.findings import Category
from curator.writing.review import review
from curator.writing.settings import WritingSettings, WritingSettingsError


@dataclass
class Fields:
    body: str = ""
    headline: str = "Grain talks resume"
    dek: str = ""
    byline: str = "Aliya Nurlanovna"
    photo: str = ""
    photo_credit: str = ""
    photo_caption: str = ""
    language: str = "en"


def codes(fields: Fields, settings: WritingSettings | None = None) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in review(fields, settings or WritingSettings(), None).findings]


def test_required_fields_and_lengths() -> None:
    found = codes(Fields(headline="x" * 95, dek="y" * 230, byline="", photo="p.jpg"))
    assert [c for c, _ in found] == [
        "headline-length", "dek-length", "byline-missing", "photo-credit-missing", "photo-caption-missing",
    ]
    assert codes(Fields(photo="p.jpg", photo_credit="Orda.kz", photo_caption="The hall")) == []
    r = review(Fields(headline="x" * 95), WritingSettings(), None)
    assert r.findings[0].advice == "Cut 5 characters"


def test_banned_and_discouraged_words_per_language_with_the_preferred_form() -> None:
    r = review(Fields(body="In order to win, he would utilize it. Не надо ложить. Қазіргі таңда бәрі жақсы."),
               WritingSettings(), None)
    got = [(f.category, f.text, f.replacement) for f in r.findings]
    assert (Category.STYLE, "In order to", "To") in got
    assert (Category.STYLE, "utilize", "use") in got
    assert (Category.BANNED, "ложить", "класть") in got
    assert (Category.STYLE, "Қазіргі таңда", "Қазір") in got


def test_word_lists_from_settings_add_and_remove() -> None:
    s = WritingSettings.from_mapping({"discouraged": {"en": {"utilize": "", "impact": "effect"}}})
    got = codes(Fields(body="We utilize the impact."), s)
    assert ("discouraged-word", "impact") in got and ("discouraged-word", "utilize") not in got


def test_quotes_per_language() -> None:
    r = review(Fields(body='He said "no". Он сказал "нет". Ол “иә” деді. She said «yes».'), WritingSettings(), None)
    got = [(f.code, f.text, f.replacement) for f in r.findings]
    assert got == [
        ("straight-quotes", '"', "“"), ("straight-quotes", '"', "”"),
        ("straight-quotes", '"', "«"), ("straight-quotes", '"', "»"),
        ("quote-style", "“", "«"), ("quote-style", "«", "“"),
    ]
    assert codes(Fields(body="He said “no”. Он сказал «нет», а она — „да“. A 27\" screen.")) == []


def test_numbers_dates_repeats_and_double_spaces() -> None:
    got = codes(Fields(body="The the 3 farmers met on 02.12.2026  and 2026-12-02 with 5 percent and 12 cows."))
    assert ("repeated-word", "The the") in got
    assert ("small-number", "3") in got
    assert ("numeric-date", "02.12.2026") in got and ("numeric-date", "2026-12-02") in got
    assert ("double-space", "  ") in got
    assert not any(t in ("5", "12") for _, t in got)
    off = WritingSettings.from_mapping({"numbers": "off", "dates": "off", "repeated_words": False,
                                        "double_spaces": False})
    assert codes(Fields(body="The the 3 farmers met on 02.12.2026  today."), off) == []


def test_code_and_links_are_not_style_checked() -> None:
    body = 'Run `x = "a"  b` and see [the deal](https://e.org/"q"), then:\n\n```\nthe the  "x"\n```'
    assert codes(Fields(body=body)) == []


def test_long_sentences_and_hard_paragraphs_are_explained() -> None:
    long = " ".join(["word"] * 40) + "."
    r = review(Fields(body=long), WritingSettings(), None)
    (f,) = [f for f in r.findings if f.code == "long-sentence"]
    assert f.message == "A sentence of 40 words" and "Split it" in f.advice
    hard = ("Notwithstanding considerable institutional reorganisation, governmental representatives "
            "characterised the intergovernmental negotiations as extraordinarily unproductive. ") * 4
    assert any(f.code == "hard-paragraph" for f in review(Fields(body=hard), WritingSettings(), None).findings)


def test_readability_scores_by_language() -> None:
    en = readability.measure("The cat sat on the mat. It was warm.", "en")
    assert en.lang == "en" and en.flesch is not None and en.flesch > 80 and en.label == "easy"
    ru = readability.measure("Кот сидел на ковре. Было тепло.", "ru")
    assert ru.lang == "ru" and ru.flesch is not None
    kk = readability.measure("Мысық кілемде отырды. Күн жылы болды.", "kk")
    assert kk.lang == "kk" and kk.flesch is None and kk.words_per_sentence == 3


def test_bad_settings_name_the_file_and_setting(tmp_path) -> None:
    (tmp_path / "settings.toml").write_text("[writing]\nheadline_max = -1\n", encoding="utf-8")
    with pytest.raises(WritingSettingsError, match=r"settings.toml \[writing\] headline_max"):
        WritingSettings.load(tmp_path)
    (tmp_path / "settings.toml").write_text('[writing.gate]\nready = ["nonsense"]\n', encoding="utf-8")
    with pytest.raises(WritingSettingsError, match=r"gate\.ready must list categories"):
        WritingSettings.load(tmp_path)


def test_settings_written_back_keep_other_tables_and_read_back_the_same(tmp_path) -> None:
    from curator.writing.settings import save

    (tmp_path / "settings.toml").write_text(
        '[factcheck]\ncheck_quotes = false\n\n[writing]\nheadline_max = 70\n\n[writing.gate]\nready = []\n',
        encoding="utf-8",
    )
    s = WritingSettings.load(tmp_path)
    changed = WritingSettings.from_mapping({
        "headline_max": 75, "require_byline": False, "dictionaries": ["/dicts/de_CH.dic"],
        "gate": {"ready": ["spelling", "banned"], "published": ["spelling"]},
        "discouraged": {"en": {"utilize": "", "going forward": "from now on"}},
        "banned": {"kk": {"Алматы қаласы": "Алматы"}},
    })
    assert s.headline_max == 70
    save(changed, tmp_path)
    text = (tmp_path / "settings.toml").read_text(encoding="utf-8")
    assert text.startswith("[factcheck]\ncheck_quotes = false\n")
    again = WritingSettings.load(tmp_path)
    assert again == changed
    assert "utilize" not in again.discouraged["en"] and again.discouraged["en"]["going forward"] == "from now on"
    assert again.banned["kk"] == {"Алматы қаласы": "Алматы"}
