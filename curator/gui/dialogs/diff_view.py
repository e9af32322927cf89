"""A readable difference between two versions of a story: changed fields, then the body paragraph by paragraph
with the changed words marked (prose changes inside long paragraphs; a line diff would show whole paragraphs)."""

from __future__ import annotations

import difflib
import html
import re

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from curator.domain.stories import StoryFields

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
CONTEXT = 1
FIELD_LABELS = {
    "headline": "Headline",
    "dek": "Dek",
    "byline": "Byline",
    "original_author": "Original author",
    "outlet_name": "Outlet",
    "outlet_url": "Outlet URL",
    "photo": "Photo",
    "photo_credit": "Photo credit",
    "photo_caption": "Photo caption",
    "language": "Language",
}


def _words(old: str, new: str) -> str:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(html.escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f'<span class="del">{html.escape("".join(a[i1:i2]))}</span>')
        if j2 > j1:
            out.append(f'<span class="ins">{html.escape("".join(b[j1:j2]))}</span>')
    return "".join(out)


def _para(kind: str, inner: str) -> str:
    return f'<p class="{kind}">{inner or "&nbsp;"}</p>'


def body_diff(old: str, new: str) -> tuple[str, int]:
    """HTML for the body's changes, and how many paragraphs (non-blank lines) changed."""
    a, b = old.split("\n"), new.split("\n")
    out: list[str] = []
    changed = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            run = a[i1:i2]
            if len(run) > 2 * CONTEXT + 1:
                head = run[:CONTEXT] if i1 > 0 else []
                tail = run[-CONTEXT:] if i2 < len(a) else []
                out += [_para("same", html.escape(x)) for x in head]
                skipped = len(run) - len(head) - len(tail)
                out.append(f'<p class="skip">⋯ {skipped} unchanged line{"s" if skipped != 1 else ""} ⋯</p>')
                out += [_para("same", html.escape(x)) for x in tail]
            else:
                out += [_para("same", html.escape(x)) for x in run]
            continue
        olds, news = a[i1:i2], b[j1:j2]
        changed += max(sum(1 for x in olds if x.strip()), sum(1 for x in news if x.strip()))
        for k in range(max(len(olds), len(news))):
            if k < len(olds) and k < len(news):
                out.append(_para("changed", _words(olds[k], news[k])))
            elif k < len(olds):
                out.append(_para("removed", f'<span class="del">{html.escape(olds[k])}</span>'))
            else:
                out.append(_para("added", f'<span class="ins">{html.escape(news[k])}</span>'))
    return "\n".join(out), changed


def fields_diff(old: StoryFields, new: StoryFields) -> list[tuple[str, str, str]]:
    rows = []
    for name, label in FIELD_LABELS.items():
        if getattr(old, name) != getattr(new, name):
            rows.append((label, getattr(old, name), getattr(new, name)))
    if old.status != new.status:
        rows.append(("Status", old.status.label, new.status.label))
    if sorted(old.tags, key=str.casefold) != sorted(new.tags, key=str.casefold):
        rows.append(("Tags", ", ".join(old.tags), ", ".join(new.tags)))
    return rows


def story_diff_html(old: StoryFields, new: StoryFields, *, old_label: str, new_label: str, dark: bool) -> str:
    ins_bg, del_bg = ("#1e4620", "#5c1f1f") if dark else ("#d7f5dd", "#fbdada")
    muted = "#9aa0a6" if dark else "#6b7075"
    parts = [
        "<html><head><style>",
        f".ins {{ background-color: {ins_bg}; }}",
        f".del {{ background-color: {del_bg}; text-decoration: line-through; }}",
        f".same {{ color: {muted}; }} .skip {{ color: {muted}; font-style: italic; }}",
        "p { margin: 0 0 6px 0; } td { padding: 2px 8px 2px 0; vertical-align: top; }",
        "</style></head><body>",
        f'<p class="skip">From <b>{html.escape(old_label)}</b> to <b>{html.escape(new_label)}</b>: '
        '<span class="del">removed</span> <span class="ins">added</span></p>',
    ]
    rows = fields_diff(old, new)
    if rows:
        parts.append("<table>")
        for label, before, after in rows:
            parts.append(f"<tr><td><b>{html.escape(label)}</b></td><td>{_words(before, after)}</td></tr>")
        parts.append("</table><hr>")
    body, changed = body_diff(old.body, new.body)
    if not changed and not rows:
        parts.append("<p><i>The two versions are the same.</i></p>")
    else:
        parts.append(body)
    parts.append("</body></html>")
    return "".join(parts)


class DiffView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diffView")
        self.setOpenLinks(False)

    def show_diff(self, old: StoryFields, new: StoryFields, *, old_label: str, new_label: str) -> None:
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        self.setHtml(story_diff_html(old, new, old_label=old_label, new_label=new_label, dark=dark))
