"""``curator screenshot``: the main window rendered offscreen to a PNG, for documentation and checks."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from curator.paths import AppPaths


def take_screenshot(
    out: Path,
    db_url: str,
    paths: AppPaths,
    *,
    story: str | None = None,
    size: tuple[int, int] = (1480, 900),
    theme: str = "light",
    panel: str = "factcheck",
    timeout_ms: int = 60_000,
) -> Path:
    """Open the window on ``db_url`` (a fresh window state, not the user's), show ``story``, and save a PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from curator.gui.app import AppContext, make_application

    app = make_application()
    from PySide6.QtCore import QEventLoop, QTimer

    from curator.gui.i18n import install_translations

    install_translations(app, "en")  # documentation pictures are in English (with its plural forms)

    from curator.core.errors import CuratorError
    from curator.gui.main_window import MainWindow
    from curator.gui.theme import apply_theme

    with tempfile.TemporaryDirectory(prefix="curator-screenshot-") as tmp:
        root = Path(tmp)
        # Its own window state and recovery file: a screenshot must not depend on, or disturb, the user's.
        own = AppPaths(root / "data", root / "config", paths.log_dir, root / "cache")
        ctx = AppContext.create(own, db_url)
        library = ctx.open_library()
        if story:
            ctx.settings.set("editor/last_story", library.stories.resolve(story))
        dark = apply_theme(app, theme)
        ctx.settings.set("view/theme", theme)
        window = MainWindow(ctx, dark=dark)
        # The side panels share a tabbed dock: the one asked for is in front.
        (window.related if panel == "related" else window.factcheck).dock.raise_()
        window.resize(*size)
        window.show()
        loop = QEventLoop()
        window.preview.updated.connect(loop.quit)
        timer = QTimer(singleShot=True, interval=timeout_ms)
        timer.timeout.connect(loop.quit)
        timer.start()
        window.attach_library()
        loop.exec()
        if not timer.isActive():
            raise CuratorError("the window did not finish drawing its preview in time")
        # Let the web view paint what it was just given, and the panels show what they read in the background.
        settle = QEventLoop()
        QTimer.singleShot(700, settle.quit)
        settle.exec()
        if window.bridge is not None:
            window.bridge.wait(timeout_ms)
        settle = QEventLoop()
        QTimer.singleShot(300, settle.quit)
        settle.exec()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out), "PNG"):
            raise CuratorError(f"could not write {out}")
        window.force_close()
        ctx.close()
    return out
