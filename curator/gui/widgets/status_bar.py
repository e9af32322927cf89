"""The status bar: words and reading time, cursor position, save state, and which library is open."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

WORDS_PER_MINUTE = 230


def reading_time(words: int) -> str:
    if words == 0:
        return "0 min"
    return f"{max(1, math.ceil(words / WORDS_PER_MINUTE))} min read"


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.words = QLabel()
        self.words.setObjectName("wordCount")
        self.position = QLabel()
        self.state = QLabel()
        self.state.setObjectName("saveState")
        self.library = QLabel()
        self.library.setObjectName("libraryLabel")
        for label in (self.state, self.words, self.position, self.library):
            label.setContentsMargins(6, 0, 6, 0)
        self.addPermanentWidget(self.state)
        self.addPermanentWidget(self.words)
        self.addPermanentWidget(self.position)
        self.addPermanentWidget(self.library)

    def set_words(self, count: int) -> None:
        self.words.setText(f"{count:,} words · {reading_time(count)}")

    def set_position(self, line: int, column: int) -> None:
        self.position.setText(f"Ln {line}, Col {column}")

    def set_state(self, text: str) -> None:
        self.state.setText(text)

    def set_library(self, text: str, tooltip: str = "") -> None:
        self.library.setText(text)
        self.library.setToolTip(tooltip)
