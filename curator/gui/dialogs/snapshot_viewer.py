"""A source's snapshot shown offline: a saved page, MHTML or WARC capture, image or text in a web view that makes no
network request, a PDF in Qt's PDF viewer; above it what was kept (file, SHA-256, capture time, address).

The web view has its own off-the-record profile, JavaScript off, and a request interceptor that refuses every URL
that is not ``data:``, ``about:`` or the one local file it was asked to show; the page itself carries a
Content-Security-Policy that allows only inline data. Links are never followed inside the viewer.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QStackedWidget, QVBoxLayout, QWidget

from curator.domain.factcheck import Source
from curator.factcheck.snapshots import SnapshotError, SnapshotKind, offline_page, read_snapshot

log = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset({"data", "about"})
# QtWebEngine's setHtml takes pages up to 2 MB; larger ones are written to a private temporary file.
SET_HTML_LIMIT = 1_500_000


def _web_classes() -> dict[str, Any]:
    from PySide6.QtWebEngineCore import (
        QWebEnginePage,
        QWebEngineProfile,
        QWebEngineSettings,
        QWebEngineUrlRequestInterceptor,
    )
    from PySide6.QtWebEngineWidgets import QWebEngineView

    class OfflineInterceptor(QWebEngineUrlRequestInterceptor):
        """Refuses every request but inline data and the one file shown."""

        def __init__(self, parent: Any = None) -> None:
            super().__init__(parent)
            self.refused: list[str] = []
            self.allowed_file: QUrl | None = None

        def interceptRequest(self, info: Any) -> None:
            url = info.requestUrl()
            scheme = url.scheme().lower()
            if scheme in ALLOWED_SCHEMES:
                return
            if (
                scheme == "file"
                and self.allowed_file is not None
                and url.matches(self.allowed_file, QUrl.UrlFormattingOption.RemoveFragment)
            ):
                return
            self.refused.append(url.toString())
            info.block(True)

    class OfflinePage(QWebEnginePage):
        def acceptNavigationRequest(self, url: QUrl | str, kind: Any, is_main_frame: bool) -> bool:
            url = QUrl(url)
            # Only the first load of the page itself; clicked links and redirects go nowhere.
            return kind != QWebEnginePage.NavigationType.NavigationTypeLinkClicked and (
                url.scheme().lower() in ALLOWED_SCHEMES or url.scheme().lower() == "file"
            )

    return {
        "Interceptor": OfflineInterceptor,
        "Page": OfflinePage,
        "Profile": QWebEngineProfile,
        "Settings": QWebEngineSettings,
        "View": QWebEngineView,
    }


class SnapshotViewer(QDialog):
    loaded = Signal(bool)  # the page (or PDF) finished loading

    def __init__(self, source: Source, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("snapshotViewer")
        snap = source.snapshot
        filename = snap.filename if snap is not None else "snapshot"
        self.setWindowTitle(f"Snapshot of {source.name}")
        self.resize(1000, 760)
        self.interceptor: Any = None
        self.view: Any = None
        self.pdf_view: Any = None
        self._temp: tempfile.TemporaryDirectory[str] | None = None
        self._buffer: QBuffer | None = None
        layout = QVBoxLayout(self)
        info = read_snapshot(filename, data)
        lines = [f"<b>{_html(source.name)}</b> — {_html(info.kind.label)}: {_html(filename)} ({len(data):,} bytes)"]
        if snap is not None:
            captured = snap.retrieved_at.strftime("%Y-%m-%d %H:%M UTC") if snap.retrieved_at else "unknown"
            lines.append(f"Captured {captured} · kept {snap.stored_at:%Y-%m-%d %H:%M UTC}")
            lines.append(f"SHA-256 <code>{snap.sha256}</code> (checked: unchanged since it was attached)")
        if info.original_url:
            lines.append(f"From {_html(info.original_url)} — shown offline; nothing is loaded from the network")
        else:
            lines.append("Shown offline; nothing is loaded from the network")
        header = QLabel("<br>".join(lines))
        header.setObjectName("snapshotInfo")
        header.setTextFormat(Qt.TextFormat.RichText)
        header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.setWordWrap(True)
        layout.addWidget(header)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if info.kind is SnapshotKind.PDF:
            self._show_pdf(data)
        else:
            try:
                page = offline_page(filename, data)
            except SnapshotError as exc:
                self._show_message(str(exc))
            else:
                self._show_page(page)

    # ------------------------------------------------------------------------------------------- kinds

    def _show_message(self, text: str) -> None:
        label = QLabel(text)
        label.setObjectName("snapshotMessage")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        self.stack.addWidget(label)
        self.loaded.emit(False)

    def _show_page(self, page: str) -> None:
        web = _web_classes()
        self._profile = web["Profile"](self)  # no storage name: off the record, nothing written to disk
        self._profile.setHttpCacheType(web["Profile"].HttpCacheType.NoCache)
        self._profile.setPersistentCookiesPolicy(web["Profile"].PersistentCookiesPolicy.NoPersistentCookies)
        self.interceptor = web["Interceptor"](self._profile)
        self._profile.setUrlRequestInterceptor(self.interceptor)
        self.view = web["View"](self)
        self.view.setObjectName("snapshotView")
        self._page = web["Page"](self._profile, self.view)
        settings = self._page.settings()
        attr = web["Settings"].WebAttribute
        for attribute, on in (
            (attr.JavascriptEnabled, False),
            (attr.LocalContentCanAccessRemoteUrls, False),
            (attr.LocalContentCanAccessFileUrls, False),
            (attr.PluginsEnabled, False),
            (attr.AutoLoadIconsForPage, False),
            (attr.DnsPrefetchEnabled, False),
            (attr.PdfViewerEnabled, False),
        ):
            settings.setAttribute(attribute, on)
        self._page.loadFinished.connect(self.loaded)
        self.view.setPage(self._page)
        self.stack.addWidget(self.view)
        encoded = page.encode("utf-8")
        if len(encoded) <= SET_HTML_LIMIT:
            self._page.setHtml(page, QUrl("about:blank"))
        else:
            self._temp = tempfile.TemporaryDirectory(prefix="curator-snapshot-")
            path = Path(self._temp.name) / "snapshot.html"
            path.write_bytes(encoded)
            url = QUrl.fromLocalFile(str(path))
            self.interceptor.allowed_file = url
            self._page.load(url)

    def _show_pdf(self, data: bytes) -> None:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self._document = QPdfDocument(self)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._document.load(self._buffer)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setObjectName("snapshotPdf")
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_view.setDocument(self._document)
        self.stack.addWidget(self.pdf_view)
        self.loaded.emit(self._document.status() == QPdfDocument.Status.Ready)

    # ------------------------------------------------------------------------------------------- closing

    def done(self, result: int) -> None:
        self._release()
        super().done(result)

    def _release(self) -> None:
        if self.view is not None:
            import shiboken6

            # Page, then view, then profile: QtWebEngine wants every page gone before its profile.
            page, view, profile = self._page, self.view, self._profile
            self.view = None
            self._page.loadFinished.disconnect(self.loaded)
            shiboken6.delete(page)
            shiboken6.delete(view)
            shiboken6.delete(profile)
        if self._temp is not None:
            self._temp.cleanup()
            self._temp = None


def _html(text: str) -> str:
    from html import escape

    return escape(text)
