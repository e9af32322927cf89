"""Story and tag operations the menus, shortcuts and sidebar ask for: new, duplicate, trash, restore, purge,
status changes, tag rename, merge and delete. Each is one write through the serial writer; confirmations and
names are asked for here, results reach the views as change sets."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from curator.core.status import Status
from curator.domain.stories import StoryFields

if TYPE_CHECKING:
    from curator.gui.bridge import LibraryBridge
    from curator.gui.editing import EditingController


class StoryOperations(QObject):
    created = Signal(int)  # a new or duplicated story to open
    message = Signal(str)  # for the status bar

    def __init__(
        self,
        bridge: LibraryBridge,
        editing: EditingController,
        window: QWidget,
        *,
        selected_ids: Callable[[], list[int]],
        author: str = "",
    ) -> None:
        super().__init__(window)
        self._bridge = bridge
        self._editing = editing
        self._window = window
        self._selected = selected_ids
        self._author = author

    def _targets(self) -> list[int]:
        ids = self._selected()
        if not ids and self._editing.story_id is not None:
            ids = [self._editing.story_id]
        return ids

    # ------------------------------------------------------------------------------------------ stories

    def new_story(self) -> None:
        author = self._author
        self._bridge.write(
            lambda lib: lib.stories.create(
                StoryFields(headline="", byline=author), author=author, note="Created", origin=self
            ),
            lambda result: self.created.emit(result.story.id),
        )

    def duplicate(self) -> None:
        story_id = self._editing.story_id
        if story_id is None:
            return
        author = self._author
        self._bridge.write(
            lambda lib: lib.stories.duplicate(story_id, author=author, origin=self),
            lambda result: self.created.emit(result.story.id),
        )

    def trash(self) -> None:
        ids = self._targets()
        if not ids:
            return
        self._bridge.write(
            lambda lib: lib.stories.trash(ids, origin=self),
            lambda _changes: self.message.emit(
                f"Moved {len(ids)} stor{'y' if len(ids) == 1 else 'ies'} to the trash"
                " (Story → Restore from Trash brings them back)"
            ),
        )

    def restore(self) -> None:
        ids = self._targets()
        if ids:
            self._bridge.write(
                lambda lib: lib.stories.restore(ids, origin=self),
                lambda _c: self.message.emit(f"Restored {len(ids)} stor{'y' if len(ids) == 1 else 'ies'}"),
            )

    def purge(self) -> None:
        ids = self._targets()
        if not ids:
            return
        answer = QMessageBox.warning(
            self._window,
            "Delete for good?",
            f"Delete {len(ids)} stor{'y' if len(ids) == 1 else 'ies'} and every revision for good? "
            "This cannot be undone.",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self._bridge.write(lambda lib: lib.stories.purge(ids, origin=self))

    def empty_trash(self) -> None:
        answer = QMessageBox.warning(
            self._window,
            "Empty the trash?",
            "Every story in the trash will be deleted for good, with its revisions.",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self._bridge.write(lambda lib: lib.stories.empty_trash(origin=self))

    def set_status(self, status: Status) -> None:
        ids = self._targets()
        if not ids:
            return
        current = self._editing.story_id
        if ids == [current] and self._editing.is_dirty():
            # The open story has unsaved edits: the status becomes one of them, saved with the text.
            self._editing.set_status(status)
            return
        self._write_status(ids, status, None)

    def _write_status(self, ids: list[int], status: Status, override_reason: str | None) -> None:
        author = self._author

        def failed(exc: BaseException) -> None:
            from curator.domain.errors import StatusGateError
            from curator.gui.dialogs.status_gate import ask_override

            if not isinstance(exc, StatusGateError):
                self._bridge.error.emit(exc)
                return
            # Checks are open: move anyway only with a reason (kept in each story's history).
            ask_override(self._window, exc, self._bridge, lambda reason: self._write_status(ids, status, reason))

        self._bridge.write(
            lambda lib: lib.stories.set_status(
                ids, status, author=author, origin=self, override_reason=override_reason
            ),
            lambda _c: self.message.emit(f"Status: {status.label}"),
            failed,
        )

    # --------------------------------------------------------------------------------------------- tags

    def rename_tag(self, name: str) -> None:
        new, ok = QInputDialog.getText(self._window, "Rename tag", f"New name for “{name}”:", text=name)
        new = new.strip()
        if ok and new and new != name:
            self._bridge.write(
                lambda lib: lib.tags.rename(name, new, origin=self),
                lambda _c: self.message.emit(f"Renamed “{name}” to “{new}”"),
            )

    def merge_tags(self, names: list[str], known: list[str]) -> None:
        if not names:
            return
        others = [n for n in known if n not in names]
        label = ", ".join(f"“{n}”" for n in names)
        target, ok = QInputDialog.getItem(
            self._window, "Merge tags", f"Merge {label} into:", names[:1] + others, 0, True
        )
        target = target.strip()
        if ok and target:
            self._bridge.write(
                lambda lib: lib.tags.merge(names, target, origin=self),
                lambda _c: self.message.emit(f"Merged {label} into “{target}”"),
            )

    def delete_tag(self, name: str) -> None:
        answer = QMessageBox.question(
            self._window, "Delete tag", f"Remove the tag “{name}” from every story? The stories stay."
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._bridge.write(lambda lib: lib.tags.delete(name, origin=self))
