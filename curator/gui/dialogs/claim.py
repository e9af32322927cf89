"""Marking a passage as a claim, or editing one: who claims it, the verdict, the public rationale readers see, a
private note and the sources as evidence."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from curator.domain.factcheck import Claim, Source, VerdictScale

NO_VERDICT = "— no verdict yet —"


@dataclass(frozen=True)
class ClaimInput:
    claimant: str
    verdict: str | None  # a key on the scale
    note: str
    evidence: tuple[int, ...]  # source ids
    public_rationale: str = ""


class ClaimDialog(QDialog):
    def __init__(
        self,
        text: str,
        scale: VerdictScale,
        sources: tuple[Source, ...],
        *,
        claim: Claim | None = None,
        claimant: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """``claimant``: offered for a new claim (the attribution in or next to the selection)."""
        super().__init__(parent)
        self.setObjectName("claimDialog")
        self.setWindowTitle("Edit Claim" if claim else "Mark Claim")
        self.resize(560, 480)
        layout = QVBoxLayout(self)
        passage = QLabel(f"“{' '.join(text.split())}”")
        passage.setObjectName("claimText")
        passage.setWordWrap(True)
        passage.setTextFormat(Qt.TextFormat.PlainText)
        passage.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(passage)
        form = QFormLayout()
        self.claimant = QLineEdit(claim.claimant if claim else claimant)
        self.claimant.setPlaceholderText("who makes the claim")
        form.addRow("&Claimant:", self.claimant)
        self.verdict = QComboBox()
        self.verdict.addItem(NO_VERDICT, None)
        for v in scale.verdicts:
            self.verdict.addItem(v.label, v.key)
        if claim is not None and claim.verdict is not None:
            index = self.verdict.findData(claim.verdict)
            self.verdict.setCurrentIndex(max(index, 0))
        form.addRow("&Verdict:", self.verdict)
        self.rationale = QPlainTextEdit(claim.public_rationale if claim else "")
        self.rationale.setObjectName("publicRationale")
        self.rationale.setPlaceholderText(
            "why the verdict, written for readers: published on the story page and in ClaimReview"
        )
        self.rationale.setFixedHeight(80)
        form.addRow("&Public rationale:", self.rationale)
        self.note = QPlainTextEdit(claim.note if claim else "")
        self.note.setPlaceholderText("how it was checked (for the desk only, never published)")
        self.note.setFixedHeight(64)
        form.addRow("Private &note:", self.note)
        self.evidence = QListWidget()
        self.evidence.setObjectName("evidence")
        linked = {e.source_id for e in claim.evidence} if claim else set()
        for source in sources:
            item = QListWidgetItem(f"{source.name} ({source.kind.label}, {source.status.label.lower()})")
            item.setData(Qt.ItemDataRole.UserRole, source.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if source.id in linked else Qt.CheckState.Unchecked)
            self.evidence.addItem(item)
        form.addRow("&Evidence:", self.evidence)
        layout.addLayout(form, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save Claim" if claim else "Mark Claim")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.claimant.setFocus()

    def set_verdict(self, key: str | None) -> None:
        self.verdict.setCurrentIndex(max(self.verdict.findData(key), 0))

    def check_source(self, source_id: int, checked: bool = True) -> None:
        for row in range(self.evidence.count()):
            item = self.evidence.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == source_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def value(self) -> ClaimInput:
        evidence = tuple(
            self.evidence.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.evidence.count())
            if self.evidence.item(r).checkState() == Qt.CheckState.Checked
        )
        return ClaimInput(
            self.claimant.text().strip(),
            self.verdict.currentData(),
            self.note.toPlainText(),
            evidence,
            self.rationale.toPlainText().strip(),
        )
