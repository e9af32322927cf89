"""Text-quote anchors: found again after edits before, inside and after the passage; gone when it is deleted."""

from __future__ import annotations

import pytest

from curator.factcheck.anchors import TextAnchor, anchor_at, from_utf16, locate, reanchor, to_utf16
from tests.factcheck.shapes import fixture_fields

BODY = fixture_fields("grain-corridor-talks.txt").body
CLAIM = "rail tariffs remain the main point of disagreement"


@pytest.fixture
def anchor() -> TextAnchor:
    start = BODY.index(CLAIM)
    return anchor_at(BODY, start, start + len(CLAIM))


def test_anchor_carries_the_w3c_selectors(anchor: TextAnchor) -> None:
    assert anchor.exact == CLAIM
    assert BODY[anchor.start - len(anchor.prefix) : anchor.start] == anchor.prefix
    assert anchor.prefix.endswith("Bloomberg notes that ")
    assert anchor.suffix.startswith(", citing internal")
    selectors = anchor.selectors()
    assert selectors[0] == {
        "type": "TextQuoteSelector",
        "exact": CLAIM,
        "prefix": anchor.prefix,
        "suffix": anchor.suffix,
    }
    assert selectors[1] == {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end}
    assert TextAnchor.from_selectors(selectors) == anchor


def test_survives_an_edit_before(anchor: TextAnchor) -> None:
    edited = "A new first paragraph, added later.\n\n" + BODY.replace("Tuesday", "Tuesday evening")
    found = reanchor(anchor, edited)
    assert found is not None and found.exact == CLAIM
    assert edited[found.start : found.end] == CLAIM


def test_survives_an_edit_just_around_it(anchor: TextAnchor) -> None:
    edited = BODY.replace("Bloomberg notes that rail", "Bloomberg, a news agency, notes that rail").replace(
        "disagreement, citing", "disagreement between the two sides, citing"
    )
    found = reanchor(anchor, edited)
    assert found is not None and edited[found.start : found.end] == CLAIM


@pytest.mark.parametrize(
    "replacement",
    [
        "rail tariffs remain the single main point of disagreement",  # words added inside
        "rail tariffs remain the main sticking point of disagreement",
        "rail tariffs remain the main point of dispute",  # its last word changed
        "Rail fees remain the main point of disagreement",  # its first words changed
    ],
)
def test_follows_an_edit_inside(anchor: TextAnchor, replacement: str) -> None:
    edited = BODY.replace(CLAIM, replacement)
    found = locate(anchor, edited)
    assert found is not None and not found.exact
    assert edited[found.start : found.end] == replacement


def test_survives_an_edit_after(anchor: TextAnchor) -> None:
    edited = BODY.replace("Traders said", "Several grain traders said") + "\n\nA closing paragraph."
    found = reanchor(anchor, edited)
    assert found is not None and (found.start, found.end) == (anchor.start, anchor.end)


def test_survives_edits_before_inside_and_after_at_once(anchor: TextAnchor) -> None:
    edited = "Update: corrected figures.\n\n" + BODY.replace(
        CLAIM, "rail tariffs still remain the main point of disagreement"
    ).replace("Traders said", "Grain traders said")
    found = reanchor(anchor, edited)
    assert found is not None and found.exact == "rail tariffs still remain the main point of disagreement"


def test_is_gone_when_its_text_is_deleted(anchor: TextAnchor) -> None:
    sentence = next(line for line in BODY.split("\n\n") if CLAIM in line)
    edited = BODY.replace(sentence, "")
    assert locate(anchor, edited) is None
    assert reanchor(anchor, edited) is None
    assert locate(anchor, "") is None


def test_is_gone_when_its_text_is_rewritten_beyond_recognition(anchor: TextAnchor) -> None:
    edited = BODY.replace(CLAIM, "the two sides agree on almost everything")
    assert locate(anchor, edited) is None


def test_picks_the_occurrence_with_the_same_context() -> None:
    text = "Prices rose. The ministry said prices rose sharply. Later, traders said prices rose."
    start = text.index("prices rose sharply")
    anchor = anchor_at(text, start, start + len("prices rose"))
    edited = "Note. " + text
    found = locate(anchor, edited)
    assert found is not None and edited[found.start : found.end + len(" sharply")] == "prices rose sharply"


def test_utf16_offsets_for_qt() -> None:
    text = "Flag 🇰🇿 then words"
    index = text.index("then")
    assert to_utf16(text, index) == index + 2
    assert from_utf16(text, to_utf16(text, index)) == index
    assert to_utf16("plain", 3) == 3


def test_anchor_at_refuses_a_span_outside_the_text() -> None:
    with pytest.raises(ValueError, match="outside"):
        anchor_at("short", 2, 10)
