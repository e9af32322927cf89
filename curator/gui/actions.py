"""Every command of the app as a QAction with its shortcut, and the menus that show them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar

from curator.core.status import Status

Std = QKeySequence.StandardKey


@dataclass(frozen=True)
class Spec:
    name: str
    text: str
    keys: tuple[str | QKeySequence.StandardKey, ...] = ()
    tip: str = ""
    checkable: bool = False


SPECS = (
    # File
    Spec("new", "&New Story", (Std.New,), "Start a new story"),
    Spec("save", "&Save", (Std.Save,), "Save the story as a new revision"),
    Spec("revert", "Re&vert to Saved…", (), "Drop the unsaved changes of this story"),
    Spec("import_files", "&Import Files…", ("Ctrl+O",), "Import text and Markdown files as stories"),
    Spec("import_folder", "Import &Folder…", ("Ctrl+Shift+O",), "Import every story file in a folder"),
    Spec("export_story", "&Export Story as HTML…", ("Ctrl+E",), "Write this story to one HTML file"),
    Spec("export_many", "Export S&tories…", ("Ctrl+Shift+E",), "Export a static site or a Markdown folder"),
    Spec("republish", "Re&publish Site", ("Ctrl+Shift+U",), "Export the last site again (only changed pages)"),
    Spec("quit", "&Quit", (Std.Quit, "Ctrl+Q"), "Quit Curator"),
    # Edit
    Spec("undo", "&Undo", (Std.Undo,)),
    Spec("redo", "&Redo", (Std.Redo, "Ctrl+Shift+Z")),
    Spec("find", "&Find…", (Std.Find,), "Find in the story"),
    Spec("find_next", "Find &Next", (Std.FindNext, "F3")),
    Spec("find_previous", "Find Pre&vious", (Std.FindPrevious, "Shift+F3")),
    Spec("replace", "&Replace…", ("Ctrl+H",), "Find and replace in the story"),
    Spec("bold", "&Bold", (Std.Bold,), "Wrap the selection in ** **"),
    Spec("italic", "&Italic", (Std.Italic,), "Wrap the selection in * *"),
    Spec("search", "&Search Library", ("Ctrl+K", "Ctrl+Shift+F"), "Search every story"),
    # Story
    Spec("duplicate", "&Duplicate", ("Ctrl+D",), "Copy this story into a new draft"),
    Spec("trash", "Move to &Trash", ("Del",), "Move the selected stories to the trash"),
    Spec("restore", "R&estore from Trash", ("Ctrl+Shift+R",), "Bring the selected stories back"),
    Spec("purge", "Delete for &Good…", ("Shift+Del",), "Delete the selected stories and their history"),
    Spec("empty_trash", "Empty Tras&h…", ()),
    Spec("history", "&History…", ("Ctrl+Shift+H",), "Earlier revisions of this story"),
    # View
    Spec("focus_list", "Go to &List", ("Ctrl+1",)),
    Spec("focus_editor", "Go to &Editor", ("Ctrl+2",)),
    Spec("focus_preview", "Go to &Preview", ("Ctrl+3",)),
    Spec("toggle_preview", "Show P&review", ("F9",), checkable=True),
    Spec("toggle_details", "Show Story &Details", ("Ctrl+Shift+D",), checkable=True),
    Spec("about", "&About Curator", ()),
    Spec("guide", "Curator &User Guide", ("F1",), "The manual: drafting, checking, linking, exporting, searching"),
    Spec("preferences", "Pre&ferences…", ("Ctrl+,",), "Profile, newsroom, editor, verdict scale, export defaults"),
)

# Actions that only make sense in the story list (Delete there trashes; in the editor it deletes a character).
LIST_ONLY = ("trash", "purge")


class AppActions:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.by_name: dict[str, QAction] = {}
        for spec in SPECS:
            action = QAction(spec.text, window)
            action.setObjectName(f"action_{spec.name}")
            keys: list[QKeySequence] = []
            for key in spec.keys:
                for seq in [QKeySequence(key)] if isinstance(key, str) else QKeySequence.keyBindings(key):
                    if not seq.isEmpty() and seq not in keys:
                        keys.append(seq)
            if keys:
                action.setShortcuts(keys)
            if spec.tip:
                action.setStatusTip(spec.tip)
                action.setToolTip(spec.tip)
            action.setCheckable(spec.checkable)
            if spec.name in LIST_ONLY:
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            else:
                window.addAction(action)
            self.by_name[spec.name] = action
        self.status: dict[Status, QAction] = {}
        for n, status in enumerate(Status, 1):
            action = QAction(status.label, window)
            action.setObjectName(f"action_status_{status.value}")
            action.setShortcut(QKeySequence(f"Ctrl+Alt+{n}"))
            action.setStatusTip(f"Move the selected stories to “{status.label}”")
            window.addAction(action)
            self.status[status] = action
        self.themes = QActionGroup(window)
        self.theme: dict[str, QAction] = {}
        for key, label in (("system", "Follow the &System"), ("light", "&Light"), ("dark", "&Dark")):
            action = QAction(label, self.themes)
            action.setCheckable(True)
            action.setData(key)
            self.theme[key] = action

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def build_menus(self, bar: QMenuBar) -> dict[str, QMenu]:
        a = self.by_name
        menus: dict[str, QMenu] = {}

        def menu(title: str, *items: str | QMenu | None) -> QMenu:
            m = bar.addMenu(title)
            for item in items:
                if item is None:
                    m.addSeparator()
                elif isinstance(item, QMenu):
                    m.addMenu(item)
                else:
                    m.addAction(a[item])
            menus[title.replace("&", "")] = m
            return m

        status_menu = QMenu("&Status", bar)
        status_menu.addActions(list(self.status.values()))
        theme_menu = QMenu("&Theme", bar)
        theme_menu.addActions(list(self.theme.values()))
        menu("&File", "new", "save", "revert", None, "import_files", "import_folder", None, "export_story")
        menus["File"].addAction(a["export_many"])
        menus["File"].addAction(a["republish"])
        menus["File"].addSeparator()
        menus["File"].addAction(a["quit"])
        menu("&Edit", "undo", "redo", None, "find", "find_next", "find_previous", "replace", None, "bold", "italic")
        menus["Edit"].addSeparator()
        menus["Edit"].addAction(a["search"])
        menus["Edit"].addSeparator()
        menus["Edit"].addAction(a["preferences"])
        menu("&Story", "duplicate", status_menu, None, "history", None, "trash", "restore", "purge", "empty_trash")
        menu("&View", "focus_list", "focus_editor", "focus_preview", None, "toggle_preview", "toggle_details")
        menus["View"].addSeparator()
        menus["View"].addMenu(theme_menu)
        menu("&Help", "guide", None, "about")
        return menus
