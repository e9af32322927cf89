"""Dialogs for import and export: progress with cancel, export options, and a summary of per-file problems."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from curator.gui.tasks import Task


class TaskProgressDialog(QDialog):
    """Follows a background task: what it is doing, how far it got, and a Cancel button."""

    def __init__(self, title: str, task: Task, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskProgress")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(460)
        self.task = task
        self.label = QLabel(f"{title}…")
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addLayout(row)
        task.signals.progress.connect(self._progress)
        for signal in (task.signals.finished, task.signals.failed, task.signals.cancelled):
            signal.connect(lambda _x: self.accept())

    def _progress(self, done: int, total: int, item: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        name = Path(item).name if item else ""
        self.label.setText(f"{self.windowTitle()}: {done:,} of {total:,}" + (f" — {name}" if name else ""))

    def cancel(self) -> None:
        self.task.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText("Cancelling…")

    def reject(self) -> None:  # Esc or the close button cancel too
        self.cancel()


class SummaryDialog(QDialog):
    """What a finished (or cancelled) import or export did, with every file that had a problem."""

    def __init__(self, title: str, summary: str, problems: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transferSummary")
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.summary = summary
        self.problems = problems
        label = QLabel(summary)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        if problems:
            layout.addWidget(QLabel(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}:"))
            details = QPlainTextEdit("\n".join(problems))
            details.setReadOnly(True)
            details.setObjectName("problemList")
            layout.addWidget(details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


class ExportDialog(QDialog):
    """Options for exporting several stories: which ones, in what form, and where."""

    chosen = Signal(str, str, Path)  # format: "site" | "markdown"; which: "selection" | "list" | "all"; folder

    def __init__(self, selected: int, list_query: str, parent: QWidget | None = None, *, folder: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export stories")
        self.setMinimumWidth(520)
        self.site = QRadioButton("Static website (HTML pages, index, tags, feed)")
        self.markdown = QRadioButton("Folder of Markdown files (with front matter)")
        self.site.setChecked(True)
        formats = QButtonGroup(self)
        formats.addButton(self.site)
        formats.addButton(self.markdown)
        self.selection = QRadioButton(f"The {selected:,} selected stor{'y' if selected == 1 else 'ies'}")
        self.selection.setEnabled(selected > 0)
        shown = f"“{list_query}”" if list_query else "all stories"
        self.listed = QRadioButton(f"Every story the list shows ({shown})")
        self.everything = QRadioButton("The whole library")
        (self.selection if selected > 1 else self.listed).setChecked(True)
        which = QButtonGroup(self)
        for b in (self.selection, self.listed, self.everything):
            which.addButton(b)
        self.folder = QLineEdit(folder)
        self.folder.setPlaceholderText("Choose an output folder")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Export as", self.site)
        form.addRow("", self.markdown)
        form.addRow("Stories", self.selection)
        form.addRow("", self.listed)
        form.addRow("", self.everything)
        form.addRow("Into", folder_row)
        note = QLabel("An existing export in that folder is replaced only when the new one is complete.")
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.folder.textChanged.connect(self._validate)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._validate()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export into", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _validate(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.folder.text().strip()))

    def _accept(self) -> None:
        fmt = "site" if self.site.isChecked() else "markdown"
        which = "selection" if self.selection.isChecked() else ("list" if self.listed.isChecked() else "all")
        self.chosen.emit(fmt, which, Path(self.folder.text().strip()).expanduser())
        self.accept()
