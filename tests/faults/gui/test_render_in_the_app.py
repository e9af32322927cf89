"""The app with pathological stories open: the preview shows the note, the editor highlights, typing goes on.

Issue 16, case 3 (GUI side): the highlighter pairs marks by lookup, never by scanning ahead, and the window stays
responsive (the search field filters the list while such a story is open).
"""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from curator.domain.stories import StoryFields
from curator.gui.widgets.highlighter import (
    _EMPHASIS_MARK,
    _STRONG_MARK,
    MarkdownHighlighter,
    _code_spans,
    _emphasis_closes,
    _emphasis_opens,
    _spans,
    _strong_closes,
    _strong_opens,
)
from tests.gui.conftest import open_slug
from tests.gui.test_editor_preview import page_value, wait_preview

PATHOLOGICAL = {
    "nested-lists": "- " * 10000 + "x",
    "asterisks": "*" * 40000,
    "brackets": "[" * 50000 + "x" + "](" * 50000,
    "quotes": "\n".join(">" * i + " q" for i in range(1, 3001)),
}


def strong(text: str) -> list[tuple[int, int]]:
    return list(_spans(text, _STRONG_MARK, _strong_opens, _strong_closes))


def emphasis(text: str) -> list[tuple[int, int]]:
    return list(_spans(text, _EMPHASIS_MARK, _emphasis_opens, _emphasis_closes))


def test_emphasis_and_code_spans_pair_as_markdown_does() -> None:
    assert strong("a **b** c **d e** f") == [(2, 7), (10, 17)]
    assert strong("** not** **x **y**") == [(9, 18)]
    assert emphasis("an *em* and _under_ but snake_case_name") == [(3, 7), (12, 19)]
    assert emphasis("2 * 3 * 4") == []
    assert list(_code_spans("a `b` c ``d ` e`` f `open")) == [(2, 5), (8, 17)]
    # Unclosed marks by the thousand: nothing pairs, and each mark is looked at once.
    assert strong("**a " * 25000) == [] and len(list(_code_spans("`a " * 33000))) == 16500


def test_the_highlighter_formats_pathological_lines(qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    palette = QApplication.instance().palette()  # type: ignore[union-attr]
    for text in [*PATHOLOGICAL.values(), "**a " * 25000, "[a](" * 25000, "Some *em* and [a link](https://x.org)"]:
        doc = QTextDocument()
        doc.setPlainText(text)
        highlighter = MarkdownHighlighter(doc, palette)
        assert highlighter.document() is doc
    block = doc.firstBlock()
    formats = {(f.start, f.length) for f in block.layout().formats()}
    assert any(start == 5 and length == 4 for start, length in formats)  # *em*


def test_typing_into_the_search_while_a_pathological_story_is_open(qtbot, make_window) -> None:
    stories = [StoryFields(headline=f"Pathological {name}", body=body) for name, body in PATHOLOGICAL.items()]
    window = make_window(stories=[*stories, StoryFields(headline="Grain exports", body="Wheat.")])
    for name in PATHOLOGICAL:
        story_id = window.ctx.library.stories.resolve(f"pathological-{name}")
        with qtbot.waitSignal(window.editing.opened, timeout=20_000):
            window.open_story(story_id)
        wait_preview(qtbot, window)
        qtbot.waitUntil(
            lambda: "too deeply nested to render" in page_value(qtbot, window, "curatorPreview.bodyText()"),
            timeout=20_000,
        )
    # The story stays open in the editor; the list still filters as the user types.
    window.search.setFocus()
    with qtbot.waitSignal(window.model.loaded, timeout=10_000):
        qtbot.keyClicks(window.search, "grain")
    assert [window.model.summary(r).headline for r in range(window.model.rowCount())] == ["Grain exports"]
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "more")
    assert window.editing.is_dirty()


def test_typing_beside_a_blocked_remote_image_logs_no_errors(qtbot, make_window, caplog) -> None:
    import logging

    body = "![remote](https://example.org/tracker.png)\n\nText."
    window = make_window(stories=[StoryFields(headline="Remote image", body=body)])
    open_slug(qtbot, window, "remote-image")
    wait_preview(qtbot, window)
    caplog.set_level(logging.DEBUG)
    window.editor.setFocus()
    for word in ("one", "two", "three", "four", "five"):
        qtbot.keyClicks(window.editor, f" {word}")
        qtbot.wait(200)
    qtbot.waitUntil(lambda: "five" in page_value(qtbot, window, "curatorPreview.bodyText()"), timeout=20_000)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
