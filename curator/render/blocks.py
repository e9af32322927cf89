"""Rendering a story body block by block, so an edit re-renders only the block it touched.

A full Python-Markdown render of a 20,000-word story takes about a quarter of a second; a live preview cannot
spend that on every keystroke. The body is cut into *regions* at blank lines where the Markdown parser starts
afresh (never inside a list, a quote, a definition list, a fenced or indented code block), each region is rendered
with :func:`render_markdown` and cached by its text, and the rendered regions joined give the same HTML as one
render of the whole body. What depends on the whole document is handled explicitly: link reference and
abbreviation definitions are handed to every region, duplicate heading ids are numbered across regions as the
``toc`` extension numbers them, and a body using footnotes, ``[TOC]``, raw HTML blocks or attribute lists is
rendered whole.

Each region also records the source lines of its list items or table rows, so a preview can keep its scroll
position in step with the editor inside long lists and tables.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from markdown.blockprocessors import ReferenceProcessor
from markdown.extensions.abbr import AbbrBlockprocessor
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.toc import unique

from curator.render.markdown import render_markdown

# Things only a render of the whole body gets right: footnotes (numbered across the body and listed at its end),
# a table of contents, raw HTML blocks (they may span blank lines) and attribute lists (explicit ids).
_WHOLE_BODY_MARKS = ("[^", "[TOC]")
_ATTR_LIST_RE = re.compile(r"\{[:#.]")
_HTML_LINE_RE = re.compile(r"^ {0,3}<", re.MULTILINE)
_LIST_ITEM_RE = re.compile(r"^ {0,3}(?:[*+-]|\d+\.)[ \t]")
_TOP_LIST_ITEM_RE = re.compile(r"^(?:[*+-]|\d+\.)[ \t]")
_QUOTE_RE = re.compile(r"^ {0,3}>")
_DEFINITION_RE = re.compile(r"^ {0,3}:[ ]{1,3}")
_TABLE_RULE_RE = re.compile(r"^ *\|? *:?-+:? *(?:\| *:?-+:? *)*\|? *$")
_HEADING_ID_RE = re.compile(r'(<h[1-6][^>]*\sid=")([^"]*)(")')

# Anchor kinds: which rendered elements the recorded source lines belong to, in order.
ANCHOR_LIST_ITEMS = "li"
ANCHOR_TABLE_ROWS = "tr"


@dataclass(frozen=True)
class SourceBlock:
    """A region of the body that renders on its own exactly as it does inside the whole body."""

    text: str
    first_line: int
    anchor_kind: str = ""
    anchor_lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class SplitBody:
    blocks: tuple[SourceBlock, ...]
    # Link reference and abbreviation definitions, which apply to the whole body.
    context: str = ""
    # True when the body must be rendered as one block (see the module docstring).
    whole: bool = False


@dataclass(frozen=True)
class RenderedBlock:
    first_line: int
    html: str
    anchor_kind: str = ""
    anchor_lines: tuple[int, ...] = ()


def _is_blank(line: str, index: int) -> bool:
    # Python-Markdown empties whitespace-only lines, except the very first one.
    return line == "" or (index > 0 and line.expandtabs(4).strip(" ") == "")


def _fenced_lines(text: str) -> tuple[list[tuple[int, int]], bool]:
    """Line spans (first, last) of fenced code blocks, and whether one uses attributes (a whole-body feature)."""
    spans: list[tuple[int, int]] = []
    uses_attrs = False
    if "```" not in text and "~~~" not in text:
        return spans, uses_attrs
    for m in FencedBlockPreprocessor.FENCED_BLOCK_RE.finditer(text):
        if m.group("attrs"):
            uses_attrs = True
        first = text.count("\n", 0, m.start())
        spans.append((first, first + text.count("\n", m.start(), m.end())))
    return spans, uses_attrs


def _definitions(chunk: str) -> tuple[list[str], bool]:
    """The link reference and abbreviation definitions of a chunk, and whether the chunk holds only those.

    A definition sharing its chunk with other text may be read as something else (a definition-list term, a
    list item's text), so only definitions standing in chunks of their own are passed to other regions.
    """
    found = []
    rest = chunk
    for regex in (ReferenceProcessor.RE, AbbrBlockprocessor.RE):
        for m in regex.finditer(chunk):
            found.append(m.group(0).strip("\n"))
        rest = regex.sub("", rest)
    return found, not rest.strip()


def split_body(text: str) -> SplitBody:
    """Cut ``text`` into independently renderable regions (see the module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fenced, uses_attrs = _fenced_lines(text)
    if (
        uses_attrs
        or any(mark in text for mark in _WHOLE_BODY_MARKS)
        or ("{" in text and _ATTR_LIST_RE.search(text))
        or ("<" in text and _HTML_LINE_RE.search(text))
    ):
        return SplitBody((SourceBlock(text, 0),), whole=True)
    lines = text.split("\n")
    inside_fence = [False] * len(lines)
    for first, last in fenced:
        for i in range(first, min(last, len(lines) - 1) + 1):
            inside_fence[i] = True

    # Chunks: runs of non-blank lines (a fenced block counts as non-blank throughout).
    chunks: list[tuple[int, int]] = []
    start = None
    for i, line in enumerate(lines):
        blank = not inside_fence[i] and _is_blank(line, i)
        if blank and start is not None:
            chunks.append((start, i))
            start = None
        elif not blank and start is None:
            start = i
    if start is not None:
        chunks.append((start, len(lines)))
    if not chunks:
        return SplitBody((SourceBlock(text, 0),) if text else ())
    definitions: dict[str, None] = {}
    definition_only: set[int] = set()
    maybe_definitions = "]:" in text or "*[" in text
    for start, end in chunks if maybe_definitions else ():
        fence = any(inside_fence[start:end])
        found, alone = _definitions("\n".join(x for i, x in enumerate(lines[start:end], start) if not inside_fence[i]))
        if found and (fence or not alone):
            return SplitBody((SourceBlock(text, 0),), whole=True)
        definitions.update(dict.fromkeys(found))
        if found:
            definition_only.add(start)

    # Regions: chunks joined wherever the parser would carry state over the blank line between them.
    regions: list[list[tuple[int, int]]] = []
    last_top_is_list = False
    previous: tuple[int, int] | None = None
    for chunk in chunks:
        if chunk[0] in definition_only and regions:
            # Definitions leave no element behind: the parser's state carries over them.
            regions[-1].append(chunk)
            continue
        first_line = lines[chunk[0]]
        chunk_lines = lines[chunk[0] : chunk[1]]
        merge = False
        if previous is not None:
            prev_lines = lines[previous[0] : previous[1]]
            merge = (
                first_line[:1] in (" ", "\t")
                # An indented chunk (code, or a list item's continuation) swallows following blank lines.
                or prev_lines[0][:1] in (" ", "\t")
                or (last_top_is_list and bool(_LIST_ITEM_RE.match(first_line)))
                or (bool(_QUOTE_RE.match(first_line)) and any(_QUOTE_RE.match(x) for x in prev_lines))
                or any(_DEFINITION_RE.match(x) for x in chunk_lines)
            )
        if merge:
            regions[-1].append(chunk)
        else:
            regions.append([chunk])
        if first_line[:1] not in (" ", "\t"):
            # A list may start mid-chunk (after a heading line, say): any item line counts.
            last_top_is_list = any(_LIST_ITEM_RE.match(x) for x in chunk_lines)
        previous = chunk

    blocks = []
    for n, region in enumerate(regions):
        first = 0 if n == 0 else region[0][0]
        end = regions[n + 1][0][0] if n + 1 < len(regions) else len(lines)
        kind, anchors = _anchors(lines, region, inside_fence)
        blocks.append(SourceBlock("\n".join(lines[first:end]), first, kind, anchors))
    return SplitBody(tuple(blocks), context="\n\n".join(definitions))


def _anchors(lines: list[str], region: list[tuple[int, int]], inside_fence: list[bool]) -> tuple[str, tuple[int, ...]]:
    first_chunk = region[0]
    head = lines[first_chunk[0]]
    if _TOP_LIST_ITEM_RE.match(head):
        items = tuple(
            i
            for start, end in region
            for i in range(start, end)
            if not inside_fence[i] and _TOP_LIST_ITEM_RE.match(lines[i])
        )
        return ANCHOR_LIST_ITEMS, items
    if len(region) == 1 and first_chunk[1] - first_chunk[0] >= 2 and "|" in head:
        rule = lines[first_chunk[0] + 1]
        if "-" in rule and _TABLE_RULE_RE.match(rule):
            rows = (first_chunk[0], *range(first_chunk[0] + 2, first_chunk[1]))
            return ANCHOR_TABLE_ROWS, rows
    return "", ()


class BlockRenderer:
    """Renders bodies region by region, reusing the HTML of regions that did not change.

    Not thread-safe: give each thread its own (the Markdown converter is per thread too).
    """

    def __init__(self, cache_size: int = 4096) -> None:
        self._cache: OrderedDict[tuple[str, str], tuple[str, tuple[str, ...]]] = OrderedDict()
        self._cache_size = cache_size
        self.rendered = 0  # regions rendered (cache misses), for tests and measurements

    def render(self, text: str) -> list[RenderedBlock]:
        split = split_body(text)
        if split.whole:
            self.rendered += 1
            return [RenderedBlock(0, render_markdown(split.blocks[0].text).strip())]
        used: set[str] = set()
        out = []
        for block in split.blocks:
            html, heading_ids = self._render_one(block.text, split.context)
            if heading_ids:
                html = _renumber_headings(html, heading_ids, used)
            out.append(RenderedBlock(block.first_line, html, block.anchor_kind, block.anchor_lines))
        return out

    def render_html(self, text: str) -> str:
        """The body's HTML, as :func:`render_markdown` would give it."""
        return "\n".join(b.html for b in self.render(text) if b.html)

    def _render_one(self, text: str, context: str) -> tuple[str, tuple[str, ...]]:
        key = (text, context)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        source = f"{text}\n\n{context}" if context else text
        html = render_markdown(source).strip()
        self.rendered += 1
        result = (html, tuple(m.group(2) for m in _HEADING_ID_RE.finditer(html)))
        self._cache[key] = result
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return result


def _renumber_headings(html: str, heading_ids: tuple[str, ...], used: set[str]) -> str:
    """Number heading ids that repeat ones of earlier regions, as the ``toc`` extension does in one render."""
    if not used.intersection(heading_ids):
        used.update(heading_ids)
        return html

    def repl(m: re.Match[str]) -> str:
        return f"{m.group(1)}{unique(m.group(2), used)}{m.group(3)}"

    return _HEADING_ID_RE.sub(repl, html)
