"""Reading and updating ``settings.toml``, the settings the command line and the app share.

Updates go through tomlkit so that a file someone edits by hand keeps its comments, order and layout; the file is
replaced whole (written beside it, then renamed), so a crash never leaves half a file. Each feature owns a table
(``[profile]``, ``[newsroom]``, ``[factcheck]``, ``[export]``, ``[writing]`` …) and reads it on its own.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from curator.core.errors import CuratorError
from curator.core.files import write_text_atomic

SETTINGS_FILENAME = "settings.toml"


def read_settings(config_dir: Path) -> dict[str, Any]:
    """The whole file as plain data (empty when there is none)."""
    path = config_dir / SETTINGS_FILENAME
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise CuratorError(f"cannot read {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise CuratorError(f"{path} is not valid TOML: {exc}") from None


def update_settings(config_dir: Path, changes: Mapping[str, Mapping[str, Any]]) -> Path:
    """Set ``changes`` (table → key → value; a value of None removes the key) and keep everything else as it was.

    A table left empty is removed. Returns the file's path.
    """
    import tomlkit

    path = config_dir / SETTINGS_FILENAME
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        text = ""
    except OSError as exc:
        raise CuratorError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        doc = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise CuratorError(f"{path} is not valid TOML ({exc}); correct it or move it away, then try again") from None
    for name, values in changes.items():
        table = doc.get(name)
        if table is None:
            table = tomlkit.table()
            doc[name] = table
        for key, value in values.items():
            if value is None:
                table.pop(key, None)
            else:
                table[key] = value
        if not table:
            doc.pop(name, None)
    try:
        return write_text_atomic(path, tomlkit.dumps(doc))
    except OSError as exc:
        raise CuratorError(f"cannot write {path}: {exc.strerror or exc}") from None
