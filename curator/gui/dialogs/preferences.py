"""Preferences: who you are, your newsroom, the editor, the verdict scale and export defaults.

Domain settings go to ``settings.toml`` (the file the command line reads, updated keeping its comments); the
app's own choices (theme, editor font, autosave, language) go to the UI settings. The dialog is a list of
sections, each a :class:`PreferencesSection`; a feature adds its own with ``PanelHost.add_preferences_section``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.core.errors import CuratorError
from curator.core.settings_file import read_settings, update_settings

Changes = dict[str, dict[str, Any]]

LANGUAGE_CHOICES = (("", "System language"), ("en", "English"), ("ru", "Русский"), ("kk", "Қазақша"))


class PreferencesSection(QWidget):
    """One page of the dialog. ``load`` gets settings.toml as data and the UI settings; ``changes`` returns the
    settings.toml tables to update (key → value, None removes); ``apply_ui`` stores app-only choices. A problem
    is raised as :class:`CuratorError` from ``changes`` and shown, with the dialog left open."""

    title = ""

    def load(self, data: Mapping[str, Any], ui: Any) -> None:  # pragma: no cover - overridden
        pass

    def changes(self) -> Changes:
        return {}

    def apply_ui(self, ui: Any) -> None:
        pass


def _form(widget: QWidget) -> QFormLayout:
    form = QFormLayout(widget)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    return form


def _text(table: Any, key: str) -> str:
    value = table.get(key, "") if isinstance(table, Mapping) else ""
    return value if isinstance(value, str) else ""


class ProfileSection(PreferencesSection):
    def __init__(self) -> None:
        super().__init__()
        self.title = self.tr("Profile")
        self.name = QLineEdit(objectName="profileName", placeholderText=self.tr("Your name, as bylines show it"))
        self.initials = QLineEdit(objectName="profileInitials", maxLength=6)
        self.role = QComboBox(objectName="profileRole")
        for key, label in (("", self.tr("(not set)")), ("writer", self.tr("Writer")), ("editor", self.tr("Editor"))):
            self.role.addItem(label, key)
        self.role.addItem(self.tr("Fact-checker"), "checker")
        form = _form(self)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Initials"), self.initials)
        form.addRow(self.tr("&Role"), self.role)

    def load(self, data: Mapping[str, Any], ui: Any) -> None:
        table = data.get("profile", {})
        self.name.setText(_text(table, "name"))
        self.initials.setText(_text(table, "initials"))
        self.role.setCurrentIndex(max(0, self.role.findData(_text(table, "role"))))

    def changes(self) -> Changes:
        return {
            "profile": {
                "name": self.name.text().strip() or None,
                "initials": self.initials.text().strip() or None,
                "role": self.role.currentData() or None,
            }
        }


class NewsroomSection(PreferencesSection):
    def __init__(self) -> None:
        super().__init__()
        self.title = self.tr("Newsroom")
        self.name = QLineEdit(objectName="newsroomName", placeholderText=self.tr("e.g. Steppe Herald"))
        self.url = QLineEdit(objectName="newsroomUrl", placeholderText="https://news.example.org")
        self.logo = QLineEdit(objectName="newsroomLogo", placeholderText=self.tr("An image file or address"))
        form = _form(self)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Web address"), self.url)
        form.addRow(self.tr("&Logo"), self.logo)

    def load(self, data: Mapping[str, Any], ui: Any) -> None:
        table = data.get("newsroom", {})
        self.name.setText(_text(table, "name"))
        self.url.setText(_text(table, "url"))
        self.logo.setText(_text(table, "logo"))

    def changes(self) -> Changes:
        url = self.url.text().strip()
        if url and not url.startswith(("http://", "https://")):
            raise CuratorError(self.tr("Newsroom: the web address must start with http:// or https://"))
        return {
            "newsroom": {
                "name": self.name.text().strip() or None,
                "url": url or None,
                "logo": self.logo.text().strip() or None,
            }
        }


class EditorSection(PreferencesSection):
    def __init__(self) -> None:
        super().__init__()
        self.title = self.tr("Editor")
        self.font_family = QFontComboBox(objectName="editorFont")
        self.font_size = QSpinBox(objectName="editorFontSize", minimum=7, maximum=40, suffix=" pt")
        self.theme = QComboBox(objectName="theme")
        for key, label in (
            ("system", self.tr("As the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(label, key)
        self.autosave = QSpinBox(objectName="autosaveSeconds", minimum=1, maximum=120, suffix=" s")
        self.autosave.setToolTip(self.tr("How often unsaved text is kept for recovery after a crash"))
        self.language = QComboBox(objectName="uiLanguage")
        for key, label in LANGUAGE_CHOICES:
            self.language.addItem(self.tr(label) if not key else label, key)
        self.language.setToolTip(self.tr("The language of the menus and dialogs (takes effect on the next start)"))
        form = _form(self)
        form.addRow(self.tr("&Font"), self.font_family)
        form.addRow(self.tr("Font &size"), self.font_size)
        form.addRow(self.tr("&Theme"), self.theme)
        form.addRow(self.tr("Keep unsaved text &every"), self.autosave)
        form.addRow(self.tr("&Language"), self.language)

    def load(self, data: Mapping[str, Any], ui: Any) -> None:
        family = ui.value("editor/font_family", "", str)
        if family:
            self.font_family.setCurrentFont(QFont(family))
        self.font_size.setValue(ui.value("editor/font_size", 11, int))
        self.theme.setCurrentIndex(max(0, self.theme.findData(ui.theme)))
        self.autosave.setValue(max(1, round(ui.autosave_ms / 1000)))
        self.language.setCurrentIndex(max(0, self.language.findData(ui.value("view/language", "", str))))

    def apply_ui(self, ui: Any) -> None:
        ui.set("editor/font_family", self.font_family.currentFont().family())
        ui.set("editor/font_size", self.font_size.value())
        ui.set("view/theme", self.theme.currentData())
        ui.set("editor/autosave_ms", self.autosave.value() * 1000)
        ui.set("view/language", self.language.currentData())


class VerdictSection(PreferencesSection):
    """The verdict scale, best first: a label each and, where it has one, its place on ClaimReview's scale."""

    def __init__(self) -> None:
        super().__init__()
        self.title = self.tr("Verdicts")
        self.table = QTableWidget(0, 2, objectName="verdictTable")
        self.table.setHorizontalHeaderLabels([self.tr("Verdict"), self.tr("Rating (1–5, optional)")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 220)
        self.table.setAccessibleName(self.tr("Verdict scale"))
        add = QPushButton(self.tr("&Add"), objectName="verdictAdd")
        remove = QPushButton(self.tr("&Remove"), objectName="verdictRemove")
        up = QPushButton(self.tr("Move &Up"), objectName="verdictUp")
        down = QPushButton(self.tr("Move &Down"), objectName="verdictDown")
        add.clicked.connect(lambda: self.add_row("", None))
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        self.check_quotes = QCheckBox(self.tr("Unverified &quotations count as open items"), objectName="checkQuotes")
        buttons = QHBoxLayout()
        for b in (add, remove, up, down):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Best first. Claims keep the verdicts they were given.")))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.check_quotes)

    def add_row(self, label: str, rating: int | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(label))
        self.table.setItem(row, 1, QTableWidgetItem("" if rating is None else str(rating)))
        self.table.setCurrentCell(row, 0)

    def _move(self, step: int) -> None:
        row = self.table.currentRow()
        other = row + step
        if row < 0 or not 0 <= other < self.table.rowCount():
            return
        for column in range(2):
            a, b = self.table.takeItem(row, column), self.table.takeItem(other, column)
            self.table.setItem(row, column, b)
            self.table.setItem(other, column, a)
        self.table.setCurrentCell(other, 0)

    def load(self, data: Mapping[str, Any], ui: Any) -> None:
        from curator.factcheck.settings import FactCheckSettings

        try:
            settings = FactCheckSettings.from_mapping(data.get("factcheck", {}))
        except CuratorError:
            settings = FactCheckSettings()
        self.table.setRowCount(0)
        for verdict in settings.scale.verdicts:
            self.add_row(verdict.label, verdict.rating)
        self.check_quotes.setChecked(settings.check_quotes)

    def rows(self) -> list[tuple[str, int | None]]:
        out = []
        for row in range(self.table.rowCount()):
            label = (self.table.item(row, 0) or QTableWidgetItem()).text().strip()
            rating_text = (self.table.item(row, 1) or QTableWidgetItem()).text().strip()
            if not label and not rating_text:
                continue
            if not label:
                raise CuratorError(self.tr("Verdicts: row %1 needs a label").replace("%1", str(row + 1)))
            if rating_text and not rating_text.isdigit():
                raise CuratorError(self.tr("Verdicts: the rating of “%1” must be a whole number").replace("%1", label))
            out.append((label, int(rating_text) if rating_text else None))
        if not out:
            raise CuratorError(self.tr("Verdicts: the scale needs at least one verdict"))
        return out

    def changes(self) -> Changes:
        from curator.factcheck.settings import scale_of

        rows = self.rows()
        try:
            scale_of(rows)
        except ValueError as exc:
            raise CuratorError(self.tr("Verdicts: %1").replace("%1", str(exc))) from None
        verdicts = [{"label": label, "rating": rating} if rating is not None else label for label, rating in rows]
        return {"factcheck": {"verdicts": verdicts, "check_quotes": self.check_quotes.isChecked()}}


class ExportSection(PreferencesSection):
    def __init__(self) -> None:
        super().__init__()
        self.title = self.tr("Export")
        self.site_title = QLineEdit(objectName="exportSiteTitle", placeholderText=self.tr("The site's name"))
        self.site_url = QLineEdit(objectName="exportSiteUrl", placeholderText="https://news.example.org")
        self.flavour = QComboBox(objectName="exportFlavour")
        self.flavour.addItem(self.tr("YAML front matter (Hugo, Jekyll, Curator)"), "yaml")
        self.flavour.addItem(self.tr("Pelican metadata lines"), "pelican")
        form = _form(self)
        form.addRow(self.tr("Site &title"), self.site_title)
        form.addRow(self.tr("Site &address"), self.site_url)
        form.addRow(self.tr("&Markdown for"), self.flavour)

    def load(self, data: Mapping[str, Any], ui: Any) -> None:
        table = data.get("export", {})
        self.site_title.setText(_text(table, "title"))
        self.site_url.setText(_text(table, "site_url"))
        self.flavour.setCurrentIndex(max(0, self.flavour.findData(_text(table, "markdown_flavour") or "yaml")))

    def changes(self) -> Changes:
        url = self.site_url.text().strip()
        if url and not url.startswith(("http://", "https://")):
            raise CuratorError(self.tr("Export: the site address must start with http:// or https://"))
        return {
            "export": {
                "title": self.site_title.text().strip() or None,
                "site_url": url or None,
                "markdown_flavour": None if self.flavour.currentData() == "yaml" else self.flavour.currentData(),
            }
        }


DEFAULT_SECTIONS: tuple[Callable[[], PreferencesSection], ...] = (
    ProfileSection,
    NewsroomSection,
    EditorSection,
    VerdictSection,
    ExportSection,
)


class PreferencesDialog(QDialog):
    """The sections in a list on the left, the chosen one on the right; OK writes them all or none."""

    applied = Signal()

    def __init__(
        self,
        config_dir: Path,
        ui: Any,
        parent: QWidget | None = None,
        *,
        extra_sections: Sequence[Callable[[], PreferencesSection]] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.setMinimumSize(640, 420)
        self.config_dir = config_dir
        self.ui = ui
        self.sections: list[PreferencesSection] = [make() for make in (*DEFAULT_SECTIONS, *extra_sections)]
        self.pages = QListWidget(objectName="preferencesPages")
        self.pages.setAccessibleName(self.tr("Preference sections"))
        self.pages.setMaximumWidth(180)
        self.stack = QStackedWidget()
        for section in self.sections:
            self.pages.addItem(section.title)
            self.stack.addWidget(section)
        self.pages.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.pages.setCurrentRow(0)
        self.error = QLabel(objectName="preferencesError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        note = QLabel(self.tr("Saved in %1, which the command line reads too.").replace("%1", str(self.path)))
        note.setWordWrap(True)
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.pages)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(note)
        layout.addWidget(buttons)
        try:
            data = read_settings(config_dir)
        except CuratorError as exc:
            data = {}
            self.show_error(str(exc))
        for section in self.sections:
            section.load(data, ui)

    @property
    def path(self) -> Path:
        from curator.core.settings_file import SETTINGS_FILENAME

        return self.config_dir / SETTINGS_FILENAME

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def apply(self) -> bool:
        """Write every section's settings, or, on a problem, none of them (the dialog stays open)."""
        changes: Changes = {}
        try:
            for index, section in enumerate(self.sections):
                try:
                    for table, values in section.changes().items():
                        changes.setdefault(table, {}).update(values)
                except CuratorError:
                    self.pages.setCurrentRow(index)
                    raise
            update_settings(self.config_dir, changes)
        except CuratorError as exc:
            self.show_error(str(exc))
            return False
        for section in self.sections:
            section.apply_ui(self.ui)
        self.ui.sync()
        self.applied.emit()
        self.accept()
        return True
