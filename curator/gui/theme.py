"""Light and dark themes: follow the system's colour scheme unless the user picks one (View → Theme)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#232427"), QColor("#1b1c1e"), QColor("#e6e4df")
    role = QPalette.ColorRole
    for r, c in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, QColor("#222326")),
        (role.ToolTipBase, QColor("#2c2d31")),
        (role.ToolTipText, text),
        (role.PlaceholderText, QColor("#8b8e93")),
        (role.Text, text),
        (role.Button, QColor("#2b2c30")),
        (role.ButtonText, text),
        (role.BrightText, QColor("#ff6b6b")),
        (role.Light, QColor("#3a3b40")),
        (role.Midlight, QColor("#313236")),
        (role.Mid, QColor("#3d3f44")),
        (role.Dark, QColor("#151618")),
        (role.Shadow, QColor("#000000")),
        (role.Highlight, QColor("#3d6fb4")),
        (role.HighlightedText, QColor("#ffffff")),
        (role.Link, QColor("#8cb4ff")),
        (role.LinkVisited, QColor("#b99cff")),
    ):
        p.setColor(r, c)
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, QColor("#6f7277"))
    return p


def system_prefers_dark(app: QApplication) -> bool:
    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return app.style().standardPalette().color(QPalette.ColorRole.Window).lightness() < 128


def apply_theme(app: QApplication, theme: str = "system") -> bool:
    """Set the palette for ``theme``; returns whether the result is dark."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")  # the same look everywhere, and a palette that is fully honoured
    dark = theme == "dark" or (theme == "system" and system_prefers_dark(app))
    # No application style sheet: it would slow down every widget's polish and paint. The few custom
    # looks are set on the widgets themselves.
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    return dark
