"""Unexpected errors: logged with their traceback, and shown in a dialog instead of a silent crash.
Qt's own warnings are routed into the log as well."""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from curator.core.errors import CuratorError

log = logging.getLogger("curator.gui")
qt_log = logging.getLogger("qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


# What Qt and its GPU code say on every start of a machine without a GPU, a session bus or a compositor: nothing
# the user can act on, so it goes to the log file only (debug level), not the terminal. Real errors stay.
_CHATTER = re.compile(
    r"vulkan|Vulkan|GPU vendor|GPUInfo|RHI|DRI3|GLX|libEGL|EGL_|OpenGL|QRhi"
    r"|propagateSizeHints|This plugin does not support"
    r"|dbus|D-Bus|org\.freedesktop|xdg-desktop-portal|QStandardPaths: wrong permissions|QXcbConnection: XCB error: 3"
    r"|Could not find the Qt platform plugin \"wayland\"|qt\.qpa\.wayland|Fontconfig"
)


def qt_message_level(kind: QtMsgType, message: str) -> int:
    """The log level of a Qt message: its own, except the start-up chatter, which is only a debug detail."""
    level = _QT_LEVELS.get(kind, logging.INFO)
    if level < logging.CRITICAL and _CHATTER.search(message):
        return logging.DEBUG
    return level


def _qt_message(kind: QtMsgType, context: object, message: str) -> None:
    qt_log.log(qt_message_level(kind, message), "%s", message)


class ErrorReporter(QObject):
    """Installed as ``sys.excepthook`` (and ``threading.excepthook``) by the app; shows one dialog at a time,
    always on the UI thread."""

    _show_later = Signal(str, str, object)

    def __init__(self, log_path: str | None) -> None:
        super().__init__()
        self.log_path = log_path
        self._showing = False
        self.shown: list[str] = []  # messages shown, for tests
        self._show_later.connect(self.show)  # queued when emitted from another thread

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback)
        qInstallMessageHandler(_qt_message)

    def handle(self, kind: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if isinstance(exc, CuratorError):
            log.warning("%s", exc)
            self.show("Curator", str(exc), None)
            return
        log.error("unexpected error", exc_info=exc if exc is not None else True)
        details = "".join(traceback.format_exception(kind, exc, tb))
        where = f"\n\nThe details are in the log: {self.log_path}" if self.log_path else ""
        self.show(
            "Something went wrong",
            f"Curator met an unexpected error: {kind.__name__}: {exc}.\n"
            f"Your text is safe: unsaved changes are kept in the recovery file.{where}",
            details,
        )

    def show(self, title: str, message: str, details: str | None) -> None:
        app = QApplication.instance()
        if app is not None and threading.current_thread() is not threading.main_thread():
            self._show_later.emit(title, message, details)  # dialogs belong to the UI thread
            return
        self.shown.append(message)
        if self._showing or app is None:
            return
        self._showing = True
        try:
            box = QMessageBox(QMessageBox.Icon.Critical if details else QMessageBox.Icon.Warning, title, message)
            box.setObjectName("errorDialog")
            if details:
                box.setDetailedText(details)
            box.exec()
        finally:
            self._showing = False
