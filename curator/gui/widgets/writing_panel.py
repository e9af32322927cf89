"""The Writing panel: the story's readability and word-count goal, its writing findings (misspellings, house
style, readability) each with what to change, and an outline of its headings for moving around a long story."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.writing.findings import Category, Finding, Readability, Review

FIELD_NAMES = {"headline": "Headline", "dek": "Dek", "byline": "Byline", "photo_credit": "Photo credit",
               "photo_caption": "Photo caption", "body": "Body"}
_ROLE = Qt.ItemDataRole.UserRole


class GoalField(QLineEdit):
    """A word count, or empty for none."""

    value_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QIntValidator(0, 1_000_000, self))
        self.setPlaceholderText("none")
        self.setMaximumWidth(90)
        self.textChanged.connect(lambda _t: self.value_changed.emit(self.value()))

    def value(self) -> int:
        text = self.text().strip()
        return int(text) if text.isdigit() else 0

    def setValue(self, value: int) -> None:
        self.setText(str(value) if value > 0 else "")


class WritingPanel(QWidget):
    finding_activated = Signal(object)  # Finding
    heading_activated = Signal(int)  # block number in the editor
    goal_changed = Signal(int)  # words; 0 for none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("writingPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.summary = QLabel("No story open")
        self.summary.setObjectName("writingSummary")
        self.summary.setWordWrap(True)
        self.paragraph = QLabel()
        self.paragraph.setObjectName("paragraphReadability")
        self.paragraph.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addWidget(self.paragraph)

        goal_row = QHBoxLayout()
        goal_label = QLabel("Word goal:")
        self.goal = GoalField()
        self.goal.setObjectName("wordGoal")
        self.goal.setToolTip("How many words this story should have (kept on this computer); empty for none")
        goal_label.setBuddy(self.goal)
        self.progress = QProgressBar()
        self.progress.setObjectName("goalProgress")
        self.progress.setTextVisible(True)
        goal_row.addWidget(goal_label)
        goal_row.addWidget(self.goal)
        goal_row.addWidget(self.progress, 1)
        layout.addLayout(goal_row)
        self.goal.value_changed.connect(self._goal_edited)
        self._words = 0
        self._quiet = False

        split = QSplitter(Qt.Orientation.Vertical)
        self.findings = QTreeWidget()
        self.findings.setObjectName("writingFindings")
        self.findings.setHeaderHidden(True)
        self.findings.setRootIsDecorated(True)
        self.findings.setIndentation(12)
        self.findings.setWordWrap(True)
        self.findings.setUniformRowHeights(False)
        self.findings.itemActivated.connect(self._finding_clicked)
        self.findings.itemClicked.connect(self._finding_clicked)
        self.outline = QListWidget()
        self.outline.setObjectName("outline")
        self.outline.setToolTip("The story's headings: click one to go there")
        self.outline.itemActivated.connect(self._heading_clicked)
        self.outline.itemClicked.connect(self._heading_clicked)
        outline_box = QWidget()
        outline_layout = QVBoxLayout(outline_box)
        outline_layout.setContentsMargins(0, 4, 0, 0)
        outline_layout.addWidget(QLabel("Outline"))
        outline_layout.addWidget(self.outline)
        split.addWidget(self.findings)
        split.addWidget(outline_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        self._show_progress()

    # ------------------------------------------------------------------------------------ contents

    def clear(self, message: str = "No story open") -> None:
        self.summary.setText(message)
        self.paragraph.clear()
        self.findings.clear()
        self.outline.clear()

    def show_review(self, review: Review) -> None:
        r = review.readability
        self.summary.setText(f"<b>Readability:</b> {r.describe()}")
        self.summary.setToolTip(_explain(r))
        self.findings.clear()
        groups: dict[Category, QTreeWidgetItem] = {}
        for category in Category:
            items = [f for f in review.findings if f.category is category]
            if not items:
                continue
            blocking = sum(f.blocking for f in items)
            title = f"{category.label} ({len(items)})" + (f" — {blocking} blocking" if blocking else "")
            group = QTreeWidgetItem([title])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.findings.addTopLevelItem(group)
            groups[category] = group
            for f in items:
                where = "" if f.field == "body" else f"{FIELD_NAMES.get(f.field, f.field)}: "
                item = QTreeWidgetItem([f"{where}{f.message}"])
                item.setData(0, _ROLE, f)
                tip = f"{f.message}.\n{f.advice}" + ("\nHolds the story back." if f.blocking else "")
                item.setToolTip(0, tip)
                # What to change, on a line of its own under the finding (a narrow dock would cut it off).
                advice = QTreeWidgetItem([f"→ {f.advice}"])
                advice.setData(0, _ROLE, f)
                advice.setToolTip(0, tip)
                advice.setForeground(0, self.palette().placeholderText())
                item.addChild(advice)
                group.addChild(item)
                item.setExpanded(True)
            group.setExpanded(category in (Category.SPELLING, Category.REQUIRED, Category.BANNED) or len(items) < 8)
        if not review.findings:
            self.findings.addTopLevelItem(QTreeWidgetItem(["Nothing to change"]))

    def show_paragraph(self, r: Readability | None) -> None:
        self.paragraph.setText(f"<b>This paragraph:</b> {r.describe()}" if r is not None and r.words else "")
        self.paragraph.setToolTip(_explain(r) if r is not None else "")

    def set_outline(self, headings: Sequence[tuple[int, str, int]]) -> None:
        """(level, text, block number) of each heading."""
        self.outline.clear()
        for level, text, block in headings:
            item = QListWidgetItem("    " * (level - 1) + text)
            item.setData(_ROLE, block)
            self.outline.addItem(item)
        if not headings:
            item = QListWidgetItem("No headings (## Heading)")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.outline.addItem(item)

    def finding_items(self) -> list[QTreeWidgetItem]:
        """One item per finding (its advice is the item's child)."""
        out = []
        for i in range(self.findings.topLevelItemCount()):
            group = self.findings.topLevelItem(i)
            out += [group.child(j) for j in range(group.childCount())]
        return out

    # ------------------------------------------------------------------------------------ goal

    def set_goal(self, goal: int) -> None:
        self._quiet = True
        self.goal.setValue(goal)
        self._quiet = False
        self._show_progress()

    def set_words(self, words: int) -> None:
        self._words = words
        self._show_progress()

    def _goal_edited(self, value: int) -> None:
        self._show_progress()
        if not self._quiet:
            self.goal_changed.emit(value)

    def _show_progress(self) -> None:
        goal = self.goal.value()
        self.progress.setVisible(goal > 0)
        if goal:
            self.progress.setRange(0, goal)
            self.progress.setValue(min(self._words, goal))
            left = goal - self._words
            self.progress.setFormat(f"{self._words:,} of {goal:,}" + (f" ({left:,} to go)" if left > 0 else " ✓"))

    # ------------------------------------------------------------------------------------ clicks

    def _finding_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, _ROLE)
        if isinstance(finding, Finding):
            self.finding_activated.emit(finding)

    def _heading_clicked(self, item: QListWidgetItem) -> None:
        block = item.data(_ROLE)
        if isinstance(block, int):
            self.heading_activated.emit(block)


def _explain(r: Readability | None) -> str:
    if r is None:
        return ""
    lines = [f"{r.words:,} words in {r.sentences:,} sentences: {r.words_per_sentence:.1f} words a sentence",
             f"{r.long_words:.0%} of the words have seven letters or more"]
    if r.flesch is not None:
        lines.append(f"Flesch reading ease {r.flesch:.0f} (0 hard … 100 easy; news aims at 60 or more)")
    else:
        lines.append("No Flesch formula is established for this language: judged by sentence and word length")
    return "\n".join(lines)
