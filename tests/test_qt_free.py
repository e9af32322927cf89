"""Everything outside curator.gui imports without PySide6."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import curator

PACKAGE = Path(curator.__file__).parent


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = rel.parts
        if "gui" in parts[:2] or "migrations" in parts:
            continue  # the GUI may use Qt; migration scripts run only inside Alembic
        if parts[-1] == "__main__":
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_core_modules_import_without_pyside6() -> None:
    modules = _modules()
    assert "curator.cli" in modules and "curator.services.stories" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
