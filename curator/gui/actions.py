"""Every command of the app as a QAction with its shortcut, and the menus that show them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar

from curator.core.status import Status

if TYPE_CHECKING:
    # PySide6's stub returns object; the marker hands back the text it was given (pyside6-lupdate reads the calls).
    def QT_TRANSLATE_NOOP(context: str, text: str) -> str: ...
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

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
    Spec(
        "new", QT_TRANSLATE_NOOP("Actions", "&New Story"), (Std.New,), QT_TRANSLATE_NOOP("Actions", "Start a new story")
    ),
    Spec(
        "save",
        QT_TRANSLATE_NOOP("Actions", "&Save"),
        (Std.Save,),
        QT_TRANSLATE_NOOP("Actions", "Save the story as a new revision"),
    ),
    Spec(
        "revert",
        QT_TRANSLATE_NOOP("Actions", "Re&vert to Saved…"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Drop the unsaved changes of this story"),
    ),
    Spec(
        "import_files",
        QT_TRANSLATE_NOOP("Actions", "&Import Files…"),
        ("Ctrl+O",),
        QT_TRANSLATE_NOOP("Actions", "Import text and Markdown files as stories"),
    ),
    Spec(
        "import_folder",
        QT_TRANSLATE_NOOP("Actions", "Import &Folder…"),
        ("Ctrl+Shift+O",),
        QT_TRANSLATE_NOOP("Actions", "Import every story file in a folder"),
    ),
    Spec(
        "export_story",
        QT_TRANSLATE_NOOP("Actions", "&Export Story as HTML…"),
        ("Ctrl+E",),
        QT_TRANSLATE_NOOP("Actions", "Write this story to one HTML file"),
    ),
    Spec(
        "export_many",
        QT_TRANSLATE_NOOP("Actions", "Export S&tories…"),
        ("Ctrl+Shift+E",),
        QT_TRANSLATE_NOOP("Actions", "Export a static site or a Markdown folder"),
    ),
    Spec(
        "republish",
        QT_TRANSLATE_NOOP("Actions", "Re&publish Site"),
        ("Ctrl+Shift+U",),
        QT_TRANSLATE_NOOP("Actions", "Export the last site again (only changed pages)"),
    ),
    Spec(
        "quit",
        QT_TRANSLATE_NOOP("Actions", "&Quit"),
        (Std.Quit, "Ctrl+Q"),
        QT_TRANSLATE_NOOP("Actions", "Quit Curator"),
    ),
    # Edit
    Spec("undo", QT_TRANSLATE_NOOP("Actions", "&Undo"), (Std.Undo,)),
    Spec("redo", QT_TRANSLATE_NOOP("Actions", "&Redo"), (Std.Redo, "Ctrl+Shift+Z")),
    Spec(
        "find", QT_TRANSLATE_NOOP("Actions", "&Find…"), (Std.Find,), QT_TRANSLATE_NOOP("Actions", "Find in the story")
    ),
    Spec("find_next", QT_TRANSLATE_NOOP("Actions", "Find &Next"), (Std.FindNext, "F3")),
    Spec("find_previous", QT_TRANSLATE_NOOP("Actions", "Find Pre&vious"), (Std.FindPrevious, "Shift+F3")),
    Spec(
        "replace",
        QT_TRANSLATE_NOOP("Actions", "&Replace…"),
        ("Ctrl+H",),
        QT_TRANSLATE_NOOP("Actions", "Find and replace in the story"),
    ),
    Spec(
        "bold",
        QT_TRANSLATE_NOOP("Actions", "&Bold"),
        (Std.Bold,),
        QT_TRANSLATE_NOOP("Actions", "Wrap the selection in ** **"),
    ),
    Spec(
        "italic",
        QT_TRANSLATE_NOOP("Actions", "&Italic"),
        (Std.Italic,),
        QT_TRANSLATE_NOOP("Actions", "Wrap the selection in * *"),
    ),
    Spec(
        "search",
        QT_TRANSLATE_NOOP("Actions", "&Search Library"),
        ("Ctrl+K", "Ctrl+Shift+F"),
        QT_TRANSLATE_NOOP("Actions", "Search every story"),
    ),
    # Story
    Spec(
        "duplicate",
        QT_TRANSLATE_NOOP("Actions", "&Duplicate"),
        ("Ctrl+D",),
        QT_TRANSLATE_NOOP("Actions", "Copy this story into a new draft"),
    ),
    Spec(
        "trash",
        QT_TRANSLATE_NOOP("Actions", "Move to &Trash"),
        ("Del",),
        QT_TRANSLATE_NOOP("Actions", "Move the selected stories to the trash"),
    ),
    Spec(
        "restore",
        QT_TRANSLATE_NOOP("Actions", "R&estore from Trash"),
        ("Ctrl+Shift+R",),
        QT_TRANSLATE_NOOP("Actions", "Bring the selected stories back"),
    ),
    Spec(
        "purge",
        QT_TRANSLATE_NOOP("Actions", "Delete for &Good…"),
        ("Shift+Del",),
        QT_TRANSLATE_NOOP("Actions", "Delete the selected stories and their history"),
    ),
    Spec("empty_trash", QT_TRANSLATE_NOOP("Actions", "Empty Tras&h…"), ()),
    Spec(
        "history",
        QT_TRANSLATE_NOOP("Actions", "&History…"),
        ("Ctrl+Shift+H",),
        QT_TRANSLATE_NOOP("Actions", "Earlier revisions of this story"),
    ),
    # View
    Spec("focus_list", QT_TRANSLATE_NOOP("Actions", "Go to &List"), ("Ctrl+1",)),
    Spec("focus_editor", QT_TRANSLATE_NOOP("Actions", "Go to &Editor"), ("Ctrl+2",)),
    Spec("focus_preview", QT_TRANSLATE_NOOP("Actions", "Go to &Preview"), ("Ctrl+3",)),
    Spec("toggle_preview", QT_TRANSLATE_NOOP("Actions", "Show P&review"), ("F9",), checkable=True),
    Spec("toggle_details", QT_TRANSLATE_NOOP("Actions", "Show Story &Details"), ("Ctrl+Shift+D",), checkable=True),
    Spec("about", QT_TRANSLATE_NOOP("Actions", "&About Curator"), ()),
    Spec(
        "guide",
        QT_TRANSLATE_NOOP("Actions", "Curator &User Guide"),
        ("F1",),
        QT_TRANSLATE_NOOP("Actions", "The manual: drafting, checking, linking, exporting, searching"),
    ),
    Spec(
        "preferences",
        QT_TRANSLATE_NOOP("Actions", "Pre&ferences…"),
        ("Ctrl+,",),
        QT_TRANSLATE_NOOP("Actions", "Profile, newsroom, editor, verdict scale, export defaults"),
    ),
)

# Actions that only make sense in the story list (Delete there trashes; in the editor it deletes a character).
LIST_ONLY = ("trash", "purge")


class AppActions:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.by_name: dict[str, QAction] = {}
        for spec in SPECS:
            action = QAction(QCoreApplication.translate("Actions", spec.text), window)
            action.setObjectName(f"action_{spec.name}")
            keys: list[QKeySequence] = []
            for key in spec.keys:
                for seq in [QKeySequence(key)] if isinstance(key, str) else QKeySequence.keyBindings(key):
                    if not seq.isEmpty() and seq not in keys:
                        keys.append(seq)
            if keys:
                action.setShortcuts(keys)
            if spec.tip:
                tip = QCoreApplication.translate("Actions", spec.tip)
                action.setStatusTip(tip)
                action.setToolTip(tip)
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
            m = bar.addMenu(QCoreApplication.translate("Menus", title))
            for item in items:
                if item is None:
                    m.addSeparator()
                elif isinstance(item, QMenu):
                    m.addMenu(item)
                else:
                    m.addAction(a[item])
            menus[title.replace("&", "")] = m
            return m

        status_menu = QMenu(QCoreApplication.translate("Menus", QT_TRANSLATE_NOOP("Menus", "&Status")), bar)
        status_menu.addActions(list(self.status.values()))
        theme_menu = QMenu(QCoreApplication.translate("Menus", QT_TRANSLATE_NOOP("Menus", "&Theme")), bar)
        theme_menu.addActions(list(self.theme.values()))
        menu(
            QT_TRANSLATE_NOOP("Menus", "&File"),
            "new",
            "save",
            "revert",
            None,
            "import_files",
            "import_folder",
            None,
            "export_story",
        )
        menus["File"].addAction(a["export_many"])
        menus["File"].addAction(a["republish"])
        menus["File"].addSeparator()
        menus["File"].addAction(a["quit"])
        menu(
            QT_TRANSLATE_NOOP("Menus", "&Edit"),
            "undo",
            "redo",
            None,
            "find",
            "find_next",
            "find_previous",
            "replace",
            None,
            "bold",
            "italic",
        )
        menus["Edit"].addSeparator()
        menus["Edit"].addAction(a["search"])
        menus["Edit"].addSeparator()
        menus["Edit"].addAction(a["preferences"])
        menu(
            QT_TRANSLATE_NOOP("Menus", "&Story"),
            "duplicate",
            status_menu,
            None,
            "history",
            None,
            "trash",
            "restore",
            "purge",
            "empty_trash",
        )
        menu(
            QT_TRANSLATE_NOOP("Menus", "&View"),
            "focus_list",
            "focus_editor",
            "focus_preview",
            None,
            "toggle_preview",
            "toggle_details",
        )
        menus["View"].addSeparator()
        menus["View"].addMenu(theme_menu)
        menu(QT_TRANSLATE_NOOP("Menus", "&Help"), "guide", None, "about")
        return menus
