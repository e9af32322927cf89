"""Property tests: the detectors take any text without failing and keep their offsets honest; anchors are found
again after edits elsewhere in the text."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from curator.factcheck.anchors import anchor_at, locate, reanchor
from curator.factcheck.detect import analyse

# Pieces that exercise the detectors' edges: names, verbs, quote marks, Markdown, Cyrillic, line breaks.
FRAGMENTS = [
    "Orda.kz",
    "CBS News",
    "the Associated Press",
    "Grigory Karasin",
    "Karasin",
    "TASS",
    "ТАСС",
    "«Интерфакса»",
    "Песков",
    "reports",
    "reported",
    "said",
    "says",
    "told",
    "notes",
    "citing",
    "which cited",
    "according to",
    "According to",
    "as one trader put it",
    "по данным",
    "как сообщает",
    "заявил",
    "передаёт",
    "по словам",
    "officials",
    '"',
    "“",
    "”",
    "«",
    "»",
    "„",
    ",",
    ".",
    ":",
    "—",
    "\n",
    "\n\n",
    "- ",
    "# ",
    "> ",
    "**",
    "_",
    "`",
    "[",
    "](https://x.example)",
    "p.m.",
    "U.S.",
    "🇰🇿",
    "\u00a0",
    "\t",
]

stories = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=60).map(" ".join)


def _check_analysis(text: str) -> None:
    found = analyse(text)
    n = len(text)
    for s in found.sentences:
        assert 0 <= s.start <= s.end <= n
    for a in found.attributions:
        assert 0 <= a.start < a.end <= n
        assert a.sentence.start <= a.start and a.end <= a.sentence.end
        for m in (a.source, a.speaker, a.via):
            if m is not None:
                assert 0 <= m.start < m.end <= n
                assert m.name.strip() and m.key
    for q in found.quotes:
        assert 0 <= q.start < q.end <= n
        assert text[q.start : q.end].strip()
        assert q.sentence.start <= q.start and q.end <= q.sentence.end
        if q.attribution is not None:
            assert 0 <= q.attribution < len(found.attributions)
    assert len({s.key for s in found.sources}) == len(found.sources)


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_detection_takes_any_text(text: str) -> None:
    _check_analysis(text)


@given(stories)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_detection_takes_any_mix_of_story_pieces(text: str) -> None:
    _check_analysis(text)


@given(st.text(), st.text(), st.integers(), st.integers())
@settings(max_examples=200, deadline=None)
def test_locate_takes_any_anchor_and_text(original: str, edited: str, a: int, b: int) -> None:
    start, end = sorted((a % (len(original) + 1), b % (len(original) + 1)))
    anchor = anchor_at(original, start, end)
    found = locate(anchor, edited)
    if found is not None:
        assert 0 <= found.start <= found.end <= len(edited)
        if found.exact:
            assert edited[found.start : found.end] == anchor.exact


words = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs", "P"]), max_size=200)


@given(
    before=words,
    passage=words.filter(lambda s: s.strip() != ""),
    after=words,
    edit=st.text(max_size=80),
    where=st.floats(min_value=0, max_value=1),
    side=st.sampled_from(["insert-before", "insert-after", "delete-before", "delete-after"]),
)
@settings(max_examples=400, deadline=None)
def test_anchor_found_again_after_an_unrelated_edit(
    before: str, passage: str, after: str, edit: str, where: float, side: str
) -> None:
    text = before + passage + after
    start, end = len(before), len(before) + len(passage)
    anchor = anchor_at(text, start, end)
    if side == "insert-before":
        at = int(where * len(before))
        edited, moved = text[:at] + edit + text[at:], start + len(edit)
    elif side == "insert-after":
        at = end + int(where * len(after))
        edited, moved = text[:at] + edit + text[at:], start
    elif side == "delete-before":
        a, b = int(where * len(before) / 2), int(where * len(before))
        assume(b > a)
        edited, moved = text[:a] + text[b:], start - (b - a)
    else:
        a = end + int(where * len(after) / 2)
        b = end + int(where * len(after))
        assume(b > a)
        edited, moved = text[:a] + text[b:], start
    found = reanchor(anchor, edited)
    assert found is not None
    assert found.exact == passage
    if edited.count(passage) == 1:
        assert (found.start, found.end) == (moved, moved + len(passage))
