"""The story list: a table model over light summaries, fetched a page at a time by keyset, never all at once.

Searching and sorting are new queries. Changes made anywhere in the app arrive as change sets; the model fetches
just those rows and moves, updates, inserts or removes them where a new query would have put them, instead of
reloading.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from curator.core.status import Status
from curator.domain.stories import ChangeSet, Page, Scope, Sort, StorySummary

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2

PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str
    sort: Sort | None
    natural: Qt.SortOrder  # the order a first click on the header gives


COLUMNS = (
    Column("Headline", Sort.HEADLINE, Qt.SortOrder.AscendingOrder),
    Column("Status", Sort.STATUS, Qt.SortOrder.AscendingOrder),
    Column("Tags", None, Qt.SortOrder.AscendingOrder),
    Column("Byline", None, Qt.SortOrder.AscendingOrder),
    Column("Words", None, Qt.SortOrder.DescendingOrder),
    Column("Updated", Sort.UPDATED, Qt.SortOrder.DescendingOrder),
)
HEADLINE, STATUS, TAGS, BYLINE, WORDS, UPDATED = range(len(COLUMNS))


@dataclass(frozen=True)
class ListQuery:
    """What the list shows: a query in the search syntax, a scope, and an order."""

    text: str = ""
    scope: Scope = Scope.ACTIVE
    sort: Sort = Sort.UPDATED
    descending: bool = True


# A reader runs ``fn(library)`` off the UI thread and calls back on it: LibraryBridge.read.
Reader = Callable[..., Any]


def _row_key(row: StorySummary, query: ListQuery) -> tuple[Any, ...]:
    """The position a row takes in ``query``'s order, as the search service orders it (ascending tuples)."""
    if query.sort == Sort.HEADLINE:
        from curator.core.text import sort_key  # the same key the library sorts by

        return (sort_key(row.headline), row.id)
    if query.sort == Sort.STATUS:
        rank = row.status.rank
        return (-rank, row.seq) if query.descending else (rank, -row.seq)
    return (-row.seq,) if query.descending else (row.seq,)


def _reversed_key(query: ListQuery) -> bool:
    # Headline order descends by comparing strings the other way round; the numeric keys are negated instead.
    return query.sort == Sort.HEADLINE and query.descending


def format_updated(when: datetime, now: datetime | None = None) -> str:
    local = when.replace(tzinfo=UTC).astimezone() if when.tzinfo is None else when.astimezone()
    now = now or datetime.now().astimezone()
    if local.date() == now.date():
        return f"{local:%H:%M}"
    if local.year == now.year:
        return f"{local:%-d %b}"
    return f"{local:%-d %b %Y}"


class StoryTableModel(QAbstractTableModel):
    loaded = Signal()  # a first page replaced the rows (new query, reload)
    page_arrived = Signal(int)  # rows added by paging
    query_failed = Signal(str)  # the query could not be run (a syntax error, a database error)
    busy_changed = Signal(bool)

    def __init__(self, reader: Reader | None = None, *, page_size: int = PAGE_SIZE, parent: Any = None) -> None:
        super().__init__(parent)
        self._read = reader
        self._page_size = page_size
        self._query = ListQuery()
        self._rows: list[StorySummary] = []
        self._row_of: dict[int, int] = {}
        self._cursor: tuple[Any, ...] | None = None
        self._more = False
        self._fetching = False
        self._generation = 0
        self._pending_changes: list[ChangeSet] = []
        # Who else is editing which story ("Aliya is editing since 14:02"), from the desk's presence.
        self._editing_by: dict[int, str] = {}
        self._modified: set[int] = set()
        self._provisional = False
        self._reloading = False

    # ------------------------------------------------------------------------------------------ state

    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def fetching(self) -> bool:
        return self._fetching

    @property
    def has_more(self) -> bool:
        return self._more

    def set_reader(self, reader: Reader) -> None:
        self._read = reader

    def set_query(self, query: ListQuery, *, force: bool = False) -> None:
        if force or query != self._query or self._provisional:
            self._query = query
            self.reload()

    def summary(self, row: int) -> StorySummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, story_id: int) -> int | None:
        return self._row_of.get(story_id)

    def ids(self) -> list[int]:
        return [r.id for r in self._rows]

    def set_modified(self, story_ids: Iterable[int]) -> None:
        """Mark stories with unsaved changes (shown in italics with a dot)."""
        new = set(story_ids)
        touched = new ^ self._modified
        self._modified = new
        for story_id in touched:
            row = self._row_of.get(story_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def show_snapshot(self, query: ListQuery, rows: Sequence[StorySummary]) -> None:
        """Show rows remembered from the last run until the library is open and a real page replaces them."""
        self.beginResetModel()
        self._query = query
        self._set_rows(list(rows))
        self._cursor, self._more, self._provisional = None, False, True
        self.endResetModel()

    # ---------------------------------------------------------------------------------------- loading

    def reload(self) -> None:
        """Run the query again; the rows on show stay until the first page arrives (no blank flash)."""
        self._generation += 1
        self._cursor, self._more = None, False
        self._reloading = True
        self._fetch(first=True)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetch(first=False)

    def _fetch(self, *, first: bool) -> None:
        if self._read is None:
            return
        generation, query, cursor, limit = self._generation, self._query, self._cursor, self._page_size
        self._set_fetching(True)

        def page(lib: Any) -> Page:
            return lib.search.page(
                query.text,
                sort=query.sort,
                descending=query.descending,
                cursor=cursor,
                limit=limit,
                scope=query.scope,
            )

        self._read(
            page,
            lambda result: self._page_done(generation, first, result),
            lambda exc: self._page_failed(generation, exc),
        )

    def _page_done(self, generation: int, first: bool, page: Page) -> None:
        if generation != self._generation:
            return
        self._set_fetching(False)
        self._cursor = page.next_cursor
        self._more = page.next_cursor is not None
        if first:
            self._reloading = False
            self.beginResetModel()
            self._set_rows(list(page.items))
            self._provisional = False
            self.endResetModel()
            self.loaded.emit()
        else:
            fresh = [r for r in page.items if r.id not in self._row_of]
            if fresh:
                start = len(self._rows)
                self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
                self._rows.extend(fresh)
                self._reindex(start)
                self.endInsertRows()
            self.page_arrived.emit(len(fresh))
        pending, self._pending_changes = self._pending_changes, []
        for changes in pending:
            self.apply_changes(changes)

    def _page_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_fetching(False)
        self._more = False
        self._reloading = False
        pending, self._pending_changes = self._pending_changes, []
        for changes in pending:
            self.apply_changes(changes)
        log.info("the story list query failed: %s", exc)
        self.query_failed.emit(str(exc))

    def _set_fetching(self, value: bool) -> None:
        if value != self._fetching:
            self._fetching = value
            self.busy_changed.emit(value)

    # ---------------------------------------------------------------------------------------- changes

    def set_presence(self, editing_by: dict[int, str]) -> None:
        """Mark the rows of stories someone else is editing (an icon and a tooltip)."""
        changed = set(editing_by) ^ set(self._editing_by) | {
            i for i in editing_by if self._editing_by.get(i) != editing_by[i]
        }
        self._editing_by = dict(editing_by)
        for story_id in changed:
            row = self._row_of.get(story_id)
            if row is not None:
                index = self.index(row, HEADLINE)
                self.dataChanged.emit(index, index)

    def apply_changes(self, changes: ChangeSet) -> None:
        """Bring the rows a change set names up to date: fetch only those, and put each where it belongs."""
        if not changes:
            return
        if self._reloading:
            # A new query is on its way; apply the changes to its rows when they arrive.
            self._pending_changes.append(changes)
            return
        for story_id in changes.deleted:
            self._remove(story_id)
        ids = tuple(dict.fromkeys(changes.created + changes.updated))
        if not ids or self._read is None:
            return
        generation, query = self._generation, self._query

        def fetch(lib: Any) -> tuple[dict[int, StorySummary], set[int]]:
            return lib.search.summaries(ids), lib.search.matching(query.text, ids, scope=query.scope)

        self._read(fetch, lambda result: self._place(generation, ids, *result), lambda exc: None)

    def _place(self, generation: int, ids: tuple[int, ...], found: dict[int, StorySummary], matching: set[int]) -> None:
        if generation != self._generation:
            return
        for story_id in ids:
            row = found.get(story_id)
            if row is None or story_id not in matching:
                self._remove(story_id)
            else:
                self._upsert(row)

    def _position(self, row: StorySummary) -> int:
        """Where ``row`` goes among the loaded rows (binary search on the query's order)."""
        key = _row_key(row, self._query)
        rev = _reversed_key(self._query)
        lo, hi = 0, len(self._rows)
        while lo < hi:
            mid = (lo + hi) // 2
            other = _row_key(self._rows[mid], self._query)
            if (other > key) if rev else (other < key):
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _upsert(self, row: StorySummary) -> None:
        old = self._row_of.get(row.id)
        if old is not None:
            # Find the new place as if the row were not there.
            current = self._rows.pop(old)
            new = self._position(row)
            self._rows.insert(old, current)
        else:
            new = self._position(row)
        beyond = new >= len(self._rows) - (1 if old is not None else 0) and self._more
        if beyond:
            # It belongs after the loaded rows: the next page will bring it.
            if old is not None:
                self._remove(row.id)
            return
        if old is None:
            self.beginInsertRows(QModelIndex(), new, new)
            self._rows.insert(new, row)
            self._reindex(new)
            self.endInsertRows()
            return
        if new == old:
            self._rows[old] = row
            self.dataChanged.emit(self.index(old, 0), self.index(old, len(COLUMNS) - 1))
            return
        # beginMoveRows wants the destination counted before the row is taken out.
        destination = new + 1 if new > old else new
        self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), destination)
        self._rows.pop(old)
        self._rows.insert(new, row)
        self._reindex(min(old, new))
        self.endMoveRows()
        self.dataChanged.emit(self.index(new, 0), self.index(new, len(COLUMNS) - 1))

    def _remove(self, story_id: int) -> None:
        row = self._row_of.get(story_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        del self._row_of[story_id]
        self._reindex(row)
        self.endRemoveRows()

    def _set_rows(self, rows: list[StorySummary]) -> None:
        self._rows = rows
        self._row_of = {}
        self._reindex(0)

    def _reindex(self, start: int) -> None:
        for i in range(start, len(self._rows)):
            self._row_of[self._rows[i].id] = i

    # ------------------------------------------------------------------------------------ Qt's model API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.TextAlignmentRole and section == WORDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == ID_ROLE:
            return row.id
        if role == SUMMARY_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == HEADLINE:
                note = "  (unsaved changes)" if row.id in self._modified else ""
                editing = f"\n✎ {self._editing_by[row.id]}" if row.id in self._editing_by else ""
                return f"{row.headline or 'Untitled story'}{note}\n{row.slug}{editing}"
            if col == UPDATED:
                return row.updated_at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == WORDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (row.id in self._modified or (col == HEADLINE and not row.headline)):
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _display(self, row: StorySummary, col: int) -> str:
        if col == HEADLINE:
            text = row.headline or "Untitled story"
            if row.id in self._editing_by:
                text = f"✎ {text}"
            return f"● {text}" if row.id in self._modified else text
        if col == STATUS:
            return Status(row.status).label
        if col == TAGS:
            return ", ".join(row.tags)
        if col == BYLINE:
            return row.byline
        if col == WORDS:
            return f"{row.word_count:,}"
        if col == UPDATED:
            return format_updated(row.updated_at)
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        spec = COLUMNS[column] if 0 <= column < len(COLUMNS) else None
        if spec is None or spec.sort is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(ListQuery(self._query.text, self._query.scope, spec.sort, descending))

    def sort_section(self) -> tuple[int, Qt.SortOrder]:
        """The header section and order showing the current sort."""
        for i, spec in enumerate(COLUMNS):
            if spec.sort == self._query.sort:
                order = Qt.SortOrder.DescendingOrder if self._query.descending else Qt.SortOrder.AscendingOrder
                return i, order
        return UPDATED, Qt.SortOrder.DescendingOrder

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction
