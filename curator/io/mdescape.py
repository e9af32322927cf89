"""Plain text as clean Markdown: characters Markdown would act on are escaped, nothing else changes."""

from __future__ import annotations

import re

_INLINE = re.compile(r"[\\`*\[\]{}]|<(?=[A-Za-z/!?])|&(?=#?\w+;)|(?<!\w)_|_(?!\w)")
_LEADING = re.compile(r"^(#|>|[-+]|\d+[.)](?=\s|$)|~~~)")
_INLINE_REPLACEMENTS = {"<": "&lt;", "&": "&amp;"}


def escape_inline(text: str) -> str:
    """Escape what Markdown would read as emphasis, code, links, HTML or entities."""
    return _INLINE.sub(lambda m: _INLINE_REPLACEMENTS.get(m.group(0), "\\" + m.group(0)), text)


def escape_line(text: str) -> str:
    """Escape one line of running text, including what would start a heading, quote, list or rule."""
    text = escape_inline(text)
    m = _LEADING.match(text)
    if m:
        marker = m.group(1)
        if marker[0].isdigit():
            digits = marker[:-1]
            text = f"{digits}\\{marker[-1]}{text[len(marker) :]}"
        elif marker == "~~~":
            text = "&#126;" + text[1:]
        else:
            text = "\\" + text
    return text
