"""The fact-check panel and editor highlights: marking claims, click-to-select, highlights that follow edits,
orphans, verdicts and statuses from the panel, the status gate's override dialog and the report export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor

from curator.core.status import Status
from curator.domain.factcheck import Verification
from curator.domain.stories import StoryFields
from curator.gui.dialogs.status_gate import StatusGateDialog
from tests.gui.conftest import library_of, open_slug, wait_writes

BODY = (
    "According to Reuters, the ministers met in Geneva on Tuesday.\n\n"
    "The deputy minister said the grain corridor would reopen within a week.\n\n"
    "Freight rates fell by a third after the announcement."
)
CLAIM = "the grain corridor would reopen within a week"
STORY = StoryFields(headline="Corridor talks", body=BODY, outlet_name="Steppe Wire")


def _open(qtbot, make_window) -> tuple[Any, int]:
    window = make_window(stories=[STORY])
    story_id = open_slug(qtbot, window, "corridor-talks")
    fc = window.factcheck
    qtbot.waitUntil(lambda: fc.check is not None and fc.check.story_id == story_id, timeout=20_000)
    return window, story_id


def _select(window: Any, text: str) -> None:
    start = window.editor.text().index(text)
    cursor = window.editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(text), QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)


def _mark_in_library(qtbot, window: Any, story_id: int, text: str = CLAIM, **kwargs: Any) -> int:
    lib = library_of(window)
    start = lib.stories.get(story_id).body.index(text)
    claim = lib.factcheck.mark_claim(story_id, start, start + len(text), expected=text, **kwargs)
    fc = window.factcheck
    fc.load(story_id)
    qtbot.waitUntil(lambda: any(c.id == claim.id for c in (fc.check.claims if fc.check else ())), timeout=10_000)
    return claim.id


def _claim_selection(window: Any) -> Any:
    """The highlight over the claim (the one whose text is the claim's)."""
    found = [s for s in window.editor.extraSelections() if s.cursor.selectedText() == CLAIM]
    assert len(found) == 1
    return found[0]


def test_marking_a_claim_from_the_selection(qtbot, make_window) -> None:
    window, story_id = _open(qtbot, make_window)
    fc = window.factcheck
    reuters = next(s for s in fc.check.sources if s.name == "Reuters")
    _select(window, CLAIM)
    dialog = fc.mark_selection()
    assert dialog is not None and dialog.isVisible()
    dialog.claimant.setText("Deputy minister")
    dialog.set_verdict("mostly-false")
    dialog.note.setPlainText("Port schedules show no reopening date")
    dialog.check_source(reuters.id)
    dialog.accept()
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: len(fc.check.claims) == 1, timeout=10_000)
    (claim,) = library_of(window).factcheck.claims(story_id)
    assert claim.text == CLAIM and claim.claimant == "Deputy minister"
    assert claim.verdict == "mostly-false" and claim.note == "Port schedules show no reopening date"
    assert [e.source_name for e in claim.evidence] == ["Reuters"]
    (item,) = fc.panel.items("claim")
    assert item.text(1) == "Mostly false"
    assert _claim_selection(window).cursor.selectionStart() == BODY.index(CLAIM)


def test_marking_with_unsaved_edits_saves_first(qtbot, make_window) -> None:
    window, story_id = _open(qtbot, make_window)
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(window.editor, "Update: ")
    assert window.editing.is_dirty()
    _select(window, CLAIM)
    dialog = window.factcheck.mark_selection()
    dialog.accept()
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: bool(library_of(window).factcheck.claims(story_id)), timeout=10_000)
    assert library_of(window).stories.get(story_id).body.startswith("Update: According")
    assert library_of(window).factcheck.claims(story_id)[0].text == CLAIM


def test_mark_claim_is_in_the_editor_menu_and_has_a_shortcut(qtbot, make_window) -> None:
    window, _story_id = _open(qtbot, make_window)
    action = window.factcheck.mark_action
    assert action.shortcut().toString() == "Ctrl+Shift+M"
    assert action in window.factcheck.menu.actions()
    assert window.editor.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu


def test_clicking_an_item_selects_its_text(qtbot, make_window) -> None:
    window, story_id = _open(qtbot, make_window)
    fc = window.factcheck
    _mark_in_library(qtbot, window, story_id)
    panel = fc.panel
    for group in ("claim", "attribution"):
        item = panel.items(group)[0]
        rect = panel.tree.visualItemRect(item)
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.editor.textCursor().selectedText() == item.data(0, Qt.ItemDataRole.UserRole + 2)
    assert window.editor.textCursor().selectedText() == "According to Reuters"
    # A source selects the first passage that credits it.
    reuters = next(s for s in fc.check.sources if s.name == "Reuters")
    fc.select_item("source", reuters.id)
    assert window.editor.textCursor().selectedText() == "According to Reuters"


def test_highlights_follow_edits(qtbot, make_window) -> None:
    window, story_id = _open(qtbot, make_window)
    fc = window.factcheck
    _mark_in_library(qtbot, window, story_id, verdict="False")
    start = BODY.index(CLAIM)
    assert _claim_selection(window).cursor.selectionStart() == start
    # Unverified attributions are highlighted too.
    assert any(s.cursor.selectedText() == "According to Reuters" for s in window.editor.extraSelections())
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(window.editor, "GENEVA - ")
    # At once (the highlight's cursor follows the text) and after the pause (anchors found again).
    assert _claim_selection(window).cursor.selectionStart() == start + len("GENEVA - ")
    qtbot.waitUntil(lambda: fc.anchors[("claim", fc.check.claims[0].id)].start == start + 9, timeout=5_000)
    assert _claim_selection(window).cursor.selectionStart() == start + 9
    # Clicking the claim selects it where it is now.
    fc.select_item("claim", fc.check.claims[0].id)
    assert window.editor.textCursor().selectionStart() == start + 9
    assert window.editor.textCursor().selectedText() == CLAIM


def test_a_claim_whose_text_is_deleted_is_listed_as_orphan(qtbot, make_window) -> None:
    window, story_id = _open(qtbot, make_window)
    fc = window.factcheck
    claim_id = _mark_in_library(qtbot, window, story_id, claimant="Deputy minister")
    sentence = "The deputy minister said the grain corridor would reopen within a week.\n\n"
    _select(window, sentence)
    window.editor.textCursor().removeSelectedText()
    qtbot.waitUntil(lambda: len(fc.panel.items("orphan")) == 1, timeout=5_000)
    assert fc.panel.items("claim") == []
    assert not fc.panel.groups["orphan"].isHidden()
    assert not [s for s in window.editor.extraSelections() if s.cursor.selectedText() == CLAIM]
    # Saved, the core keeps it as an orphan; the panel still lists it, and clicking it selects nothing.
    with qtbot.waitSignal(window.editing.saved, timeout=10_000):
        window.editing.save()
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: bool(fc.check.orphans), timeout=10_000)
    (orphan,) = library_of(window).factcheck.claims(story_id)
    assert orphan.id == claim_id and orphan.orphaned
    (item,) = fc.panel.items("orphan")
    assert item.text(1) == "Text gone"
    fc.select_item("claim", claim_id)
    assert not window.editor.textCursor().hasSelection()


def test_verdict_and_source_status_from_the_panel(qtbot, make_window) -> None:
    window, story_id = _open(qtbot, make_window)
    fc = window.factcheck
    claim_id = _mark_in_library(qtbot, window, story_id)
    panel = fc.panel
    panel.select("claim", claim_id)
    panel.choice.setCurrentIndex(panel.choice.findData("half-true"))
    panel.note.setText("Half of the ports reopen")
    panel.apply_button.click()
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: fc.check.claims[0].verdict == "half-true", timeout=10_000)
    claim = library_of(window).factcheck.claim(claim_id)
    assert claim.verdict_label == "Half true" and claim.note == "Half of the ports reopen"
    assert claim.checked_by == window.ctx.author
    assert panel.items("claim")[0].text(1) == "Half true"

    reuters = next(s for s in fc.check.sources if s.name == "Reuters")
    panel.select("source", reuters.id)
    panel.choice.setCurrentIndex(panel.choice.findData("disputed"))
    panel.note.setText("Agency denies the quote")
    panel.apply_button.click()
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: fc.check.source(reuters.id).status is Verification.DISPUTED, timeout=10_000)
    assert library_of(window).factcheck.source(reuters.id).note == "Agency denies the quote"
    item = panel.find_item("source", reuters.id)
    assert item is not None and item.text(1) == "Disputed"

    attribution = panel.items("attribution")[0]
    panel.tree.setCurrentItem(attribution)
    panel.choice.setCurrentIndex(panel.choice.findData("verified"))
    panel.apply_button.click()
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: fc.check.attributions[0].status is Verification.VERIFIED, timeout=10_000)
    # A verified attribution is no longer highlighted.
    assert not any(s.cursor.selectedText() == "According to Reuters" for s in window.editor.extraSelections())


def _gate_dialog(qtbot, window: Any) -> StatusGateDialog:
    found: list[StatusGateDialog] = []

    def shown() -> bool:
        found[:] = [d for d in window.findChildren(StatusGateDialog) if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=10_000)
    return found[0]


def test_gate_override_with_a_reason_is_recorded(qtbot, make_window) -> None:
    window, story_id = _open(qtbot, make_window)
    _mark_in_library(qtbot, window, story_id)
    window.editing.set_status(Status.READY)
    window.editing.save()
    dialog = _gate_dialog(qtbot, window)
    assert not dialog.ok.isEnabled()
    # The open items are listed under the story.
    qtbot.waitUntil(lambda: dialog.items.count() > 2, timeout=10_000)
    lines = [dialog.items.item(i).text() for i in range(dialog.items.count())]
    assert any("According to Reuters" in line for line in lines)
    assert any(CLAIM in line and "without a verdict" in line for line in lines)
    dialog.reason.setText("Confirmed by phone with the ministry")
    assert dialog.ok.isEnabled()
    with qtbot.waitSignal(window.editing.saved, timeout=10_000):
        dialog.ok.click()
    wait_writes(qtbot, window)
    lib = library_of(window)
    assert lib.stories.get(story_id).status is Status.READY
    note = lib.revisions.history(story_id)[0].note
    assert "Confirmed by phone with the ministry" in note and "overridden" in note
    assert not window.editing.is_dirty()


def test_gate_cancel_keeps_the_status_and_the_text(qtbot, make_window) -> None:
    window, story_id = _open(qtbot, make_window)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, " More to come.")
    window.editing.set_status(Status.PUBLISHED)
    window.editing.save()
    dialog = _gate_dialog(qtbot, window)
    dialog.reason.setText("never mind")
    dialog.reject()
    qtbot.wait(50)
    assert not [d for d in window.findChildren(StatusGateDialog) if d.isVisible()]
    lib = library_of(window)
    assert lib.stories.get(story_id).status is Status.DRAFT
    assert window.editing.current_fields().status is Status.DRAFT
    assert window.editor.text().endswith("More to come.")
    assert window.editing.is_dirty()
    assert len(lib.revisions.history(story_id)) == 1


def test_gate_on_a_status_move_from_the_menu(qtbot, make_window) -> None:
    window, story_id = _open(qtbot, make_window)
    window.operations.set_status(Status.READY)
    dialog = _gate_dialog(qtbot, window)
    dialog.reason.setText("Editor-in-chief approved")
    dialog.ok.click()
    wait_writes(qtbot, window)
    lib = library_of(window)
    assert lib.stories.get(story_id).status is Status.READY
    assert "Editor-in-chief approved" in lib.revisions.history(story_id)[0].note


def test_export_the_report_of_the_open_story(qtbot, make_window, tmp_path: Path) -> None:
    window, story_id = _open(qtbot, make_window)
    _mark_in_library(qtbot, window, story_id, verdict="False", note="<script>alert(1)</script>")
    out = tmp_path / "report" / "corridor.html"
    window.factcheck.export_report(out)
    wait_writes(qtbot, window)
    qtbot.waitUntil(out.exists, timeout=10_000)
    html = out.read_text(encoding="utf-8")
    assert CLAIM in html and "Reuters" in html and "False" in html
    assert "<script>alert" not in html
    assert window.factcheck.report_action in window.factcheck.menu.actions()


def _long_body(words: int = 20_000) -> str:
    paragraphs = []
    n = 0
    while sum(len(p.split()) for p in paragraphs) < words:
        n += 1
        paragraphs.append(
            f"According to Agency {n % 40}, shipment {n} left the port of Aktau on schedule. "
            f"Officials said the cargo of lot {n} was inspected twice before loading, and the "
            "harbour master confirmed that the weather over the Caspian stayed calm for the crossing."
        )
    return "\n\n".join(paragraphs)


def test_a_long_story_stays_responsive_while_typing(qtbot, make_window) -> None:
    import time

    body = _long_body()
    window = make_window(stories=[StoryFields(headline="Long haul", body=body)])
    story_id = open_slug(qtbot, window, "long-haul")
    fc = window.factcheck
    qtbot.waitUntil(lambda: fc.check is not None and fc.check.story_id == story_id, timeout=60_000)
    assert len(fc.check.attributions) > 500
    calls: list[float] = []
    original = fc.reanchor

    def timed(**kwargs: Any) -> None:
        began = time.perf_counter()
        original(**kwargs)
        calls.append(time.perf_counter() - began)

    fc.reanchor = timed  # type: ignore[method-assign]
    fc._timer.timeout.disconnect()
    fc._timer.timeout.connect(timed)
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    began = time.perf_counter()
    qtbot.keyClicks(window.editor, "Update: ")
    typing = time.perf_counter() - began
    # Nothing is found again while the keys come in; once, after the pause.
    assert calls == []
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5_000)
    assert calls[0] < 1.0, f"finding {len(fc.anchors)} items again took {calls[0]:.2f}s"
    assert typing < 2.0
    first = fc.check.attributions[0]
    assert fc.anchors[("attribution", first.id)].start == first.start + len("Update: ")


def test_highlight_colours_follow_the_theme(qtbot, make_window) -> None:
    window, story_id = _open(qtbot, make_window)
    _mark_in_library(qtbot, window, story_id, verdict="True")

    def colour() -> str:
        selections = window.editor.extraSelections()
        (claim,) = [s for s in selections if s.cursor.selectedText() == CLAIM]
        fmt = claim.format
        return QTextCharFormat(fmt).background().color().name()

    light = colour()
    window.set_theme("dark")
    try:
        qtbot.waitUntil(lambda: colour() != light, timeout=5_000)
    finally:
        window.set_theme("light")


def test_the_panel_remembers_whether_it_is_shown(qtbot, make_window) -> None:
    window = make_window()
    assert window.factcheck.dock.isVisible()
    window.close()
    again = make_window()
    assert again.factcheck.dock.isVisible()
    again.factcheck.toggle_action.trigger()
    assert not again.factcheck.dock.isVisible()
    again.close()
    third = make_window()
    assert not third.factcheck.dock.isVisible()


def test_editing_and_deleting_a_claim(qtbot, make_window) -> None:
    window, story_id = _open(qtbot, make_window)
    fc = window.factcheck
    lib = library_of(window)
    claim_id = _mark_in_library(qtbot, window, story_id, claimant="Minister")
    reuters = next(s for s in fc.check.sources if s.name == "Reuters")
    fc.panel.select("claim", claim_id)
    assert fc.panel.edit_button.isVisible() and fc.panel.delete_button.isVisible()
    fc.panel.edit_button.click()
    dialog = fc.claim_dialog
    assert dialog is not None and dialog.claimant.text() == "Minister"
    dialog.claimant.setText("Deputy minister")
    dialog.set_verdict("misleading")
    dialog.check_source(reuters.id)
    dialog.accept()
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: fc.check.claims[0].claimant == "Deputy minister", timeout=10_000)
    claim = lib.factcheck.claim(claim_id)
    assert claim.verdict == "misleading" and [e.source_id for e in claim.evidence] == [reuters.id]
    # The evidence is taken away again by unticking it.
    dialog = fc.edit_claim(claim_id)
    dialog.check_source(reuters.id, False)
    dialog.accept()
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: not fc.check.claims[0].evidence, timeout=10_000)
    fc.delete_claim(claim_id, confirm=False)
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: not fc.check.claims, timeout=10_000)
    assert lib.factcheck.claims(story_id) == ()
    assert fc.panel.items("claim") == []
