"""Background jobs: work on a worker thread that reports progress, a result or an error through Qt signals.

A job is a plain function taking its :class:`Task` (to report progress and to see whether it was cancelled); it
opens its own database session through the services and hands back plain data. Database writes from the app go
through one :class:`SerialExecutor`, so they happen one at a time in the order they were asked for.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    progress = Signal(int, int, str)  # done, total, current item
    finished = Signal(object)  # the job's result
    failed = Signal(object)  # the exception
    cancelled = Signal(object)  # the cancellation exception (it may carry what was done before)


class Task(QRunnable):
    """One job. Create it on the UI thread (its signals are delivered there), then start it on a pool."""

    def __init__(
        self,
        fn: Callable[[Task], Any],
        *,
        name: str = "",
        cancel_exceptions: tuple[type[BaseException], ...] = (),
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = TaskSignals()
        self.name = name or getattr(fn, "__name__", "task")
        self._fn = fn
        self._cancel = threading.Event()
        self._cancel_exceptions = cancel_exceptions
        self.done = threading.Event()

    # --- for the job
    def report(self, done: int, total: int, item: object = "") -> None:
        self.signals.progress.emit(done, total, str(item))

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    # --- for the app
    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            try:
                result = self._fn(self)
            except self._cancel_exceptions as exc:
                self.signals.cancelled.emit(exc)
            except BaseException as exc:
                log.debug("background task %s failed", self.name, exc_info=True)
                self.signals.failed.emit(exc)
            else:
                self.signals.finished.emit(result)
        except RuntimeError:
            # The app is shutting down and whoever was waiting for this result is gone.
            log.debug("background task %s finished after its listeners were gone", self.name)
        finally:
            self.done.set()


class SerialExecutor:
    """Runs tasks one at a time, in submission order, on one worker thread."""

    def __init__(self, name: str, *, threads: int = 1) -> None:
        self.name = name
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(threads)
        self._pool.setExpiryTimeout(-1)
        # Tasks are kept alive here until they finish: Qt does not own Python runnables.
        self._running: set[Task] = set()

    def start(self, task: Task) -> Task:
        self._running.add(task)
        task.signals.finished.connect(lambda _r, t=task: self._running.discard(t))
        task.signals.failed.connect(lambda _e, t=task: self._running.discard(t))
        task.signals.cancelled.connect(lambda _e, t=task: self._running.discard(t))
        self._pool.start(task)
        return task

    def submit(
        self,
        fn: Callable[[Task], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        name: str = "",
    ) -> Task:
        task = Task(fn, name=name)
        if on_done is not None:
            task.signals.finished.connect(on_done)
        if on_error is not None:
            task.signals.failed.connect(on_error)
        return self.start(task)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every submitted task has finished (shutdown and tests)."""
        return self._pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._running)
