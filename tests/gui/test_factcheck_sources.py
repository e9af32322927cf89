"""The checker's workflow in the window: a source verified across its mentions, each mention still openable;
sources added from a selection; merge and rename; the claimant offered by Mark Claim; the public page in the
preview; a snapshot attached and opened in the offline viewer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel

from curator.domain.factcheck import Verification
from curator.domain.stories import StoryFields
from curator.gui.factcheck_controller import ADD_SOURCE_SHORTCUT
from tests.factcheck.test_snapshots import make_warc
from tests.gui.conftest import library_of, open_slug, wait_writes

BODY = (
    "According to CBS News, the talks will resume in March. CBS News described the mood as tense.\n\n"
    "Figures from the Atameken chamber show that tariffs will rise by a fifth next year.\n\n"
    '"We will not sign a bad deal," Karasin said.'
)
STORY = StoryFields(headline="Grain talks", body=BODY, outlet_name="Steppe Wire")
MENTION_ROLE = Qt.ItemDataRole.UserRole + 3


def _open(qtbot, make_window) -> tuple[Any, int]:
    window = make_window(stories=[STORY])
    story_id = open_slug(qtbot, window, "grain-talks")
    fc = window.factcheck
    qtbot.waitUntil(lambda: fc.check is not None and fc.check.story_id == story_id, timeout=20_000)
    return window, story_id


def _select(window: Any, text: str) -> None:
    start = window.editor.text().index(text)
    cursor = window.editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(text), QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)


def _source(window: Any, name: str) -> Any:
    return next(s for s in window.factcheck.check.sources if s.name == name)


def test_verifying_a_source_verifies_its_mentions_in_the_panel(qtbot, make_window) -> None:
    window, _story_id = _open(qtbot, make_window)
    fc, panel = window.factcheck, window.factcheck.panel
    cbs = _source(window, "CBS News")
    item = panel.find_item("source", cbs.id)
    assert item is not None and item.childCount() == 2  # its mentions, under it
    panel.select("source", cbs.id)
    assert "its 2 mentions" in panel.form_title.text()
    panel.choice.setCurrentIndex(panel.choice.findData("verified"))
    panel.note.setText("Confirmed with the CBS desk")
    panel.apply_button.click()
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: fc.check.source(cbs.id).status is Verification.VERIFIED, timeout=10_000)
    item = panel.find_item("source", cbs.id)
    assert [item.child(i).text(1) for i in range(item.childCount())] == ["Verified", "Verified"]
    statuses = {i.text(0): i.text(1) for i in panel.items("attribution")}
    assert statuses["According to CBS News"] == "Verified" and statuses["CBS News described"] == "Verified"
    # Neither is highlighted as unverified any more; each mention still opens its own text.
    texts = {s.cursor.selectedText() for s in window.editor.extraSelections()}
    assert "According to CBS News" not in texts and "CBS News described" not in texts
    second = item.child(1)
    rect = panel.tree.visualItemRect(second)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.editor.textCursor().selectedText() == "CBS News described"
    assert second.data(0, MENTION_ROLE) is True


def test_adding_a_source_from_the_selection(qtbot, make_window) -> None:
    window, _story_id = _open(qtbot, make_window)
    fc = window.factcheck
    assert fc.add_source_action.shortcut().toString() == ADD_SOURCE_SHORTCUT
    assert fc.add_source_action in fc.menu.actions()
    _select(window, "Figures from the Atameken chamber")
    dialog = fc.sources.add_from_selection()
    assert dialog is not None and dialog.isVisible()
    dialog.name.setCurrentText("Atameken chamber")
    dialog.kind.setCurrentIndex(dialog.kind.findData("outlet"))
    dialog.accept()
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: any(s.name == "Atameken chamber" for s in fc.check.sources), timeout=10_000)
    chamber = _source(window, "Atameken chamber")
    (mention,) = fc.check.mentions(chamber.id)
    assert mention.manual and mention.text == "Figures from the Atameken chamber"
    assert any(s.cursor.selectedText() == "Figures from the Atameken chamber" for s in window.editor.extraSelections())
    assert library_of(window).factcheck.source(chamber.id).kind.value == "outlet"


def test_merging_and_renaming_sources(qtbot, make_window) -> None:
    window, _story_id = _open(qtbot, make_window)
    fc = window.factcheck
    _select(window, "Figures from the Atameken chamber")
    dialog = fc.sources.add_from_selection()
    dialog.name.setCurrentText("Atameken")
    dialog.accept()
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: any(s.name == "Atameken" for s in fc.check.sources), timeout=10_000)
    atameken, cbs = _source(window, "Atameken"), _source(window, "CBS News")
    fc.sources.merge_into(atameken.id, cbs.id)
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: fc.check.source(atameken.id) is None, timeout=10_000)
    assert len(fc.check.mentions(cbs.id)) == 3
    fc._write(lambda lib: lib.factcheck.update_source(cbs.id, name="CBS"), "Renamed")
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: fc.check.source(cbs.id).name == "CBS", timeout=10_000)
    assert fc.panel.find_item("source", cbs.id).text(0).startswith("CBS (")


def test_mark_claim_offers_the_claimant_of_the_attribution_beside_it(qtbot, make_window) -> None:
    window, _story_id = _open(qtbot, make_window)
    _select(window, "We will not sign a bad deal")
    dialog = window.factcheck.mark_selection()
    assert dialog is not None and dialog.claimant.text() == "Karasin"
    dialog.reject()
    # Unsaved edits before it shift the text: the offer follows.
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(window.editor, "Update. ")
    window.factcheck.reanchor()
    _select(window, "the talks will resume in March")
    dialog = window.factcheck.mark_selection()
    assert dialog.claimant.text() == "CBS News"
    dialog.rationale.setPlainText("Both delegations confirmed the date.")
    dialog.set_verdict("true")
    dialog.accept()
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: bool(window.factcheck.check.claims), timeout=10_000)
    claim = window.factcheck.check.claims[0]
    assert claim.claimant == "CBS News" and claim.public_rationale == "Both delegations confirmed the date."


def _preview_html(qtbot, window: Any) -> str:
    box: list[str] = []
    window.preview.run_script("document.getElementById('story').outerHTML", box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]


def test_the_preview_shows_the_public_page(qtbot, make_window) -> None:
    window, story_id = _open(qtbot, make_window)
    qtbot.waitUntil(lambda: window.preview.loaded, timeout=30_000)
    fc = window.factcheck
    lib = library_of(window)
    cbs = _source(window, "CBS News")
    start = BODY.index("the talks will resume in March")
    claim = lib.factcheck.mark_claim(
        story_id, start, start + 30, claimant="CBS News", note="SECRET-note", public_rationale="Dates confirmed."
    )
    lib.factcheck.set_verdict(claim.id, "True", checked_by="SECRET-checker")
    fc.panel.select("source", cbs.id)
    fc.panel.public_box.click()  # listed on the public page
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: fc.check.source(cbs.id).public, timeout=10_000)
    qtbot.waitUntil(lambda: "story-sources" in _preview_html(qtbot, window), timeout=10_000)
    html = _preview_html(qtbot, window)
    assert "CBS News" in html[html.index("story-sources") :] and "Dates confirmed." in html
    assert "Atameken" not in html[html.index("story-sources") :]  # not public
    for internal in ("SECRET-", "Unverified", "Verified", "status-"):
        assert internal not in html
    # Exactly the page the single-file export prints, those sections included.
    from curator.io.export_html import story_html

    exported = story_html(lib, lib.stories.get(story_id))
    for section in ("story-factchecks", "story-sources"):
        mine = html[html.index(f'<section class="{section}"') :]
        theirs = exported[exported.index(f'<section class="{section}"') :]
        assert " ".join(mine[: mine.index("</section>")].split()) == " ".join(
            theirs[: theirs.index("</section>")].split()
        )


def test_a_snapshot_attached_from_a_file_opens_in_the_viewer(qtbot, make_window, tmp_path: Path) -> None:
    window, _story_id = _open(qtbot, make_window)
    fc = window.factcheck
    cbs = _source(window, "CBS News")
    archive = tmp_path / "cbs-talks.warc.gz"
    archive.write_bytes(make_warc())
    fc.sources.attach(cbs.id, archive)
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: fc.check.source(cbs.id).snapshot is not None, timeout=10_000)
    assert "snapshot" in fc.panel.find_item("source", cbs.id).text(0)
    fc.panel.select("source", cbs.id)
    assert fc.panel.view_button.isEnabled()
    fc.panel.view_button.click()
    qtbot.waitUntil(lambda: fc.sources.viewer is not None, timeout=10_000)
    viewer = fc.sources.viewer
    assert viewer.isVisible()
    info = viewer.findChild(QLabel, "snapshotInfo").text()
    assert "cbs-talks.warc.gz" in info and fc.check.source(cbs.id).snapshot.sha256 in info
    assert "https://ministry.example.kz/news/grain-tariffs" in info  # where the capture says it came from
    from PySide6.QtWebEngineCore import QWebEngineScript

    box: list[Any] = []

    def heading() -> bool:
        viewer.view.page().runJavaScript(
            "document.querySelector('h1') && document.querySelector('h1').textContent",
            QWebEngineScript.ScriptWorldId.ApplicationWorld,
            box.append,
        )
        return bool(box) and box[-1] == "Rail tariffs for grain"

    qtbot.waitUntil(heading, timeout=30_000)
    viewer.close()
