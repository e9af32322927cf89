"""The real app in a process of its own, typing into a story without pause; killed from outside by the tests.

``python -m tests.faults.typist DB_URL LOG [--seconds N]``: opens the app's window (offscreen) on ``DB_URL`` with
the folders of ``$CURATOR_HOME``, opens a story, and types the words ``w1 w2 w3 …`` into its body, one key every
20 ms. After each word it appends ``TIME WORD_NUMBER`` to ``LOG`` (flushed), so the one who kills it can tell which
words were typed when. With ``--seconds`` it stops typing after that long and idles until it is killed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

HEADLINE = "Typed without pause"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db_url")
    parser.add_argument("log")
    parser.add_argument("--seconds", type=float, default=0.0)
    args = parser.parse_args()

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from curator.domain.stories import StoryFields
    from curator.gui.app import AppContext, make_application
    from curator.gui.main_window import MainWindow
    from curator.paths import AppPaths

    app = make_application()
    ctx = AppContext.create(AppPaths.default(), args.db_url)
    library = ctx.open_library()
    (story_id,) = library.stories.create_many([StoryFields(headline=HEADLINE, body="Start.")])
    window = MainWindow(ctx)
    window.show()
    window.attach_library()
    log = open(args.log, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - open until the kill
    state = {"word": 0, "chars": [], "started": 0.0}

    def begin(story: object) -> None:
        if getattr(story, "id", None) != story_id or state["started"]:
            return
        window.editor.setFocus()
        window.editor.moveCursor(QTextCursor.MoveOperation.End)
        state["started"] = time.monotonic()
        log.write(f"{time.time():.4f} 0\n")
        timer.start()

    def key() -> None:
        if args.seconds and time.monotonic() - state["started"] > args.seconds:
            timer.stop()
            log.write(f"{time.time():.4f} idle\n")
            return
        if not state["chars"]:
            state["word"] += 1
            state["chars"] = list(f" w{state['word']}")
        QTest.keyClick(window.editor, state["chars"].pop(0))
        if not state["chars"]:
            log.write(f"{time.time():.4f} {state['word']}\n")

    timer = QTimer(interval=20)
    timer.timeout.connect(key)
    window.editing.opened.connect(begin)
    QTimer.singleShot(500, lambda: window.open_story(story_id))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
