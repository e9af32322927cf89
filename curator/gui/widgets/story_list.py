"""The story list view: sortable headers, lazy paging as it scrolls, and files or folders dropped to import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from curator.gui.models.story_table import BYLINE, COLUMNS, HEADLINE, STATUS, TAGS, UPDATED, WORDS

# Shown at first; the others are a right-click on the header away.
DEFAULT_HIDDEN = (TAGS, BYLINE, WORDS)


def _local_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class StoryListView(QTableView):
    files_dropped = Signal(list)  # list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storyList")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSortingEnabled(False)  # the model sorts by running a new query; see set_sort_indicator
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(False)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(HEADLINE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((STATUS, 88), (TAGS, 120), (BYLINE, 110), (WORDS, 64), (UPDATED, 74)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, width)
        for column in DEFAULT_HIDDEN:
            self.setColumnHidden(column, True)

    def _header_menu(self, point: QPoint) -> None:
        menu = QMenu(self)
        for column, spec in enumerate(COLUMNS):
            if column == HEADLINE:
                continue
            action = QAction(spec.title, menu, checkable=True, checked=not self.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self.setColumnHidden(c, not on))
            menu.addAction(action)
        menu.exec(self.horizontalHeader().mapToGlobal(point))

    # --------------------------------------------------------------------------------- drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if _local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files_dropped.emit(paths)
