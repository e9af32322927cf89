"""Progress of long commands on stderr: a line rewritten in place on a terminal, occasional lines otherwise."""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO


class ProgressLine:
    """Prints "verb: done of total" once the work has taken longer than ``delay`` seconds, then every ``every``."""

    def __init__(self, verb: str, *, stream: TextIO | None = None, delay: float = 1.0, every: float = 0.5) -> None:
        self._verb = verb
        self._stream = stream or sys.stderr
        self._start = time.monotonic()
        self._delay = delay
        self._every = every if self._stream.isatty() else max(every, 5.0)
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int, _path: Path | None = None) -> None:
        now = time.monotonic()
        if now - self._start < self._delay or (now - self._last < self._every and done < total):
            return
        self._last = now
        line = f"{self._verb}: {done} of {total}"
        if self._stream.isatty():
            self._stream.write(f"\r{line}\x1b[K")
        else:
            self._stream.write(line + "\n")
        self._stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown and self._stream.isatty():
            self._stream.write("\n")
            self._stream.flush()


@contextmanager
def interrupt_flag() -> Iterator[Any]:
    """A ``cancelled()`` callable that turns true on Ctrl-C, so long work stops between items, cleanly."""
    state = {"hit": False}

    def handler(_signum: int, _frame: object) -> None:
        if state["hit"]:
            raise KeyboardInterrupt
        state["hit"] = True

    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread
        yield lambda: False
        return
    try:
        yield lambda: state["hit"]
    finally:
        signal.signal(signal.SIGINT, previous)
