"""Limits on rendering one Markdown body: its size, how deeply it nests, and the time a render may take.

Python-Markdown recurses once per level of quote or list and re-reads a paragraph for every unclosed bracket, so a
few kilobytes of ``- - - - …``, ``>>>>…`` or ``[[[[…`` cost minutes, gigabytes or a RecursionError. Such text is
checked before rendering, in one linear pass (:func:`too_complex`); what slips past the check is stopped by a time
budget (:func:`time_budget`) and by catching RecursionError. A body over a limit is not refused: the story is
stored as written, and the render shows it as plain text under a note saying why (:func:`limit_notice`).
"""

from __future__ import annotations

import ctypes
import html
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

# Bodies longer than this are shown as plain text (a story is at most 5 MB; 2 MB is ~300,000 words).
MAX_RENDER_CHARS = 2_000_000
# Quotes and lists inside each other on one line: real stories use three or four.
MAX_NESTING = 16
# Brackets and parentheses open at once inside one paragraph (links inside links are not a thing).
MAX_BRACKETS = 32
# Each render may take this long, plus this much for every 100,000 characters, before it is stopped.
BUDGET_SECONDS = 2.0
BUDGET_PER_100K = 4.0

NESTED = "nested"
TOO_LONG = "long"
TOO_SLOW = "slow"
_MESSAGES = {
    NESTED: "This text is too deeply nested to render",
    TOO_LONG: "This text is too long to render",
    TOO_SLOW: "This text took too long to render",
}

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
# The quote markers and list markers that open a line, however many follow each other.
_CONTAINERS = re.compile(r"[ \t]*(?:>|(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$))")
_MARKERS = re.compile(r">|[*+-]|\d{1,9}[.)]")
_INDENTED_ITEM = re.compile(r"^([ \t]*)(?:>|(?:[*+-]|\d{1,9}[.)])[ \t])", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_BRACKET = re.compile(r"[\[\]()]")
_LONG_RUN = re.compile(rf"[*_]{{{2 * MAX_NESTING + 1},}}")


class RenderTimeout(Exception):  # noqa: N818 - raised into the rendering thread, named for what happened
    """A render ran past its time budget (raised asynchronously into the rendering thread)."""


def too_complex(text: str) -> str:
    """Why ``text`` should not be given to the Markdown parser (:data:`NESTED`, :data:`TOO_LONG`), or ""."""
    if len(text) > MAX_RENDER_CHARS:
        return TOO_LONG
    prose = _without_fences(text)
    for line in prose.splitlines():
        if _nesting(line) > MAX_NESTING:
            return NESTED
    for m in _INDENTED_ITEM.finditer(prose):
        # Lists nested by indentation: four columns a level.
        if len(m.group(1).expandtabs(4)) // 4 > MAX_NESTING:
            return NESTED
    for paragraph in _PARAGRAPH_BREAK.split(prose):
        if _bracket_depth(paragraph) > MAX_BRACKETS:
            return NESTED
    if _long_delimiter_run(prose):
        return NESTED
    return ""


def _long_delimiter_run(prose: str) -> bool:
    """A run of emphasis marks next to text: ``***…x***…`` opens an emphasis inside an emphasis per mark."""
    checked_line = -1
    for m in _LONG_RUN.finditer(prose):
        start = prose.rfind("\n", 0, m.start()) + 1
        if start == checked_line:
            continue
        checked_line = start
        end = prose.find("\n", m.end())
        # A line of marks alone is a rule; marks beside text are emphasis.
        if prose[start : len(prose) if end < 0 else end].strip(" \t*_-"):
            return True
    return False


def _without_fences(text: str) -> str:
    """``text`` without its fenced code blocks (anything may be inside them, and they are never nested)."""
    if "```" not in text and "~~~" not in text:
        return text
    out: list[str] = []
    fence = ""
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = ""
            continue
        if m:
            fence = m.group(1)
            continue
        out.append(line)
    return "\n".join(out)


def _nesting(line: str) -> int:
    end = 0
    depth = 0
    while True:
        m = _CONTAINERS.match(line, end)
        if m is None or m.end() == end:
            return depth
        depth += len(_MARKERS.findall(line, end, m.end()))
        end = m.end()
        if depth > MAX_NESTING:
            return depth


def _bracket_depth(paragraph: str) -> int:
    if paragraph.count("[") + paragraph.count("(") <= MAX_BRACKETS:
        return 0
    square = paren = deepest = 0
    for m in _BRACKET.finditer(paragraph):
        c = m.group()
        if c == "[":
            square += 1
        elif c == "]":
            square = max(0, square - 1)
        elif c == "(":
            paren += 1
        else:
            paren = max(0, paren - 1)
        deepest = max(deepest, square, paren)
    return deepest


def budget_for(text: str) -> float:
    return BUDGET_SECONDS + BUDGET_PER_100K * len(text) / 100_000


def limit_notice(text: str, reason: str) -> str:
    """The HTML shown instead of a body over a limit: a note saying why, then the text as written (escaped)."""
    return (
        f'<div class="render-limit" data-render-limit="{reason}">'
        f"<p><strong>{_MESSAGES[reason]}.</strong> It is shown below as written; the story is stored as it is.</p>"
        f"<pre>{html.escape(text, quote=False)}</pre></div>"
    )


def is_provisional(rendered: str) -> bool:
    """Whether ``rendered`` is a notice of a render stopped for time (worth trying again; not worth storing)."""
    return f'data-render-limit="{TOO_SLOW}"' in rendered[:200]


class _Watchdog:
    """One thread per process that raises :class:`RenderTimeout` into renders past their deadline."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._deadlines: dict[int, tuple[float, int]] = {}
        self._fired: set[int] = set()
        self._thread: threading.Thread | None = None
        self._token = 0

    def arm(self, seconds: float) -> int:
        with self._lock:
            self._token += 1
            self._deadlines[threading.get_ident()] = (time.monotonic() + seconds, self._token)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="render-watchdog", daemon=True)
                self._thread.start()
            self._lock.notify()
            return self._token

    def disarm(self, token: int) -> bool:
        """Stop watching; True when the deadline had passed (a :class:`RenderTimeout` was or is being raised)."""
        ident = threading.get_ident()
        with self._lock:
            entry = self._deadlines.get(ident)
            if entry is not None and entry[1] == token:
                del self._deadlines[ident]
            if token not in self._fired:
                return False
            self._fired.discard(token)
            # Not delivered yet (the thread left the block first): withdrawn, so that it never lands elsewhere.
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None)
            return True

    def _run(self) -> None:
        with self._lock:
            while True:
                now = time.monotonic()
                for ident, (deadline, token) in list(self._deadlines.items()):
                    if deadline <= now:
                        # Under the lock, so the render cannot have disarmed in between: it is still rendering.
                        del self._deadlines[ident]
                        self._fired.add(token)
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(
                            ctypes.c_ulong(ident), ctypes.py_object(RenderTimeout)
                        )
                soonest = min((d for d, _t in self._deadlines.values()), default=None)
                self._lock.wait(None if soonest is None else max(0.0, soonest - now))


_watchdog = _Watchdog()


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Run the block with a time limit: past it, :class:`RenderTimeout` is raised out of the block.

    The exception arrives between two Python instructions of the thread (a single long C call, such as one regular
    expression match, finishes first). Catch it outside this block.
    """
    token = _watchdog.arm(seconds)
    try:
        yield
    finally:
        if _watchdog.disarm(token):
            raise RenderTimeout(f"over {seconds:.1f} s")
