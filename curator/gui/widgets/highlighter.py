"""Markdown syntax highlighting for the editor: headings, emphasis, links, quotes, lists and code."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument

_IN_FENCE = 1

_HEADING = re.compile(r"^#{1,6}[ \t].*$|^#{1,6}$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>.*$")
_LIST = re.compile(r"^[ \t]*(?:[*+-]|\d+[.)])(?=[ \t])")
_HR = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_INDENTED_CODE = re.compile(r"^(?: {4}|\t)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![*_\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*_\w])")
_CODE = re.compile(r"(`+)(.+?)\1")
_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)|!?\[([^\]]*)\]\[([^\]]*)\]")
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
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
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
        for m in _STRONG.finditer(text):
            self._merge(m.start(), m.end() - m.start(), self._strong)
        for m in _EMPHASIS.finditer(text):
            self._merge(m.start(), m.end() - m.start(), self._emphasis)
        for m in _LINK.finditer(text):
            label = m.group(1) if m.group(1) is not None else m.group(3)
            start = m.start() + text[m.start() :].index("[") + 1
            self.setFormat(m.start(), m.end() - m.start(), self._link_url)
            self.setFormat(start, len(label or ""), self._link_text)
        for m in _AUTOLINK.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), self._link_text)
        for m in _CODE.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), self._code)

    def _merge(self, start: int, length: int, extra: QTextCharFormat) -> None:
        # Emphasis inside a quote or a link keeps the quote's colour.
        for i in range(start, start + length):
            f = self.format(i)
            f.merge(extra)
            self.setFormat(i, 1, f)
