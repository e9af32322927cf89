"""Typing in the editor updates the preview in place, block by block; the preview stays local and script-free."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from curator.domain.stories import StoryFields
from tests.gui.conftest import open_slug


def page_value(qtbot, window: Any, code: str) -> Any:
    box: list[Any] = []
    window.preview.run_script(code, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]


def wait_preview(qtbot, window: Any) -> None:
    qtbot.waitUntil(lambda: window.preview.loaded, timeout=30_000)


def type_text(qtbot, widget: Any, text: str) -> None:
    """Type like a user: QTest knows ASCII keys only, so line breaks are Return presses."""
    for n, line in enumerate(text.split("\n")):
        if n:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(widget, line)


def type_at_end(qtbot, window: Any, text: str) -> None:
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, window.editor, text)


def test_typing_updates_the_preview(qtbot, make_window) -> None:
    window = make_window()
    wait_preview(qtbot, window)
    with qtbot.waitSignal(window.preview.updated, timeout=20_000):
        type_at_end(qtbot, window, "\n\nFreshly typed paragraph about grain")
    qtbot.waitUntil(
        lambda: "Freshly typed paragraph" in page_value(qtbot, window, "curatorPreview.bodyText()"), timeout=10_000
    )
    assert window.editing.is_dirty()


def test_the_preview_is_the_export_page(qtbot, make_window) -> None:
    from curator.render.markdown import render_markdown
    from curator.render.page import render_story_page

    window = make_window()
    wait_preview(qtbot, window)
    qtbot.waitUntil(lambda: page_value(qtbot, window, "curatorPreview.blockCount()") > 0, timeout=20_000)
    story = window.editing.story
    body = page_value(qtbot, window, "document.getElementById('story-body').innerHTML")
    assert " ".join(body.split()) == " ".join(render_markdown(story.body).split())
    headline = page_value(qtbot, window, "document.getElementById('story-headline').textContent")
    assert headline == story.headline
    exported = render_story_page(story, "")
    stylesheet = page_value(qtbot, window, "document.querySelector('style').textContent")
    assert stylesheet.strip() in exported


def test_an_edit_rerenders_only_its_block(qtbot, make_window) -> None:
    paragraphs = [f"Paragraph {i} of a long story about the talks." for i in range(300)]
    window = make_window(stories=[StoryFields(headline="Long story", body="\n\n".join(paragraphs))])
    open_slug(qtbot, window, "long-story")
    wait_preview(qtbot, window)
    qtbot.waitUntil(lambda: page_value(qtbot, window, "curatorPreview.blockCount()") == 300, timeout=20_000)
    renderer = window.preview.renderer._worker._renderer
    before = renderer.rendered
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.toPlainText().index("Paragraph 150 ") + len("Paragraph 150"))
    window.editor.setTextCursor(cursor)
    with qtbot.waitSignal(window.preview.updated, timeout=20_000):
        qtbot.keyClicks(window.editor, " EDITED")
    qtbot.waitUntil(lambda: renderer.rendered > before, timeout=5_000)
    assert renderer.rendered - before <= len(" EDITED")  # one block per keystroke at most
    text = page_value(qtbot, window, "curatorPreview.bodyText()")
    assert "Paragraph 150 EDITED" in text and "Paragraph 299" in text


def test_the_preview_scrolls_with_the_editor(qtbot, make_window) -> None:
    items = "\n".join(f"- item {i} of a long list" for i in range(200))
    body = f"Intro paragraph.\n\n{items}\n\nClosing paragraph."
    window = make_window(stories=[StoryFields(headline="List story", body=body)])
    open_slug(qtbot, window, "list-story")
    wait_preview(qtbot, window)
    qtbot.waitUntil(lambda: page_value(qtbot, window, "curatorPreview.blockCount()") >= 3, timeout=20_000)
    # QPlainTextEdit scrolls by source line: 152 puts "- item 150" at the top.
    window.editor.verticalScrollBar().setValue(152)
    assert window.editor.firstVisibleBlock().text().startswith("- item 150 ")
    qtbot.waitUntil(lambda: page_value(qtbot, window, "window.scrollY") > 0, timeout=10_000)
    top_item = page_value(
        qtbot,
        window,
        "(() => { const lis = document.querySelectorAll('#story-body li');"
        " for (const li of lis) if (li.getBoundingClientRect().bottom > 2) return li.textContent; })()",
    )
    number = int(top_item.split()[1])
    assert abs(number - 150) <= 2, top_item


def test_the_preview_loads_nothing_remote_and_runs_no_script(qtbot, make_window) -> None:
    body = (
        "![remote](https://example.org/tracker.png)\n\n"
        '<img src="http://example.org/x.png" onerror="document.title=\'pwned\'">\n\n'
        "Text after."
    )
    window = make_window(stories=[StoryFields(headline="Hostile story", body=body)])
    open_slug(qtbot, window, "hostile-story")
    wait_preview(qtbot, window)
    qtbot.waitUntil(lambda: "Text after" in page_value(qtbot, window, "curatorPreview.bodyText()"), timeout=20_000)
    assert page_value(qtbot, window, "document.querySelectorAll('[onerror], script').length") == 0
    assert page_value(qtbot, window, "Array.from(document.images).every(i => i.naturalWidth === 0)")
    assert page_value(qtbot, window, "document.title") != "pwned"
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEngineSettings

    page = window.preview.view.page()
    assert not page.settings().testAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled)
    # Beneath the page's policy and Chromium's local-content rule, the interceptor refuses what would leave the
    # machine: lift the rule to see it at work.
    page.settings().setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
    page.setHtml('<img src="https://example.org/direct.png"><img src="file:///nonexistent.png">', QUrl("file:///"))
    qtbot.waitUntil(lambda: "https://example.org/direct.png" in window.preview.interceptor.refused, timeout=10_000)
    assert not any(url.startswith("file:") for url in window.preview.interceptor.refused)


def test_editing_fields_updates_the_page_header(qtbot, make_window) -> None:
    window = make_window()
    wait_preview(qtbot, window)
    window.fields.headline.setFocus()
    window.fields.headline.selectAll()
    qtbot.keyClicks(window.fields.headline, "A brand new headline")
    qtbot.waitUntil(
        lambda: (
            page_value(qtbot, window, "document.getElementById('story-headline').textContent") == "A brand new headline"
        ),
        timeout=10_000,
    )
    assert window.editing.is_dirty()
    assert "A brand new headline" in window.windowTitle()


def test_word_count_and_find_replace(qtbot, make_window) -> None:
    window = make_window()
    qtbot.waitUntil(lambda: "words" in window.status.words.text(), timeout=5_000)
    window.editor.selectAll()
    qtbot.keyClicks(window.editor, "one two three")
    qtbot.waitUntil(lambda: window.status.words.text().startswith("3 words"), timeout=5_000)
    window.actions["replace"].trigger()
    window.find_bar.find_field.setText("two")
    window.find_bar.replace_field.setText("2")
    assert window.find_bar.replace_all() == 1
    assert window.editor.text() == "one 2 three"
    window.editor.undo()
    assert window.editor.text() == "one two three"
    qtbot.keyClick(window.find_bar.find_field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
