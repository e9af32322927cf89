"""Accessible names and descriptions for every control a screen reader reaches.

Qt names a button by its text and a field by its label (buddy); the rest — fields known by a placeholder, lists,
the editor, icon buttons — get a name here, and every control a description (its tooltip, else what it is for).
Run once a window or panel is built; a test walks the widget tree and fails on a control left unnamed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit, QTextEdit, QAbstractSpinBox)
INTERACTIVE_ALL = (*INTERACTIVE, QTabBar)


def _t(text: str) -> str:
    return QCoreApplication.translate("Accessibility", text)


# Names (and what they are for) of the controls that have no text or label of their own, by object name.
NAMES = {
    "storyList": ("Stories", "The stories of the library; Enter or a click opens one, Delete moves it to the trash"),
    "sidebar": ("Filters", "Show all stories, a workflow status, a tag or the trash"),
    "searchField": ("Search the library", "Filters the list as you type; the query syntax is in the User Guide"),
    "editor": ("Story body", "The story's text in Markdown"),
    "headlineField": ("Headline", "The story's headline"),
    "dekField": ("Dek", "One sentence under the headline"),
    "detailsToggle": ("Story details", "Show or hide byline, status, tags, outlet and photo"),
    "factCheckTree": ("Fact-check items", "Claims, attributions, quotations and sources; choose one to check it"),
    "factCheckChoice": ("Verdict or status", "The verdict of a claim or the status of an item"),
    "relatedLinks": ("Related headlines", "The story's related headlines in order"),
    "relatedBackLinks": ("Stories that link here", "Double-click one to open it"),
    "relatedSuggestions": ("Suggested stories", "Stories related by content; Add links one"),
    "storyStatus": ("Status", "The story's workflow status"),
    "storyLanguage": ("Language", "The language of the story"),
    "photoBrowse": ("Choose a photo file", "Pick the story's photo from a file"),
    "findClose": ("Close find", "Close the find bar (Esc)"),
}


def is_qt_internal(widget: QWidget) -> bool:
    """Qt's own helpers (a combo box's popup, a menu bar's overflow button, scroll arrows of a tab bar)."""
    name = widget.objectName()
    if name.startswith("qt_") or name in ("ScrollLeftButton", "ScrollRightButton"):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if type(parent).__name__ == "QComboBoxPrivateContainer" or isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def accessible_text(widget: QWidget, which: QAccessible.Text) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(which) if iface is not None else ""


def name_controls(root: QWidget) -> None:
    """Give every interactive control under ``root`` a name and a description where it has none."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE_ALL) or is_qt_internal(widget):
            continue
        known = NAMES.get(widget.objectName())
        parent = widget.parentWidget()
        if known is None and isinstance(widget, QHeaderView):
            known = ("Column headings", "Click a heading to sort by it; right-click to choose the columns")
        elif known is None and isinstance(widget, QTabBar):
            known = ("Side panels", "Choose which side panel is in front")
        elif known is None and isinstance(widget, QAbstractButton) and isinstance(parent, QLineEdit):
            known = ("Clear", "Clear the field")
        if not widget.accessibleName():
            name = accessible_text(widget, QAccessible.Text.Name)
            if known is not None:
                widget.setAccessibleName(_t(known[0]))
            elif not name:
                hint = widget.placeholderText() if isinstance(widget, (QLineEdit, QPlainTextEdit)) else ""
                tip = widget.toolTip().split("\n", 1)[0]
                widget.setAccessibleName(hint or tip or widget.objectName())
        if not widget.accessibleDescription():
            description = accessible_text(widget, QAccessible.Text.Description)
            if not description:
                widget.setAccessibleDescription(
                    _t(known[1])
                    if known is not None
                    else (
                        widget.toolTip()
                        or widget.statusTip()
                        or widget.accessibleName()
                        or accessible_text(widget, QAccessible.Text.Name)
                    )
                )
