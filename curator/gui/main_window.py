"""The main window: lays out the sidebar, search, story list, fields, editor and preview, and wires them together.

The work is done elsewhere: the list model pages the library, the editing controller owns the story on screen
and its drafts, the operations and transfers run writes and imports/exports, the dialogs settle conflicts and
history. This class connects their signals and keeps the window's state across runs.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QFrame, QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget

from curator.domain.stories import Scope, StorySummary
from curator.gui.actions import AppActions
from curator.gui.comments_controller import install_comments
from curator.gui.desk_controller import DeskBanner, DeskController
from curator.gui.dialogs import present
from curator.gui.editing import EditingController
from curator.gui.factcheck_controller import install_factcheck
from curator.gui.models.story_table import ID_ROLE, ListQuery, StoryTableModel
from curator.gui.panel_host import MainWindowHost
from curator.gui.related_controller import install_related
from curator.gui.status_choice import StatusChoiceGuard
from curator.gui.widgets.editor import MarkdownEditor
from curator.gui.widgets.fields import StoryFieldsForm
from curator.gui.widgets.find_bar import FindBar
from curator.gui.widgets.preview import PreviewPane
from curator.gui.widgets.search_field import SearchField, SearchStatus
from curator.gui.widgets.sidebar import Sidebar, SidebarFilter
from curator.gui.widgets.status_bar import StatusBar
from curator.gui.widgets.story_list import StoryListView
from curator.gui.window_state import PREFERRED_SIZE, restore_window_state, save_window_state
from curator.gui.writing_controller import install_writing

if TYPE_CHECKING:
    from pathlib import Path

    from curator.domain.errors import ConflictError
    from curator.gui.app import AppContext
    from curator.gui.bridge import LibraryBridge
    from curator.gui.recovery import Draft

log = logging.getLogger(__name__)

# The narrowest each pane may be made: below these the text in it stops being readable. Their sum with a side
# panel (about 1,250 px) fits a 1280-px screen; the preview is hidden rather than squeezed.
MIN_SIDEBAR, MIN_LIST, MIN_EDITOR, MIN_PREVIEW = 110, 220, 320, 320


class _FirstPaint(QObject):
    """Calls back once, after a widget has first been painted."""

    def __init__(self, widget: QWidget, callback: Any) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


class MainWindow(QMainWindow):
    # The window's actions by name; it hides QWidget.actions(), which nothing in Curator calls.
    actions: AppActions  # type: ignore[assignment]  # hides QWidget.actions() on purpose (see above)
    library_attached = Signal()
    list_painted = Signal()

    def __init__(self, ctx: AppContext, *, dark: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = ctx.settings
        self.bridge: LibraryBridge | None = None
        self.operations: Any = None
        self.transfers: Any = None
        self._force_close = False
        self._pending_open: int | None = None
        self._first_load = True
        self._focus_headline_of: int | None = None
        # Pages that features add to Preferences (see PanelHost.add_preferences_section).
        self.preference_sections: list[Any] = []
        self.setWindowTitle("Curator")
        self.resize(*PREFERRED_SIZE)

        self.sidebar = Sidebar()
        self.search = SearchField()
        self.search_status = SearchStatus()
        self.model = StoryTableModel()
        self.list = StoryListView()
        self.list.setModel(self.model)
        self.fields = StoryFieldsForm()
        self.editor = MarkdownEditor()
        self.find_bar = FindBar(self.editor)
        self.preview = PreviewPane()
        self.preview.set_dark(dark)
        self.status = StatusBar()
        self.setStatusBar(self.status)
        self.editing = EditingController(
            self.fields,
            self.editor,
            self.preview,
            ctx.recovery,
            autosave_ms=self.settings.autosave_ms,
            author=ctx.author,
            parent=self,
        )
        self._lay_out()
        self.actions = AppActions(self)
        # The menus by their English names (their titles are translated).
        self.menus = self.actions.build_menus(self.menuBar())
        for name in ("trash", "purge"):
            self.list.addAction(self.actions[name])
        self._wire()
        host = MainWindowHost(self)
        self.factcheck = install_factcheck(host)
        # The preview is the public page exactly: it shows the public side of the saved fact check too.
        self.factcheck.checked.connect(self.preview.set_factcheck)
        self.related = install_related(host)
        self.comments = install_comments(host)
        self.writing = install_writing(host)
        self.status_guard = StatusChoiceGuard(host)
        self.desk = DeskController(host, self.desk_banner, self.model.set_presence)
        self._restore_state()
        self.apply_editor_font()
        self.status.set_library(ctx.db_url.rsplit("/", 1)[-1], ctx.db_url)
        self.status.set_state("Opening the library…")
        # Named once painted (not on the way to the first paint), when the docks' tab bar exists too.
        self.list_painted.connect(self.name_controls)
        self._first_paint = _FirstPaint(self.list.viewport(), self.list_painted.emit)

    # ----------------------------------------------------------------------------------------- layout

    def _lay_out(self) -> None:
        list_panel = QWidget()
        list_layout = QVBoxLayout(list_panel)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(0)
        list_layout.addWidget(self.search)
        list_layout.addWidget(self.search_status)
        list_layout.addWidget(self.list, 1)

        editor_panel = QWidget()
        editor_layout = QVBoxLayout(editor_panel)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.setSpacing(0)
        self.desk_banner = DeskBanner()
        editor_layout.addWidget(self.desk_banner)
        editor_layout.addWidget(self.editor, 1)
        editor_layout.addWidget(self.find_bar)
        self.editor_split = QSplitter(Qt.Orientation.Vertical)
        self.editor_split.setObjectName("editorSplit")
        self.editor_split.addWidget(self.fields)
        self.editor_split.addWidget(editor_panel)
        self.editor_split.setStretchFactor(1, 1)
        self.editor_split.setChildrenCollapsible(False)

        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.setObjectName("mainSplit")
        for w in (self.sidebar, list_panel, self.editor_split, self.preview):
            self.main_split.addWidget(w)
        self.main_split.setStretchFactor(2, 1)
        self.main_split.setStretchFactor(3, 1)
        for splitter in (self.main_split, self.editor_split):
            splitter.setHandleWidth(1)
        for frame in (self.sidebar, self.list, self.editor):
            frame.setFrameShape(QFrame.Shape.NoFrame)
        list_layout.setContentsMargins(0, 0, 0, 0)
        self.sidebar.setMinimumWidth(MIN_SIDEBAR)
        list_panel.setMinimumWidth(MIN_LIST)
        self.editor_split.setMinimumWidth(MIN_EDITOR)
        self.preview.setMinimumWidth(MIN_PREVIEW)
        self.main_split.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_split)

    def _wire(self) -> None:
        a = self.actions
        self.sidebar.filter_changed.connect(lambda _f: self._apply_query())
        self.search.query_changed.connect(lambda _t: self._apply_query())
        self.model.query_failed.connect(self._query_failed)
        self.model.loaded.connect(self._list_loaded)
        self.list.horizontalHeader().sortIndicatorChanged.connect(self._sort_clicked)
        self.list.selectionModel().currentRowChanged.connect(lambda current, _prev: self._row_activated(current))
        self.list.files_dropped.connect(self._files_dropped)
        self.model.rowsInserted.connect(lambda *_a: self._rows_arrived())
        self._tab_order()

        self.editing.opened.connect(self._story_opened)
        self.editing.state_changed.connect(self._update_state)
        self.editing.drafts_changed.connect(self.model.set_modified)
        self.editing.words_changed.connect(self.status.set_words)
        self.editing.conflict.connect(self.show_conflict)
        self.editing.failed.connect(lambda msg: QMessageBox.warning(self, "Curator", msg))
        self.editor.cursorPositionChanged.connect(lambda: self.status.set_position(*self.editor.cursor_position()))
        self.editor.top_line_changed.connect(self.preview.scroll_to_line)
        self.preview.updated.connect(lambda: self.preview.scroll_to_line(self.editor.top_line()))
        self.fields.details_toggled.connect(a["toggle_details"].setChecked)
        self.fields.headline.textEdited.connect(lambda _t: self._update_state())

        a["save"].triggered.connect(self.editing.save)
        a["revert"].triggered.connect(self._revert)
        a["quit"].triggered.connect(self.close)
        a["undo"].triggered.connect(self.editor.undo)
        a["redo"].triggered.connect(self.editor.redo)
        a["find"].triggered.connect(lambda: self.find_bar.open_find())
        a["replace"].triggered.connect(lambda: self.find_bar.open_find(replace=True))
        a["find_next"].triggered.connect(self.find_bar.find_next)
        a["find_previous"].triggered.connect(self.find_bar.find_previous)
        a["bold"].triggered.connect(lambda: self.editor.toggle_wrap("**"))
        a["italic"].triggered.connect(lambda: self.editor.toggle_wrap("*"))
        a["search"].triggered.connect(self._focus_search)
        a["history"].triggered.connect(self.show_history)
        a["focus_list"].triggered.connect(self.list.setFocus)
        a["focus_editor"].triggered.connect(self.editor.setFocus)
        a["focus_preview"].triggered.connect(lambda: (self.preview.view or self.preview).setFocus())
        a["toggle_preview"].toggled.connect(self.preview.setVisible)
        a["toggle_details"].toggled.connect(self.fields.set_details_visible)
        a["about"].triggered.connect(self._about)
        a["guide"].triggered.connect(self.show_guide)
        a["preferences"].triggered.connect(self.show_preferences)
        for key, action in self.actions.theme.items():
            action.triggered.connect(lambda _c=False, k=key: self.set_theme(k))
        leave_search = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.list.setFocus)
        leave_search.setContext(Qt.ShortcutContext.WidgetShortcut)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # ------------------------------------------------------------------------------------ the library

    def show_snapshot(self, query: ListQuery, rows: Sequence[StorySummary]) -> None:
        """Rows remembered from the last run, shown until the library is open (see curator.gui.snapshot)."""
        if query == self.list_query():
            self.model.show_snapshot(query, rows)

    def snapshot_rows(self) -> tuple[list[StorySummary], ListQuery]:
        return [r for r in (self.model.summary(i) for i in range(min(self.model.rowCount(), 100))) if r], (
            self.model.query
        )

    def attach_library(self) -> None:
        """The library is open: connect everything that reads or writes it."""
        from curator.gui.bridge import LibraryBridge
        from curator.gui.operations import StoryOperations
        from curator.gui.transfers import Transfers

        assert self.ctx.library is not None
        self.bridge = bridge = LibraryBridge(self.ctx.library, self)
        bridge.error.connect(self._background_error)
        bridge.changed.connect(self.model.apply_changes)
        self._counts_timer = QTimer(self, singleShot=True, interval=300)
        self._counts_timer.timeout.connect(self.refresh_counts)
        bridge.changed.connect(lambda _c: self._counts_timer.start())
        self._count_timer = QTimer(self, singleShot=True, interval=300)
        self._count_timer.timeout.connect(self.refresh_result_count)
        bridge.changed.connect(lambda _c: self._count_timer.start())
        self.model.set_reader(bridge.read)
        self.editing.attach(bridge)
        selected = self.selected_ids
        self.operations = ops = StoryOperations(
            bridge, self.editing, self, selected_ids=selected, author=self.ctx.author
        )
        self.transfers = Transfers(
            bridge,
            self,
            selected_ids=selected,
            list_query=lambda: self.model.query.text,
            author=self.ctx.author,
            settings=self.settings,
            library_id=self.ctx.db_url,
            open_story=self.open_story,
        )
        ops.created.connect(self._created)
        ops.message.connect(lambda m: self.status.showMessage(m, 5000))
        a = self.actions
        a["new"].triggered.connect(ops.new_story)
        a["duplicate"].triggered.connect(ops.duplicate)
        a["trash"].triggered.connect(ops.trash)
        a["restore"].triggered.connect(ops.restore)
        a["purge"].triggered.connect(ops.purge)
        a["empty_trash"].triggered.connect(ops.empty_trash)
        for status, action in self.actions.status.items():
            action.triggered.connect(lambda _c=False, s=status: ops.set_status(s))
        a["import_files"].triggered.connect(self.transfers.choose_and_import)
        a["import_folder"].triggered.connect(self.transfers.choose_folder_and_import)
        a["export_story"].triggered.connect(self._export_story)
        a["export_many"].triggered.connect(lambda: self.transfers.choose_and_export())
        a["republish"].triggered.connect(self.transfers.republish)
        self.transfers.republishable.connect(a["republish"].setEnabled)
        self.transfers.restore_last_site(self.settings)
        self.sidebar.rename_tag.connect(ops.rename_tag)
        self.sidebar.merge_tags.connect(lambda names: ops.merge_tags(names, self.sidebar.tag_names()))
        self.sidebar.delete_tag.connect(ops.delete_tag)
        self.sidebar.empty_trash.connect(ops.empty_trash)
        from curator.gui.saved_searches import SavedSearches

        self.saved_searches = SavedSearches(bridge, self.sidebar, self)
        self.saved_searches.message.connect(lambda m: self.status.showMessage(m, 5000))
        self.search.save_requested.connect(lambda: self.saved_searches.save(self.list_query().text))
        self._counts_timer.timeout.connect(self.saved_searches.refresh)

        self._pending_open = self.settings.value("editor/last_story", None, int)
        self._apply_query(force=True)
        self.refresh_counts()
        self.saved_searches.refresh()
        self.status.set_state("")
        QTimer.singleShot(0, self.preview.ensure_view)
        self.offer_recovery()
        self.library_attached.emit()
        self.name_controls()  # and whatever the panels built meanwhile

    def _background_error(self, exc: BaseException) -> None:
        from curator.core.errors import CuratorError

        if isinstance(exc, CuratorError):
            QMessageBox.warning(self, "Curator", str(exc))
        else:
            log.error("a background task failed", exc_info=exc)
            QMessageBox.critical(self, "Something went wrong", f"{type(exc).__name__}: {exc}\n(details in the log)")

    def refresh_counts(self) -> None:
        if self.bridge is None:
            return

        def counts(lib: Any) -> tuple[dict[str, int], list[Any], int]:
            return lib.search.status_counts(), lib.tags.counts(), lib.search.count(scope=Scope.TRASH)

        def show(result: tuple[dict[str, int], list[Any], int]) -> None:
            self.sidebar.set_counts(*result)
            self.fields.tags.set_known_tags(self.sidebar.tag_names())

        self.bridge.read(counts, show)

    # ------------------------------------------------------------------------------------ list & query

    def list_query(self) -> ListQuery:
        f: SidebarFilter = self.sidebar.current_filter
        text = " ".join(x for x in (f.query(), self.search.text().strip()) if x)
        current = self.model.query
        return ListQuery(text, f.scope, current.sort, current.descending)

    def _apply_query(self, *, force: bool = False) -> None:
        self.search.show_error(None)
        self.search_status.show_error(None)
        self.model.set_query(self.list_query(), force=force)

    def _query_failed(self, message: str) -> None:
        """The query was not run: say why under the search field (the list keeps its last results)."""
        self.search.show_error(message)
        self.search_status.show_error(message)

    def refresh_result_count(self) -> None:
        """How many stories the list holds for its query (it pages them in, so it does not know itself)."""
        if self.bridge is None:
            return
        query = self.model.query
        searching = bool(self.search.text().strip())

        def count(lib: Any) -> int:
            return int(lib.search.count(query.text, scope=query.scope))

        def show(total: int) -> None:
            if query == self.model.query and self.search_status.error is None:
                self.search_status.show_count(total, searching=searching)

        self.bridge.read(count, show, lambda exc: self._query_failed(str(exc)))

    def _sort_clicked(self, column: int, order: Qt.SortOrder) -> None:
        self.model.sort(column, order)
        section, shown = self.model.sort_section()
        if (section, shown) != (column, order):
            header = self.list.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(section, shown)
            header.blockSignals(False)

    def _list_loaded(self) -> None:
        self.refresh_result_count()
        first_load, self._first_load = self._first_load, False
        wanted = self._pending_open if self._pending_open is not None else self.editing.story_id
        self._pending_open = None
        row = self.model.row_of(wanted) if wanted is not None else None
        if row is None and first_load and self.model.rowCount():
            row = 0  # the last story is gone (or this is the first start): show the newest
        if row is None:
            return
        self.list.selectRow(row)
        summary = self.model.summary(row)
        if summary is not None and self.editing.story_id != summary.id:
            self.open_story(summary.id)

    def _row_activated(self, index: Any) -> None:
        if index.isValid() and self.bridge is not None:
            self.editing.open(index.data(ID_ROLE))

    def open_story(self, story_id: int) -> None:
        self.editing.open(story_id)
        row = self.model.row_of(story_id)
        if row is not None:
            self.list.selectRow(row)

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.list.selectionModel().selectedRows()})
        return [s.id for s in (self.model.summary(r) for r in rows) if s is not None]

    def _files_dropped(self, paths: list[Path]) -> None:
        if self.transfers is not None:
            self.transfers.import_paths(paths)

    def _export_story(self) -> None:
        story = self.editing.story
        if story is not None and self.transfers is not None:
            self.transfers.export_story(story.id, story.slug)

    # ------------------------------------------------------------------------------------ the story

    def _created(self, story_id: int) -> None:
        """A new (or duplicated) story: show it and put the cursor in its headline, ready to type."""
        self._focus_headline_of = story_id
        self.open_story(story_id)

    def _story_opened(self, story: Any) -> None:
        self._update_state()
        if story is not None:
            self._select_row_of(story.id)
            if story.id == self._focus_headline_of:
                self._focus_headline_of = None
                self.fields.headline.setFocus(Qt.FocusReason.OtherFocusReason)
                self.fields.headline.selectAll()

    def _select_row_of(self, story_id: int) -> None:
        """Highlight the story's row (once the list has it) without opening it again."""
        row = self.model.row_of(story_id)
        if row is not None and self.list.currentIndex().row() != row:
            self.list.selectionModel().blockSignals(True)
            self.list.selectRow(row)
            self.list.selectionModel().blockSignals(False)
            self.list.viewport().update()

    def _rows_arrived(self) -> None:
        if self.editing.story_id is not None:
            self._select_row_of(self.editing.story_id)

    def _tab_order(self) -> None:
        """Tab follows the work: headline, dek, byline … caption, then the body."""
        f = self.fields
        chain = [f.headline, f.dek, f.byline, f.original_author, f.status, f.language, f.tags]
        chain += [f.outlet_name, f.outlet_url, f.photo, f.browse, f.photo_credit, f.photo_caption, self.editor]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        # Its action is in the View menu; as a stop on the way from the headline to the dek it was in the way.
        f.toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def _update_state(self) -> None:
        story = self.editing.story
        self.status.set_state(self.editing.state_text())
        if story is None:
            self.setWindowTitle("Curator")
            return
        headline = self.fields.headline.text() or "Untitled story"
        self.setWindowModified(self.editing.is_dirty())
        self.setWindowTitle(f"{headline}[*] — Curator")

    def _revert(self) -> None:
        if not self.editing.is_dirty():
            return
        answer = QMessageBox.question(self, "Revert to saved", "Drop the unsaved changes of this story?")
        if answer == QMessageBox.StandardButton.Yes:
            self.editing.revert()

    def show_conflict(self, conflict: ConflictError) -> Any:
        from curator.gui.dialogs.conflict import ConflictDialog

        dialog = ConflictDialog(conflict, self)
        dialog.resolved.connect(lambda choice, merged: self.editing.resolve_conflict(conflict, choice, merged))
        present(dialog)
        return dialog

    def show_history(self) -> Any:
        from curator.gui.dialogs.history import HistoryDialog

        if self.bridge is None or self.editing.story_id is None:
            return None
        dialog = HistoryDialog(self.bridge, self.editing.story_id, self.editing.current_fields(), self)
        dialog.restore_requested.connect(self.editing.restore_revision)
        present(dialog)
        return dialog

    def offer_recovery(self) -> Any:
        """Offer back what a crashed run left unsaved."""
        from curator.gui.dialogs.recovery import RecoveryDialog

        orphans = self.ctx.recovery.orphans()
        if not orphans:
            return None
        dialog = RecoveryDialog(orphans, self)
        dialog.restore.connect(self._restore_drafts)
        dialog.discard.connect(lambda drafts: self.ctx.recovery.discard([d.story_id for d in drafts]))
        self._when_settled(lambda: present(dialog))
        return dialog

    def _when_settled(self, callback: Any, *, timeout_ms: int = 3000) -> None:
        """Call back once the preview has first shown its page (or after ``timeout_ms``): the web view
        re-creates the window's native surface when it first draws, which would cover a dialog opened earlier."""
        done = False

        def once() -> None:
            nonlocal done
            if not done:
                done = True
                self.preview.updated.disconnect(once)
                callback()

        self.preview.updated.connect(once)
        QTimer.singleShot(timeout_ms, once)

    def _restore_drafts(self, drafts: list[Draft]) -> None:
        self.editing.adopt(drafts)
        if drafts and self.editing.story_id not in {d.story_id for d in drafts}:
            self.open_story(drafts[0].story_id)

    # ------------------------------------------------------------------------------------ look

    def set_theme(self, theme: str) -> None:
        from curator.gui.theme import apply_theme

        app = QApplication.instance()
        assert isinstance(app, QApplication)  # the window exists, so the application does
        dark = apply_theme(app, theme)
        self.settings.set("view/theme", theme)
        self.preview.set_dark(dark)
        self.actions.theme[theme].setChecked(True)

    def show_preferences(self) -> Any:
        from curator.gui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(
            self.ctx.paths.config_dir, self.settings, self, extra_sections=self.preference_sections
        )
        dialog.applied.connect(self.apply_preferences)
        present(dialog)
        return dialog

    def apply_preferences(self) -> None:
        """What Preferences changed, in effect now (the language takes effect on the next start)."""
        self.apply_editor_font()
        self.editing.set_autosave_ms(self.settings.autosave_ms)
        self.set_theme(self.settings.theme)
        library = self.ctx.library
        if library is not None:
            library.factcheck.reload_settings()
            if self.editing.story_id is not None:
                self.factcheck.load(self.editing.story_id)

    def apply_editor_font(self) -> None:
        family = self.settings.value("editor/font_family", "", str)
        size = self.settings.value("editor/font_size", 0, int)
        font = QFont(self.editor.font())
        if family:
            font.setFamily(family)
        if size > 0:
            font.setPointSize(size)
        self.editor.setFont(font)

    def show_guide(self) -> Any:
        from curator.gui.dialogs.guide import GuideDialog

        dialog = GuideDialog(self)
        present(dialog)
        return dialog

    def _about(self) -> None:
        from curator import __version__

        QMessageBox.about(
            self,
            "About Curator",
            f"<b>Curator {__version__}</b><p>Draft, check and publish news stories, offline.</p>"
            f"<p>Library: {self.ctx.db_url}</p>",
        )

    # ------------------------------------------------------------------------------------ state

    def _restore_state(self) -> None:
        restore_window_state(self)

    def save_state(self) -> None:
        save_window_state(self)

    # ------------------------------------------------------------------------------------ closing

    def ask_unsaved(self, headlines: Sequence[str]) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel for the stories (named by ``headlines``) with unsaved changes."""
        box = QMessageBox(self)
        box.setObjectName("unsavedChangesBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Unsaved changes"))
        shown = 8
        names = "\n".join(f"• {h}" for h in headlines[:shown])
        if len(headlines) > shown:
            names += "\n" + self.tr("… and %n more", "", len(headlines) - shown)
        box.setText(self.tr("These stories have unsaved changes:", "", len(headlines)) + "\n\n" + names)
        box.setInformativeText(self.tr("Save them before closing?", "", len(headlines)))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def force_close(self) -> None:
        self._force_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._force_close:
            self.editing.write_draft()
            unsaved = self.editing.unsaved_ids()
            if unsaved:
                choice = self.ask_unsaved(self.editing.unsaved_headlines())
                if choice == QMessageBox.StandardButton.Save:
                    event.ignore()
                    self.editing.save_all(self._saved_all_then_close)
                    return
                if choice != QMessageBox.StandardButton.Discard:
                    event.ignore()
                    return
                self.editing.discard_all()
        self.shutdown()
        event.accept()

    def _saved_all_then_close(self, ok: bool) -> None:
        if ok:
            self.close()

    def shutdown(self) -> None:
        """Stop background work and keep the window's state; the recovery store keeps any draft left."""
        if getattr(self, "_shut", False):
            return
        self._shut = True
        if self.bridge is not None:
            self._counts_timer.stop()
        self.save_state()
        if self.transfers is not None:
            self.transfers.close()
        self.editing.shutdown()
        self.desk.shutdown()
        if self.bridge is not None:
            self.bridge.close()
        if not self.editing.unsaved_ids():
            self.ctx.recovery.clear()
        self.preview.shutdown()

    def name_controls(self) -> None:
        """Accessible names and descriptions for every control (see curator.gui.accessibility)."""
        from curator.gui.accessibility import name_controls

        name_controls(self)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ThemeChange and self.settings.theme == "system":
            QTimer.singleShot(0, lambda: self.set_theme("system"))
