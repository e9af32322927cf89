"""Run inside a child process by bench_gui.py: start an app, note when its window first shows content, report.

    python gui_probe.py curator-start LIBRARY   # Curator on LIBRARY: time the list is painted with stories
    python gui_probe.py curator-rss LIBRARY     # ... then open a story, page the list, report peak memory
    python gui_probe.py retext                  # ReText 8 (run with ReText's own interpreter): empty window
    python gui_probe.py pyside-floor            # the least a PySide6 app can do: a window with a 100-row table

Each prints one line ``PROBE key=value ...``; ``painted`` is a wall-clock time (time.time()) so the parent can
subtract its own clock reading taken just before it started the process.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path


def _report(**values: object) -> None:
    print("PROBE " + " ".join(f"{k}={v}" for k, v in values.items()), flush=True)


def _children_rss_mb() -> float:
    """Resident memory of this process's descendants (QtWebEngine's helper processes), in MB."""
    me = os.getpid()
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total = 0
    for pid in rss:
        p = parents.get(pid)
        while p and p != me:
            p = parents.get(p)
        if p == me and pid != me:
            total += rss[pid]
    return total / 2**20


def probe_retext() -> None:
    from PyQt6.QtCore import QEvent, QObject, QTimer
    from PyQt6.QtWidgets import QApplication

    original_exec = QApplication.exec

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if not self.done and event.type() == QEvent.Type.Paint:
                self.done = True
                QApplication.instance().removeEventFilter(self)
                painted = time.time()
                QTimer.singleShot(0, lambda: (_report(painted=painted), QApplication.quit()))
            return False

    def exec_with_probe(*_args: object) -> int:
        app = QApplication.instance()
        watcher = FirstPaint(app)
        app.installEventFilter(watcher)
        app._probe = watcher  # type: ignore[attr-defined]
        return original_exec()

    QApplication.exec = staticmethod(exec_with_probe)  # type: ignore[method-assign]
    sys.argv = ["retext"]
    from ReText.__main__ import main

    main()


def probe_pyside_floor() -> None:
    """A bare PySide6 window with a 100-row table model: what any PySide6 app pays before it shows a list."""
    from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])

    class Rows(QAbstractTableModel):
        def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's names
            return 0 if parent.isValid() else 100

        def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's names
            return 0 if parent.isValid() else 3

        def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            return f"Story {index.row()}" if role == Qt.ItemDataRole.DisplayRole else None

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if not self.done and event.type() == QEvent.Type.Paint:
                self.done = True
                app.removeEventFilter(self)
                painted = time.time()
                QTimer.singleShot(0, lambda: (_report(painted=painted), app.quit()))
            return False

    window = QMainWindow()
    view = QTableView()
    model = Rows()
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(1480, 900)
    watcher = FirstPaint()
    app.installEventFilter(watcher)
    window.show()
    app.exec()


def probe_curator(library: str, *, rss: bool) -> None:
    import curator.gui.app as gui_app

    make_application = gui_app.make_application

    def instrumented(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        app = make_application(*args, **kwargs)
        from PySide6.QtCore import QEvent, QObject, QTimer
        from PySide6.QtWidgets import QAbstractItemView, QApplication

        class ListPainted(QObject):
            done = False

            def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
                if self.done or event.type() != QEvent.Type.Paint:
                    return False
                view = obj.parent()
                if isinstance(view, QAbstractItemView) and view.objectName() == "storyList":
                    model = view.model()
                    if model is not None and model.rowCount() > 0:
                        self.done = True
                        obj.removeEventFilter(self)
                        painted = time.time()
                        rows = model.rowCount()
                        QTimer.singleShot(0, lambda: self.after_paint(view, painted, rows))
                return False

            def after_paint(self, view: QAbstractItemView, painted: float, rows: int) -> None:
                if not rss:
                    _report(painted=painted, rows=rows)
                    QApplication.quit()
                    return
                window = view.window()
                ready = {"attached": False}

                def scroll() -> None:
                    for _ in range(5):
                        view.scrollToBottom()
                        QApplication.processEvents()
                    QTimer.singleShot(3000, finish)

                def finish() -> None:
                    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                    _report(
                        painted=painted,
                        peak_rss_mb=f"{peak:.0f}",
                        helpers_rss_mb=f"{_children_rss_mb():.0f}",
                        rows_loaded=view.model().rowCount(),
                        preview=int(bool(window.preview.loaded)),
                        attached=int(ready["attached"]),
                    )
                    QApplication.quit()

                def attached() -> None:
                    ready["attached"] = True
                    QTimer.singleShot(6000, scroll)

                if window.bridge is not None:
                    attached()
                else:
                    window.library_attached.connect(attached)

        watcher = ListPainted(app)
        app._probe = watcher  # type: ignore[attr-defined]
        # On the list's viewport only: an application-wide Python event filter also sees QtWebEngine's internal
        # objects, some while they are being destroyed, and PySide6 can crash on those.
        from curator.gui.main_window import MainWindow

        window_init = MainWindow.__init__

        def init(self: MainWindow, *args: object, **kwargs: object) -> None:
            window_init(self, *args, **kwargs)
            self.list.viewport().installEventFilter(watcher)

        MainWindow.__init__ = init  # type: ignore[method-assign]
        return app

    gui_app.make_application = instrumented
    from curator import cli

    cli.main(["--db", library])


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "retext":
        probe_retext()
    elif mode == "pyside-floor":
        probe_pyside_floor()
    elif mode in ("curator-start", "curator-rss"):
        probe_curator(sys.argv[2], rss=mode == "curator-rss")
    else:
        raise SystemExit(f"unknown mode {mode!r}")
