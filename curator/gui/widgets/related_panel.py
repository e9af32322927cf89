"""The related-headlines panel: the open story's links in order, the stories linking to it, and suggestions."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGridLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSizePolicy,
    QSplitter,
    QStyle,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.domain.stories import RelatedLink, StorySummary

_Index = QModelIndex | QPersistentModelIndex


def link_problem(link: RelatedLink) -> str:
    """Why a link to a story goes nowhere now ("" when it is fine)."""
    if link.target_id is None and link.target_uuid and not link.url:
        return "The story it named was deleted for good: fix or remove this link."
    if link.target_id is not None and link.target_trashed:
        return "The story it names is in the trash: exports leave this link out until it is restored."
    return ""


def _suggestion_html(headline: str, why: str, muted: str) -> str:
    line = f"<br><small style='color: {muted}'>{html.escape(why)}</small>" if why else ""
    return f"{html.escape(headline)}{line}"


class RelatedLinksModel(QAbstractListModel):
    """The related headlines of the open story; rows move by drag and drop (``moveRows``)."""

    moved = Signal(int, int)  # from position, to position (in the list after the move)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.links: tuple[RelatedLink, ...] = ()

    def set_links(self, links: Sequence[RelatedLink]) -> None:
        links = tuple(links)
        if links == self.links:
            return
        self.beginResetModel()
        self.links = links
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's names
        return 0 if parent.isValid() else len(self.links)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.links):
            return None
        link = self.links[index.row()]
        problem = link_problem(link)
        if role == Qt.ItemDataRole.DisplayRole:
            title = link.title or link.url or "(untitled)"
            return f"{title}  ↗" if link.target_id is None and link.url else title
        if role == Qt.ItemDataRole.ToolTipRole:
            if problem:
                return problem
            if link.target_id is not None:
                return f"A story in the library ({link.target_slug or f'#{link.target_id}'}); double-click opens it"
            if not link.url:
                return "A headline without a link: exports show it as plain text"
            return f"External: {link.url}"
        if role == Qt.ItemDataRole.DecorationRole:
            if not problem and link.target_id is None and not link.url:
                return None
            style = QApplication.style()
            icon = (
                QStyle.StandardPixmap.SP_MessageBoxWarning
                if problem
                else QStyle.StandardPixmap.SP_FileIcon
                if link.target_id is not None
                else QStyle.StandardPixmap.SP_DriveNetIcon
            )
            return style.standardIcon(icon)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return problem or ("story" if link.target_id is not None else "external link")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def moveRows(
        self, source_parent: _Index, source_row: int, count: int, destination_parent: _Index, destination: int
    ) -> bool:
        # A list view's internal drag and drop ends here: one row, moved to before ``destination``.
        if source_parent.isValid() or destination_parent.isValid() or count != 1:
            return False
        if not 0 <= source_row < len(self.links) or not 0 <= destination <= len(self.links):
            return False
        if destination in (source_row, source_row + 1):
            return True  # dropped onto itself
        if not self.beginMoveRows(QModelIndex(), source_row, source_row, QModelIndex(), destination):
            return False
        target = destination if destination < source_row else destination - 1
        items = list(self.links)
        items.insert(target, items.pop(source_row))
        self.links = tuple(items)
        self.endMoveRows()
        self.moved.emit(source_row, target)
        return True


class _LinksView(QListView):
    """The links list, with the panel's keys: Delete removes, Alt+Up/Down move, Return opens or fixes."""

    key_action = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        key = event.key()
        action = (
            "remove"
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not alt
            else "up"
            if key == Qt.Key.Key_Up and alt
            else "down"
            if key == Qt.Key.Key_Down and alt
            else "activate"
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            else ""
        )
        if action:
            self.key_action.emit(action)
            event.accept()
            return
        super().keyPressEvent(event)


class RelatedPanel(QWidget):
    """Shows; the controller edits. Every change the user asks for leaves as a signal."""

    move_requested = Signal(int, int)
    remove_requested = Signal(int)
    add_story_requested = Signal()
    add_link_requested = Signal()
    fix_requested = Signal(int)
    undo_requested = Signal()
    open_requested = Signal(int)  # a story id
    suggestion_added = Signal(object)  # StorySummary

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relatedPanel")
        self.model = RelatedLinksModel(self)
        self.model.moved.connect(self.move_requested)

        self.links_label = QLabel("Related headlines")
        self.links_label.setObjectName("relatedLinksLabel")
        self.links = _LinksView()
        self.links.setObjectName("relatedLinks")
        self.links.setModel(self.model)
        self.links.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.links.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.links.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.links.setWordWrap(True)
        self.links.setUniformItemSizes(False)
        self.links.setAlternatingRowColors(True)
        self.links.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.links.customContextMenuRequested.connect(self._context_menu)
        self.links.doubleClicked.connect(self._double_clicked)
        self.links.setToolTip("Drag to reorder; Alt+Up / Alt+Down move the selected headline; Delete removes it")

        def button(text: str, tip: str, slot: Any) -> QToolButton:
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.setAutoRaise(True)
            b.clicked.connect(slot)
            return b

        self.add_story_button = button(
            "+ Story…", "Link a story from the library (search and pick)", self.add_story_requested
        )
        self.add_link_button = button(
            "+ Link…", "Add an external headline with its web address", self.add_link_requested
        )
        self.remove_button = button("Remove", "Remove the selected headline (Delete)", self._remove_selected)
        self.up_button = button("▲", "Move up (Alt+Up)", lambda: self._move_selected(-1))
        self.down_button = button("▼", "Move down (Alt+Down)", lambda: self._move_selected(1))
        self.fix_button = button("Fix…", "Fix the selected broken link", self._fix_selected)
        self.undo_button = button("Undo", "Undo the last change to the related headlines", self.undo_requested)
        # Two short rows: the panel stays narrow enough to sit beside the editor and the preview on a laptop.
        buttons = QGridLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(2)
        for column, b in enumerate((self.add_story_button, self.add_link_button)):
            buttons.addWidget(b, 0, column)
        buttons.addWidget(self.up_button, 0, 3)
        buttons.addWidget(self.down_button, 0, 4)
        buttons.addWidget(self.remove_button, 1, 0)
        buttons.addWidget(self.fix_button, 1, 1)
        buttons.addWidget(self.undo_button, 1, 3, 1, 2)
        buttons.setColumnStretch(2, 1)

        keys = {
            "remove": self._remove_selected,
            "up": lambda: self._move_selected(-1),
            "down": lambda: self._move_selected(1),
            "activate": self._activate_selected,
        }
        self.links.key_action.connect(lambda name: keys[name]())

        self.back_label = QLabel("Linked from")
        self.back_links = QListWidget()
        self.back_links.setObjectName("relatedBackLinks")
        self.back_links.setToolTip("Stories whose related headlines include this one; double-click opens one")
        self.back_links.itemActivated.connect(self._back_link_activated)

        self.suggest_label = QLabel("Suggested by content")
        self.suggestions = QTreeWidget()
        self.suggestions.setObjectName("relatedSuggestions")
        self.suggestions.setHeaderHidden(True)
        self.suggestions.setColumnCount(2)
        self.suggestions.setRootIsDecorated(False)
        self.suggestions.itemActivated.connect(self._suggestion_activated)
        self._suggested: list[StorySummary] = []

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(6, 6, 6, 0)
        top_layout.addWidget(self.links_label)
        top_layout.addWidget(self.links, 1)
        top_layout.addLayout(buttons)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(6, 0, 6, 0)
        middle_layout.addWidget(self.back_label)
        middle_layout.addWidget(self.back_links, 1)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(6, 0, 6, 6)
        bottom_layout.addWidget(self.suggest_label)
        bottom_layout.addWidget(self.suggestions, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("relatedSplit")
        for w in (top, middle, bottom):
            split.addWidget(w)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        # Headings change as data arrives ("reading…", counts): they must not widen the dock as they do.
        for label in (self.links_label, self.back_label, self.suggest_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setMinimumWidth(1)
        self.set_enabled_for(None)
        self.links.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())

    # ------------------------------------------------------------------------------------ showing

    def set_enabled_for(self, story_id: int | None) -> None:
        """No story open: nothing to edit."""
        for w in (self.add_story_button, self.add_link_button, self.links):
            w.setEnabled(story_id is not None)
        if story_id is None:
            self.set_links(())
            self.set_back_links(None)
            self.set_suggestions(None)
        self._update_buttons()

    def set_links(self, links: Sequence[RelatedLink]) -> None:
        row = self.selected_position()
        self.model.set_links(links)
        broken = sum(1 for link in links if link_problem(link))
        text = f"Related headlines ({len(links)})"
        self.links_label.setText(text + (f" — {broken} broken" if broken else ""))
        if row is not None and self.model.rowCount():
            self.select(min(row, self.model.rowCount() - 1))
        self._update_buttons()

    def set_undo_available(self, available: bool) -> None:
        self.undo_button.setEnabled(available)

    def set_back_links(self, rows: Sequence[Any] | None, message: str = "") -> None:
        """Back-links (``BackLink`` rows); None while they are being read."""
        self.back_links.clear()
        if rows is None:
            self.back_label.setText("Linked from" + (f" — {message}" if message else ""))
            return
        self.back_label.setText(f"Linked from ({len(rows)})")
        for row in rows:
            item = QListWidgetItem(row.story.headline)
            item.setData(Qt.ItemDataRole.UserRole, row.story.id)
            item.setToolTip(f"{row.story.headline} — lists this story as related headline {row.position + 1}")
            self.back_links.addItem(item)
        if not rows:
            item = QListWidgetItem("No story links here yet")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.back_links.addItem(item)

    def set_suggestions(self, rows: Sequence[Any] | None, message: str = "") -> None:
        """Suggestions (``Suggestion`` rows), each with an Add button; None while they are being worked out."""
        self.suggestions.clear()
        self._suggested = []
        if rows is None:
            self.suggest_label.setText("Suggested by content" + (f" — {message}" if message else ""))
            return
        self.suggest_label.setText(f"Suggested by content ({len(rows)})")
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        for row in rows:
            summary = row.story
            self._suggested.append(summary)
            item = QTreeWidgetItem(["", ""])
            why = row.reason
            if row.same_outlet and summary.outlet_name:
                why = why.replace("same outlet", f"same outlet ({summary.outlet_name})")
            item.setToolTip(0, f"{summary.headline}\nscore {row.score:.2f}" + (f"\n{why}" if why else ""))
            item.setData(0, Qt.ItemDataRole.UserRole, summary.id)
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, summary.headline)
            item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, why)
            self.suggestions.addTopLevelItem(item)
            # The headline, and under it a small line saying why it is suggested.
            label = QLabel(_suggestion_html(summary.headline, why, muted))
            label.setObjectName("suggestionText")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setContentsMargins(2, 1, 2, 2)
            self.suggestions.setItemWidget(item, 0, label)
            add = QToolButton()
            add.setText("Add")
            add.setObjectName("addSuggestion")
            add.setToolTip("Add this story to the related headlines")
            add.clicked.connect(lambda _c=False, s=summary: self.suggestion_added.emit(s))
            self.suggestions.setItemWidget(item, 1, add)
        header = self.suggestions.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)

    def suggestion_rows(self) -> list[tuple[str, str]]:
        """The suggestions as shown: (headline, why it is suggested), in order."""
        rows = []
        for i in range(self.suggestions.topLevelItemCount()):
            item = self.suggestions.topLevelItem(i)
            if item is None:
                continue
            rows.append(
                (
                    item.data(0, Qt.ItemDataRole.AccessibleTextRole) or item.text(0),
                    item.data(0, Qt.ItemDataRole.AccessibleDescriptionRole) or "",
                )
            )
        return rows

    def drop_suggestion(self, story_id: int) -> None:
        """Take a story off the suggestions (it was just added)."""
        for i in range(self.suggestions.topLevelItemCount()):
            item = self.suggestions.topLevelItem(i)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == story_id:
                self.suggestions.takeTopLevelItem(i)
                break
        self._suggested = [s for s in self._suggested if s.id != story_id]
        self.suggest_label.setText(f"Suggested by content ({len(self._suggested)})")

    def add_buttons(self) -> list[QToolButton]:
        """The suggestions' Add buttons, in order."""
        out = []
        for i in range(self.suggestions.topLevelItemCount()):
            item = self.suggestions.topLevelItem(i)
            widget = self.suggestions.itemWidget(item, 1) if item is not None else None
            if isinstance(widget, QToolButton):
                out.append(widget)
        return out

    # ----------------------------------------------------------------------------------- selection

    def selected_position(self) -> int | None:
        index = self.links.currentIndex()
        return index.row() if index.isValid() else None

    def select(self, position: int) -> None:
        self.links.setCurrentIndex(self.model.index(position, 0))

    def _update_buttons(self) -> None:
        row = self.selected_position()
        count = self.model.rowCount()
        self.remove_button.setEnabled(row is not None and self.links.isEnabled())
        if row is None or not self.links.isEnabled():
            for button in (self.up_button, self.down_button):
                button.setEnabled(False)
            self.fix_button.setVisible(False)
            return
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(row < count - 1)
        self.fix_button.setVisible(bool(link_problem(self.model.links[row])))

    def _remove_selected(self) -> None:
        row = self.selected_position()
        if row is not None:
            self.remove_requested.emit(row)

    def _move_selected(self, step: int) -> None:
        row = self.selected_position()
        if row is not None and 0 <= row + step < self.model.rowCount():
            self.move_requested.emit(row, row + step)
            self.select(row + step)

    def _fix_selected(self) -> None:
        row = self.selected_position()
        if row is not None:
            self.fix_requested.emit(row)

    def _activate_selected(self) -> None:
        index = self.links.currentIndex()
        if index.isValid():
            self._double_clicked(index)

    def _double_clicked(self, index: QModelIndex) -> None:
        link = self.model.links[index.row()]
        if link_problem(link):
            self.fix_requested.emit(index.row())
        elif link.target_id is not None:
            self.open_requested.emit(link.target_id)

    def _back_link_activated(self, item: QListWidgetItem) -> None:
        story_id = item.data(Qt.ItemDataRole.UserRole)
        if story_id is not None:
            self.open_requested.emit(int(story_id))

    def _suggestion_activated(self, item: QTreeWidgetItem) -> None:
        story_id = item.data(0, Qt.ItemDataRole.UserRole)
        summary = next((s for s in self._suggested if s.id == story_id), None)
        if summary is not None:
            self.suggestion_added.emit(summary)

    def _context_menu(self, pos: Any) -> None:
        index = self.links.indexAt(pos)
        menu = QMenu(self)
        if index.isValid():
            self.select(index.row())
            link = self.model.links[index.row()]
            if link.target_id is not None and not link_problem(link):
                menu.addAction("Open the Story", lambda: self.open_requested.emit(link.target_id))
            if link_problem(link):
                menu.addAction("Fix…", lambda: self.fix_requested.emit(index.row()))
            menu.addAction("Move Up", lambda: self._move_selected(-1)).setEnabled(index.row() > 0)
            menu.addAction("Move Down", lambda: self._move_selected(1)).setEnabled(
                index.row() < self.model.rowCount() - 1
            )
            menu.addAction("Remove", lambda: self.remove_requested.emit(index.row()))
            menu.addSeparator()
        menu.addAction("Add a Story…", self.add_story_requested.emit)
        menu.addAction("Add an External Link…", self.add_link_requested.emit)
        menu.popup(self.links.viewport().mapToGlobal(pos))
