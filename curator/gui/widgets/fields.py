"""The story's fields above the editor: headline and dek always, the rest (byline, status, tags, outlet, photo)
in a details section that folds away."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator.core.status import Status
from curator.domain.stories import TEXT_FIELDS, RelatedLink, StoryFields
from curator.gui.widgets.text_field import GrowingTextField

# The story's one-line text fields the form edits: the domain's text fields less the body (the editor's) and the
# language (a combo box of its own).
FORM_TEXT_FIELDS = tuple(name for name in TEXT_FIELDS if name not in ("body", "language"))

LANGUAGES = (("en", "English"), ("ru", "Russian"), ("kk", "Kazakh"))


def split_tags(text: str) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for part in text.split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return tuple(seen.values())


class TagsEdit(QLineEdit):
    """Comma-separated tags, completing the one being typed from the library's tags."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Tags, separated by commas")
        self._names = QStringListModel(self)
        self.completer_ = QCompleter(self._names, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.completer_.setWidget(self)
        self.completer_.activated.connect(self._insert_completion)
        self.textEdited.connect(self._update_completion)

    def set_known_tags(self, names: list[str]) -> None:
        self._names.setStringList(names)

    def current_prefix(self) -> str:
        before = self.text()[: self.cursorPosition()]
        return before.rsplit(",", 1)[-1].lstrip()

    def _update_completion(self, _text: str) -> None:
        prefix = self.current_prefix()
        if not prefix:
            self.completer_.popup().hide()
            return
        self.completer_.setCompletionPrefix(prefix)
        if self.completer_.completionCount() and self.completer_.currentCompletion().casefold() != prefix.casefold():
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    def _insert_completion(self, name: str) -> None:
        position = self.cursorPosition()
        text = self.text()
        head, tail = text[:position], text[position:]
        start = head.rfind(",") + 1
        lead = head[:start] + (" " if start else "")
        new_head = f"{lead}{name}, "
        self.setText(new_head + tail.lstrip(", "))
        self.setCursorPosition(len(new_head))
        self.textEdited.emit(self.text())


class StoryFieldsForm(QWidget):
    edited = Signal()  # the user changed a field
    details_toggled = Signal(bool)
    related_changed = Signal(object)  # the related headlines now held (a tuple of RelatedLink)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storyFields")
        self._loading = False
        # The related headlines are edited in their own panel but belong to the story's fields like the rest:
        # held here, they are saved, kept as drafts, recovered and compared in conflicts with the text.
        self._related: tuple[RelatedLink, ...] = ()

        self.headline = GrowingTextField("Headline")
        self.headline.setObjectName("headlineField")
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.headline.setFont(font)
        self.dek = GrowingTextField("Dek: one sentence under the headline")
        self.dek.setObjectName("dekField")
        self.byline = QLineEdit(placeholderText="Byline")
        self.original_author = QLineEdit(placeholderText="Original author")
        self.status = QComboBox()
        for status in Status:
            self.status.addItem(status.label, status)
        self.language = QComboBox()
        self.language.setEditable(True)
        self.language.setToolTip("Language of the story")
        for code, name in LANGUAGES:
            self.language.addItem(f"{name} ({code})", code)
        self.tags = TagsEdit()
        self.outlet_name = QLineEdit(placeholderText="Outlet")
        self.outlet_url = QLineEdit(placeholderText="https://…")
        self.photo = QLineEdit(placeholderText="Photo: a file or URL")
        browse = QToolButton(text="…")
        browse.setToolTip("Choose a photo file")
        browse.clicked.connect(self._choose_photo)
        self.photo_credit = QLineEdit(placeholderText="Credit")
        self.photo_caption = QLineEdit(placeholderText="Caption")

        self.toggle = QToolButton()
        self.toggle.setObjectName("detailsToggle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.toggled.connect(self.set_details_visible)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.headline, 1)
        top.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)

        self.details = QWidget()
        grid = QGridLayout(self.details)
        grid.setContentsMargins(0, 2, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)

        def label(text: str, buddy: QWidget) -> QLabel:
            lab = QLabel(text)
            lab.setBuddy(buddy)
            lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return lab

        grid.addWidget(label("&Byline", self.byline), 0, 0)
        grid.addWidget(self.byline, 0, 1)
        grid.addWidget(label("Orig. a&uthor", self.original_author), 0, 2)
        grid.addWidget(self.original_author, 0, 3)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.language, 1)
        grid.addWidget(label("Stat&us", self.status), 1, 0)
        grid.addLayout(status_row, 1, 1)
        grid.addWidget(label("&Tags", self.tags), 1, 2)
        grid.addWidget(self.tags, 1, 3)
        grid.addWidget(label("&Outlet", self.outlet_name), 2, 0)
        grid.addWidget(self.outlet_name, 2, 1)
        grid.addWidget(label("URL", self.outlet_url), 2, 2)
        grid.addWidget(self.outlet_url, 2, 3)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo, 1)
        photo_row.addWidget(browse)
        grid.addWidget(label("&Photo", self.photo), 3, 0)
        grid.addLayout(photo_row, 3, 1, 1, 3)
        grid.addWidget(label("Credit", self.photo_credit), 4, 0)
        grid.addWidget(self.photo_credit, 4, 1)
        grid.addWidget(label("Caption", self.photo_caption), 4, 2)
        grid.addWidget(self.photo_caption, 4, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.dek)
        layout.addWidget(self.details)
        self.set_details_visible(True)

        for edit in self._line_edits():
            edit.textEdited.connect(self._changed)
        self.status.currentIndexChanged.connect(self._changed)
        self.language.currentTextChanged.connect(self._changed)

    def _line_edits(self) -> list[QLineEdit | GrowingTextField]:
        return [self._text_edit(name) for name in FORM_TEXT_FIELDS] + [self.tags]

    def _text_edit(self, name: str) -> QLineEdit | GrowingTextField:
        edit: QLineEdit | GrowingTextField = getattr(self, name)
        return edit

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.edited.emit()

    def set_details_visible(self, visible: bool) -> None:
        self.details.setVisible(visible)
        self.toggle.setText("Details ▴" if visible else "Details ▾")
        if self.toggle.isChecked() != visible:
            self.toggle.setChecked(visible)
        self.details_toggled.emit(visible)

    def _choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a photo", "", "Images (*.jpg *.jpeg *.png *.webp *.gif *.svg);;All files (*)"
        )
        if path:
            self.photo.setText(path)
            self._changed()

    # ------------------------------------------------------------------------------------- values

    def set_fields(self, fields: StoryFields) -> None:
        self._loading = True
        try:
            for name in FORM_TEXT_FIELDS:
                edit = self._text_edit(name)
                if edit.text() != getattr(fields, name):
                    edit.setText(getattr(fields, name))
                    edit.setCursorPosition(0)
            tags = ", ".join(fields.tags)
            if split_tags(self.tags.text()) != tuple(fields.tags):
                self.tags.setText(tags)
            self.status.setCurrentIndex(list(Status).index(fields.status))
            self._related = tuple(fields.related)
            index = self.language.findData(fields.language)
            if index >= 0:
                self.language.setCurrentIndex(index)
            else:
                self.language.setEditText(fields.language)
        finally:
            self._loading = False
        self.related_changed.emit(self._related)

    def related(self) -> tuple[RelatedLink, ...]:
        return self._related

    def set_related(self, links: tuple[RelatedLink, ...], *, edited: bool = True) -> None:
        """Hold new related headlines; ``edited`` marks them as the user's change (``False``: the same links as
        stored, now with what the library says of their targets)."""
        self._related = tuple(links)
        self.related_changed.emit(self._related)
        if edited:
            self._changed()

    def fields(self, base: StoryFields) -> StoryFields:
        """``base`` with what the form holds (fields the form does not show are kept from ``base``)."""
        text = self.language.currentText().strip()
        index = self.language.findText(text)
        language = self.language.itemData(index) if index >= 0 else (text or base.language)
        return base.replace(
            **{name: self._text_edit(name).text() for name in FORM_TEXT_FIELDS},
            status=Status(self.status.currentData()),
            tags=split_tags(self.tags.text()),
            language=language,
            related=self._related,
        )

    def set_status(self, status: Status) -> None:
        self.status.setCurrentIndex(list(Status).index(status))
