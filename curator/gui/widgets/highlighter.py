"""Markdown syntax highlighting for the editor: headings, emphasis, links, quotes, lists and code; and, from the
writing aids, red wavy underlines under misspelt words and the dimming of other paragraphs in focus mode.

It runs on the UI thread for every changed line, so every pattern is linear in the line's length whatever it holds
(``[[[[…``, ``**a **a …``, a 100,000-character line): emphasis and code spans are paired by looking up the next
closing mark (:func:`_spans`), never by scanning ahead from every opening one, and no pattern can run past a bracket.
Qt calls ``highlightBlock`` only for the blocks an edit touched, so the underlines are recomputed only there:
``spelling`` answers at once from what a background worker worked out, and asks it for blocks it has not seen yet
(see gui/writing_controller.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence

from PySide6.QtGui import QColor, QFont, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument

# The writing aids' answer for one block: (start, length) of each misspelt word in Qt positions.
SpellSpans = Callable[[str, bool, int], Sequence[tuple[int, int]]]

_IN_FENCE = 1

_HEADING = re.compile(r"^#{1,6}[ \t].*$|^#{1,6}$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>.*$")
_LIST = re.compile(r"^[ \t]*(?:[*+-]|\d+[.)])(?=[ \t])")
_HR = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_INDENTED_CODE = re.compile(r"^(?: {4}|\t)")
_STRONG_MARK = re.compile(r"\*\*|__")
_EMPHASIS_MARK = re.compile(r"[*_]")
_CODE_MARK = re.compile(r"`+")
# A label holds no bracket, so a match attempt stops at the next one: linear even on "[[[[…".
_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\(([^()\s]*)(?:\s+\"[^\"\n]{0,300}\")?\)|!?\[([^\[\]\n]*)\]\[([^\[\]\n]*)\]")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$")
_AUTOLINK = re.compile(r"<https?://[^>\s]+>|https?://[^\s)>\]]+")


def _fmt(
    color: QColor | None = None, *, bold: bool = False, italic: bool = False, mono: bool = False
) -> QTextCharFormat:
    f = QTextCharFormat()
    if color is not None:
        f.setForeground(color)
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    if italic:
        f.setFontItalic(True)
    if mono:
        f.setFontFamilies(["monospace"])
        f.setFontFixedPitch(True)
    return f


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        # Set by the writing aids: (block text, inside a fence, block number) -> spans to underline.
        self.spelling: SpellSpans | None = None
        # Focus mode: the number of the block shown at full contrast (the others are dimmed); None when off.
        self.focus_block: int | None = None
        self.set_palette(palette)

    def set_palette(self, palette: QPalette) -> None:
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        accent = QColor("#f08080" if dark else "#9b1c1c")
        link = QColor("#8cb4ff" if dark else "#1a4f8b")
        muted = QColor("#9aa0a6" if dark else "#6b7075")
        code = QColor("#c3e88d" if dark else "#2e6b30")
        quote = QColor("#b8b2a6" if dark else "#5b554b")
        self._heading = _fmt(accent, bold=True)
        self._marker = _fmt(muted)
        self._quote = _fmt(quote, italic=True)
        self._strong = _fmt(bold=True)
        self._emphasis = _fmt(italic=True)
        self._code = _fmt(code, mono=True)
        self._link_text = _fmt(link)
        self._link_url = _fmt(muted)
        self._rule = _fmt(muted, bold=True)
        self._misspelt = QTextCharFormat()
        self._misspelt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self._misspelt.setUnderlineColor(QColor("#ff6b6b" if dark else "#d0021b"))
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        self._dim = QColor(
            (text.red() + 2 * base.red()) // 3, (text.green() + 2 * base.green()) // 3,
            (text.blue() + 2 * base.blue()) // 3,
        )
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        self._markdown(text)
        fenced = self.currentBlockState() == _IN_FENCE or bool(_FENCE.match(text))
        if self.spelling is not None and text.strip():
            for start, length in self.spelling(text, fenced, self.currentBlock().blockNumber()):
                self._merge(start, length, self._misspelt)
        if self.focus_block is not None and self.currentBlock().blockNumber() != self.focus_block:
            for i in range(len(text)):
                f = self.format(i)
                f.setForeground(self._dim)
                self.setFormat(i, 1, f)

    def _markdown(self, text: str) -> None:
        previous = self.previousBlockState()
        fence = _FENCE.match(text)
        if previous == _IN_FENCE:
            self.setFormat(0, len(text), self._code)
            self.setCurrentBlockState(-1 if fence else _IN_FENCE)
            return
        if fence:
            self.setFormat(0, len(text), self._code)
            self.setCurrentBlockState(_IN_FENCE)
            return
        self.setCurrentBlockState(-1)
        if _HEADING.match(text):
            self.setFormat(0, len(text), self._heading)
            return
        if _HR.match(text):
            self.setFormat(0, len(text), self._rule)
            return
        if _SETEXT.match(text) and self.currentBlock().previous().text().strip():
            self.setFormat(0, len(text), self._heading)
            return
        if _REFERENCE.match(text):
            self.setFormat(0, len(text), self._link_url)
            return
        if _INDENTED_CODE.match(text) and not _LIST.match(text) and self._after_blank():
            self.setFormat(0, len(text), self._code)
            return
        if _QUOTE.match(text):
            self.setFormat(0, len(text), self._quote)
        marker = _LIST.match(text)
        if marker:
            self.setFormat(0, marker.end(), self._marker)
        self._inline(text)

    def _after_blank(self) -> bool:
        prev = self.currentBlock().previous()
        return not prev.isValid() or not prev.text().strip() or _INDENTED_CODE.match(prev.text()) is not None

    def _inline(self, text: str) -> None:
        for start, end in _spans(text, _STRONG_MARK, _strong_opens, _strong_closes):
            self._merge(start, end - start, self._strong)
        for start, end in _spans(text, _EMPHASIS_MARK, _emphasis_opens, _emphasis_closes):
            self._merge(start, end - start, self._emphasis)
        for m in _LINK.finditer(text):
            label = m.group(1) if m.group(1) is not None else m.group(3)
            start = m.start() + text[m.start() :].index("[") + 1
            self.setFormat(m.start(), m.end() - m.start(), self._link_url)
            self.setFormat(start, len(label or ""), self._link_text)
        for m in _AUTOLINK.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), self._link_text)
        for start, end in _code_spans(text):
            self.setFormat(start, end - start, self._code)

    def _merge(self, start: int, length: int, extra: QTextCharFormat) -> None:
        # Emphasis inside a quote or a link keeps the quote's colour.
        for i in range(start, start + length):
            f = self.format(i)
            f.merge(extra)
            self.setFormat(i, 1, f)


def _strong_opens(text: str, i: int, mark: str) -> bool:
    nxt = text[i + 2 : i + 3]
    return bool(nxt) and not nxt.isspace()


def _strong_closes(text: str, i: int, mark: str) -> bool:
    return i > 0 and not text[i - 1].isspace()


def _emphasis_opens(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i else " "
    nxt = text[i + 1 : i + 2]
    return (
        before not in "*_"
        and not (before.isalnum() or before == "_")
        and bool(nxt)
        and nxt not in "*_"
        and not (nxt.isspace())
    )


def _emphasis_closes(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1 : i + 2]
    return before not in "*_" and not before.isspace() and not (after and (after in "*_" or after.isalnum()))


def _spans(
    text: str,
    marks: re.Pattern[str],
    opens: Callable[[str, int, str], bool],
    closes: Callable[[str, int, str], bool],
) -> Iterator[tuple[int, int]]:
    """(start, end) of the spans between an opening mark and the first closing mark of the same kind after it,
    left to right and not overlapping; each closing mark is found by bisection, so the whole line costs n log n."""
    found = [(m.start(), m.group()) for m in marks.finditer(text)]
    if len(found) < 2:
        return
    closers: dict[str, list[int]] = {}
    for i, mark in found:
        if closes(text, i, mark):
            closers.setdefault(mark, []).append(i)
    resume = 0
    for i, mark in found:
        if i < resume or not opens(text, i, mark):
            continue
        candidates = closers.get(mark, [])
        # The content holds at least one character.
        k = bisect_left(candidates, i + len(mark) + 1)
        if k == len(candidates):
            continue
        end = candidates[k] + len(mark)
        yield i, end
        resume = end


def _code_spans(text: str) -> Iterator[tuple[int, int]]:
    """Code spans: a run of backticks up to the next run of the same length (not overlapping)."""
    runs = [(m.start(), m.end() - m.start()) for m in _CODE_MARK.finditer(text)]
    if len(runs) < 2:
        return
    by_length: dict[int, list[int]] = {}
    for start, length in runs:
        by_length.setdefault(length, []).append(start)
    resume = 0
    for start, length in runs:
        if start < resume:
            continue
        same = by_length[length]
        k = bisect_left(same, start + length + 1)
        if k == len(same):
            continue
        end = same[k] + length
        yield start, end
        resume = end
