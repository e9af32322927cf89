"""The desktop app's composition root: the Qt application, settings, recovery store, library, and the window.

Everything is built here once and handed down; nothing in the GUI reaches for a global. The window is shown
before the library is open (opening imports SQLAlchemy and checks the schema, which takes longer than a window
takes to appear); the library is opened on a worker thread and attached when ready.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator.paths import AppPaths

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from curator.gui.recovery import RecoveryStore
    from curator.gui.settings import UiSettings
    from curator.services.library import Library

log = logging.getLogger(__name__)

APP_NAME = "Curator"


def prepare_environment() -> None:
    """What must be settled before QtWebEngine loads.

    Chromium's sandbox cannot run as root, so it is turned off then (and logged). The preview shows one
    article, which software rendering draws as fast: without Chromium's GPU thread the app uses some 60 MB
    less memory (set CURATOR_PREVIEW_GPU=1, or any GPU flag in QTWEBENGINE_CHROMIUM_FLAGS, to keep it).
    """
    if hasattr(os, "geteuid") and os.geteuid() == 0 and os.environ.get("QTWEBENGINE_DISABLE_SANDBOX") != "1":
        os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
        log.warning("running as root: the preview's Chromium sandbox is turned off (QTWEBENGINE_DISABLE_SANDBOX=1)")
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "gpu" not in flags and os.environ.get("CURATOR_PREVIEW_GPU") != "1":
        flags = f"{flags} --disable-gpu".strip()
    if "--log-level" not in flags and "--enable-logging" not in flags:
        # Chromium prints its own warnings (no D-Bus, no GPU) straight to the terminal; only fatal ones now.
        flags = f"{flags} --log-level=3".strip()
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = flags
    # Qt's own categories that only ever report a missing GPU or session bus.
    rules = os.environ.get("QT_LOGGING_RULES", "")
    if "qt.qpa" not in rules:
        extra = "qt.qpa.gl=false;qt.glx=false;qt.webenginecontext.info=false"
        os.environ["QT_LOGGING_RULES"] = f"{rules};{extra}".strip(";")


def _uncached_source_check() -> None:
    """PySide6 looks at the source of every module imported after it, for the string "PySide6", through
    ``inspect.getsource``, which keeps every file in the line cache: some 20 MB of the app's memory for nothing.
    The same check, reading the file without keeping it. Left as it is if PySide6's internals differ."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return

    def uses_pyside(module: Any) -> bool:
        path = getattr(module, "__file__", None)
        if not path or not str(path).endswith(".py"):
            return False
        try:
            with open(path, "rb") as f:
                return b"PySide6" in f.read()
        except OSError:
            return False

    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]  # a private hook, replaced on purpose


def make_application(argv: Sequence[str] | None = None) -> QApplication:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    _uncached_source_check()
    prepare_environment()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # QtWebEngine is loaded later, after the window shows; it needs shared GL contexts set up front.
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(list(argv or [sys.argv[0]]))
    from curator.gui.pyside_fixes import keep_none_alive

    if keep_none_alive():
        log.info("this PySide6 leaks references to None on Python %d.%d: None made immortal", *sys.version_info[:2])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    return app


@dataclass
class AppContext:
    """What the window is built from; the library arrives once it is open."""

    paths: AppPaths
    db_url: str
    settings: UiSettings
    recovery: RecoveryStore
    author: str = ""
    log_path: Path | None = None
    library: Library | None = None
    library_state: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, paths: AppPaths, db_url: str, *, settings_path: Path | None = None) -> AppContext:
        from curator.gui.recovery import RECOVERY_FILENAME, RecoveryStore
        from curator.gui.settings import UI_SETTINGS_FILENAME, UiSettings

        settings = UiSettings(settings_path or paths.config_dir / UI_SETTINGS_FILENAME)
        recovery = RecoveryStore(paths.data_dir / RECOVERY_FILENAME, db_url)
        # Who is working: the profile's name (Preferences, or [profile] in settings.toml) or $CURATOR_USER;
        # never the login name, which colleagues and readers do not know.
        from curator.core.errors import CuratorError
        from curator.desk.profile import acting_name

        try:
            author = acting_name(None, paths.config_dir)
        except CuratorError:
            author = ""
        return cls(paths=paths, db_url=db_url, settings=settings, recovery=recovery, author=author)

    def open_library(self) -> Library:
        """Open (create, upgrade) the library; the first start of an empty one gets the welcome story."""
        self.library = open_library(self.db_url, config_dir=self.paths.config_dir, actor=self.author)
        self.library_state = self.library.state
        return self.library

    def close(self) -> None:
        if self.library is not None:
            self.library.close()


def open_library(db_url: str, *, config_dir: Path | None = None, actor: str = "") -> Library:
    from curator.domain.stories import Scope
    from curator.services.library import Library

    library = Library.open(db_url, config_dir=config_dir, actor=actor)
    if not library.search.page(limit=1, scope=Scope.ALL).items:
        from curator.gui.welcome import welcome_story

        library.stories.create(welcome_story(), author="Curator", note="Welcome story")
        log.info("the library is empty: added the welcome story")
    return library


def run_app(db_url: str, paths: AppPaths, *, debug: bool = False, log_path: Path | None = None) -> int:
    """Run the desktop app on the library at ``db_url`` until the window closes; returns the exit code."""
    from curator.gui.platform_check import check_platform, platform_worked

    problem = check_platform(paths.cache_dir)
    if problem is not None:
        print(problem, file=sys.stderr)
        log.error("%s", problem)
        return 1
    app = make_application()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from curator.gui.errors import ErrorReporter
    from curator.gui.main_window import MainWindow
    from curator.gui.snapshot import read_snapshot, write_snapshot
    from curator.gui.tasks import SerialExecutor, Task
    from curator.gui.theme import apply_theme

    reporter = ErrorReporter(str(log_path) if log_path else None)
    reporter.install()
    ctx = AppContext.create(paths, db_url)
    ctx.log_path = log_path
    from curator.gui.i18n import install_translations

    install_translations(app, ctx.settings.value("view/language", "", str))
    dark = apply_theme(app, ctx.settings.theme)
    window = MainWindow(ctx, dark=dark)
    snapshot = read_snapshot(paths.cache_dir, db_url)
    if snapshot is not None:
        window.show_snapshot(*snapshot)
    window.show()

    opener = SerialExecutor("open-library")
    exit_code = 0

    def opened(_result: object) -> None:
        window.attach_library()
        state = ctx.library_state
        if state is not None and state.read_only:
            # Damaged or read-only: readable and exportable, every save refused with the reason.
            QMessageBox.warning(window, "Curator: library opened read-only", state.read_only)

    def failed(exc: BaseException) -> None:
        nonlocal exit_code
        exit_code = 1
        log.error("could not open the library %s: %s", db_url, exc)
        QMessageBox.critical(window, "Curator cannot open the library", str(exc))
        window.force_close()

    task = Task(lambda _t: ctx.open_library(), name="open library")
    task.signals.finished.connect(opened)
    task.signals.failed.connect(failed)

    started = False

    def start_opening() -> None:
        nonlocal started
        if not started:
            started = True
            opener.start(task)

    # Opening imports SQLAlchemy on a worker thread; started before the first paint, it would hold the
    # interpreter lock while the list asks Python for every cell it draws, and the window would appear later.
    window.list_painted.connect(start_opening)
    window.list_painted.connect(lambda: platform_worked(paths.cache_dir))
    QTimer.singleShot(1000, start_opening)
    # Ctrl-C in the terminal closes the window as the close button does (drafts kept, unsaved work asked about),
    # instead of a KeyboardInterrupt in whatever slot runs next. Qt's loop gives Python a moment every 250 ms.
    previous_sigint = signal.signal(signal.SIGINT, lambda *_: QTimer.singleShot(0, window.close))
    wake = QTimer(interval=250)
    wake.timeout.connect(lambda: None)
    wake.start()
    try:
        code = app.exec()
    finally:
        wake.stop()
        signal.signal(signal.SIGINT, previous_sigint)
    opener.wait()
    # However the loop ended, background reads and writes finish before the library closes.
    window.shutdown()
    rows, query = window.snapshot_rows()
    ctx.close()
    if ctx.library is not None:
        write_snapshot(paths.cache_dir, db_url, query, rows)
    return exit_code or code
