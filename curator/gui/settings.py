"""The app's UI state (window geometry, splitters, last story, list order, theme) in an INI file via QSettings.

Built once at the composition root with a path, so tests and screenshots use their own file. Domain settings
that the command line also reads do not belong here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

UI_SETTINGS_FILENAME = "ui.ini"


class UiSettings:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    def value(self, key: str, default: Any = None, kind: type | None = None) -> Any:
        raw = self._qs.value(key, default)
        if raw is None or kind is None:
            return raw
        if kind is bool:
            return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
        try:
            return kind(raw)
        except (TypeError, ValueError):
            return default

    def set(self, key: str, value: Any) -> None:
        self._qs.setValue(key, value)

    def bytes(self, key: str) -> QByteArray | None:
        raw = self._qs.value(key)
        return raw if isinstance(raw, QByteArray) else None

    def sync(self) -> None:
        self._qs.sync()

    # Values used in several places
    @property
    def autosave_ms(self) -> int:
        return self.value("editor/autosave_ms", 1500, int)

    @property
    def theme(self) -> str:
        return self.value("view/theme", "system", str)
