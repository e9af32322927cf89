"""Every control a keyboard or screen-reader user reaches has an accessible name and description: the test walks
the window's widget tree (side panels and find bar open) and fails on any control left unnamed."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

from curator.gui.accessibility import INTERACTIVE_ALL, accessible_text, is_qt_internal


def unnamed(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE_ALL) or is_qt_internal(widget):
            continue
        # What a screen reader gets: the widget's own accessible text, else what Qt's interface works out.
        name = widget.accessibleName() or accessible_text(widget, QAccessible.Text.Name)
        description = widget.accessibleDescription() or accessible_text(widget, QAccessible.Text.Description)
        if not name.strip() or not description.strip():
            found.append(f"{type(widget).__name__} {widget.objectName()!r}: name={name!r} description={description!r}")
    return found


def test_every_control_has_a_name_and_a_description(qtbot, make_window) -> None:
    window = make_window()
    window.factcheck.dock.show()
    window.related.dock.show()
    window.find_bar.open_find(replace=True)
    qtbot.wait(50)
    problems = unnamed(window)
    assert not problems, "\n".join(problems)
    names = {accessible_text(w, QAccessible.Text.Name) for w in window.findChildren(QWidget)}
    assert {"Stories", "Story body", "Headline", "Search the library", "Fact-check items"} <= names


def test_every_menu_action_is_reachable_by_keyboard(qtbot, make_window) -> None:
    window = make_window()
    for menu_action in window.menuBar().actions():
        assert "&" in menu_action.text(), f"menu {menu_action.text()!r} has no Alt key"
        for action in menu_action.menu().actions():
            if action.isSeparator() or action.menu() is not None:
                continue
            assert "&" in action.text() or not action.shortcut().isEmpty(), f"{action.text()!r} has no key"
