"""The fact-check panel: a story's claims, orphaned claims, attributions, quotations and sources with their
status, and a small form to set a verdict or a verification status with a note.

A source lists its mentions (the attributions and quotations that credit it) under it: verifying the source
verifies its attributions at once, and each mention can still be opened and checked on its own. A source can be
renamed, merged into another, listed on the public page, and kept as evidence with a snapshot."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.domain.factcheck import Claim, FactCheck, Finding, Source, Verification, summarise

KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
TEXT_ROLE = Qt.ItemDataRole.UserRole + 2
MENTION_ROLE = Qt.ItemDataRole.UserRole + 3  # a mention listed under its source

# Colours by tone, (light theme, dark theme): verdicts ("good" … "none") and verification statuses.
TONES: dict[str, tuple[str, str]] = {
    "good": ("#1e7a3c", "#6dd58c"),
    "mixed": ("#a35f00", "#f2b450"),
    "bad": ("#b3261e", "#f28b82"),
    "other": ("#6a4fb3", "#b9a4ff"),
    "none": ("#2a5db0", "#8ab4f8"),
    "orphan": ("#6b7075", "#9aa0a6"),
}
STATUS_TONES = {
    Verification.VERIFIED: "good",
    Verification.DISPUTED: "bad",
    Verification.UNREACHABLE: "mixed",
    Verification.UNVERIFIED: "none",
}
GROUPS = (
    ("claim", "Claims"),
    ("orphan", "Orphaned claims"),
    ("attribution", "Attributions"),
    ("quote", "Quotations"),
    ("source", "Sources"),
)


def tone_color(tone: str, dark: bool) -> QColor:
    light_hex, dark_hex = TONES.get(tone, TONES["other"])
    return QColor(dark_hex if dark else light_hex)


def _clip(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class FactCheckPanel(QWidget):
    activated = Signal(str, int)  # kind, id: show the item in the editor
    mark_requested = Signal()
    refresh_requested = Signal()
    verdict_requested = Signal(int, object, str)  # claim id, verdict key or None, note
    status_requested = Signal(str, int, str, str)  # kind ("source", "attribution", "quote"), id, status, note
    edit_claim_requested = Signal(int)
    delete_claim_requested = Signal(int)
    add_source_requested = Signal()  # from the editor's selection
    public_requested = Signal(int, bool)  # source id, listed on the public page
    rename_source_requested = Signal(int)
    merge_source_requested = Signal(int)
    attach_snapshot_requested = Signal(int)
    view_snapshot_requested = Signal(int)
    palette_changed = Signal()  # the theme changed: colours to redraw

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("factCheckPanel")
        self.check: FactCheck | None = None
        self._gone: set[int] = set()  # claims whose text is gone from the editor (not saved yet)
        self._icons: dict[str, QIcon] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        self.summary = QLabel("No story open")
        self.summary.setObjectName("factCheckSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.mark_button = QPushButton("Mark Claim…")
        self.mark_button.setToolTip("Mark the selected text in the editor as a claim (Ctrl+Shift+M)")
        self.mark_button.clicked.connect(self.mark_requested)
        self.add_source_button = QPushButton("Add Source…")
        self.add_source_button.setObjectName("addSourceButton")
        self.add_source_button.setToolTip(
            "Add the selected text as an attribution the detector missed, crediting a source (Ctrl+Shift+A)"
        )
        self.add_source_button.clicked.connect(self.add_source_requested)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setToolTip("Find attributions and quotations in the saved text again")
        self.refresh_button.clicked.connect(self.refresh_requested)
        buttons.addWidget(self.mark_button)
        buttons.addWidget(self.add_source_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.tree = QTreeWidget()
        self.tree.setObjectName("factCheckTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Item", "Status"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIconSize(QSize(10, 10))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.tree.currentItemChanged.connect(lambda item, _prev: self._show_form(item))
        layout.addWidget(self.tree, 1)
        self.groups: dict[str, QTreeWidgetItem] = {}
        for key, title in GROUPS:
            group = QTreeWidgetItem([title, ""])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            self.groups[key] = group

        # The form for the item chosen: a verdict or a status, a note.
        self.form = QWidget()
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        self.form_title = QLabel()
        self.form_title.setWordWrap(True)
        self.form_title.setTextFormat(Qt.TextFormat.PlainText)
        form.addWidget(self.form_title)
        row = QHBoxLayout()
        self.choice = QComboBox()
        self.choice.setObjectName("factCheckChoice")
        self.choice.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.apply_button = QPushButton("Apply")
        self.apply_button.setObjectName("factCheckApply")
        self.apply_button.clicked.connect(self._apply)
        row.addWidget(self.choice, 1)
        row.addWidget(self.apply_button)
        form.addLayout(row)
        self.note = QLineEdit()
        self.note.setObjectName("factCheckNote")
        self.note.setPlaceholderText("Note (how it was checked)")
        self.note.returnPressed.connect(self._apply)
        form.addWidget(self.note)
        claim_row = QHBoxLayout()
        self.edit_button = QPushButton("Claimant && Evidence…")
        self.edit_button.clicked.connect(lambda: self._emit_claim(self.edit_claim_requested))
        self.delete_button = QPushButton("Delete Claim")
        self.delete_button.clicked.connect(lambda: self._emit_claim(self.delete_claim_requested))
        claim_row.addWidget(self.edit_button)
        claim_row.addWidget(self.delete_button)
        claim_row.addStretch(1)
        form.addLayout(claim_row)
        # For a source: the public page, its names, its snapshot.
        self.public_box = QCheckBox("List on the story's public page")
        self.public_box.setObjectName("sourcePublic")
        self.public_box.setToolTip("Readers see its name and web address, never its status or note")
        self.public_box.clicked.connect(self._public_clicked)
        form.addWidget(self.public_box)
        source_row = QHBoxLayout()
        self.rename_button = QPushButton("Rename…")
        self.rename_button.clicked.connect(lambda: self._emit_source(self.rename_source_requested))
        self.merge_button = QPushButton("Merge Into…")
        self.merge_button.setToolTip("The same body under two names: fold this source into another")
        self.merge_button.clicked.connect(lambda: self._emit_source(self.merge_source_requested))
        self.attach_button = QPushButton("Attach Snapshot…")
        self.attach_button.setToolTip("Keep a saved copy (page, MHTML, WARC, PDF or image) in the library as evidence")
        self.attach_button.clicked.connect(lambda: self._emit_source(self.attach_snapshot_requested))
        self.view_button = QPushButton("View Snapshot")
        self.view_button.setObjectName("viewSnapshot")
        self.view_button.clicked.connect(lambda: self._emit_source(self.view_snapshot_requested))
        # Two short rows, so the panel stays narrow beside the editor on a laptop screen.
        snapshot_row = QHBoxLayout()
        for button_row, pair in (
            (source_row, (self.rename_button, self.merge_button)),
            (snapshot_row, (self.attach_button, self.view_button)),
        ):
            for button in pair:
                button_row.addWidget(button)
            button_row.addStretch(1)
            form.addLayout(button_row)
        self._source_widgets = (
            self.public_box,
            self.rename_button,
            self.merge_button,
            self.attach_button,
            self.view_button,
        )
        layout.addWidget(self.form)
        self.form.setEnabled(False)
        self._current: tuple[str, int] | None = None

    # ------------------------------------------------------------------------------------ showing

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._icons.clear()
            self.palette_changed.emit()

    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def _icon(self, tone: str) -> QIcon:
        key = f"{tone}:{self._dark()}"
        if key not in self._icons:
            pixmap = QPixmap(20, 20)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(tone_color(tone, self._dark()))
            painter.drawEllipse(2, 2, 16, 16)
            painter.end()
            self._icons[key] = QIcon(pixmap)
        return self._icons[key]

    @property
    def gone(self) -> frozenset[int]:
        """The claims shown as orphans because unsaved edits removed their text."""
        return frozenset(self._gone)

    def clear(self, message: str = "No story open") -> None:
        self.check = None
        self._gone = set()
        for group in self.groups.values():
            group.takeChildren()
            group.setText(0, group.text(0).split(" (")[0])
        self.summary.setText(message)
        self._show_form(None)

    def show_check(self, check: FactCheck, gone: set[int] | None = None) -> None:
        """Show a story's fact check; ``gone``: claims whose text the unsaved edits deleted (shown as orphans)."""
        current = self._current
        expanded = {k: g.isExpanded() for k, g in self.groups.items()} if self.check is not None else None
        self.check = check
        self._gone = set(gone or ())
        self.tree.setUpdatesEnabled(False)
        try:
            for group in self.groups.values():
                group.takeChildren()
            scale = check.scale
            for claim in check.claims:
                orphan = claim.orphaned or claim.id in self._gone
                if orphan:
                    status, tone = "Text gone", "orphan"
                else:
                    status = claim.verdict_label if claim.verdict else "No verdict"
                    if claim.text_changed:
                        status += " (edited since)"
                    tone = scale.tone(claim.verdict)
                self._add("orphan" if orphan else "claim", claim.id, claim.text, status, tone, self._claim_tip(claim))
            for finding in check.findings:
                kind = finding.kind.value
                self._add(
                    kind,
                    finding.id,
                    finding.text,
                    finding.status.label,
                    STATUS_TONES[finding.status],
                    self._finding_tip(finding),
                )
            for source in check.sources:
                marks = [source.kind.label.lower()]
                if source.public:
                    marks.append("public")
                if source.snapshot is not None:
                    marks.append("snapshot")
                label = f"{source.name} ({', '.join(marks)})"
                tone = STATUS_TONES[source.status]
                item = self._add("source", source.id, label, source.status.label, tone, self._source_tip(source))
                # Its mentions, each openable on its own.
                for finding in check.mentions(source.id):
                    mention = self._child(
                        item,
                        finding.kind.value,
                        finding.id,
                        f"“{finding.text}”",
                        finding.status.label,
                        STATUS_TONES[finding.status],
                        self._finding_tip(finding),
                    )
                    mention.setData(0, MENTION_ROLE, True)
                item.setExpanded(True)
            for key, group in self.groups.items():
                title = dict(GROUPS)[key]
                group.setText(0, f"{title} ({group.childCount()})")
                group.setHidden(key == "orphan" and group.childCount() == 0)
                group.setExpanded(expanded[key] if expanded is not None else True)
        finally:
            self.tree.setUpdatesEnabled(True)
        open_items = list(check.open_items)
        phrases = summarise(open_items)
        extra = len(self._gone - {c.id for c in check.orphans})
        if extra:
            phrases.append(f"{extra} claim{'s' if extra != 1 else ''} deleted in unsaved edits")
        self.summary.setText("Open: " + ", ".join(phrases) if phrases else "Nothing open: every item is checked.")
        if current is not None:
            self.select(*current)
        else:
            self._show_form(None)

    def _add(self, group: str, item_id: int, text: str, status: str, tone: str, tip: str) -> QTreeWidgetItem:
        kind = "claim" if group == "orphan" else group
        return self._child(self.groups[group], kind, item_id, text, status, tone, tip)

    def _child(
        self, parent: QTreeWidgetItem, kind: str, item_id: int, text: str, status: str, tone: str, tip: str
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem([_clip(text), status])
        item.setIcon(0, self._icon(tone))
        item.setData(0, KIND_ROLE, kind)
        item.setData(0, ID_ROLE, item_id)
        item.setData(0, TEXT_ROLE, text)
        item.setToolTip(0, tip)
        item.setToolTip(1, tip)
        item.setForeground(1, tone_color(tone, self._dark()))
        parent.addChild(item)
        return item

    @staticmethod
    def _claim_tip(claim: Claim) -> str:
        lines = [claim.text]
        if claim.claimant:
            lines.append(f"Claimant: {claim.claimant}")
        if claim.verdict:
            lines.append(f"Verdict: {claim.verdict_label}" + (f" ({claim.checked_by})" if claim.checked_by else ""))
        if claim.note:
            lines.append(f"Note: {claim.note}")
        if claim.evidence:
            lines.append("Evidence: " + ", ".join(e.source_name for e in claim.evidence))
        return "\n".join(lines)

    @staticmethod
    def _finding_tip(finding: Finding) -> str:
        lines = [finding.text, f"{finding.kind.value.capitalize()}: {finding.pattern_label}"]
        if finding.source_name:
            lines.append(f"Source: {finding.source_name}")
        if finding.speaker and finding.speaker != finding.source_name:
            lines.append(f"Speaker: {finding.speaker}")
        if finding.note:
            lines.append(f"Note: {finding.note}")
        return "\n".join(lines)

    @staticmethod
    def _source_tip(source: Source) -> str:
        lines = [f"{source.name} ({source.kind.label})", f"Status: {source.status.label}"]
        if source.public:
            lines.append("Listed on the story's public page")
        if source.aliases:
            lines.append("Also answers to: " + ", ".join(source.aliases))
        if source.snapshot is not None:
            lines.append(f"Snapshot: {source.snapshot.filename} (SHA-256 {source.snapshot.sha256[:16]}…)")
        if source.url:
            lines.append(source.url)
        if source.note:
            lines.append(f"Note: {source.note}")
        lines.append(f"Credited {source.findings}× in the text; evidence for {source.evidence} claim(s)")
        return "\n".join(lines)

    # ------------------------------------------------------------------------------------ choosing

    def items(self, group: str) -> list[QTreeWidgetItem]:
        g = self.groups[group]
        return [child for i in range(g.childCount()) if (child := g.child(i)) is not None]

    def find_item(self, kind: str, item_id: int) -> QTreeWidgetItem | None:
        groups = ("claim", "orphan") if kind == "claim" else (kind,)
        for group in groups:
            for item in self.items(group):
                if item.data(0, ID_ROLE) == item_id:
                    return item
        return None

    def select(self, kind: str, item_id: int) -> None:
        item = self.find_item(kind, item_id)
        if item is not None:
            self.tree.setCurrentItem(item)
        else:
            self._show_form(None)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind = item.data(0, KIND_ROLE)
        if kind:
            self.activated.emit(kind, item.data(0, ID_ROLE))

    def _show_form(self, item: QTreeWidgetItem | None) -> None:
        kind = item.data(0, KIND_ROLE) if item is not None else None
        self.choice.clear()
        self.note.clear()
        if item is None or not kind or self.check is None:
            self._current = None
            self.form_title.setText("Choose an item to check it.")
            self.form.setEnabled(False)
            for w in (self.edit_button, self.delete_button, *self._source_widgets):
                w.setVisible(False)
            return
        item_id = item.data(0, ID_ROLE)
        self._current = (kind, item_id)
        self.form.setEnabled(True)
        is_claim = kind == "claim"
        for w in (self.edit_button, self.delete_button):
            w.setVisible(is_claim)
        for w in self._source_widgets:
            w.setVisible(kind == "source")
        if is_claim:
            claim = next(c for c in self.check.claims if c.id == item_id)
            self.form_title.setText(f"Claim: “{_clip(claim.text, 120)}”")
            self.choice.addItem("No verdict", None)
            for v in self.check.scale.verdicts:
                self.choice.addItem(v.label, v.key)
            self.choice.setCurrentIndex(max(self.choice.findData(claim.verdict), 0))
            self.note.setText(claim.note)
            self.note.setCursorPosition(0)
            return
        if kind == "source":
            source = self.check.source(item_id)
            assert source is not None
            title, status, note = f"Source: {source.name}", source.status, source.note
            self.public_box.setChecked(source.public)
            self.view_button.setEnabled(source.snapshot is not None)
            mentions = len(self.check.mentions(source.id))
            if mentions:
                title += f" — its status holds for its {mentions} mention{'s' if mentions != 1 else ''}"
        else:
            finding = next(f for f in self.check.findings if f.id == item_id)
            title, status, note = f"{kind.capitalize()}: “{_clip(finding.text, 120)}”", finding.status, finding.note
        self.form_title.setText(title)
        for verification in Verification:
            self.choice.addItem(verification.label, verification.value)
        self.choice.setCurrentIndex(max(self.choice.findData(status.value), 0))
        self.note.setText(note)
        self.note.setCursorPosition(0)

    def _apply(self) -> None:
        if self._current is None:
            return
        kind, item_id = self._current
        if kind == "claim":
            self.verdict_requested.emit(item_id, self.choice.currentData(), self.note.text())
        else:
            self.status_requested.emit(kind, item_id, self.choice.currentData(), self.note.text())

    def _public_clicked(self, checked: bool) -> None:
        if self._current is not None and self._current[0] == "source":
            self.public_requested.emit(self._current[1], checked)

    def _emit_source(self, signal: SignalInstance) -> None:
        if self._current is not None and self._current[0] == "source":
            signal.emit(self._current[1])

    def _emit_claim(self, signal: SignalInstance) -> None:
        if self._current is not None and self._current[0] == "claim":
            signal.emit(self._current[1])
