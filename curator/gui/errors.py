"""Unexpected errors: logged with their traceback, and shown in a dialog instead of a silent crash.
Qt's own warnings are routed into the log as well."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
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


def _qt_message(kind: QtMsgType, context: object, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(kind, logging.INFO), "%s", message)


class ErrorReporter:
    """Installed as ``sys.excepthook`` by the app; shows at most one dialog at a time."""

    def __init__(self, log_path: str | None) -> None:
        self.log_path = log_path
        self._showing = False
        self.shown: list[str] = []  # messages shown, for tests

    def install(self) -> None:
        sys.excepthook = self.handle
        qInstallMessageHandler(_qt_message)

    def handle(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if isinstance(exc, CuratorError):
            log.warning("%s", exc)
            self.show("Curator", str(exc), None)
            return
        log.error("unexpected error", exc_info=(kind, exc, tb))
        details = "".join(traceback.format_exception(kind, exc, tb))
        where = f"\n\nThe details are in the log: {self.log_path}" if self.log_path else ""
        self.show(
            "Something went wrong",
            f"Curator met an unexpected error: {kind.__name__}: {exc}.\n"
            f"Your text is safe: unsaved changes are kept in the recovery file.{where}",
            details,
        )

    def show(self, title: str, message: str, details: str | None) -> None:
        self.shown.append(message)
        app = QApplication.instance()
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
