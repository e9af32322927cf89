"""Help → User Guide: the manual shipped with the app (``curator/resources/guide.md``, also ``docs/guide.md``),
rendered by the same Markdown pipeline as the stories and shown in a light text browser (no web engine needed)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

GUIDE = Path(__file__).resolve().parents[2] / "resources" / "guide.md"


def guide_html() -> str:
    from curator.render.markdown import render_markdown

    return render_markdown(GUIDE.read_text(encoding="utf-8"))


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(self.tr("Curator User Guide"))
        self.resize(760, 640)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName(self.tr("User guide"))
        self.browser.document().setDefaultStyleSheet(
            "table { border-collapse: collapse; } td, th { padding: 2px 8px; }"
        )
        self.browser.setHtml(guide_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
