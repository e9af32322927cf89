"""Python-Markdown's inline pass, skipping the patterns that cannot match: the same HTML, about twice as fast.

Python-Markdown tries every inline pattern (code, links, emphasis, HTML, entities, and smarty's fifteen quote
patterns) on every piece of text, one regular-expression search and a registry lookup each, whether or not the text
holds a character the pattern needs: on news copy that is most of a render. Here each pattern carries the
substrings one of which its expression cannot match without (``TRIGGERS``; a test checks every one against its
expression), and the pass skips a pattern when none is in the text. A pattern not in the table is always tried,
so a new Python-Markdown version can only make this slower, never different (a test also compares the output with
and without it on random Markdown).
"""

from __future__ import annotations

from typing import Any

import markdown
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

# Inline pattern name → substrings its expression needs one of (Python-Markdown 3.x and its smarty extension).
_QUOTE, _DOUBLE = ("'",), ('"',)
TRIGGERS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "footnote": ("[^",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "em_strong2": ("_",),
    "not_strong": ("*", "_"),
    "smarty-ellipses": ("...",),
    "smarty-en-dashes": ("--",),
    "smarty-em-dashes": ("---",),
    "smarty-left-angle-quotes": ("<<",),
    "smarty-right-angle-quotes": (">>",),
    "smarty-quotes-0": _QUOTE,
    "smarty-quotes-1": _DOUBLE,
    "smarty-quotes-2": ("\"'",),
    "smarty-quotes-3": ("'\"",),
    "smarty-quotes-4": ("'\"",),
    "smarty-quotes-5": ("\"'",),
    "smarty-quotes-6": _QUOTE,
    "smarty-quotes-7": _QUOTE,
    "smarty-quotes-8": _QUOTE,
    "smarty-quotes-9": _QUOTE,
    "smarty-quotes-10": _QUOTE,
    "smarty-quotes-11": _DOUBLE,
    "smarty-quotes-12": _DOUBLE,
    "smarty-quotes-13": _DOUBLE,
    "smarty-quotes-14": _DOUBLE,
}


class _FastInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor with the skip described above (set as the class of its instances)."""

    _patterns: list[Any]
    _triggers: list[tuple[str, ...] | None]
    _all: tuple[str, ...]
    _runnable: dict[frozenset[str], tuple[int, ...]]
    _size: int

    def _prepare(self) -> None:
        registry = self.inlinePatterns
        if getattr(self, "_size", -1) == len(registry):
            return
        # Built once (and again if an extension registers a pattern later), in the registry's order.
        names = [item.name for item in registry._priority]  # type: ignore[attr-defined]  # Registry's own order
        self._patterns = [registry[name] for name in names]
        self._triggers = [TRIGGERS.get(name) for name in names]
        self._all = tuple(sorted({t for ts in self._triggers if ts is not None for t in ts}))
        self._runnable = {}
        self._size = len(registry)

    def _runnable_for(self, present: frozenset[str]) -> tuple[int, ...]:
        found = self._runnable.get(present)
        if found is None:
            found = tuple(i for i, ts in enumerate(self._triggers) if ts is None or any(t in present for t in ts))
            self._runnable[present] = found
        return found

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        # InlineProcessor.__handleInline tries patterns in order from patternIndex, each again after every match
        # (from where the match ended), and moves on when it fails. The same here, over the patterns that can
        # match: a match only ever replaces text by a placeholder, so what the text holds at the start bounds it.
        if isinstance(data, AtomicString):
            return data
        self._prepare()
        present = frozenset(t for t in self._all if t in data)
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        patterns = self._patterns
        for index in self._runnable_for(present):
            if index < patternIndex:
                continue
            start = 0
            matched = True
            while matched:
                data, matched, start = apply(patterns[index], data, index, start)
        return data


def speed_up(md: markdown.Markdown) -> markdown.Markdown:
    """Make ``md``'s inline passes (the core one and smarty's) skip patterns that cannot match."""
    for item in md.treeprocessors._priority:  # type: ignore[attr-defined]  # in priority order, as Markdown runs them
        processor = md.treeprocessors[item.name]
        if type(processor) is InlineProcessor:
            processor.__class__ = _FastInlineProcessor
    return md
