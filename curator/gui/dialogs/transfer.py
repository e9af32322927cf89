"""Dialogs for import and export: progress with cancel, export options, and a summary of per-file problems."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
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


@dataclass(frozen=True)
class SummaryAction:
    """A button on a summary: what it says and what it opens."""

    text: str
    run: Callable[[], object]
    name: str = ""


class SummaryDialog(QDialog):
    """What a finished (or cancelled) import or export did, with every file that had a problem, and buttons to
    go on from there (open the imported story, the exported folder, the site in a browser); for files whose
    encoding could not be told, a choice of encoding with a preview, to import them again (``encoding_chosen``)."""

    encoding_chosen = Signal(str)

    def __init__(
        self,
        title: str,
        summary: str,
        problems: list[str],
        parent: QWidget | None = None,
        *,
        actions: Sequence[SummaryAction] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("transferSummary")
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.summary = summary
        self.problems = problems
        label = QLabel(summary)
        label.setObjectName("summaryText")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        if problems:
            layout.addWidget(QLabel(self.tr("%n problem(s):", "", len(problems))))
            details = QPlainTextEdit("\n".join(problems))
            details.setReadOnly(True)
            details.setObjectName("problemList")
            details.setAccessibleName(self.tr("Problems"))
            layout.addWidget(details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.action_buttons: dict[str, QPushButton] = {}
        for action in actions:
            button = buttons.addButton(action.text, QDialogButtonBox.ButtonRole.ActionRole)
            button.setObjectName(action.name)
            button.clicked.connect(lambda _c=False, act=action: self._run(act))
            self.action_buttons[action.name] = button
        if actions:
            first = next(iter(self.action_buttons.values()))
            first.setDefault(True)
        buttons.rejected.connect(self.accept)
        self._buttons = buttons
        layout.addWidget(buttons)
        self.encoding_box: QComboBox | None = None
        self.encoding_preview: QPlainTextEdit | None = None
        self.encoding_button: QPushButton | None = None

    def offer_encodings(self, files: int, sample: str, previews: dict[str, str]) -> None:
        """Offer to import again the ``files`` whose encoding could not be told, in an encoding chosen from
        ``previews`` ({encoding: first lines of ``sample`` read so}, the most likely first)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        what = "this file" if files == 1 else f"these {files} files"
        intro = QLabel(
            f"{files} {'file is' if files == 1 else 'files are'} in an older encoding that cannot be told for sure. "
            f"If you know which it is, import {what} again in it. The first lines of {sample}, read in it:"
        )
        intro.setWordWrap(True)
        box = QComboBox()
        box.setObjectName("importEncoding")
        for encoding in previews:
            box.addItem(encoding, encoding)
        preview = QPlainTextEdit()
        preview.setObjectName("encodingPreview")
        preview.setReadOnly(True)
        preview.setMaximumHeight(preview.fontMetrics().lineSpacing() * 5 + 12)
        button = QPushButton()
        button.setObjectName("importAsEncoding")

        def show(_index: int = 0) -> None:
            encoding = box.currentData()
            text = previews.get(encoding, "")
            preview.setPlainText(text or f"(the file cannot be read as {encoding})")
            button.setText(f"Import {what} as {encoding}")
            button.setEnabled(bool(text))

        box.currentIndexChanged.connect(show)
        def choose() -> None:
            self.encoding_chosen.emit(box.currentData())
            self.accept()

        button.clicked.connect(choose)
        row = QHBoxLayout()
        row.addWidget(QLabel("Encoding:"))
        row.addWidget(box, 1)
        row.addWidget(button)
        at = layout.indexOf(self._buttons)
        layout.insertWidget(at, intro)
        layout.insertLayout(at + 1, row)
        layout.insertWidget(at + 2, preview)
        self.encoding_box, self.encoding_preview, self.encoding_button = box, preview, button
        show()

    def _run(self, action: SummaryAction) -> None:
        action.run()
        self.accept()


@dataclass(frozen=True)
class ExportChoices:
    """Everything the export dialog asks, kept whole so that an error never costs the user a choice."""

    fmt: str = "site"  # "site" | "markdown"
    which: str = "list"  # "selection" | "list" | "all"
    query: str = ""
    folder: str = ""
    title: str = ""
    site_url: str = ""
    flavour: str = "yaml"  # Markdown front matter: "yaml" | "pelican"
    published_only: bool = False

    def export_query(self) -> str:
        query = self.query if self.which == "list" else ""
        return f"{query} status:published".strip() if self.published_only else query


class ExportDialog(QDialog):
    """Exporting several stories: in what form, which ones, what the site is called and where it goes.

    The folder is checked before anything starts; a problem is shown in the dialog, which stays open with
    every choice as it was.
    """

    chosen = Signal(object)  # ExportChoices

    def __init__(
        self,
        selected: int,
        choices: ExportChoices,
        parent: QWidget | None = None,
        *,
        check_folder: Callable[[Path, str], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export Stories"))
        self.setMinimumWidth(560)
        self._check_folder = check_folder
        self.site = QRadioButton(self.tr("&Website (HTML pages, index, tags, feed)"))
        self.markdown = QRadioButton(self.tr("Folder of &Markdown files (with front matter)"))
        formats = QButtonGroup(self)
        formats.addButton(self.site)
        formats.addButton(self.markdown)
        self.title = QLineEdit(choices.title)
        self.title.setObjectName("siteTitle")
        self.title.setPlaceholderText(self.tr("The site's name, e.g. Steppe Herald"))
        self.site_url = QLineEdit(choices.site_url)
        self.site_url.setObjectName("siteAddress")
        self.site_url.setPlaceholderText("https://news.example.org")
        self.site_url.setToolTip(self.tr("Where the site will be published (optional): makes the feed's links whole"))
        self.flavour = QComboBox()
        self.flavour.setObjectName("markdownFlavour")
        self.flavour.addItem(self.tr("YAML front matter (Hugo, Jekyll, Curator)"), "yaml")
        self.flavour.addItem(self.tr("Pelican metadata lines"), "pelican")
        self.flavour.setCurrentIndex(max(0, self.flavour.findData(choices.flavour)))

        self.selection = QRadioButton(self.tr("The %n selected stories", "", selected))
        self.selection.setEnabled(selected > 0)
        self.listed = QRadioButton(self.tr("Stories matching"))
        self.query = QLineEdit(choices.query)
        self.query.setObjectName("exportQuery")
        self.query.setPlaceholderText(self.tr("a search, e.g. tag:diplomacy after:2026-01 (empty: all)"))
        self.everything = QRadioButton(self.tr("The whole library"))
        which = QButtonGroup(self)
        for b in (self.selection, self.listed, self.everything):
            which.addButton(b)
        self.published_only = QCheckBox(self.tr("Only &published stories"))
        self.published_only.setChecked(choices.published_only)

        self.folder = QLineEdit(choices.folder)
        self.folder.setObjectName("exportFolder")
        self.folder.setPlaceholderText(self.tr("Choose an output folder"))
        browse = QPushButton(self.tr("C&hoose…"))
        browse.clicked.connect(self._browse)
        self.error = QLabel()
        self.error.setObjectName("exportError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()

        query_row = QHBoxLayout()
        query_row.addWidget(self.listed)
        query_row.addWidget(self.query, 1)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Export as"), self.site)
        form.addRow("", self.markdown)
        self._title_label = QLabel(self.tr("Site &title"))
        self._title_label.setBuddy(self.title)
        self._url_label = QLabel(self.tr("Site &address"))
        self._url_label.setBuddy(self.site_url)
        self._flavour_label = QLabel(self.tr("Front &matter"))
        self._flavour_label.setBuddy(self.flavour)
        form.addRow(self._title_label, self.title)
        form.addRow(self._url_label, self.site_url)
        form.addRow(self._flavour_label, self.flavour)
        form.addRow(self.tr("Stories"), self.selection)
        form.addRow("", query_row)
        form.addRow("", self.everything)
        form.addRow(self.tr("Include"), self.published_only)
        folder_label = QLabel(self.tr("&Into folder"))
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        note = QLabel(self.tr("An earlier export in that folder is replaced only when the new one is complete."))
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(self.tr("Export"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.folder.textChanged.connect(self._validate)
        self.site_url.textChanged.connect(self._validate)
        self.query.textEdited.connect(lambda _t: self.listed.setChecked(True))
        self.site.toggled.connect(self._format_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        (self.site if choices.fmt == "site" else self.markdown).setChecked(True)
        {"selection": self.selection, "all": self.everything}.get(choices.which, self.listed).setChecked(True)
        if choices.which == "selection" and not selected:
            self.listed.setChecked(True)
        self._format_changed()
        self._validate()

    def _format_changed(self) -> None:
        site = self.site.isChecked()
        for w in (self.title, self.site_url, self._title_label, self._url_label):
            w.setVisible(site)
        self.flavour.setVisible(not site)
        self._flavour_label.setVisible(not site)
        self.show_error(None)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export into"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def _validate(self) -> None:
        url = self.site_url.text().strip()
        url_ok = not url or not self.site.isChecked() or url.startswith(("http://", "https://"))
        self.export_button.setEnabled(bool(self.folder.text().strip()) and url_ok)
        if not url_ok:
            self.show_error(self.tr("The site address must start with http:// or https://"))
        elif self.error.text().startswith(("The site address", self.tr("The site address"))):
            self.show_error(None)

    def choices(self) -> ExportChoices:
        which = "selection" if self.selection.isChecked() else ("list" if self.listed.isChecked() else "all")
        return ExportChoices(
            fmt="site" if self.site.isChecked() else "markdown",
            which=which,
            query=self.query.text().strip(),
            folder=self.folder.text().strip(),
            title=self.title.text().strip(),
            site_url=self.site_url.text().strip(),
            flavour=str(self.flavour.currentData()),
            published_only=self.published_only.isChecked(),
        )

    def _accept(self) -> None:
        choices = self.choices()
        if self._check_folder is not None:
            problem = self._check_folder(Path(choices.folder).expanduser(), choices.fmt)
            if problem:
                self.show_error(problem)
                self.folder.setFocus()
                return  # the dialog stays, with every choice as it was
        self.chosen.emit(choices)
        self.accept()
