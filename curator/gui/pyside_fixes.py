"""Work-arounds for faults of the Qt binding that would otherwise take the app down.

PySide6 6.12 built for Python 3.12+ (where ``None`` is immortal, PEP 683) returns ``None`` from void methods without
taking a reference. On Python 3.11 every such call then costs ``None`` one reference for good: ~5,000 calls of
``setFormat`` or ``setEnabled`` later, CPython aborts with "Fatal Python error: none_dealloc" and the app dies with
the user's unsaved text. :func:`keep_none_alive` gives ``None`` as many references as an immortal object has, as
Python 3.12 does itself; on 3.12 and later there is nothing to do.
"""

from __future__ import annotations

import ctypes
import sys

# What CPython 3.12 gives immortal objects; far beyond what any run can take away one call at a time.
_IMMORTAL = 1 << 40


def none_leaks() -> bool:
    """Whether a void Qt call costs ``None`` a reference (measured on a throwaway object)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 50


def keep_none_alive() -> bool:
    """Make ``None`` immortal when the binding leaks its references (Python < 3.12); True when it did so."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if sys.getrefcount(None) > _IMMORTAL // 2:
        return False
    if not none_leaks():
        return False
    # ob_refcnt is the first field of every object in CPython's (non-debug) layout.
    ctypes.c_ssize_t.from_address(id(None)).value += _IMMORTAL
    return True
