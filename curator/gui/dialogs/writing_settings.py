"""Preferences for the writing aids: the house-style profile, what holds a story back from Ready and Published,
the banned and discouraged words per language, and extra Hunspell dictionaries. Stored under ``[writing]`` in
settings.toml (the command line reads the same file)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator.core.errors import CuratorError
from curator.writing.dictionaries import check_pair
from curator.writing.findings import Category
from curator.writing.settings import WritingSettings

_BOOLS = (
    ("require_byline", "Require a byline"),
    ("require_photo_credit", "Require a photo credit when there is a photo"),
    ("require_photo_caption", "Require a photo caption when there is a photo"),
    ("quotes", "Quotes: “…” in English, «…» in Russian and Kazakh"),
    ("repeated_words", "Flag repeated words (“the the”)"),
    ("double_spaces", "Flag double spaces"),
    ("skip_all_caps", "Do not spell-check acronyms (NATO, ЕАЭС)"),
)


class WritingSettingsDialog(QDialog):
    def __init__(self, settings: WritingSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("writingSettingsDialog")
        self.setWindowTitle("Writing Preferences")
        self.resize(640, 520)
        self.base = settings
        tabs = QTabWidget()

        style = QWidget()
        form = QFormLayout(style)
        self.headline_max = self._spin(settings.headline_max, "characters (0: no limit)")
        self.dek_max = self._spin(settings.dek_max, "characters (0: no limit)")
        self.sentence_max = self._spin(settings.sentence_max_words, "words (0: no limit)")
        form.addRow("Headline at most:", self.headline_max)
        form.addRow("Dek at most:", self.dek_max)
        form.addRow("Sentences at most:", self.sentence_max)
        self.bools: dict[str, QCheckBox] = {}
        for name, label in _BOOLS:
            box = QCheckBox(label)
            box.setChecked(bool(getattr(settings, name)))
            self.bools[name] = box
            form.addRow(box)
        self.numbers = QComboBox()
        self.numbers.addItem("Spell out one to nine in English", "ap")
        self.numbers.addItem("Leave numbers as written", "off")
        self.numbers.setCurrentIndex(0 if settings.numbers == "ap" else 1)
        self.dates = QComboBox()
        self.dates.addItem("Month in words (flag 02.12.2026)", "words")
        self.dates.addItem("Leave dates as written", "off")
        self.dates.setCurrentIndex(0 if settings.dates == "words" else 1)
        form.addRow("Numbers:", self.numbers)
        form.addRow("Dates:", self.dates)
        tabs.addTab(style, "House style")

        gate = QWidget()
        grid = QGridLayout(gate)
        grid.addWidget(QLabel("What holds a story back (a reason is asked for to move it anyway):"), 0, 0, 1, 3)
        grid.addWidget(QLabel("<b>Ready</b>"), 1, 1)
        grid.addWidget(QLabel("<b>Published</b>"), 1, 2)
        self.gate: dict[tuple[str, str], QCheckBox] = {}
        for row, category in enumerate(Category, 2):
            grid.addWidget(QLabel(category.label), row, 0)
            for col, status in enumerate(("ready", "published"), 1):
                box = QCheckBox()
                box.setAccessibleName(f"{category.label} holds back {status}")
                box.setChecked(category.value in settings.gate.get(status, ()))
                self.gate[(status, category.value)] = box
                grid.addWidget(box, row, col)
        grid.setRowStretch(len(Category) + 2, 1)
        tabs.addTab(gate, "Status gate")

        words = QWidget()
        words_layout = QVBoxLayout(words)
        words_layout.addWidget(QLabel("Words and phrases to avoid, with what to write instead. Banned ones count "
                                      "as “Banned words” in the gate."))
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("wordTable")
        self.table.setHorizontalHeaderLabels(["Language", "Phrase", "Write instead", "Banned"])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for banned, table in ((False, settings.discouraged), (True, settings.banned)):
            for lang, items in sorted(table.items()):
                for phrase, preferred in items.items():
                    self._add_row(lang, phrase, preferred, banned)
        words_layout.addWidget(self.table, 1)
        row_buttons = QHBoxLayout()
        add = QPushButton("Add")
        add.clicked.connect(lambda: self._add_row("en", "", "", False, edit=True))
        remove = QPushButton("Remove")
        remove.clicked.connect(self._remove_rows)
        row_buttons.addWidget(add)
        row_buttons.addWidget(remove)
        row_buttons.addStretch(1)
        words_layout.addLayout(row_buttons)
        tabs.addTab(words, "Words")

        dicts = QWidget()
        dicts_layout = QVBoxLayout(dicts)
        dicts_layout.addWidget(QLabel("Hunspell dictionaries besides the system's (a .dic with its .aff beside it), "
                                      "used before the system's for their language:"))
        self.dictionaries = QListWidget()
        self.dictionaries.setObjectName("extraDictionaries")
        self.dictionaries.addItems([str(p) for p in settings.dictionaries])
        dicts_layout.addWidget(self.dictionaries, 1)
        dict_buttons = QHBoxLayout()
        add_dict = QPushButton("Add…")
        add_dict.clicked.connect(self._choose_dictionary)
        remove_dict = QPushButton("Remove")
        remove_dict.clicked.connect(lambda: [self.dictionaries.takeItem(self.dictionaries.row(i))
                                             for i in self.dictionaries.selectedItems()])
        dict_buttons.addWidget(add_dict)
        dict_buttons.addWidget(remove_dict)
        dict_buttons.addStretch(1)
        dicts_layout.addLayout(dict_buttons)
        tabs.addTab(dicts, "Dictionaries")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)

    @staticmethod
    def _spin(value: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, 10_000)
        spin.setValue(value)
        spin.setSuffix(f" {suffix}")
        return spin

    def _add_row(self, lang: str, phrase: str, preferred: str, banned: bool, *, edit: bool = False) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(lang))
        self.table.setItem(row, 1, QTableWidgetItem(phrase))
        self.table.setItem(row, 2, QTableWidgetItem(preferred))
        box = QCheckBox()
        box.setChecked(banned)
        self.table.setCellWidget(row, 3, box)
        if edit:
            self.table.setCurrentCell(row, 1)
            self.table.editItem(self.table.item(row, 1))

    def _remove_rows(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def _choose_dictionary(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Add a Hunspell Dictionary", "", "Hunspell dictionaries (*.dic)")
        if not path:
            return
        try:
            check_pair(Path(path))
        except CuratorError as exc:
            QMessageBox.warning(self, "Not a dictionary", str(exc))
            return
        self.dictionaries.addItem(path)

    def settings(self) -> WritingSettings:
        """The settings as the dialog shows them."""
        discouraged: dict[str, dict[str, str]] = {}
        banned: dict[str, dict[str, str]] = {}
        for row in range(self.table.rowCount()):
            lang = (self.table.item(row, 0).text() if self.table.item(row, 0) else "").strip().lower()
            phrase = (self.table.item(row, 1).text() if self.table.item(row, 1) else "").strip()
            preferred = (self.table.item(row, 2).text() if self.table.item(row, 2) else "").strip()
            box = self.table.cellWidget(row, 3)
            if not lang or not phrase or not preferred:
                continue
            target = banned if isinstance(box, QCheckBox) and box.isChecked() else discouraged
            target.setdefault(lang, {})[phrase] = preferred
        gate = {status: tuple(c.value for c in Category if self.gate[(status, c.value)].isChecked())
                for status in ("ready", "published")}
        values: dict[str, object] = {name: box.isChecked() for name, box in self.bools.items()}
        return WritingSettings(
            headline_max=self.headline_max.value(),
            dek_max=self.dek_max.value(),
            sentence_max_words=self.sentence_max.value(),
            numbers=str(self.numbers.currentData()),
            dates=str(self.dates.currentData()),
            dictionaries=tuple(Path(self.dictionaries.item(i).text()) for i in range(self.dictionaries.count())),
            discouraged=discouraged,
            banned=banned,
            gate=gate,
            path=self.base.path,
            **values,  # type: ignore[arg-type]
        )
