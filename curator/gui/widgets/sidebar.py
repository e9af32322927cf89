"""The sidebar: all stories, saved searches, the workflow statuses, tags with their counts, and the trash."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTreeWidget, QTreeWidgetItem, QWidget

from curator.core.status import Status
from curator.domain.searches import SavedSearch
from curator.domain.stories import Scope, TagCount

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2
SAVED_ROLE = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class SidebarFilter:
    kind: str = "all"  # all | saved | status | tag | trash
    value: str = ""  # a saved search's query, a status, a tag

    @property
    def scope(self) -> Scope:
        return Scope.TRASH if self.kind == "trash" else Scope.ACTIVE

    def query(self) -> str:
        """The filter in the search syntax, to join with what is typed in the search field."""
        if self.kind == "status":
            return f"status:{self.value}"
        if self.kind == "tag":
            return f'tag:"{self.value}"'
        if self.kind == "saved":
            return self.value
        return ""


def _counted(label: str, count: int | None) -> str:
    return label if count is None else f"{label}  ({count:,})"


class Sidebar(QTreeWidget):
    filter_changed = Signal(object)  # SidebarFilter
    rename_tag = Signal(str)
    merge_tags = Signal(list)
    delete_tag = Signal(str)
    empty_trash = Signal()
    rename_saved = Signal(str)  # name
    move_saved = Signal(str, int)  # name, new position (0-based)
    delete_saved = Signal(str)  # name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(12)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self._row_height = self.fontMetrics().height() + 8

        self.all_item = self._item(None, "All stories", "all")
        self.saved_group = self._group("Saved searches")
        self.saved_items: list[QTreeWidgetItem] = []
        self.saved_group.setHidden(True)
        self.status_group = self._group("Status")
        self.status_items: dict[Status, QTreeWidgetItem] = {
            status: self._item(self.status_group, status.label, "status", status.value) for status in Status
        }
        self.tag_group = self._group("Tags")
        self.tag_items: dict[str, QTreeWidgetItem] = {}
        self.trash_item = self._item(None, "Trash", "trash")
        self.expandAll()
        self.setCurrentItem(self.all_item)
        self._current = SidebarFilter()
        self.itemSelectionChanged.connect(self._selection_changed)

    def _group(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [title.upper()])
        item.setSizeHint(0, QSize(0, self._row_height + 6))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = item.font(0)
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 0.85)
        item.setFont(0, font)
        item.setData(0, KIND_ROLE, "group")
        return item

    def _item(self, parent: QTreeWidgetItem | None, label: str, kind: str, value: str = "") -> QTreeWidgetItem:
        item = QTreeWidgetItem([label])
        item.setSizeHint(0, QSize(0, self._row_height))
        item.setData(0, KIND_ROLE, kind)
        item.setData(0, VALUE_ROLE, value)
        item.setData(0, Qt.ItemDataRole.UserRole, label)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    # ------------------------------------------------------------------------------------- filter

    @property
    def current_filter(self) -> SidebarFilter:
        return self._current

    def select_filter(self, wanted: SidebarFilter) -> None:
        item = self._item_for(wanted) or self.all_item
        self.setCurrentItem(item)

    def _item_for(self, wanted: SidebarFilter) -> QTreeWidgetItem | None:
        if wanted.kind == "status":
            try:
                return self.status_items.get(Status(wanted.value))
            except ValueError:
                return None
        if wanted.kind == "tag":
            return self.tag_items.get(wanted.value.casefold())
        if wanted.kind == "trash":
            return self.trash_item
        if wanted.kind == "saved":
            return next((i for i in self.saved_items if i.data(0, VALUE_ROLE) == wanted.value), None)
        return self.all_item

    def _selection_changed(self) -> None:
        item = self.currentItem()
        if item is None or item.data(0, KIND_ROLE) == "group":
            return
        wanted = SidebarFilter(item.data(0, KIND_ROLE), item.data(0, VALUE_ROLE) or "")
        if wanted != self._current:
            self._current = wanted
            self.filter_changed.emit(wanted)

    # ------------------------------------------------------------------------------------- counts

    def set_counts(self, statuses: dict[str, int], tags: list[TagCount], trash: int) -> None:
        self.all_item.setText(0, _counted("All stories", sum(statuses.values())))
        for status, item in self.status_items.items():
            item.setText(0, _counted(status.label, statuses.get(status.value, 0)))
        self.trash_item.setText(0, _counted("Trash", trash))
        self._set_tags(tags)

    def _set_tags(self, tags: list[TagCount]) -> None:
        wanted = {t.name.casefold(): t for t in tags}
        for key in [k for k in self.tag_items if k not in wanted]:
            self.tag_group.removeChild(self.tag_items.pop(key))
        for position, (key, tag) in enumerate(sorted(wanted.items(), key=lambda kv: kv[1].name.casefold())):
            item = self.tag_items.get(key)
            if item is None:
                item = QTreeWidgetItem([tag.name])
                item.setSizeHint(0, QSize(0, self._row_height))
                item.setData(0, KIND_ROLE, "tag")
                self.tag_group.insertChild(position, item)
                self.tag_items[key] = item
            item.setData(0, VALUE_ROLE, tag.name)
            item.setText(0, _counted(tag.name, tag.count))
            # The sidebar is narrow: a long tag name is cut, and shown whole when pointed at.
            item.setToolTip(0, _counted(tag.name, tag.count))
        if self._current.kind == "tag" and self._current.value.casefold() not in wanted:
            self.setCurrentItem(self.all_item)

    def set_saved(self, rows: list[SavedSearch], counts: dict[int, int] | None = None) -> None:
        """The saved searches in their order, with how many stories each finds (None while being counted)."""
        current = self._current
        for item in self.saved_items:
            self.saved_group.removeChild(item)
        self.saved_items = []
        for row in rows:
            count = None if counts is None else counts.get(row.id)
            item = QTreeWidgetItem([_counted(row.label, count)])
            item.setSizeHint(0, QSize(0, self._row_height))
            item.setData(0, KIND_ROLE, "saved")
            item.setData(0, VALUE_ROLE, row.query)
            item.setData(0, SAVED_ROLE, row.name)
            whose = f"yours only ({row.owner})" if row.personal else "shared with the desk"
            item.setToolTip(0, f"{_counted(row.label, count)}\n{row.query}\n{whose}")
            self.saved_group.addChild(item)
            self.saved_items.append(item)
        self.saved_group.setHidden(not rows)
        self.saved_group.setExpanded(True)
        if current.kind == "saved":
            match = next((i for i in self.saved_items if i.data(0, VALUE_ROLE) == current.value), None)
            self.blockSignals(True)
            self.setCurrentItem(match)  # type: ignore[arg-type]  # None clears it; the stub does not say so
            self.blockSignals(False)
            if match is None:
                self.setCurrentItem(self.all_item)

    def saved_names(self) -> list[str]:
        return [item.data(0, SAVED_ROLE) for item in self.saved_items]

    def tag_names(self) -> list[str]:
        return [item.data(0, VALUE_ROLE) for item in self.tag_items.values()]

    def selected_tags(self) -> list[str]:
        return [i.data(0, VALUE_ROLE) for i in self.selectedItems() if i.data(0, KIND_ROLE) == "tag"]

    # -------------------------------------------------------------------------------- context menu

    def _menu(self, point: QPoint) -> None:
        item = self.itemAt(point)
        if item is None:
            return
        kind = item.data(0, KIND_ROLE)
        menu = QMenu(self)
        if kind == "tag":
            name = item.data(0, VALUE_ROLE)
            selected = self.selected_tags() if item.isSelected() else [name]
            rename = QAction(f"Rename “{name}”…", menu)
            rename.triggered.connect(lambda: self.rename_tag.emit(name))
            merge = QAction("Merge tags…" if len(selected) > 1 else f"Merge “{name}” into…", menu)
            merge.triggered.connect(lambda: self.merge_tags.emit(selected))
            delete = QAction(f"Delete tag “{name}”", menu)
            delete.triggered.connect(lambda: self.delete_tag.emit(name))
            menu.addActions([rename, merge])
            menu.addSeparator()
            menu.addAction(delete)
        elif kind == "saved":
            name = item.data(0, SAVED_ROLE)
            at = self.saved_items.index(item)
            rename = QAction(f"Rename “{name}”…", menu)
            rename.triggered.connect(lambda: self.rename_saved.emit(name))
            up = QAction("Move up", menu)
            up.setEnabled(at > 0)
            up.triggered.connect(lambda: self.move_saved.emit(name, at - 1))
            down = QAction("Move down", menu)
            down.setEnabled(at < len(self.saved_items) - 1)
            down.triggered.connect(lambda: self.move_saved.emit(name, at + 1))
            delete = QAction(f"Delete saved search “{name}”", menu)
            delete.triggered.connect(lambda: self.delete_saved.emit(name))
            menu.addActions([rename, up, down])
            menu.addSeparator()
            menu.addAction(delete)
        elif kind == "trash":
            empty = QAction("Empty trash…", menu)
            empty.triggered.connect(self.empty_trash.emit)
            menu.addAction(empty)
        else:
            return
        menu.exec(self.viewport().mapToGlobal(point))
