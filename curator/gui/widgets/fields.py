"""The story's fields above the editor: headline and dek always, the rest (byline, status, tags, outlet, photo)
in a details section that folds away."""

from __future__ import annotations

from PySide6.QtCore import QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
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

# No field is drawn narrower than this: below it the details go to one column.
MIN_FIELD_WIDTH = 140

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
            self._hide_popup()
            return
        self.completer_.setCompletionPrefix(prefix)
        if self.completer_.completionCount() and self.completer_.currentCompletion().casefold() != prefix.casefold():
            self.completer_.complete()
        else:
            self._hide_popup()

    def _hide_popup(self) -> None:
        popup = self.completer_.popup()
        if popup is not None:
            popup.hide()

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
    layout_changed = Signal(int)  # the details are now in this many columns
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
        self.status.setObjectName("storyStatus")
        for status in Status:
            self.status.addItem(status.label, status)
        self.language = QComboBox()
        self.language.setObjectName("storyLanguage")
        self.language.setEditable(True)
        self.language.setToolTip("Language of the story")
        for code, name in LANGUAGES:
            self.language.addItem(f"{name} ({code})", code)
        self.tags = TagsEdit()
        self.outlet_name = QLineEdit(placeholderText="Outlet")
        self.outlet_url = QLineEdit(placeholderText="https://…")
        self.photo = QLineEdit(placeholderText="Photo: a file or URL")
        browse = QToolButton()
        browse.setText("…")
        browse.setObjectName("photoBrowse")
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
        self.details.setObjectName("storyDetails")
        self._grid = grid = QGridLayout(self.details)
        grid.setContentsMargins(0, 2, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)

        def label(text: str, buddy: QWidget) -> QLabel:
            lab = QLabel(text)
            lab.setBuddy(buddy)
            lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return lab

        def pair(*widgets: QWidget) -> QWidget:
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            for widget in widgets:
                row.addWidget(widget, 0 if isinstance(widget, QToolButton) else 1)
            return box

        for edit in (*self._line_edits()[2:], self.status, self.language):
            edit.setMinimumWidth(MIN_FIELD_WIDTH)
        self.browse = browse
        # (label, field) in reading order; in two columns the pairs share a row, the photo takes a row of its own.
        self._cells: list[tuple[QLabel, QWidget, bool]] = [
            (label(self.tr("&Byline"), self.byline), self.byline, False),
            (label(self.tr("Orig. &author"), self.original_author), self.original_author, False),
            (label(self.tr("Stat&us"), self.status), pair(self.status, self.language), False),
            (label(self.tr("&Tags"), self.tags), self.tags, False),
            (label(self.tr("&Outlet"), self.outlet_name), self.outlet_name, False),
            (label(self.tr("Outlet U&RL"), self.outlet_url), self.outlet_url, False),
            (label(self.tr("&Photo"), self.photo), pair(self.photo, browse), True),
            (label(self.tr("Cre&dit"), self.photo_credit), self.photo_credit, False),
            (label(self.tr("Captio&n"), self.photo_caption), self.photo_caption, False),
        ]
        self._columns = 0
        self._arrange(2)

        layout = QVBoxLayout(self)
        # The form's narrowest is what one column needs (see minimumSizeHint), not what the current layout does.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
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

    def two_column_width(self) -> int:
        """The narrowest the form may be to show the details in two columns without squeezing a field."""
        labels = max(lab.sizeHint().width() for lab, _w, _wide in self._cells)
        layout = self.layout()
        assert layout is not None  # set in __init__
        margins = layout.contentsMargins()
        return 2 * (labels + MIN_FIELD_WIDTH) + 3 * self._grid.horizontalSpacing() + margins.left() + margins.right()

    def _arrange(self, columns: int) -> None:
        """Lay the details out in ``columns`` (1 or 2) label-field columns."""
        if columns == self._columns:
            return
        self._columns = columns
        grid = self._grid
        for lab, widget, _wide in self._cells:
            grid.removeWidget(lab)
            grid.removeWidget(widget)
        for column in range(4):
            grid.setColumnStretch(column, 0)
        row = column = 0
        for lab, widget, wide in self._cells:
            if columns == 2 and wide and column:
                row, column = row + 1, 0
            grid.addWidget(lab, row, column)
            grid.addWidget(widget, row, column + 1, 1, 3 if columns == 2 and wide else 1)
            column += 2
            if column >= 2 * columns or (columns == 2 and wide):
                row, column = row + 1, 0
        grid.setColumnStretch(1, 1)
        if columns == 2:
            grid.setColumnStretch(3, 1)
        self.layout_changed.emit(columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(2 if event.size().width() >= self.two_column_width() else 1)
        super().resizeEvent(event)

    def minimumSizeHint(self) -> QSize:
        # Never wider than one column needs: the form re-lays itself out in one column when it gets narrow.
        hint = super().minimumSizeHint()
        labels = max(lab.sizeHint().width() for lab, _w, _wide in self._cells)
        layout = self.layout()
        assert layout is not None  # set in __init__
        margins = layout.contentsMargins()
        one = labels + MIN_FIELD_WIDTH + self._grid.horizontalSpacing() + margins.left() + margins.right()
        return QSize(min(hint.width(), max(one, 2 * MIN_FIELD_WIDTH)), hint.height())

    def _line_edits(self) -> list[QLineEdit | GrowingTextField]:
        return [self._text_edit(name) for name in FORM_TEXT_FIELDS] + [self.tags]

    def _text_edit(self, name: str) -> QLineEdit | GrowingTextField:
        edit: QLineEdit | GrowingTextField = getattr(self, name)
        return edit

    def is_loading(self) -> bool:
        """Whether the form is being filled with a story (its changes are not the user's)."""
        return self._loading

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
