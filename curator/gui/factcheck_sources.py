"""The fact-check panel's work on sources: adding an attribution the detector missed from the editor's selection,
listing a source on the public page, renaming, merging two names of one body, and keeping a snapshot as evidence
(attached from a file, shown in the offline viewer). Every change goes through the controller's serial writer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from curator.domain.errors import ValidationError
from curator.domain.factcheck import FactCheck, Source, SourceKind
from curator.factcheck.anchors import TextAnchor, locate
from curator.factcheck.snapshots import ATTACHABLE
from curator.gui.dialogs import present

if TYPE_CHECKING:
    from curator.gui.dialogs.snapshot_viewer import SnapshotViewer
    from curator.gui.factcheck_controller import FactCheckController
    from curator.services.library import Library


class AddSourceDialog(QDialog):
    """Which source the selected words credit: a new one (named by the selection at first) or one of the story's."""

    def __init__(self, text: str, sources: tuple[Source, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addSourceDialog")
        self.setWindowTitle("Add Source")
        self.resize(480, 200)
        layout = QVBoxLayout(self)
        passage = QLabel(f"“{' '.join(text.split())}”")
        passage.setWordWrap(True)
        passage.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(passage)
        form = QFormLayout()
        self.name = QComboBox()
        self.name.setObjectName("sourceName")
        self.name.setEditable(True)
        self.name.addItems([s.name for s in sources])
        self.name.setCurrentText(" ".join(text.split())[:120])
        line = self.name.lineEdit()
        if line is not None:
            line.selectAll()
        form.addRow("&Credits:", self.name)
        self.kind = QComboBox()
        for kind in SourceKind:
            self.kind.addItem(kind.label, kind.value)
        form.addRow("&Kind:", self.kind)
        layout.addLayout(form)
        hint = QLabel("An existing source of the story is reused when the name matches one of its names.")
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add Source")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.name.setFocus()

    def value(self) -> tuple[str, str]:
        return self.name.currentText().strip(), self.kind.currentData()


class SourceActions:
    def __init__(self, controller: FactCheckController) -> None:
        self.c = controller
        self.dialog: QDialog | None = None
        self.viewer: SnapshotViewer | None = None

    @property
    def check(self) -> FactCheck | None:
        return self.c.check

    def _source(self, source_id: int) -> Source | None:
        return self.check.source(source_id) if self.check is not None else None

    # ------------------------------------------------------------------------------- from the selection

    def add_from_selection(self) -> AddSourceDialog | None:
        """Ask which source the selected words credit, then add them as an attribution of the saved story."""
        c = self.c
        if c.editing.story_id is None or c.bridge is None:
            return None
        selected = c._selection()
        if selected is None:
            QMessageBox.information(
                c.parent_widget,
                "Add Source",
                "Select the words that credit the source (“the Atameken chamber warns”), then add it.",
            )
            return None
        anchor, text = selected
        dialog = AddSourceDialog(text, self.check.sources if self.check else (), parent=c.parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.add(anchor, *dialog.value()))
        self.dialog = dialog
        present(dialog)
        return dialog

    def add(self, anchor: TextAnchor, name: str, kind: str) -> None:
        """Add the passage ``anchor`` (in the editor's text) as an attribution crediting ``name``; unsaved edits
        are saved first."""
        c = self.c
        story_id = c.editing.story_id
        if story_id is None:
            return
        if c.editing.is_dirty():
            c.editing.save()
        author = c.host.author

        def job(lib: Library) -> FactCheck:
            body = lib.stories.get(story_id).body
            found = locate(anchor, body)
            if found is None or not found.exact:
                raise ValidationError("selection", "is not in the saved story; save the story, then add the source")
            lib.factcheck.add_mention(
                story_id,
                found.start,
                found.end,
                expected=body[found.start : found.end],
                source=name or None,
                kind=kind,
                author=author,
            )
            return lib.factcheck.overview(story_id)

        c._write(job, f"Source added: {name}")

    # ----------------------------------------------------------------------------------------- a source

    def set_public(self, source_id: int, public: bool) -> None:
        self.c._write(
            lambda lib: lib.factcheck.update_source(source_id, public=public),
            "Listed on the public page" if public else "Taken off the public page",
        )

    def rename(self, source_id: int) -> None:
        source = self._source(source_id)
        if source is None:
            return
        name, ok = QInputDialog.getText(
            self.c.parent_widget,
            "Rename Source",
            f"New name for “{source.name}” (its mentions keep crediting it):",
            QLineEdit.EchoMode.Normal,
            source.name,
        )
        if ok and name.strip() and name.strip() != source.name:
            self.c._write(lambda lib: lib.factcheck.update_source(source_id, name=name), f"Renamed to {name.strip()}")

    def merge(self, source_id: int) -> None:
        source = self._source(source_id)
        if source is None or self.check is None:
            return
        others = [s for s in self.check.sources if s.id != source_id]
        if not others:
            QMessageBox.information(self.c.parent_widget, "Merge Sources", "The story has no other source.")
            return
        labels = [f"{s.name} ({s.kind.label.lower()})" for s in others]
        choice, ok = QInputDialog.getItem(
            self.c.parent_widget,
            "Merge Sources",
            f"“{source.name}” is the same body as:",
            labels,
            0,
            False,
        )
        if ok and choice in labels:
            self.merge_into(source_id, others[labels.index(choice)].id)

    def merge_into(self, source_id: int, into: int) -> None:
        self.c._write(lambda lib: lib.factcheck.merge_sources([source_id], into=into), "Sources merged")

    # ---------------------------------------------------------------------------------------- snapshots

    def choose_snapshot(self, source_id: int) -> None:
        source = self._source(source_id)
        if source is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self.c.parent_widget,
            f"Attach a Snapshot of {source.name}",
            "",
            f"Saved pages, archives, PDFs, images ({ATTACHABLE});;All files (*)",
        )
        if path:
            self.attach(source_id, Path(path))

    def attach(self, source_id: int, path: Path) -> None:
        """Keep the file at ``path`` in the library as the source's snapshot (read off the UI thread)."""
        self.c._write(
            lambda lib: lib.factcheck.attach_snapshot(source_id, path=path), f"Snapshot kept: {Path(path).name}"
        )

    def view_snapshot(self, source_id: int) -> None:
        """Open the source's snapshot in the offline viewer (its bytes checked against the SHA-256 first)."""
        c = self.c
        if c.bridge is None:
            return

        def job(lib: Library) -> tuple[Source, bytes]:
            return lib.factcheck.source(source_id), lib.factcheck.snapshot_data(source_id)

        c.bridge.read(job, lambda found: self._show(*found), c.bridge.error.emit)

    def _show(self, source: Source, data: bytes) -> None:
        from curator.gui.dialogs.snapshot_viewer import SnapshotViewer

        viewer = SnapshotViewer(source, data, parent=self.c.parent_widget)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer = viewer
        viewer.destroyed.connect(lambda: setattr(self, "viewer", None))
        present(viewer)
