"""Editing stories without ever losing text: the story on screen, unsaved drafts, saves, conflicts, restores.

One story is on screen at a time (fields in the form, body in the editor). Unsaved changes are *drafts*: the
story on screen has one as soon as it differs from what is stored; switching to another story keeps the draft in
memory and in the recovery store, and switching back shows it again. Every couple of seconds of idle typing the
draft is written to the recovery store. Ctrl+S saves through the serial writer on top of the version the edit
started from; if the story changed elsewhere meanwhile, the save is refused and the conflict is handed to the
window to resolve, with both texts kept.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QLocale, QObject, QTimer, Signal

from curator.core.errors import CuratorError
from curator.core.status import Status
from curator.domain.stories import ChangeSet, SaveResult, Story, StoryFields
from curator.gui.recovery import Draft, RecoveryStore
from curator.gui.tasks import SerialExecutor
from curator.services.compare import comparable

if TYPE_CHECKING:
    from curator.domain.errors import ConflictError
    from curator.gui.bridge import LibraryBridge
    from curator.gui.widgets.editor import MarkdownEditor
    from curator.gui.widgets.fields import StoryFieldsForm
    from curator.gui.widgets.preview import PreviewPane

log = logging.getLogger(__name__)

# A change reaches the recovery store at most this long after it is made, however the typing goes: a crash or a
# kill loses at most the last two seconds (the write itself, on the recovery thread, takes the rest).
MAX_DRAFT_DELAY_MS = 1500
_PAGE_FIELDS = tuple(f.name for f in dataclasses.fields(StoryFields) if f.name != "slug")


def saved_time(when: datetime) -> str:
    """A stored time (UTC) as the user reads it: the time today, else the date and time, in their locale."""
    local = when.replace(tzinfo=when.tzinfo or UTC).astimezone()
    moment = QDateTime.fromSecsSinceEpoch(int(local.timestamp()))
    locale = QLocale()
    if local.date() == datetime.now().astimezone().date():
        return locale.toString(moment.time(), QLocale.FormatType.ShortFormat)
    return locale.toString(moment, QLocale.FormatType.ShortFormat)


class EditingController(QObject):
    opened = Signal(object)  # Story on screen, or None
    state_changed = Signal()  # dirty / saving / saved
    drafts_changed = Signal(object)  # set of story ids with unsaved changes
    saved = Signal(object)  # Story
    conflict = Signal(object)  # ConflictError
    failed = Signal(str)  # a message for the user
    gate_blocked = Signal(object)  # StatusGateError: a save moving to Ready/Published with checks open
    words_changed = Signal(int)

    def __init__(
        self,
        form: StoryFieldsForm,
        editor: MarkdownEditor,
        preview: PreviewPane,
        recovery: RecoveryStore,
        *,
        autosave_ms: int = 2000,
        author: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._form = form
        self._editor = editor
        self._preview = preview
        self._recovery = recovery
        self._author = author
        self._bridge: LibraryBridge | None = None
        self._recovery_writer = SerialExecutor("recovery")
        self._story: Story | None = None
        self._saved: StoryFields | None = None  # what is stored at base_version (as the form shows it)
        self._base_version = 0
        self._drafts: dict[int, Draft] = {}
        self._generation = 0
        self._saving = False
        self._save_again = False
        self._save_again_reason: str | None = None
        self._last_saved_at: datetime | None = None
        self._dirty = False
        self._recovered_ids: set[int] = set()

        # A throttle, not a debounce: started by the first change after a write and never pushed back by the next
        # keystrokes, so a draft is written within the interval while someone types without pause.
        self._autosave = QTimer(self, singleShot=True, interval=max(50, min(autosave_ms, MAX_DRAFT_DELAY_MS)))
        self._autosave.timeout.connect(self.write_draft)
        self._count_timer = QTimer(self, singleShot=True, interval=300)
        self._count_timer.timeout.connect(self._count_words)
        editor.edited.connect(self._body_edited)
        form.edited.connect(self._fields_edited)

    def attach(self, bridge: LibraryBridge) -> None:
        self._bridge = bridge
        bridge.changed.connect(self._external_change)

    # ------------------------------------------------------------------------------------------ state

    @property
    def story(self) -> Story | None:
        return self._story

    @property
    def story_id(self) -> int | None:
        return self._story.id if self._story else None

    @property
    def base_version(self) -> int:
        return self._base_version

    @property
    def saving(self) -> bool:
        return self._saving

    def is_dirty(self) -> bool:
        return self._dirty

    def current_fields(self) -> StoryFields:
        assert self._saved is not None
        return self._form.fields(self._saved).replace(body=self._editor.text())

    def unsaved_ids(self) -> set[int]:
        ids = set(self._drafts)
        if self._story is not None and self._dirty:
            ids.add(self._story.id)
        return ids

    def set_autosave_ms(self, msecs: int) -> None:
        """How long a pause in typing before unsaved text is kept for recovery."""
        self._autosave.setInterval(max(200, msecs))

    def drafts(self) -> dict[int, Draft]:
        return dict(self._drafts)

    def unsaved_headlines(self) -> list[str]:
        """The headlines of the stories with unsaved changes, the one on screen first."""
        untitled = self.tr("Untitled story")
        out = []
        if self._story is not None and self._dirty:
            out.append(self._form.headline.text().strip() or untitled)
        for story_id, draft in self._drafts.items():
            if self._story is None or story_id != self._story.id:
                out.append(draft.fields.headline.strip() or untitled)
        return out

    def state_text(self) -> str:
        if self._story is None:
            return ""
        if self._saving:
            return self.tr("Saving…")
        if self._dirty:
            if self._story.id in self._recovered_ids:
                return self.tr("Recovered text, not saved")
            return self.tr("Unsaved changes")
        # When this story was last stored (by anyone), in the user's way of writing times.
        return self.tr("Saved %1").replace("%1", saved_time(self._story.updated_at))

    def page_story(self, fields: StoryFields) -> Story:
        """The story as the preview page shows it: the stored one with the fields being edited."""
        assert self._story is not None
        return dataclasses.replace(self._story, **{name: getattr(fields, name) for name in _PAGE_FIELDS})

    # ---------------------------------------------------------------------------------------- opening

    def open(self, story_id: int, *, on_open: Callable[[Story], None] | None = None) -> None:
        """Show another story; unsaved changes of the one on screen stay as its draft."""
        if self._bridge is None or (self._story is not None and self._story.id == story_id):
            return
        self._stash()
        self._generation += 1
        generation = self._generation

        def shown(story: Story) -> None:
            if generation == self._generation:
                self._show(story)
                if on_open is not None:
                    on_open(story)

        self._bridge.read(lambda lib: lib.stories.get(story_id), shown, self._open_failed)

    def close_story(self) -> None:
        self._stash()
        self._generation += 1
        self._story, self._saved, self._dirty = None, None, False
        self._editor.set_text("")
        self._form.set_fields(StoryFields())
        self.opened.emit(None)
        self.state_changed.emit()

    def _open_failed(self, exc: BaseException) -> None:
        self.failed.emit(str(exc) if isinstance(exc, CuratorError) else f"The story could not be opened: {exc}")

    def _show(self, story: Story, *, keep_position: bool = False) -> None:
        self._story = story
        self._saved = comparable(story.fields())
        draft = self._drafts.get(story.id)
        if draft is not None and comparable(draft.fields) == self._saved:
            # The draft says nothing the stored story does not: forget it.
            del self._drafts[story.id]
            self._forget_draft(story.id)
            draft = None
        shown = draft.fields if draft is not None else story.fields()
        # A draft keeps the version it was edited on, so saving it after a change elsewhere is a conflict.
        self._base_version = draft.base_version if draft is not None else story.version
        self._form.set_fields(shown)
        if self._editor.text() != shown.body or not keep_position:
            self._editor.set_text(shown.body, keep_position=keep_position)
        self._dirty = draft is not None
        self._preview.show_story(self.page_story(shown), shown.body)
        self._count_words()
        self.opened.emit(story)
        self.drafts_changed.emit(self.unsaved_ids())
        self.state_changed.emit()

    def _stash(self) -> None:
        """Keep the on-screen story's unsaved changes as a draft (memory and recovery store)."""
        self._autosave.stop()
        if self._story is None:
            return
        self.write_draft()

    # ---------------------------------------------------------------------------------------- editing

    def _body_edited(self) -> None:
        if self._story is None:
            return
        self._preview.set_text(self._editor.text())
        self._count_timer.start()
        self._edited()

    def _fields_edited(self) -> None:
        if self._story is None:
            return
        self._preview.set_story_fields(self.page_story(self.current_fields()))
        self._edited()

    def _edited(self) -> None:
        was = self._dirty
        self._dirty = comparable(self.current_fields()) != self._saved
        if was != self._dirty:
            self.drafts_changed.emit(self.unsaved_ids())
            self.state_changed.emit()
        if not self._autosave.isActive():
            self._autosave.start()

    def _count_words(self) -> None:
        from curator.core.text import word_count

        self.words_changed.emit(word_count(self._editor.text()))

    def write_draft(self) -> None:
        """Write the on-screen story's unsaved changes to the recovery store now (or forget them if none)."""
        self._autosave.stop()
        if self._story is None:
            return
        story_id = self._story.id
        if self._dirty:
            draft = Draft(story_id, self._base_version, self.current_fields(), datetime.now(UTC))
            self._drafts[story_id] = draft
            store = self._recovery
            self._recovery_writer.submit(
                lambda _t: store.put(draft.story_id, draft.base_version, draft.fields),
                on_error=lambda exc: log.error("could not write the recovery file: %s", exc),
            )
        elif self._drafts.pop(story_id, None) is not None or story_id in self._recovered_ids:
            self._forget_draft(story_id)
        self.drafts_changed.emit(self.unsaved_ids())

    def _forget_draft(self, story_id: int) -> None:
        self._recovered_ids.discard(story_id)
        store = self._recovery
        self._recovery_writer.submit(lambda _t: store.delete(story_id))

    def flush(self) -> None:
        """Write pending drafts and wait until they are on disk (shutdown, tests)."""
        if self._story is not None:
            self.write_draft()
        self._recovery_writer.wait()

    def revert(self) -> None:
        """Drop the on-screen story's unsaved changes (after the user confirmed)."""
        if self._story is None:
            return
        story = self._story
        self._drafts.pop(story.id, None)
        self._forget_draft(story.id)
        self._show(story)
        self.drafts_changed.emit(self.unsaved_ids())

    def set_status(self, status: Status) -> None:
        """Change the on-screen story's status as an unsaved edit (saved with the text)."""
        self._form.set_status(status)

    def keep_saved_status(self) -> None:
        """Put the status back to the stored one (a gated move was cancelled); other unsaved edits stay."""
        if self._story is not None:
            self._form.set_status(self._story.status)

    # ----------------------------------------------------------------------------------------- saving

    def save(self) -> None:
        """Store the on-screen story as a new revision (Ctrl+S)."""
        self.save_with_override(None)

    def save_with_override(self, override_reason: str | None) -> None:
        """Save; ``override_reason`` lets a status change through the fact-check gate (recorded in history)."""
        if self._story is None or self._bridge is None:
            return
        if self._saving:
            self._save_again = True
            # A reason given while a save is under way (the status was asked about when chosen) is not lost:
            # the next save carries it, and a gate refusal of the save under way does not ask again.
            self._save_again_reason = override_reason or self._save_again_reason
            return
        fields = self.current_fields()
        story_id, base = self._story.id, self._base_version
        author = self._author
        self._start_saving()
        self._bridge.write(
            lambda lib: lib.stories.save(
                story_id, fields, base_version=base, author=author, origin=self, override_reason=override_reason
            ),
            lambda result: self._saved_ok(story_id, fields, result),
            lambda exc: self._save_failed(exc),
        )

    def _start_saving(self) -> None:
        self._saving = True
        self.state_changed.emit()

    def _saved_ok(self, story_id: int, fields: StoryFields, result: SaveResult) -> None:
        self._saving = False
        story = result.story
        self._last_saved_at = datetime.now(UTC)
        if result.merged_with is not None and self._story is not None and self._story.id == story_id:
            # Merged three ways with a version saved elsewhere: show the merged text (one undo step away from
            # what was typed). If typing went on meanwhile, keep the base the text derives from, so the next
            # save merges again and nothing of either side is lost.
            if comparable(self.current_fields()) == comparable(fields):
                self._replace_on_screen(story, story.fields())
            self._recovered_ids.discard(story_id)
        elif self._story is not None and self._story.id == story_id:
            self._story = story
            self._saved = comparable(fields)
            self._base_version = story.version
            self._recovered_ids.discard(story_id)
            self._edited_after_save(story_id)
        else:
            draft = self._drafts.get(story_id)
            if draft is not None:
                if comparable(draft.fields) == comparable(fields):
                    del self._drafts[story_id]
                    self._forget_draft(story_id)
                else:
                    self._drafts[story_id] = dataclasses.replace(draft, base_version=story.version)
        self.saved.emit(story)
        self.drafts_changed.emit(self.unsaved_ids())
        self.state_changed.emit()
        if self._save_again:
            self._save_again = False
            reason, self._save_again_reason = self._save_again_reason, None
            if self._dirty:
                self.save_with_override(reason)

    def _edited_after_save(self, story_id: int) -> None:
        self._dirty = comparable(self.current_fields()) != self._saved
        if not self._dirty:
            self._drafts.pop(story_id, None)
            self._forget_draft(story_id)
        else:
            self.write_draft()

    def _save_failed(self, exc: BaseException) -> None:
        from curator.domain.errors import ConflictError, StatusGateError

        self._saving = False
        again, reason = self._save_again, self._save_again_reason
        self._save_again, self._save_again_reason = False, None
        if again and reason and isinstance(exc, StatusGateError):
            self.save_with_override(reason)  # the user answered the gate meanwhile
            return
        self.state_changed.emit()

        if isinstance(exc, ConflictError):
            self.conflict.emit(exc)
        elif isinstance(exc, StatusGateError):
            self.gate_blocked.emit(exc)
        elif isinstance(exc, CuratorError):
            self.failed.emit(f"Not saved: {exc}. Your text is kept; try again.")
        else:
            log.error("saving failed", exc_info=exc)
            self.failed.emit(f"Not saved ({type(exc).__name__}: {exc}). Your text is kept; try again.")

    def save_all(self, on_finished: Callable[[bool], None]) -> None:
        """Save every story with unsaved changes, one after another; stops at the first that fails."""
        self.write_draft()
        pending = sorted(self._drafts)
        current = self.story_id

        def next_one(ok: bool = True) -> None:
            if not ok:
                on_finished(False)
                return
            if not pending:
                on_finished(True)
                return
            story_id = pending.pop(0)
            draft = self._drafts.get(story_id)
            if draft is None:
                next_one()
                return
            self._save_draft(draft, on_done=next_one, on_screen=story_id == current)

        next_one()

    def _save_draft(self, draft: Draft, *, on_done: Callable[[bool], None], on_screen: bool) -> None:
        assert self._bridge is not None
        author = self._author
        if on_screen:
            self._start_saving()

        def ok(result: SaveResult) -> None:
            self._saved_ok(draft.story_id, draft.fields, result)
            on_done(True)

        def failed(exc: BaseException) -> None:
            self._save_failed(exc)
            on_done(False)

        self._bridge.write(
            lambda lib: lib.stories.save(
                draft.story_id, draft.fields, base_version=draft.base_version, author=author, origin=self
            ),
            ok,
            failed,
        )

    def discard_all(self) -> None:
        """Forget every unsaved change (the user chose to discard them)."""
        for story_id in list(self._drafts):
            self._forget_draft(story_id)
        self._drafts.clear()
        self._dirty = False
        self._autosave.stop()
        self._recovery_writer.submit(lambda _t: self._recovery.clear())
        self.drafts_changed.emit(set())

    # -------------------------------------------------------------------------------------- conflicts

    def resolve_conflict(self, conflict: ConflictError, choice: str, merged_body: str | None = None) -> None:
        """Settle a conflicting save; every choice leaves both texts in the story's revision history.

        ``mine`` saves the text being edited over the other version; ``theirs`` records the edited text as a
        revision and then makes the other version current again; ``merge`` records the edited text and then
        saves the hand-merged body.
        """
        assert self._bridge is not None
        from curator.domain.stories import Resolution

        mine, theirs = conflict.mine, conflict.theirs
        story_id, author = theirs.id, self._author
        merged = mine.replace(body=merged_body) if merged_body is not None else mine

        def job(lib: Any) -> SaveResult:
            return lib.stories.resolve_conflict(
                conflict, Resolution(choice), merged_body=merged_body, author=author, origin=self
            )

        target = {"mine": mine, "theirs": theirs.fields(), "merge": merged}[choice]
        self._start_saving()
        self._bridge.write(job, lambda result: self._resolved(story_id, target, result), self._save_failed)

    def _resolved(self, story_id: int, fields: StoryFields, result: SaveResult) -> None:
        self._drafts.pop(story_id, None)
        if self._story is not None and self._story.id == story_id:
            self._saving = False
            self._last_saved_at = datetime.now(UTC)
            self._replace_on_screen(result.story, fields)
        else:
            self._saved_ok(story_id, fields, result)
            return
        self.saved.emit(result.story)
        self.drafts_changed.emit(self.unsaved_ids())
        self.state_changed.emit()

    def _replace_on_screen(self, story: Story, fields: StoryFields) -> None:
        """Show ``story`` as stored, as an undoable replacement of the editor's text."""
        self._story = story
        self._saved = comparable(story.fields())
        self._base_version = story.version
        self._form.set_fields(story.fields())
        if self._editor.text() != story.body:
            self._editor.replace_all_text(story.body)
        self._dirty = comparable(self.current_fields()) != self._saved
        if not self._dirty:
            self._forget_draft(story.id)
        self._preview.show_story(self.page_story(story.fields()), story.body)
        self._count_words()

    # -------------------------------------------------------------------------------------- revisions

    def restore_revision(self, revision_id: int) -> None:
        """Make a revision current; unsaved changes are saved as a revision first, so they stay in history."""
        if self._story is None or self._bridge is None:
            return
        story_id, base, author = self._story.id, self._base_version, self._author
        unsaved = self.current_fields() if self._dirty else None

        def job(lib: Any) -> SaveResult:
            return lib.revisions.restore(revision_id, base_version=base, author=author, origin=self, unsaved=unsaved)

        def done(result: SaveResult) -> None:
            self._saving = False
            self._drafts.pop(story_id, None)
            if self._story is not None and self._story.id == story_id:
                self._replace_on_screen(result.story, result.story.fields())
            self.saved.emit(result.story)
            self.drafts_changed.emit(self.unsaved_ids())
            self.state_changed.emit()

        self._start_saving()
        self._bridge.write(job, done, self._save_failed)

    # ----------------------------------------------------------------------------------- recovery

    def adopt(self, drafts: list[Draft]) -> None:
        """Take back drafts a crashed run left in the recovery store."""
        ids = [d.story_id for d in drafts]
        self._recovery.adopt(ids)
        for draft in drafts:
            self._drafts[draft.story_id] = draft
            self._recovered_ids.add(draft.story_id)
        self.drafts_changed.emit(self.unsaved_ids())
        if self._story is not None and self._story.id in self._drafts and not self._dirty:
            self._show(self._story)

    # ---------------------------------------------------------------------------- changes elsewhere

    def _external_change(self, changes: ChangeSet) -> None:
        if changes.origin is self or self._story is None or self._bridge is None:
            return
        story_id = self._story.id
        if story_id in changes.deleted:
            if self._dirty:
                self.failed.emit("This story was deleted elsewhere; your unsaved text is kept until you close it.")
            return
        if story_id not in changes.updated or self._dirty or self._saving:
            # With unsaved changes, the next save meets the conflict dialog instead.
            return
        generation = self._generation

        def reload(story: Story) -> None:
            if generation == self._generation and not self._dirty and self._story is not None:
                self._show(story, keep_position=True)

        self._bridge.read(lambda lib: lib.stories.get(story_id), reload, lambda exc: None)

    def shutdown(self) -> None:
        self._autosave.stop()
        self._recovery_writer.wait()
