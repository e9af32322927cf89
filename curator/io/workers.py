"""Worker processes for imports and exports that never outlive the process that started them.

A worker asks the kernel to kill it when its parent dies (``PR_SET_PDEATHSIG`` on Linux), so killing an export or
an import (even with SIGKILL) leaves no worker behind blocked on a dead pipe, holding the caller's terminal open;
with the workers gone, multiprocessing's resource tracker sees its pipe close and ends too. Workers ignore Ctrl-C:
the parent alone handles it and stops them (:func:`stop`), so an interrupted export prints one line, not a
traceback per worker.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Runs first in every worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        # The parent died before the request above was in place.
        os._exit(1)


def pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` fresh (spawned) processes that die with this one."""
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )


@contextlib.contextmanager
def starting() -> Iterator[None]:
    """Around the submissions that start a pool's processes: Ctrl-C is held back (blocked, not lost) meanwhile.

    The new processes inherit the blocked signal, so a Ctrl-C during their start-up cannot kill them halfway
    (they ignore it once running); this process gets it as soon as they are started, and cancels then.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def stop(executor: ProcessPoolExecutor, *, kill: bool) -> None:
    """Shut the pool down; with ``kill`` (an error, Ctrl-C, a cancel) its workers are stopped at once instead of
    finishing the jobs they have started."""
    if kill:
        processes = list((getattr(executor, "_processes", None) or {}).values())
        for process in processes:
            with contextlib.suppress(Exception):
                process.terminate()
        executor.shutdown(wait=True, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(Exception):
                process.join(5)
        return
    executor.shutdown(wait=True, cancel_futures=True)
