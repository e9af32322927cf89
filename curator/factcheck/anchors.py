"""Anchoring a passage of a story so it can be found again after the text is edited.

The anchor is the W3C Web Annotation text-quote selector (the exact text, with a little of the text before and
after it) plus a text-position selector used as a hint. Finding it again tries, in order: the hinted position; the
exact text elsewhere, preferring matching context and then nearness to the hint; the text between the surviving
context when the passage itself was edited; and an approximate match (difflib) near pieces of the passage that
survived. When none is good enough the passage is gone, and the caller keeps the anchor as an orphan.

Offsets count Unicode code points (Python ``str`` indices); :func:`to_utf16` and :func:`from_utf16` convert for
editors that count UTF-16 units (Qt).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from curator.domain.factcheck import TextAnchor

CONTEXT = 32
# Below this similarity an edited passage is treated as gone rather than followed.
FUZZY_THRESHOLD = 0.75
_MAX_OCCURRENCES = 2000
_SEED = 12


@dataclass(frozen=True, slots=True)
class Located:
    start: int
    end: int
    exact: bool  # the passage reads exactly as it did
    score: float  # 1.0 for an exact match; the similarity of an approximate one


def anchor_at(text: str, start: int, end: int, *, context: int = CONTEXT) -> TextAnchor:
    """The anchor of ``text[start:end]``."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}:{end} is outside a text of {len(text)} characters")
    return TextAnchor(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )


def reanchor(anchor: TextAnchor, text: str) -> TextAnchor | None:
    """The anchor as it stands in ``text`` (an edited version of the text it was made on), or None if gone."""
    found = locate(anchor, text)
    if found is None:
        return None
    return anchor_at(text, found.start, found.end, context=max(CONTEXT, len(anchor.prefix), len(anchor.suffix)))


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _occurrences(text: str, needle: str, start: int = 0, end: int | None = None) -> list[int]:
    out: list[int] = []
    end = len(text) if end is None else end
    i = text.find(needle, start, end)
    while i >= 0 and len(out) < _MAX_OCCURRENCES:
        out.append(i)
        i = text.find(needle, i + 1, end)
    return out


def _context_match(anchor: TextAnchor, text: str, start: int, end: int) -> tuple[int, int]:
    before = _common_suffix(anchor.prefix, text[max(0, start - len(anchor.prefix)) : start])
    after = _common_prefix(anchor.suffix, text[end : end + len(anchor.suffix)])
    return before, after


def locate(anchor: TextAnchor, text: str) -> Located | None:
    """Where ``anchor``'s passage is in ``text``, or None when it cannot be found with confidence."""
    exact = anchor.exact
    n = len(exact)
    if n == 0:
        return None
    # 1. Where it was, with its context: nothing moved.
    if text[anchor.start : anchor.end] == exact:
        before, after = _context_match(anchor, text, anchor.start, anchor.end)
        if before == len(anchor.prefix) and after == len(anchor.suffix):
            return Located(anchor.start, anchor.end, True, 1.0)
    # 2. The exact passage elsewhere: best context agreement, then nearest to where it was.
    hits = _occurrences(text, exact)
    agreeing = []
    for pos in hits:
        before, after = _context_match(anchor, text, pos, pos + n)
        need_before = min(8, len(anchor.prefix))
        need_after = min(8, len(anchor.suffix))
        agree = before >= need_before or after >= need_after
        agreeing.append((agree, before + after, -abs(pos - anchor.start), pos))
    good = [h for h in agreeing if h[0]]
    if good:
        pos = max(good)[3]
        return Located(pos, pos + n, True, 1.0)
    # 3. The passage was edited, its surroundings were not: take what now stands between them.
    bracketed = _between_context(anchor, text)
    if bracketed is not None:
        return bracketed
    # 4. The exact passage without its old context (both sides rewritten).
    if agreeing:
        pos = max(agreeing)[3]
        return Located(pos, pos + n, True, 1.0)
    # 5. Approximately, near pieces of the passage that survived.
    return _fuzzy(anchor, text)


def _between_context(anchor: TextAnchor, text: str) -> Located | None:
    prefix, suffix = anchor.prefix[-16:], anchor.suffix[:16]
    if len(prefix) < 4 or len(suffix) < 4:
        return None
    n = len(anchor.exact)
    best: Located | None = None
    best_key: tuple[float, int] | None = None
    for p in _occurrences(text, prefix):
        start = p + len(prefix)
        q = text.find(suffix, start, start + 2 * n + 64 + len(suffix))
        if q < 0:
            continue
        candidate = text[start:q]
        if not candidate.strip():
            continue
        ratio = difflib.SequenceMatcher(None, anchor.exact, candidate, autojunk=False).ratio()
        if ratio < 0.5:
            continue
        key = (ratio, -abs(start - anchor.start))
        if best_key is None or key > best_key:
            best_key, best = key, Located(start, q, candidate == anchor.exact, ratio)
    return best


def _fuzzy(anchor: TextAnchor, text: str) -> Located | None:
    exact = anchor.exact
    n = len(exact)
    if n < 8:
        return None
    k = min(_SEED, n)
    windows: list[tuple[int, int]] = []
    for offset in sorted({0, n // 4, n // 2, (3 * n) // 4, n - k}):
        seed = exact[offset : offset + k]
        if len(seed.strip()) < 4:
            continue
        for pos in _occurrences(text, seed)[:50]:
            begin = max(0, pos - offset - n // 2)
            windows.append((begin, min(len(text), pos - offset + n + n // 2)))
    if not windows:
        return None
    windows.sort()
    merged = [windows[0]]
    for a, b in windows[1:]:
        if a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    best: Located | None = None
    best_key: tuple[float, int] | None = None
    for a, b in merged[:200]:
        window = text[a:b]
        matcher = difflib.SequenceMatcher(None, exact, window, autojunk=False)
        blocks = [blk for blk in matcher.get_matching_blocks() if blk.size]
        if not blocks or sum(blk.size for blk in blocks) < 0.6 * n:
            continue
        start = a + blocks[0].b - blocks[0].a
        end = a + blocks[-1].b + blocks[-1].size + (n - blocks[-1].a - blocks[-1].size)
        start, end = _snap(text, max(a, start), min(b, end), exact)
        ratio = difflib.SequenceMatcher(None, exact, text[start:end], autojunk=False).ratio()
        key = (ratio, -abs(start - anchor.start))
        if ratio >= FUZZY_THRESHOLD and (best_key is None or key > best_key):
            best_key, best = key, Located(start, end, text[start:end] == exact, ratio)
    return best


def _snap(text: str, start: int, end: int, exact: str) -> tuple[int, int]:
    """Widen an approximate match to whole words where the passage began or ended on a word."""
    if exact[:1].isalnum():
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    if exact[-1:].isalnum():
        while end < len(text) and text[end].isalnum():
            end += 1
    while start < end and text[start].isspace() and not exact[:1].isspace():
        start += 1
    while end > start and text[end - 1].isspace() and not exact[-1:].isspace():
        end -= 1
    return start, end


def to_utf16(text: str, index: int) -> int:
    """A code-point offset into ``text`` as a UTF-16 offset (what Qt's text cursor counts)."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def from_utf16(text: str, index: int) -> int:
    """A UTF-16 offset into ``text`` (from Qt) as a code-point offset."""
    units = 0
    for i, ch in enumerate(text):
        if units >= index:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)
