"""The app's way into the library: reads on a small pool, writes one at a time, change sets broadcast to views.

Every operation is typed by its result: ``bridge.read(job, on_done)`` with ``job: Library -> T`` calls
``on_done(T)`` on the UI thread, so a type checker sees a callback that expects something else than the job gives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal

from curator.domain.stories import ChangeSet
from curator.gui.tasks import SerialExecutor, Task

if TYPE_CHECKING:
    from curator.services.library import Library

log = logging.getLogger(__name__)

T = TypeVar("T")
Job = Callable[["Library"], T]  # a service call run off the UI thread; it gets the library, returns plain data
OnError = Callable[[BaseException], None]


def change_set_of(result: object) -> ChangeSet | None:
    """The change set a service call returned, directly or inside a save result."""
    if isinstance(result, ChangeSet):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, ChangeSet) else None


class LibraryBridge(QObject):
    """Runs service calls off the UI thread and tells every view what changed."""

    changed = Signal(object)  # ChangeSet
    error = Signal(object)  # an exception nobody else handled
    writing = Signal(bool)  # a write is queued or running

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._writes = SerialExecutor("writes")
        # Reads (pages, stories, counts) may overlap each other and the write in progress (WAL).
        self._reads = SerialExecutor("reads", threads=2)
        self._pending_writes = 0
        self._closed = False

    def read(self, fn: Job[T], on_done: Callable[[T], None], on_error: OnError | None = None) -> Task | None:
        """Run ``fn`` on the read pool; ``on_done`` gets its result (``on_error`` its exception, else ``error``)."""
        if self._closed:
            return None  # the window is closing: nothing will show the result
        lib = self.library
        return self._reads.submit(
            lambda _task: fn(lib), on_done=self._guard(on_done), on_error=self._guard(on_error or self._unhandled)
        )

    def write(
        self, fn: Job[T], on_done: Callable[[T], None] | None = None, on_error: OnError | None = None
    ) -> Task | None:
        """Run ``fn`` after the writes before it; a change set it returns (alone or in a save result) is then
        announced on ``changed``."""
        if self._closed:
            log.error("a write was asked for after the library was closed; it was not made")
            return None
        lib = self.library
        self._pending_writes += 1
        if self._pending_writes == 1:
            self.writing.emit(True)

        def done(result: T) -> None:
            if self._closed:
                return
            self._write_over()
            if on_done is not None:
                on_done(result)
            changes = change_set_of(result)
            if changes:
                self.changed.emit(changes)

        def failed(exc: BaseException) -> None:
            if self._closed:
                return
            self._write_over()
            (on_error or self._unhandled)(exc)

        return self._writes.submit(lambda _task: fn(lib), on_done=done, on_error=failed)

    def announce(self, changes: ChangeSet) -> None:
        """Tell the views about changes made by a job that wrote on its own (an import)."""
        if changes:
            self.changed.emit(changes)

    def wait(self, msecs: int = -1) -> bool:
        return self._writes.wait(msecs) and self._reads.wait(msecs)

    def close(self) -> None:
        """Wait for the work under way; results that arrive later are dropped (their views are gone)."""
        self.wait(10_000)
        self._closed = True

    def _guard(self, callback: Callable[[T], None]) -> Callable[[T], None]:
        def guarded(value: T) -> None:
            if not self._closed:
                callback(value)

        return guarded

    @property
    def busy_writing(self) -> bool:
        return self._pending_writes > 0

    def _write_over(self) -> None:
        self._pending_writes -= 1
        if self._pending_writes == 0:
            self.writing.emit(False)

    def _unhandled(self, exc: BaseException) -> None:
        self.error.emit(exc)
