"""Fact-checking in the window: the panel's dock, its menu and shortcuts, editor highlights that follow the text,
marking claims from the selection, the status gate's override dialog and the fact-check report export.

The panel's data comes from ``lib.factcheck`` when a story opens and after every save or fact-check write (the
core works the findings out again on save). While someone types, nothing touches the database: the anchors of
the items are found again in the editor's text with the core's anchor functions, after a short pause.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QTextEdit

from curator.core.files import write_text_atomic
from curator.domain.errors import ValidationError
from curator.domain.factcheck import FactCheck, FindingKind, Verification
from curator.factcheck.anchors import TextAnchor, anchor_at, from_utf16, locate, reanchor, to_utf16
from curator.gui.dialogs import present
from curator.gui.factcheck_sources import SourceActions
from curator.gui.side_panel import PanelHost, SidePanelController
from curator.gui.widgets.factcheck_panel import FactCheckPanel, tone_color

if TYPE_CHECKING:
    from curator.domain.errors import StatusGateError
    from curator.domain.stories import Story
    from curator.gui.dialogs.claim import ClaimDialog, ClaimInput
    from curator.services.library import Library

log = logging.getLogger(__name__)

MARK_SHORTCUT = "Ctrl+Shift+M"
ADD_SOURCE_SHORTCUT = "Ctrl+Shift+A"
PANEL_SHORTCUT = "F8"
# Pause in typing before the items are found again in the text (and the highlights redrawn).
REANCHOR_MS = 350

Key = tuple[str, int]  # ("claim" | "attribution" | "quote", id)


class _Positions:
    """Code-point offsets of a text as Qt's UTF-16 positions, and back (a no-op without astral characters)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.wide = any(ord(ch) > 0xFFFF for ch in text) if not text.isascii() else False

    def to_qt(self, index: int) -> int:
        return to_utf16(self.text, index) if self.wide else index

    def from_qt(self, index: int) -> int:
        return from_utf16(self.text, index) if self.wide else index


class FactCheckController(SidePanelController):
    # The story's saved fact check (None: no story), for the preview to show its public side.
    checked = Signal(object)

    def __init__(self, host: PanelHost) -> None:
        super().__init__(
            host,
            FactCheckPanel(),
            title="Fact Check",
            name="factCheckDock",
            setting="factcheck/visible",
            toggle_text="Fact-check &Panel",
            toggle_shortcut=PANEL_SHORTCUT,
        )
        self.panel: FactCheckPanel
        self.editor = host.editor
        self.check: FactCheck | None = None
        self.anchors: dict[Key, TextAnchor] = {}  # where each item stands in the editor's text now
        self.gone: set[int] = set()  # claims whose text the unsaved edits removed
        self.claim_dialog: ClaimDialog | None = None
        self.gate_dialog: Any = None
        self._generation = 0

        self.mark_action = self.action("Mark &Claim…", MARK_SHORTCUT, "Mark the selected text as a claim to check")
        self.mark_action.triggered.connect(self.mark_selection)
        self.add_source_action = self.action(
            "Add &Source from Selection…",
            ADD_SOURCE_SHORTCUT,
            "Add the selected text as an attribution the detector missed, crediting a source",
        )
        self.sources = SourceActions(self)
        self.add_source_action.triggered.connect(self.sources.add_from_selection)
        self.refresh_action = self.action("&Refresh Findings", "", "Find attributions and quotations again")
        self.refresh_action.triggered.connect(self.refresh)
        self.report_action = self.action("&Export Fact-check Report…", "", "Write this story's fact check to HTML")
        self.report_action.triggered.connect(self.choose_and_export_report)
        self.menu = QMenu(self.tr("Fact &Check"), self.parent_widget)
        self.menu.addActions([self.mark_action, self.add_source_action, self.toggle_action])
        self.menu.addSeparator()
        self.menu.addActions([self.refresh_action, self.report_action])
        host.add_menu(self.menu)

        self.editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.editor.customContextMenuRequested.connect(self._context_menu)
        self.editor.document().contentsChange.connect(self._contents_changed)
        self._timer = QTimer(self, singleShot=True, interval=REANCHOR_MS)
        self._timer.timeout.connect(self.reanchor)

        p = self.panel
        p.activated.connect(self.select_item)
        p.mark_requested.connect(self.mark_selection)
        p.refresh_requested.connect(self.refresh)
        p.verdict_requested.connect(self.set_verdict)
        p.status_requested.connect(self.set_status)
        p.edit_claim_requested.connect(self.edit_claim)
        p.delete_claim_requested.connect(self.delete_claim)
        p.add_source_requested.connect(self.sources.add_from_selection)
        p.public_requested.connect(self.sources.set_public)
        p.rename_source_requested.connect(self.sources.rename)
        p.merge_source_requested.connect(self.sources.merge)
        p.attach_snapshot_requested.connect(self.sources.choose_snapshot)
        p.view_snapshot_requested.connect(self.sources.view_snapshot)
        # After the event loop turns: the editor, whose palette decides the colours, may get the change after us.
        p.palette_changed.connect(lambda: QTimer.singleShot(0, lambda: self.reanchor(force_panel=True)))
        self.editing.opened.connect(self._opened)
        self.editing.saved.connect(self._saved)
        self.editing.gate_blocked.connect(self._gate_blocked)

    # ------------------------------------------------------------------------------------ loading

    def _opened(self, story: Story | None) -> None:
        self._generation += 1
        self.check, self.anchors, self.gone = None, {}, set()
        self.editor.setExtraSelections([])
        self.checked.emit(None)
        if story is None:
            self.panel.clear()
            return
        self.panel.clear("Reading the fact check…")
        self.load(story.id)

    def _saved(self, story: Story) -> None:
        if story.id == self.editing.story_id:
            self.load(story.id)

    def load(self, story_id: int) -> None:
        """Read the story's fact check (worked out first if needed) and show it."""
        if self.bridge is None:
            return
        generation = self._generation
        self.bridge.read(
            lambda lib: lib.factcheck.overview(story_id),
            lambda check: self._loaded(check, generation),
            lambda exc: self.panel.clear(f"The fact check could not be read: {exc}"),
        )

    def _loaded(self, check: FactCheck, generation: int | None = None) -> None:
        if (generation is not None and generation != self._generation) or check.story_id != self.editing.story_id:
            return
        self.check = check
        self.checked.emit(check)
        anchors: dict[Key, TextAnchor] = {}
        for claim in check.claims:
            if not claim.orphaned:
                anchors[("claim", claim.id)] = claim.anchor
        for finding in check.findings:
            anchors[(finding.kind.value, finding.id)] = finding.anchor
        self.anchors = anchors
        self.gone = set()
        self.reanchor(force_panel=True)

    # ------------------------------------------------------------------------------- following edits

    def _contents_changed(self, position: int, removed: int, added: int) -> None:
        if not self.anchors or (removed == 0 and added == 0):
            return
        # Shift the hints of what lies after the edit; the cursors of the highlights follow by themselves.
        delta = added - removed
        end = position + removed
        for key, a in self.anchors.items():
            if a.start >= end:
                self.anchors[key] = TextAnchor(a.exact, a.prefix, a.suffix, a.start + delta, a.end + delta)
        self._timer.start()

    def reanchor(self, *, force_panel: bool = False) -> None:
        """Find every item again in the editor's text, redraw the highlights, and show claims whose text went."""
        if self.check is None:
            return
        text = self.editor.text()
        gone: set[int] = set()
        for key, anchor in list(self.anchors.items()):
            found = reanchor(anchor, text)
            if found is None:
                if key[0] == "claim":
                    gone.add(key[1])
                continue
            self.anchors[key] = found
        self.gone = gone
        # Findings of deleted text are dropped by the next save; until then they keep their last place.
        self._highlight(text, gone)
        if force_panel or gone != self.panel.gone:
            self.panel.show_check(self.check, gone)

    def live_range(self, key: Key) -> tuple[int, int] | None:
        """Where an item stands in the editor's text now (code points), or None when its text is gone."""
        if key[0] == "claim" and key[1] in self.gone:
            return None
        anchor = self.anchors.get(key)
        return (anchor.start, anchor.end) if anchor is not None else None

    def _highlight(self, text: str, gone: set[int]) -> None:
        assert self.check is not None
        dark = self.editor.palette().color(self.editor.palette().ColorRole.Base).lightness() < 128
        positions = _Positions(text)
        selections = []

        def add(anchor: TextAnchor, color: QColor, *, underline: bool, alpha: int) -> None:
            fmt = QTextCharFormat()
            background = QColor(color)
            background.setAlpha(alpha)
            fmt.setBackground(background)
            if underline:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(color)
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(positions.to_qt(anchor.start))
            cursor.setPosition(positions.to_qt(anchor.end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)

        amber = tone_color("mixed", dark)
        for finding in self.check.findings:
            if finding.kind is FindingKind.ATTRIBUTION and finding.status is not Verification.VERIFIED:
                anchor = self.anchors.get(("attribution", finding.id))
                if anchor is not None:
                    add(anchor, amber, underline=True, alpha=50 if dark else 45)
        for claim in self.check.claims:
            anchor = self.anchors.get(("claim", claim.id))
            if claim.orphaned or claim.id in gone or anchor is None:
                continue
            tone = self.check.scale.tone(claim.verdict)
            add(anchor, tone_color(tone, dark), underline=True, alpha=70 if dark else 55)
        self.editor.setExtraSelections(selections)

    # ------------------------------------------------------------------------------------ selecting

    def select_item(self, kind: str, item_id: int) -> None:
        """Select an item's text in the editor (a source: the first passage that credits it)."""
        if self.check is None:
            return
        key: Key = (kind, item_id)
        if kind == "source":
            first = next((f for f in self.check.findings if f.source_id == item_id), None)
            if first is None:
                self.message("The text does not credit this source (it was added by hand)")
                return
            key = (first.kind.value, first.id)
        span = self.live_range(key)
        if span is None:
            self.message("This claim's text is no longer in the story; it is kept under Orphaned claims")
            return
        positions = _Positions(self.editor.text())
        cursor = self.editor.textCursor()
        cursor.setPosition(positions.to_qt(span[0]))
        cursor.setPosition(positions.to_qt(span[1]), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()

    # ------------------------------------------------------------------------------------ claims

    def _selection(self) -> tuple[TextAnchor, str] | None:
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            return None
        text = self.editor.text()
        positions = _Positions(text)
        start, end = positions.from_qt(cursor.selectionStart()), positions.from_qt(cursor.selectionEnd())
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            return None
        return anchor_at(text, start, end), text[start:end]

    def mark_selection(self) -> ClaimDialog | None:
        """Ask for the claimant, verdict, note and evidence of the selected passage, then mark it as a claim."""
        from curator.gui.dialogs.claim import ClaimDialog

        if self.editing.story_id is None or self.bridge is None:
            return None
        selected = self._selection()
        if selected is None:
            QMessageBox.information(
                self.parent_widget, "Mark Claim", "Select the passage of the story that makes the claim, then mark it."
            )
            return None
        anchor, text = selected
        check = self.check
        scale = check.scale if check is not None else self.host.verdict_scale()
        if scale is None:
            return None
        claimant = self.claimant_near(anchor.start, anchor.end)
        dialog = ClaimDialog(text, scale, check.sources if check else (), claimant=claimant, parent=self.parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.mark(anchor, dialog.value()))
        self.claim_dialog = dialog
        present(dialog)
        return dialog

    def claimant_near(self, start: int, end: int) -> str:
        """Who the passage ``start``–``end`` of the editor's text is attributed to (the attribution in or next to
        it), with the findings where they stand in the text now, unsaved edits included."""
        if self.check is None:
            return ""
        live = []
        for finding in self.check.findings:
            anchor = self.anchors.get((finding.kind.value, finding.id))
            if anchor is None:
                continue
            shift = anchor.start - finding.start
            live.append(
                replace(
                    finding,
                    anchor=anchor,
                    sentence_start=finding.sentence_start + shift,
                    sentence_end=finding.sentence_end + shift,
                )
            )
        return replace(self.check, findings=tuple(live)).claimant_near(start, end)

    def mark(self, anchor: TextAnchor, value: ClaimInput) -> None:
        """Mark the passage ``anchor`` (in the editor's text) as a claim of the saved story.

        Unsaved edits are saved first (through the same serial writer, so the mark sees them).
        """
        story_id = self.editing.story_id
        if story_id is None or self.bridge is None:
            return
        if self.editing.is_dirty():
            self.editing.save()
        author = self.host.author

        def job(lib: Library) -> FactCheck:
            body = lib.stories.get(story_id).body
            found = locate(anchor, body)
            if found is None or not found.exact:
                raise ValidationError("selection", "is not in the saved story; save the story, then mark the claim")
            claim = lib.factcheck.mark_claim(
                story_id,
                found.start,
                found.end,
                expected=body[found.start : found.end],
                claimant=value.claimant,
                verdict=value.verdict,
                note=value.note,
                author=author,
                public_rationale=value.public_rationale,
            )
            for source_id in value.evidence:
                lib.factcheck.add_evidence(claim.id, source_id)
            return lib.factcheck.overview(story_id)

        self._write(job, "Claim marked")

    def set_verdict(self, claim_id: int, verdict: str | None, note: str) -> None:
        author = self.host.author
        self._write(
            lambda lib: lib.factcheck.set_verdict(claim_id, verdict, checked_by=author, note=note),
            "Verdict set" if verdict else "Verdict removed",
        )

    def set_status(self, kind: str, item_id: int, status: str, note: str) -> None:
        author = self.host.author
        if kind == "source":
            self._write(
                lambda lib: lib.factcheck.set_source_status(item_id, status, checked_by=author, note=note),
                f"Source {status}",
            )
        else:
            self._write(
                lambda lib: lib.factcheck.set_finding_status(item_id, status, checked_by=author, note=note),
                f"{kind.capitalize()} {status}",
            )

    def edit_claim(self, claim_id: int) -> ClaimDialog | None:
        from curator.gui.dialogs.claim import ClaimDialog

        if self.check is None:
            return None
        claim = next((c for c in self.check.claims if c.id == claim_id), None)
        if claim is None:
            return None
        dialog = ClaimDialog(claim.text, self.check.scale, self.check.sources, claim=claim, parent=self.parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        author = self.host.author
        linked = {e.source_id for e in claim.evidence}

        def save() -> None:
            value = dialog.value()

            def job(lib: Library) -> None:
                lib.factcheck.update_claim(
                    claim_id, claimant=value.claimant, note=value.note, public_rationale=value.public_rationale
                )
                if value.verdict != claim.verdict:
                    lib.factcheck.set_verdict(claim_id, value.verdict, checked_by=author)
                for source_id in set(value.evidence) - linked:
                    lib.factcheck.add_evidence(claim_id, source_id)
                for source_id in linked - set(value.evidence):
                    lib.factcheck.remove_evidence(claim_id, source_id)

            self._write(job, "Claim saved")

        dialog.accepted.connect(save)
        self.claim_dialog = dialog
        present(dialog)
        return dialog

    def delete_claim(self, claim_id: int, *, confirm: bool = True) -> None:
        if confirm:
            answer = QMessageBox.question(
                self.parent_widget, "Delete claim", "Delete this claim with its verdict, note and evidence?"
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._write(lambda lib: lib.factcheck.delete_claim(claim_id), "Claim deleted")

    def refresh(self) -> None:
        story_id = self.editing.story_id
        if story_id is not None:
            self._write(lambda lib: lib.factcheck.refresh(story_id), "Findings worked out again from the saved text")

    def _write(self, fn: Any, message: str) -> None:
        """One fact-check write through the serial writer, then the story's fact check read again."""
        story_id = self.editing.story_id
        if story_id is None or self.bridge is None:
            return
        generation = self._generation

        def job(lib: Library) -> FactCheck:
            result = fn(lib)
            return result if isinstance(result, FactCheck) else lib.factcheck.overview(story_id)

        def done(check: FactCheck) -> None:
            self.message(message)
            self._loaded(check, generation)

        self.bridge.write(job, done, self.bridge.error.emit)

    def _context_menu(self, position: QPoint) -> None:
        menu = self.editor.build_context_menu(position)
        menu.addSeparator()
        menu.addActions([self.mark_action, self.add_source_action])
        selected = self.editor.textCursor().hasSelection()
        self.mark_action.setEnabled(selected)
        self.add_source_action.setEnabled(selected)
        menu.exec(self.editor.mapToGlobal(position))
        self.mark_action.setEnabled(True)
        self.add_source_action.setEnabled(True)
        menu.deleteLater()

    # ------------------------------------------------------------------------------------ status gate

    def _gate_blocked(self, error: StatusGateError) -> None:
        from curator.gui.dialogs.status_gate import ask_override, open_gate_dialog

        if error.blocks[0].story_id != self.editing.story_id:
            QMessageBox.warning(self.parent_widget, "Not saved", str(error))
            return

        if open_gate_dialog(self.parent_widget) is not None:
            return  # the status was asked about when it was chosen; that dialog answers for this save too
        if self.editing.current_fields().status is not error.blocks[0].status:
            return  # the move was asked about when chosen, and cancelled: nothing more to ask

        def cancelled() -> None:
            self.editing.keep_saved_status()
            self.message("Not moved: the status is as it was, and your edits are kept")

        self.gate_dialog = ask_override(
            self.parent_widget, error, self.bridge, self.editing.save_with_override, on_cancel=cancelled
        )

    # ------------------------------------------------------------------------------------ report

    def choose_and_export_report(self) -> None:
        story = self.editing.story
        if story is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self.parent_widget, "Export Fact-check Report", f"{story.slug}-factcheck.html", "HTML files (*.html)"
        )
        if path:
            self.export_report(Path(path))

    def export_report(self, path: Path) -> None:
        """Write the open story's fact-check report (saved state) to ``path``, off the UI thread."""
        story_id = self.editing.story_id
        if story_id is None or self.bridge is None:
            return

        def job(lib: Library) -> Path:
            from curator.render.factcheck_report import render_factcheck_report

            html = render_factcheck_report(lib.stories.get(story_id), lib.factcheck.overview(story_id))
            return write_text_atomic(path, html)

        self.bridge.read(job, lambda out: self.message(f"Fact-check report written to {out}"), self.bridge.error.emit)


def install_factcheck(host: PanelHost) -> FactCheckController:
    """Dock the fact-check panel (through ``host``) and add its menu, shortcuts and editor highlights."""
    return FactCheckController(host)
