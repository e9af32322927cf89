"""Dialogs of the related-headlines panel: pick a story from the library, or enter an external headline."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.domain.errors import ValidationError
from curator.domain.stories import RelatedLink, StorySummary
from curator.services.link_edits import external_link

SEARCH_DELAY_MS = 150
PICK_LIMIT = 30


class StoryPickerDialog(QDialog):
    """Search the library (the list's query syntax) and pick one story; searches run in the background."""

    def __init__(
        self,
        search: Callable[[str, Callable[[list[StorySummary]], None], Callable[[BaseException], None]], None],
        *,
        exclude: set[int],
        text: str = "",
        title: str = "Add a Related Story",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(560, 420)
        self._search = search
        self._exclude = exclude
        self._generation = 0
        self.chosen: StorySummary | None = None

        self.query = QLineEdit(text)
        self.query.setPlaceholderText('Search: words, "phrases", prefix*, tag:…, status:…')
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("pickerResults")
        self.message = QLabel()
        self.message.setObjectName("pickerMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        self.buttons.accepted.connect(self._accept_current)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.query.returnPressed.connect(self._accept_current)
        self.results.itemActivated.connect(lambda _item: self._accept_current())
        self.results.currentItemChanged.connect(lambda *_: self._update_ok())
        self._update_ok()
        self.run_search()

    def run_search(self) -> None:
        self._generation += 1
        generation = self._generation
        self.message.setText("Searching…")
        self._search(
            self.query.text().strip(),
            lambda rows: self._show(rows, generation),
            lambda exc: self._failed(exc, generation),
        )

    def _show(self, rows: list[StorySummary], generation: int) -> None:
        if generation != self._generation:
            return
        self.results.clear()
        shown = [r for r in rows if r.id not in self._exclude]
        for row in shown:
            item = QListWidgetItem(row.headline)
            item.setToolTip(f"{row.headline}\n{row.status.label} · {row.outlet_name or 'no outlet'} · {row.slug}")
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.results.addItem(item)
        if shown:
            self.results.setCurrentRow(0)
        self.message.setText("" if shown else "No story matches.")
        self._update_ok()

    def _failed(self, exc: BaseException, generation: int) -> None:
        if generation == self._generation:
            self.results.clear()
            self.message.setText(str(exc))
            self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.results.currentItem() is not None)

    def _accept_current(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()


class ExternalLinkDialog(QDialog):
    """An external headline: its title and web address, checked before the dialog closes."""

    def __init__(self, *, title: str = "", url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add an External Headline")
        self.resize(520, 0)
        self.link: RelatedLink | None = None
        self.title_edit = QLineEdit(title)
        self.title_edit.setPlaceholderText("Headline as the other site gives it")
        self.url_edit = QLineEdit(url)
        self.url_edit.setPlaceholderText("https://…")
        self.error = QLabel()
        self.error.setObjectName("linkError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(highlight);")
        form = QFormLayout()
        form.addRow("&Headline", self.title_edit)
        form.addRow("&Address", self.url_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def try_accept(self) -> None:
        try:
            self.link = external_link(self.title_edit.text(), self.url_edit.text())
        except ValidationError as exc:
            self.error.setText(str(exc).split(": ", 1)[-1])
            (self.url_edit if self.title_edit.text().strip() else self.title_edit).setFocus()
            return
        self.accept()
