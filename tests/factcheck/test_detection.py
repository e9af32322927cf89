"""Attribution and quotation detection on real-shaped stories: the shared sample, stories written for these tests,
Russian forms, Markdown markup, and things that must not be taken for attributions."""

from __future__ import annotations

import pytest

from curator.domain.factcheck import SourceKind
from curator.factcheck.attributions import Attribution, find_attributions, guess_kind, source_key
from curator.factcheck.detect import analyse
from curator.factcheck.quotes import find_quotes
from tests.factcheck.shapes import fields_from_shape, fixture_fields, fixture_text


def _by(attributions: list[Attribution] | tuple[Attribution, ...], name: str) -> list[Attribution]:
    return [a for a in attributions if a.source.name == name]


def _phrase(text: str, a: Attribution) -> str:
    return text[a.start : a.end]


@pytest.fixture(params=["body", "raw"])
def sample(request: pytest.FixtureRequest, sample_text: str) -> str:
    """The shared sample as an imported story body (Markdown paragraphs), and as the raw text file."""
    return fields_from_shape(sample_text).body if request.param == "body" else sample_text


def test_sample_attributions(sample: str) -> None:
    found = analyse(sample)
    atts = found.attributions

    (orda,) = _by(atts, "Orda.kz")
    assert _phrase(sample, orda) == "Orda.kz reports"
    assert orda.pattern == "reports" and orda.source.kind is SourceKind.OUTLET and orda.trailing

    cbs = _by(atts, "CBS News")
    assert [a.pattern for a in cbs] == ["according_to", "described"]
    assert [_phrase(sample, a) for a in cbs] == ["According to CBS News", "CBS News described"]

    (tass,) = _by(atts, "TASS")
    assert tass.pattern == "told" and tass.source.kind is SourceKind.OUTLET
    assert tass.speaker is not None and tass.speaker.name == "Grigory Karasin"
    assert _phrase(sample, tass).endswith("told TASS")

    (ap,) = _by(atts, "Associated Press")
    assert _phrase(sample, ap) == "The Associated Press notes" and ap.pattern == "notes"

    (karasin,) = _by(atts, "Grigory Karasin")
    assert _phrase(sample, karasin) == "Karasin said" and karasin.pattern == "after_quote"
    assert karasin.source.kind is SourceKind.PERSON

    # "which cited diplomatic sources" credits the unnamed sources, passed on by CBS News.
    (cited,) = [a for a in atts if a.pattern == "cited"]
    assert cited.source.name == "diplomatic sources" and cited.via is not None and cited.via.name == "CBS News"

    # "The US insists that …" credits the US (found since the verb list grew: insists, warned, denied, …).
    (us,) = _by(atts, "US")
    assert _phrase(sample, us) == "The US insists" and us.pattern == "says"

    # Nothing is taken from the headline-case "Latest news" list, "reportedly", or "media reports".
    assert len(atts) == 8
    assert {s.name for s in found.sources} == {
        "Orda.kz",
        "CBS News",
        "diplomatic sources",
        "TASS",
        "Grigory Karasin",
        "Associated Press",
        "US",
    }


def test_sample_quotations_and_reported_speech(sample: str) -> None:
    quotes = analyse(sample).quotes
    texts = {sample[q.start : q.end]: q for q in quotes}

    reported = [q for q in quotes if q.style == "reported"]
    assert len(reported) == 1
    speech = sample[reported[0].start : reported[0].end]
    assert speech.startswith("We talked about everything.")
    assert speech.endswith("not everything was resolved or agreed upon")
    assert reported[0].speaker is not None and reported[0].speaker.name in ("Grigory Karasin", "Karasin")

    assert texts["constructive dialogue impression."].speaker.name == "Grigory Karasin"
    assert texts["constructive dialogue impression."].style == "curly"
    assert texts["optimistic."].speaker.name == "CBS News"
    assert texts["energy and infrastructure"].speaker.name == "US"  # what the US insists on
    assert texts["energy infrastructure"].speaker is None
    assert len(quotes) == 5


def test_findings_lie_in_their_sentences(sample: str) -> None:
    found = analyse(sample)
    for a in found.attributions:
        assert a.sentence.start <= a.start < a.end <= a.sentence.end
        assert sample[a.source.start : a.source.end] in (a.source.name, *a.source.name.split())
    for q in found.quotes:
        assert q.sentence.start <= q.start < q.end <= q.sentence.end


def test_a_story_of_our_own() -> None:
    body = fixture_fields("grain-corridor-talks.txt").body
    found = analyse(body)
    atts = found.attributions
    names = [(a.pattern, a.source.name) for a in atts]
    assert names == [
        ("reports", "Steppe Wire"),
        ("according_to", "Reuters"),
        ("cited", "two people familiar with the talks"),
        ("described", "Reuters"),
        ("told", "Interfax"),
        ("after_quote", "Dilshod Rakhimov"),
        ("notes", "Bloomberg"),
        ("cited", "internal ministry documents"),
        ("as_put_it", "one trader"),
        ("says", "Traders"),
    ]
    kinds = {s.name: s.kind for s in found.sources}
    assert kinds["Steppe Wire"] is SourceKind.OUTLET
    assert kinds["Dilshod Rakhimov"] is SourceKind.PERSON
    assert kinds["internal ministry documents"] is SourceKind.DOCUMENT
    assert _by(atts, "Interfax")[0].speaker.name == "Dilshod Rakhimov"
    assert _by(atts, "internal ministry documents")[0].via.name == "Bloomberg"

    quotes = {body[q.start : q.end]: q for q in found.quotes}
    assert quotes["tense but businesslike."].speaker.name == "Reuters"
    assert quotes["shared understanding of the bottlenecks."].speaker.name == "Dilshod Rakhimov"
    assert quotes["would rather sign nothing than sign a discount it cannot afford."].speaker.name == "one trader"
    (reported,) = [q for q in found.quotes if q.style == "reported"]
    assert body[reported.start : reported.end].startswith("We went through every border crossing")
    assert reported.speaker.name == "Dilshod Rakhimov"


def test_russian_forms() -> None:
    text = (
        "Переговоры завершились без документа, как сообщает ТАСС. По данным «Интерфакса», встреча продолжится "
        "в апреле. Министр энергетики Асель Жумабаева заявила журналистам, что поставки не пострадают. "
        "«Мы сохраним объёмы транзита», — сказала Жумабаева. Контракт продлят, сообщил Минфин. "
        "Об этом передаёт РИА Новости со ссылкой на пресс-службу министерства. По словам Жумабаевой, решение "
        "примут до лета."
    )
    found = analyse(text)
    got = [(a.pattern, a.source.name) for a in found.attributions]
    assert got == [
        ("ru_kak_soobshchaet", "ТАСС"),
        ("ru_po_dannym", "Интерфакса"),
        ("ru_soobshchil", "Асель Жумабаева"),
        ("ru_soobshchil", "Асель Жумабаева"),
        ("ru_soobshchil", "Минфин"),
        ("ru_peredaet", "РИА Новости"),
        ("ru_so_ssylkoy", "пресс-службу министерства"),
        ("ru_po_slovam", "Асель Жумабаева"),  # "Жумабаевой" resolved across the case ending
    ]
    phrases = [_phrase(text, a) for a in found.attributions]
    assert phrases[0] == "как сообщает ТАСС"
    assert phrases[1] == "По данным «Интерфакса»"
    assert phrases[4] == "сообщил Минфин"
    assert phrases[5] == "передаёт РИА Новости"
    kinds = {s.name: s.kind for s in found.sources}
    assert kinds["ТАСС"] is SourceKind.OUTLET and kinds["Интерфакса"] is SourceKind.OUTLET
    assert kinds["Асель Жумабаева"] is SourceKind.PERSON
    # «Интерфакса» names a source; «Мы сохраним …» is a quotation, credited to the minister.
    quotes = {text[q.start : q.end]: q for q in found.quotes}
    assert "Интерфакса" not in quotes
    assert quotes["Мы сохраним объёмы транзита"].speaker.name == "Асель Жумабаева"
    assert quotes["Мы сохраним объёмы транзита"].style == "guillemets"


def test_russian_story_of_our_own() -> None:
    body = fixture_fields("tranzit-nefti.txt", language="ru").body
    found = analyse(body)
    assert {"ТАСС", "Интерфакса", "Асель Жумабаева", "Минфин", "РИА Новости"} <= {s.name for s in found.sources}
    (reported,) = [q for q in found.quotes if q.style == "reported"]
    assert body[reported.start : reported.end] == "Контракт будет продлён до конца года"
    assert reported.speaker.name == "Минфин"


def test_markdown_markup_is_read_through_and_links_give_source_urls() -> None:
    text = fixture_text("markdown-story.md")
    found = analyse(text)
    ledger = found.source(source_key("Caspian Ledger"))
    assert ledger is not None and ledger.url == "https://caspian-ledger.example/ports/fees"
    assert ledger.kind is SourceKind.OUTLET
    kazinform = found.source(source_key("Kazinform"))
    assert kazinform is not None and kazinform.url == "https://kazinform.example/news/1"
    according = [a for a in found.attributions if a.pattern == "according_to"]
    assert according[0].source.name == "port authority's annual report"
    assert according[0].source.kind is SourceKind.DOCUMENT
    # Code is not prose: `citing Reuters` in backticks credits nobody.
    assert found.source(source_key("Reuters")) is None
    told = [a for a in found.attributions if a.source.name == "Kazinform"]
    assert told[0].speaker.name == "Samat Ospanov"


@pytest.mark.parametrize(
    "text",
    [
        "Kremlin Spokesperson Says Ukraine’s Status Is Central to Talks",  # headline case
        "The outcome can only be read through scattered media reports.",  # "reports" as a noun
        "US officials reportedly continue parallel discussions.",
        "He said the talks were useful.",  # a pronoun names no source
        "They told reporters nothing.",
        "The draft was said to be ready.",
        "",
        "   \n\n  ",
    ],
)
def test_things_that_are_not_attributions(text: str) -> None:
    assert find_attributions(text) == []


@pytest.mark.parametrize(
    ("text", "pattern", "source"),
    [
        ("Prices rose, as reported by Kazinform.", "reports", "Kazinform"),
        ("As the minister put it, the deal is done.", "as_put_it", "minister"),
        ("The deal is done, said Aliya Nurlanovna.", "after_quote", "Aliya Nurlanovna"),
        ("Officials said the border would reopen.", "says", "Officials"),
        ("A ministry spokesperson confirmed the figures.", "confirmed", "ministry spokesperson"),
        ("Tengrinews wrote that exports fell.", "wrote", "Tengrinews"),
        ("Daniyar Sultan has said the plan is final.", "says", "Daniyar Sultan"),
        ("Reuters, citing two officials, reported the delay.", "cited", "two officials"),
        # the body that published the figures, not "figures"
        ("Grain exports fell by half, according to figures from the ministry.", "according_to", "ministry"),
    ],
)
def test_forms_beyond_the_sample(text: str, pattern: str, source: str) -> None:
    atts = find_attributions(text)
    assert any(a.pattern == pattern and a.source.name.startswith(source) for a in atts), [
        (a.pattern, a.source.name) for a in atts
    ]


def test_surname_resolves_to_the_full_name_used_earlier() -> None:
    text = (
        "Grigory Karasin met the delegation on Monday.\n\n"
        "Talks were useful, Karasin said. Later, Karasin added that more rounds would follow."
    )
    names = {a.source.name for a in find_attributions(text)}
    assert names == {"Grigory Karasin"}


def test_quote_marks_of_every_style() -> None:
    text = (
        'She called it "a start". He called it “a step”. Они назвали это «шагом „вперёд“». '
        "Сказано „коротко“. An unclosed “quote stays unclaimed."
    )
    quotes = [text[q.start : q.end] for q in find_quotes(text)]
    assert quotes == ["a start", "a step", "шагом „вперёд“", "коротко"]


def test_a_quote_is_credited_to_the_attribution_right_after_it() -> None:
    text = "“We are ready to sign,” Rakhimov told Interfax, adding that “the dates are not fixed.”"
    quotes = find_quotes(text)
    assert [q.speaker.name for q in quotes] == ["Rakhimov", "Rakhimov"]


def test_guess_kind() -> None:
    assert guess_kind("Orda.kz") is SourceKind.OUTLET
    assert guess_kind("CBS News") is SourceKind.OUTLET
    assert guess_kind("TASS") is SourceKind.OUTLET
    assert guess_kind("Grigory Karasin") is SourceKind.PERSON
    assert guess_kind("Ministry of Energy") is SourceKind.OTHER
    assert guess_kind("annual report") is SourceKind.DOCUMENT
    assert source_key("The Associated Press") == source_key("Associated Press") == "associated press"
    assert source_key("Kazakhstan's") == "kazakhstan"
